#version 330 core
// The figure's vertices skinned once a frame, into a buffer (transform
// feedback; nothing is rasterised): every view and every pass of the frame
// then draws from that buffer (figure.vert), so a stereo frame skins the
// figure once, not once per eye and pass. The same maths as
// body/skinPosition() on the CPU: the breath delta in bind space first, then
// linear blend skinning with weights / 255. Region glow is gathered per
// vertex from the four region weights, so it spreads over a region with the
// atlas's soft borders.
layout(location = 0) in vec3 aPosition;
layout(location = 1) in vec3 aNormal;
layout(location = 2) in vec3 aBreathDelta;
layout(location = 3) in uvec4 aJoints;
layout(location = 4) in vec4 aJointWeights;  // normalised bytes: weight / 255
layout(location = 5) in uvec4 aRegions;
layout(location = 6) in vec4 aRegionWeights; // normalised bytes

const int kMaxJoints = 64;
const int kMaxRegions = 64;
uniform mat4 uJoints[kMaxJoints];
uniform vec4 uRegionGlow[kMaxRegions]; // rgb = colour * intensity, a = intensity
uniform float uBreath;

// Captured in this order (render/Renderer.cpp, SkinnedVertex).
out vec3 tfWorld;
out vec3 tfNormal;
out vec4 tfGlow;  // rgb = colour * amount, a = amount
out vec3 tfBind;  // bind pose, figure space

void main() {
    vec4 p = vec4(aPosition + uBreath * aBreathDelta, 1.0);
    vec3 world = vec3(0.0);
    vec3 n = vec3(0.0);
    for (int i = 0; i < 4; ++i) {
        float w = aJointWeights[i];
        mat4 m = uJoints[aJoints[i]];
        world += w * (m * p).xyz;
        n += w * (mat3(m) * aNormal);
    }
    vec4 glow = vec4(0.0);
    for (int i = 0; i < 4; ++i) glow += aRegionWeights[i] * uRegionGlow[aRegions[i]];
    tfWorld = world;
    tfNormal = n;
    tfGlow = glow;
    tfBind = aPosition;
}
