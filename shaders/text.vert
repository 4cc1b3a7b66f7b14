#version 330 core
// Glyph quads in target pixels (origin top-left, y down) to clip space.
layout(location = 0) in vec2 aPos;
layout(location = 1) in vec2 aUv;
uniform vec2 uTargetSize;
out vec2 vUv;
void main() {
    vUv = aUv;
    vec2 ndc = vec2(aPos.x / uTargetSize.x * 2.0 - 1.0, 1.0 - aPos.y / uTargetSize.y * 2.0);
    gl_Position = vec4(ndc, 0.0, 1.0);
}
