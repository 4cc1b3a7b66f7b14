#version 330 core
// A quad on the floor (y = 0) under the figure, from six vertex ids.
uniform vec4 uRect;       // x0, z0, x1, z1 in world metres
uniform mat4 uViewProj;
out vec2 vLocal;          // -1..1 across the quad
void main() {
    const vec2 c[6] = vec2[](vec2(0, 0), vec2(1, 0), vec2(1, 1), vec2(0, 0), vec2(1, 1), vec2(0, 1));
    vec2 t = c[gl_VertexID];
    vLocal = t * 2.0 - 1.0;
    vec3 p = vec3(mix(uRect.x, uRect.z, t.x), 0.001, mix(uRect.y, uRect.w, t.y));
    gl_Position = uViewProj * vec4(p, 1.0);
}
