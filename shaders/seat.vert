#version 330 core
// The seat under the seated figure: a static mesh already in world space.
layout(location = 0) in vec3 aPosition;
layout(location = 1) in vec3 aNormal;
uniform mat4 uViewProj;
out vec3 vWorld;
out vec3 vNormal;
void main() {
    vWorld = aPosition;
    vNormal = aNormal;
    gl_Position = uViewProj * vec4(aPosition, 1.0);
}
