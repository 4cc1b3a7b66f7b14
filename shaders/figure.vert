#version 330 core
// The figure's vertices as this frame's skinning left them
// (figure_skinning.vert), placed in one view.
layout(location = 0) in vec3 aWorld;
layout(location = 1) in vec3 aNormal;
layout(location = 2) in vec4 aGlow;  // rgb = colour * amount, a = amount
layout(location = 3) in vec3 aBind;

uniform mat4 uViewProj;
// Moves every vertex this far (m) along its normal: the far-side glow pass
// draws the skin a little larger, so a highlight also spreads a soft halo
// around its region. 0 for every other pass (a uniform's default).
uniform float uInflate;

out vec3 vWorld;
out vec3 vBind;   // bind pose, figure space: where a vertex is on the body, whatever the pose
out vec3 vNormal;
out vec3 vGlow;
out float vGlowAmount;

void main() {
    vec3 world = aWorld;
    if (uInflate > 0.0 && dot(aNormal, aNormal) > 0.0) world += normalize(aNormal) * uInflate;
    vWorld = world;
    vBind = aBind;
    vNormal = aNormal;
    vGlow = aGlow.rgb;
    vGlowAmount = aGlow.a;
    gl_Position = uViewProj * vec4(world, 1.0);
}
