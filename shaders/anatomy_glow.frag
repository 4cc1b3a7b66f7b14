#version 330 core
// A highlighted inner structure, added over the skin so it glows through
// it: brightest where the part faces the eye, soft at its outline.
in vec3 vWorld;
in vec3 vNormal;
in vec3 vGlow;
in float vGlowAmount;
out vec4 oColor;
uniform float uStrength;
#include "lighting.glsl"
void main() {
    vec3 n = normalize(vNormal);
    vec3 v = normalize(uEye - vWorld);
    float ndv = abs(dot(n, v));
    float soft = smoothstep(0.0, 0.7, ndv);
    oColor = vec4(vGlow * soft * uStrength, 0.0);
}
