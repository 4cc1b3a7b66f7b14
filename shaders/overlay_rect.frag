#version 330 core
// A rounded rectangle with an anti-aliased edge and an optional soft outer
// falloff (a backdrop that melts into the picture rather than a hard box).
in vec2 vPx;
out vec4 oColor;
uniform vec4 uBox;      // x, y, w, h of the box itself
uniform float uRadius;
uniform float uSoftness; // pixels of outer falloff; 1 = just anti-aliasing
uniform vec4 uColor;     // straight alpha
uniform vec4 uOutline;   // rgb + alpha of a 1.5 px inner outline
void main() {
    vec2 halfSize = uBox.zw * 0.5;
    vec2 q = abs(vPx - (uBox.xy + halfSize)) - halfSize + uRadius;
    float dist = length(max(q, 0.0)) + min(max(q.x, q.y), 0.0) - uRadius; // < 0 inside
    float fill = 1.0 - smoothstep(-0.5, max(uSoftness, 1.0) - 0.5, dist);
    float ring = (1.0 - smoothstep(-0.5, 0.5, abs(dist + 1.5) - 0.75)) * uOutline.a;
    vec3 rgb = mix(uColor.rgb, uOutline.rgb, ring);
    float a = max(fill * uColor.a, ring);
    oColor = vec4(rgb * a, a);
}
