#version 330 core
// A highlighted inner structure, added over the skin so it glows through
// it: brightest where the part faces the eye, soft at its outline.
in vec3 vWorld;
in vec3 vNormal;
in vec3 vGlow;
in float vGlowAmount;
out vec4 oColor;
// The same shader draws the skin's glow pass (Renderer pass 4: the skin
// a little larger, both sides, uRim > 0): its far side glows through the
// body as an inner part does, and the side facing the eye adds only a
// soft band at the outline, a halo that fades out at both edges.
uniform float uStrength;
uniform float uRim; // 0: an inner part
#include "lighting.glsl"
void main() {
    vec3 n = normalize(vNormal);
    vec3 v = normalize(uEye - vWorld);
    float ndv = abs(dot(n, v));
    float w = uStrength * smoothstep(0.0, 0.7, ndv);
    if (uRim > 0.0 && dot(n, v) > 0.0) w = uRim * smoothstep(0.0, 0.25, ndv) * (1.0 - smoothstep(0.25, 0.7, ndv));
    oColor = vec4(vGlow * w, 0.0);
}
