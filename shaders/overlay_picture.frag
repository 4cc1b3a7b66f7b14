#version 330 core
// A picture (straight-alpha RGBA, row 0 at the top) over a rectangle with
// rounded, anti-aliased corners.
in vec2 vPx;
out vec4 oColor;
uniform vec4 uBox;
uniform float uRadius;
uniform float uOpacity;
uniform sampler2D uPicture;
void main() {
    vec2 halfSize = uBox.zw * 0.5;
    vec2 q = abs(vPx - (uBox.xy + halfSize)) - halfSize + uRadius;
    float dist = length(max(q, 0.0)) + min(max(q.x, q.y), 0.0) - uRadius;
    float mask = 1.0 - smoothstep(-0.5, 0.5, dist);
    vec4 c = texture(uPicture, (vPx - uBox.xy) / uBox.zw);
    float a = c.a * mask * uOpacity;
    oColor = vec4(c.rgb * a, a);
}
