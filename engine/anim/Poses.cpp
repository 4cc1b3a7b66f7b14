// The poses: per-joint rotations from the bind pose (standing, arms 30
// degrees out), a whole-body orientation, and the placement found by
// fitPoses. Blends slerp every rotation, so transitions are smooth.
#include "anim/Poses.h"

#include "body/BodyPlan.h"
#include "model/Vocabulary.h"

#include <glm/gtc/matrix_transform.hpp>
#include <glm/gtc/quaternion.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <map>
#include <mutex>
#include <tuple>

namespace soma {
namespace {

enum PoseIndex { kSupine, kConstructiveRest, kSeated, kStanding, kPoseCount };

// Hip flexion of constructive rest; the knee bend is fitted per figure.
constexpr float kRestHipFlexDeg = 52.0f;

struct PoseSpec {
    glm::quat world{1, 0, 0, 0};
    std::array<glm::quat, kJointCount> local;
    glm::vec3 offset{0.0f};
};

glm::quat rx(float deg) { return glm::angleAxis(glm::radians(deg), glm::vec3(1, 0, 0)); }
glm::quat ry(float deg) { return glm::angleAxis(glm::radians(deg), glm::vec3(0, 1, 0)); }
glm::quat rz(float deg) { return glm::angleAxis(glm::radians(deg), glm::vec3(0, 0, 1)); }

int poseIndex(std::string_view id) {
    const auto& ids = poseIds();
    for (size_t i = 0; i < ids.size(); ++i)
        if (ids[i] == id) return int(i);
    return kStanding;
}

// Angle conventions (bind frame, +x the figure's left, +z its front): a
// negative turn about x swings a hanging limb forward (hip or shoulder
// flexion), a positive one bends the knee; about z, negative brings the left
// arm in towards the body and positive the right.
PoseSpec poseSpec(int pose, float kneeDeg) {
    PoseSpec p;
    p.local.fill(glm::quat(1, 0, 0, 0));
    auto arms = [&](float adductDeg, float flexDeg, float elbowDeg) {
        p.local[kShoulderLeft] = rx(flexDeg) * rz(-adductDeg);
        p.local[kShoulderRight] = rx(flexDeg) * rz(adductDeg);
        p.local[kElbowLeft] = p.local[kElbowRight] = rx(-elbowDeg);
    };
    switch (pose) {
    case kSupine:
        p.world = rx(-90.0f); // head to -z, face up
        arms(15.0f, 6.0f, 6.0f); // arms beside the body, resting a little lower than the trunk
        p.local[kHipLeft] = ry(7.0f); // legs roll outwards a little, as they do when let go
        p.local[kHipRight] = ry(-7.0f);
        p.local[kAnkleLeft] = p.local[kAnkleRight] = rx(22.0f); // feet relaxed
        break;
    case kConstructiveRest: {
        p.world = rx(-90.0f);
        arms(18.0f, 6.0f, 8.0f);
        p.local[kHipLeft] = p.local[kHipRight] = rx(-kRestHipFlexDeg);
        p.local[kKneeLeft] = p.local[kKneeRight] = rx(kneeDeg);
        // The soles flat on the floor: the foot's turns cancel the body's.
        p.local[kAnkleLeft] = p.local[kAnkleRight] = rx(90.0f + kRestHipFlexDeg - kneeDeg);
        break;
    }
    case kSeated:
        arms(24.0f, -22.0f, 48.0f); // hands resting towards the thighs
        p.local[kHipLeft] = p.local[kHipRight] = rx(-88.0f);
        p.local[kKneeLeft] = p.local[kKneeRight] = rx(88.0f);
        p.local[kNeck] = rx(4.0f);
        break;
    default: // standing
        arms(21.0f, 0.0f, 8.0f);
        break;
    }
    return p;
}

PoseSpec fittedSpec(const Figure& figure, int pose) {
    float knee = 105.0f;
    glm::vec3 offset(0.0f);
    if (size_t(pose) < figure.poseFits.size()) {
        knee = figure.poseFits[pose].kneeDeg > 0.0f ? figure.poseFits[pose].kneeDeg : knee;
        offset = figure.poseFits[pose].offset;
    }
    PoseSpec p = poseSpec(pose, knee);
    p.offset = offset;
    return p;
}

void matricesFor(const Figure& figure, const PoseSpec& p, std::vector<glm::mat4>& out) {
    const size_t n = figure.skeleton.size();
    out.resize(n);
    std::vector<glm::mat4> global(n);
    for (size_t j = 0; j < n; ++j) {
        const Joint& joint = figure.skeleton[j];
        glm::quat r = j < p.local.size() ? p.local[j] : glm::quat(1, 0, 0, 0);
        if (joint.parent < 0) {
            global[j] = glm::translate(glm::mat4(1.0f), p.offset) * glm::mat4_cast(p.world) *
                        glm::translate(glm::mat4(1.0f), joint.bindPosition) * glm::mat4_cast(r);
        } else {
            const glm::vec3 rel = joint.bindPosition - figure.skeleton[joint.parent].bindPosition;
            global[j] = global[joint.parent] * glm::translate(glm::mat4(1.0f), rel) * glm::mat4_cast(r);
        }
        out[j] = global[j] * glm::translate(glm::mat4(1.0f), -joint.bindPosition);
    }
}

PoseSpec blend(const PoseSpec& a, const PoseSpec& b, float t) {
    PoseSpec p;
    p.world = glm::slerp(a.world, b.world, t);
    for (size_t j = 0; j < p.local.size(); ++j) p.local[j] = glm::slerp(a.local[j], b.local[j], t);
    p.offset = glm::mix(a.offset, b.offset, t);
    return p;
}

void skinnedBounds(const Figure& figure, const std::vector<glm::mat4>& m, glm::vec3& lo, glm::vec3& hi) {
    lo = glm::vec3(1e9f);
    hi = glm::vec3(-1e9f);
    for (const auto& v : figure.skin.vertices) {
        glm::vec3 p = skinPosition(v, 0.0f, m);
        lo = glm::min(lo, p);
        hi = glm::max(hi, p);
    }
}

} // namespace

Result<std::shared_ptr<const Figure>> loadFigure(const FigureDesc& desc) {
    static std::mutex mutex;
    static std::map<std::tuple<int, int, std::uint32_t>, std::shared_ptr<const Figure>> cache;
    std::uint32_t heightBits;
    std::memcpy(&heightBits, &desc.heightM, 4);
    const auto key = std::make_tuple(int(desc.build), desc.lod, heightBits);
    std::lock_guard lock(mutex);
    if (auto it = cache.find(key); it != cache.end()) return it->second;
    auto figure = scaledFigure(desc);
    if (!figure) return figure.error();
    auto f = std::make_shared<Figure>(std::move(*figure));
    f->poseFits = fitPoses(*f);
    std::shared_ptr<const Figure> out = f;
    cache[key] = out;
    return out;
}

void poseMatrices(const Figure& figure, std::string_view fromPose, std::string_view toPose, float blendT,
                  std::vector<glm::mat4>& out) {
    PoseSpec to = fittedSpec(figure, poseIndex(toPose));
    if (fromPose.empty() || blendT >= 1.0f) {
        matricesFor(figure, to, out);
        return;
    }
    PoseSpec from = fittedSpec(figure, poseIndex(fromPose));
    matricesFor(figure, blend(from, to, std::clamp(blendT, 0.0f, 1.0f)), out);
}

glm::vec3 skinPosition(const FigureVertex& v, float breath, const std::vector<glm::mat4>& matrices) {
    const glm::vec4 p(v.position + breath * v.breathDelta, 1.0f);
    glm::vec4 r(0.0f);
    for (int k = 0; k < 4; ++k)
        if (v.jointWeights[k]) r += (float(v.jointWeights[k]) / 255.0f) * (matrices[v.joints[k]] * p);
    return glm::vec3(r);
}

std::vector<PoseFit> fitPoses(const Figure& figure) {
    std::vector<PoseFit> fits(kPoseCount);
    if (figure.skeleton.size() != size_t(kJointCount) || figure.skin.vertices.empty()) return fits;
    std::vector<glm::mat4> m;
    glm::vec3 lo, hi;

    // Constructive rest lies like supine; bend the knees until the ankles sit
    // at their standing height above the floor, so the soles rest flat on it.
    matricesFor(figure, poseSpec(kSupine, 0.0f), m);
    skinnedBounds(figure, m, lo, hi);
    const float floorY = lo.y;
    const float ankleHeight = figure.skeleton[kAnkleLeft].bindPosition.y;
    float a = 60.0f, b = 150.0f;
    for (int i = 0; i < 40; ++i) {
        float mid = 0.5f * (a + b);
        matricesFor(figure, poseSpec(kConstructiveRest, mid), m);
        float ankleY = glm::vec3(m[kAnkleLeft] * glm::vec4(figure.skeleton[kAnkleLeft].bindPosition, 1.0f)).y - floorY;
        // More knee bend lowers the ankle.
        (ankleY > ankleHeight ? a : b) = mid;
    }
    fits[kConstructiveRest].kneeDeg = 0.5f * (a + b);

    for (int pose = 0; pose < kPoseCount; ++pose) {
        matricesFor(figure, poseSpec(pose, fits[kConstructiveRest].kneeDeg), m);
        skinnedBounds(figure, m, lo, hi);
        fits[pose].offset = glm::vec3(0.0f, -lo.y, -0.5f * (lo.z + hi.z));
    }
    return fits;
}

} // namespace soma
