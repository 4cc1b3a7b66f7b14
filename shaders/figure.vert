#version 330 core
// The figure's vertices, skinned on the GPU exactly as body/skinPosition()
// does on the CPU: the breath delta in bind space first, then linear blend
// skinning with weights / 255. Region glow is gathered per vertex from the
// four region weights, so it spreads over a region with the atlas's soft
// borders.
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
    vec4 p = vec4(aPosition + uBreath * aBreathDelta, 1.0);
    vec3 world = vec3(0.0);
    vec3 n = vec3(0.0);
    for (int i = 0; i < 4; ++i) {
        float w = aJointWeights[i];
        mat4 m = uJoints[aJoints[i]];
        world += w * (m * p).xyz;
        n += w * (mat3(m) * aNormal);
    }
    vec3 glow = vec3(0.0);
    float amount = 0.0;
    for (int i = 0; i < 4; ++i) {
        vec4 g = uRegionGlow[aRegions[i]];
        glow += aRegionWeights[i] * g.rgb;
        amount += aRegionWeights[i] * g.a;
    }
    if (uInflate > 0.0 && dot(n, n) > 0.0) world += normalize(n) * uInflate;
    vWorld = world;
    vBind = aPosition;
    vNormal = n;
    vGlow = glow;
    vGlowAmount = amount;
    gl_Position = uViewProj * vec4(world, 1.0);
}
