#version 330 core
// One rectangle from six vertex ids; no vertex buffer.
uniform vec4 uRect;       // x, y, w, h in target pixels (origin top-left), already grown by the soft edge
uniform vec2 uTargetSize;
out vec2 vPx;             // this fragment's position in target pixels
void main() {
    const vec2 c[6] = vec2[](vec2(0, 0), vec2(1, 0), vec2(1, 1), vec2(0, 0), vec2(1, 1), vec2(0, 1));
    vec2 p = uRect.xy + c[gl_VertexID] * uRect.zw;
    vPx = p;
    gl_Position = vec4(p.x / uTargetSize.x * 2.0 - 1.0, 1.0 - p.y / uTargetSize.y * 2.0, 0.0, 1.0);
}
