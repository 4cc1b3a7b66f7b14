#version 330 core
// A soft contact shadow: the figure rests on something, it does not float.
in vec2 vLocal;
out vec4 oColor;
uniform float uStrength;
void main() {
    float r = length(vLocal);
    float a = uStrength * (1.0 - smoothstep(0.15, 1.0, r));
    oColor = vec4(0.0, 0.0, 0.0, a);
}
