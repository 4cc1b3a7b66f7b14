#version 330 core
// A soft, matte stool in the figure's own light: darker and warmer than the
// skin so the body stays what the eye rests on, with the same cool rim so
// it belongs to the same picture. uFade carries the seated pose's weight:
// it melts in and out with a pose change, never pops.
in vec3 vWorld;
in vec3 vNormal;
out vec4 oColor;
uniform vec3 uSeatColor;
uniform vec3 uRimColor;
uniform float uFade;
#include "lighting.glsl"
void main() {
    vec3 n = normalize(vNormal);
    vec3 v = normalize(uEye - vWorld);
    float ndv = clamp(dot(n, v), 0.0, 1.0);
    float fres = pow(1.0 - ndv, 3.0);
    vec3 c = uSeatColor * softLight(n) + uRimColor * fres * 0.5;
    // Nearly opaque in its middle, softer at its outline (no MSAA on
    // software renderers), and faded as a whole by the pose weight.
    float a = uFade * 0.92 * smoothstep(0.0, 0.15, ndv);
    oColor = vec4(toDisplay(c) * a, a);
}
