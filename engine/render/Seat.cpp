#include "anim/Poses.h"
#include "render/Seat.h"

#include <glm/glm.hpp>

#include <algorithm>
#include <cmath>
#include <string_view>

namespace soma {
namespace {

int jointIndex(const Figure& f, std::string_view name) {
    for (size_t i = 0; i < f.skeleton.size(); ++i)
        if (f.skeleton[i].name == name) return int(i);
    return -1;
}

int dominantJoint(const FigureVertex& v) {
    int best = 0;
    for (int k = 1; k < 4; ++k)
        if (v.jointWeights[k] > v.jointWeights[best]) best = k;
    return v.joints[best];
}

// A point of a squircle (superellipse, exponent 4): a soft rectangle, calmer
// than a box and less plain than an oval.
glm::vec2 squircle(float a, float b, float theta) {
    const float c = std::cos(theta), s = std::sin(theta);
    auto f = [](float t) { return std::copysign(std::sqrt(std::abs(t)), t); };
    return {a * f(c), b * f(s)};
}

} // namespace

std::optional<SeatShape> seatFor(const Figure& figure) {
    const int pelvis = jointIndex(figure, "pelvis");
    const int hipL = jointIndex(figure, "hip_left"), hipR = jointIndex(figure, "hip_right");
    const int kneeL = jointIndex(figure, "knee_left"), kneeR = jointIndex(figure, "knee_right");
    if (pelvis < 0 || hipL < 0 || hipR < 0 || kneeL < 0 || kneeR < 0) return std::nullopt;
    std::vector<glm::mat4> m;
    poseMatrices(figure, "seated", "seated", 1.0f, m);
    auto world = [&](int j) { return glm::vec3(m[size_t(j)] * glm::vec4(figure.skeleton[size_t(j)].bindPosition, 1.0f)); };
    const glm::vec3 hip = (world(hipL) + world(hipR)) * 0.5f;
    const glm::vec3 knee = (world(kneeL) + world(kneeR)) * 0.5f;
    // The seat reaches a little past the middle of the thighs: far enough to
    // carry them, short of the calves that hang from the knees.
    const float frontZ = hip.z + 0.55f * (knee.z - hip.z);
    const float halfW = 0.5f * figure.landmarks.hipWidth + 0.03f * figure.desc.heightM / 1.72f;

    float lowest = 1e9f, backZ = 1e9f;
    for (const FigureVertex& v : figure.skin.vertices) {
        const int j = dominantJoint(v);
        if (j != pelvis && j != hipL && j != hipR) continue;
        const glm::vec3 p = skinPosition(v, 0.0f, m);
        if (std::abs(p.x) > halfW || p.z > frontZ) continue;
        lowest = std::min(lowest, p.y);
        if (p.y < hip.y) backZ = std::min(backZ, p.z);
    }
    if (lowest > 1e8f) return std::nullopt;
    const float s = figure.desc.heightM / 1.72f;
    SeatShape seat;
    // The body settles a centimetre into the cushion, so no sliver of
    // background shows between them.
    seat.heightM = std::max(0.05f, lowest + 0.012f * s);
    const float back = backZ - 0.02f * s;
    seat.halfDepthM = 0.5f * (frontZ - back);
    seat.halfWidthM = halfW;
    seat.centre = {hip.x, 0.0f, 0.5f * (frontZ + back)};
    return seat;
}

SeatMesh seatMesh(const SeatShape& seat) {
    constexpr int kAround = 64;
    const float rTop = std::min({0.035f, seat.heightM * 0.3f, seat.halfWidthM * 0.4f, seat.halfDepthM * 0.4f});
    const float rFoot = std::min(0.02f, rTop);
    constexpr float kFootNarrow = 0.9f; // the foot of the stool, relative to its top
    // The profile, from the centre of the floor to the centre of the top:
    // (inset from the outline, height).
    std::vector<glm::vec2> profile;
    profile.push_back({-1.0f, 0.0f}); // marker: bottom centre
    for (int i = 0; i <= 4; ++i) {
        const float phi = float(i) / 4.0f * 1.5707963f;
        profile.push_back({rFoot * (1.0f - std::sin(phi)), rFoot * (1.0f - std::cos(phi))});
    }
    for (int i = 0; i <= 6; ++i) {
        const float phi = float(i) / 6.0f * 1.5707963f;
        profile.push_back({rTop * (1.0f - std::cos(phi)), seat.heightM - rTop + rTop * std::sin(phi)});
    }
    profile.push_back({-2.0f, seat.heightM}); // marker: top centre

    SeatMesh mesh;
    const glm::vec3 c = seat.centre;
    std::vector<int> ringStart;
    for (const glm::vec2& pr : profile) {
        ringStart.push_back(int(mesh.vertices.size()));
        if (pr.x < 0.0f) {
            mesh.vertices.push_back({c + glm::vec3(0.0f, pr.y, 0.0f), {0.0f, 0.0f, 0.0f}});
            continue;
        }
        const float narrow = glm::mix(kFootNarrow, 1.0f, pr.y / seat.heightM);
        for (int k = 0; k < kAround; ++k) {
            const float theta = float(k) / kAround * 6.2831853f;
            const glm::vec2 q = squircle(seat.halfWidthM * narrow - pr.x, seat.halfDepthM * narrow - pr.x, theta);
            mesh.vertices.push_back({c + glm::vec3(q.x, pr.y, q.y), {0.0f, 0.0f, 0.0f}});
        }
    }
    auto tri = [&](int a, int b, int d) {
        mesh.indices.push_back(std::uint32_t(a));
        mesh.indices.push_back(std::uint32_t(b));
        mesh.indices.push_back(std::uint32_t(d));
    };
    const int rings = int(profile.size());
    for (int r = 0; r + 1 < rings; ++r) {
        const int a0 = ringStart[size_t(r)], b0 = ringStart[size_t(r) + 1];
        const bool aCentre = profile[size_t(r)].x < 0.0f, bCentre = profile[size_t(r) + 1].x < 0.0f;
        for (int k = 0; k < kAround; ++k) {
            const int k1 = (k + 1) % kAround;
            // Going round by +theta turns from +x towards +z; these orders
            // make every face counter-clockwise seen from outside.
            if (aCentre) tri(a0, b0 + k, b0 + k1);
            else if (bCentre) tri(a0 + k, b0, a0 + k1);
            else {
                tri(a0 + k, b0 + k1, a0 + k1);
                tri(a0 + k, b0 + k, b0 + k1);
            }
        }
    }
    // Smooth normals from the faces around each vertex; the rounded edges
    // have enough rings that the light turns softly over them.
    for (size_t t = 0; t + 2 < mesh.indices.size(); t += 3) {
        SeatVertex& a = mesh.vertices[mesh.indices[t]];
        SeatVertex& b = mesh.vertices[mesh.indices[t + 1]];
        SeatVertex& d = mesh.vertices[mesh.indices[t + 2]];
        const glm::vec3 n = glm::cross(b.position - a.position, d.position - a.position);
        a.normal += n;
        b.normal += n;
        d.normal += n;
    }
    for (SeatVertex& v : mesh.vertices) v.normal = glm::length(v.normal) > 0.0f ? glm::normalize(v.normal) : glm::vec3(0, 1, 0);
    return mesh;
}

float seatWeight(const BodyState& state) {
    if (state.fromPose.empty()) return sitsOnSeat(state.pose) ? 1.0f : 0.0f;
    const float t = std::clamp(state.poseBlend, 0.0f, 1.0f);
    float w = 0.0f;
    if (sitsOnSeat(state.pose)) w += t;
    if (sitsOnSeat(state.fromPose)) w += 1.0f - t;
    return std::clamp(w, 0.0f, 1.0f);
}

} // namespace soma
