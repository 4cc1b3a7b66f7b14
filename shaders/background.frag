#version 330 core
// A soft, dark vertical gradient with a faint warm glow behind the figure.
// Dithered so that 8-bit output shows no banding on large screens.
in vec2 vUv;
out vec4 oColor;
uniform vec3 uTop;
uniform vec3 uBottom;
uniform vec3 uGlow;
uniform vec2 uGlowCenter;   // in uv
uniform float uGlowRadius;  // in uv height units
uniform float uAspect;      // width / height

// Interleaved gradient noise: a dither without sin(), which software
// renderers pay dearly for on every pixel.
float hash(vec2 p) { return fract(52.9829189 * fract(dot(p, vec2(0.06711056, 0.00583715)))); }

void main() {
    vec3 c = mix(uBottom, uTop, smoothstep(0.0, 1.0, vUv.y));
    vec2 d = (vUv - uGlowCenter) * vec2(uAspect, 1.0);
    float g = exp(-dot(d, d) / max(uGlowRadius * uGlowRadius, 1e-4));
    c += uGlow * g;
    c += (hash(gl_FragCoord.xy) - 0.5) / 255.0;
    oColor = vec4(c, 1.0);
}
