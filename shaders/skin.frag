#version 330 core
// The skin: soft light, a cool rim where the surface turns away (fresnel),
// and a translucency that shows the anatomy inside through the middle of
// the body while the silhouette stays solid. A highlighted region glows
// warmly over its surface and becomes a little more opaque, so the glow is
// seen even where nothing lies beneath.
in vec3 vWorld;
in vec3 vNormal;
in vec3 vGlow;
in float vGlowAmount;
out vec4 oColor;
uniform vec3 uSkinColor;
uniform vec3 uRimColor;
uniform float uAlphaFacing; // alpha where the skin faces the eye
uniform float uAlphaEdge;   // alpha at the silhouette
#include "lighting.glsl"
void main() {
    vec3 n = normalize(vNormal);
    vec3 v = normalize(uEye - vWorld);
    float ndv = clamp(dot(n, v), 0.0, 1.0);
    float fres = pow(1.0 - ndv, 3.0);
    vec3 c = uSkinColor * softLight(n);
    // A soft specular sheen from the key, broad, never a hot spot.
    vec3 h = normalize(uKeyDir + v);
    c += uKeyColor * 0.06 * pow(clamp(dot(n, h), 0.0, 1.0), 24.0);
    c += uRimColor * fres;
    // The glow takes the region's own hue (vGlow / amount) and spreads with
    // the atlas weights; smoothstep softens its border further.
    float amount = clamp(vGlowAmount, 0.0, 1.0);
    float glow = smoothstep(0.0, 1.0, amount);
    vec3 hue = vGlow / max(vGlowAmount, 1e-3);
    c = mix(c, hue * (0.5 + 0.4 * ndv), glow * 0.7) + hue * glow * (0.3 + 0.35 * ndv);
    float a = mix(uAlphaFacing, uAlphaEdge, fres);
    a = mix(a, max(a, 0.8), glow * 0.8);
    // The last sliver of the silhouette fades out: edges stay soft without
    // multisampling (what software renderers run without).
    a *= smoothstep(0.0, 0.12, ndv);
    oColor = vec4(toDisplay(c) * a, a);
}
