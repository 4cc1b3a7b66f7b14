#version 330 core
// A flat rectangle in the world (a headset's caption panel): the unit
// square [-0.5, 0.5]^2 placed by uModel; no vertex buffer needed.
uniform mat4 uModel;
uniform mat4 uViewProj;
out vec2 vUv;
void main() {
    const vec2 corners[6] = vec2[](vec2(0, 0), vec2(1, 0), vec2(1, 1), vec2(0, 0), vec2(1, 1), vec2(0, 1));
    vec2 c = corners[gl_VertexID];
    vUv = c;
    gl_Position = uViewProj * uModel * vec4(c - 0.5, 0.0, 1.0);
}
