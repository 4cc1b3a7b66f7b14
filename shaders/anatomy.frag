#version 330 core
// The inner structures: matte, muted, a little darker than the skin, so
// they are present but quiet; a highlight makes them glow from within.
// Inside the head the layer fades out (by bind-space height, so it follows
// every pose): the top of the spine would otherwise mark the face. A
// highlighted part stays whole.
in vec3 vWorld;
in vec3 vBind;
in vec3 vNormal;
in vec3 vGlow;
in float vGlowAmount;
out vec4 oColor;
uniform vec3 uPartColor;
uniform vec2 uHeadFade; // bind-space y (m) where the layer starts and ends fading out
#include "lighting.glsl"
void main() {
    float glow = clamp(vGlowAmount, 0.0, 1.0);
    float keep = max(1.0 - smoothstep(uHeadFade.x, uHeadFade.y, vBind.y), glow);
    if (keep < 0.004) discard; // leaves no depth, so the skin there stays whole
    vec3 n = normalize(vNormal);
    vec3 v = normalize(uEye - vWorld);
    if (dot(n, v) < 0.0) n = -n; // thin parts (the diaphragm dome) are seen from both sides
    float ndv = clamp(dot(n, v), 0.0, 1.0);
    vec3 c = uPartColor * softLight(n) * 0.8;
    // Lit from within: the part takes the highlight's hue, brightest where
    // it faces the eye, softer at its outline.
    vec3 hue = vGlow / max(vGlowAmount, 1e-3);
    c = mix(c, hue * (0.3 + 0.45 * ndv), glow * 0.85);
    oColor = vec4(toDisplay(c) * keep, keep); // premultiplied; keep is 1 below the head
}
