#version 330 core
// Signed-distance-field glyphs: a crisp edge at any size, and a soft dark
// halo so captions stay readable on the gradient and the figure. Drawn in
// two passes over the same quads (all halos, then all glyphs), so one
// letter's halo never dims its neighbour.
in vec2 vUv;
out vec4 oColor;
uniform sampler2D uAtlas;
uniform vec4 uColor;       // straight alpha
uniform float uShadow;     // halo opacity
uniform float uEdge;       // distance value on the outline (0..1)
uniform float uBold;       // lowers the edge for small text, so thin stems survive
uniform vec2 uShadowShift; // in atlas uv
uniform int uPass;         // 0: halo, 1: glyph

float coverage(vec2 uv, float edge, float w) {
    return smoothstep(edge - w, edge + w, texture(uAtlas, uv).r);
}

void main() {
    if (uPass == 0) {
        float ds = texture(uAtlas, vUv - uShadowShift).r;
        float halo = smoothstep(uEdge * 0.25, uEdge, ds) * uShadow;
        oColor = vec4(0.0, 0.0, 0.0, halo);
        return;
    }
    // Four samples inside the pixel: small text keeps its thin stems
    // wherever they fall between pixel centres.
    float edge = uEdge - uBold;
    float w = max(fwidth(texture(uAtlas, vUv).r) * 0.5, 1e-3);
    vec2 dx = dFdx(vUv) * 0.3, dy = dFdy(vUv) * 0.3;
    float a = 0.25 * (coverage(vUv + dx + dy, edge, w) + coverage(vUv + dx - dy, edge, w) +
                      coverage(vUv - dx + dy, edge, w) + coverage(vUv - dx - dy, edge, w));
    a *= uColor.a;
    oColor = vec4(uColor.rgb * a, a); // premultiplied
}
