#version 330 core
// The panel's picture (an opaque render target's texture, row 0 at the
// bottom as GL keeps it), with rounded, soft corners, faded by uOpacity.
in vec2 vUv;
out vec4 oColor;
uniform sampler2D uPicture;
uniform float uOpacity;
uniform vec2 uSize;   // the panel in metres, for round corners
uniform float uRadius; // metres
void main() {
    vec2 p = vUv * uSize;
    vec2 q = abs(p - uSize * 0.5) - uSize * 0.5 + uRadius;
    float dist = length(max(q, 0.0)) + min(max(q.x, q.y), 0.0) - uRadius;
    float mask = 1.0 - smoothstep(-0.002, 0.002, dist);
    float a = mask * uOpacity;
    oColor = vec4(texture(uPicture, vUv).rgb * a, a);
}
