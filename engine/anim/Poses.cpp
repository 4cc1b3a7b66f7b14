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

// The order of model/Vocabulary poseIds().
enum PoseIndex {
    kSupine, kConstructiveRest, kSeated, kStanding,
    kSeatedLookLeft, kSeatedLookRight, kSeatedHandsChestBelly, kSeatedHandsHead,
    kPoseCount
};

// Hip flexion of constructive rest; the knee bend is fitted per figure.
constexpr float kRestHipFlexDeg = 52.0f;
// The seated head turn: about 52 degrees in all, the neck taking a little
// less than the head, as the cervical spine shares a turn.
constexpr float kLookNeckDeg = 23.0f, kLookHeadDeg = 29.0f;
// The seated pose's slight nod, at the neck.
constexpr float kSeatedNodDeg = 4.0f;

bool seatedFamily(int pose) { return pose == kSeated || pose >= kSeatedLookLeft; }

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
    case kSeatedHandsChestBelly: // the arms are fitted per figure (fitPoses)
    case kSeatedHandsHead:
        arms(24.0f, -22.0f, 48.0f); // hands resting towards the thighs
        p.local[kHipLeft] = p.local[kHipRight] = rx(-88.0f);
        p.local[kKneeLeft] = p.local[kKneeRight] = rx(88.0f);
        p.local[kNeck] = rx(kSeatedNodDeg);
        break;
    case kSeatedLookLeft:
    case kSeatedLookRight: {
        p = poseSpec(kSeated, kneeDeg);
        // A positive turn about y brings the face (+z) towards +x, the
        // figure's own left. The turn is about the chest's vertical, after
        // the nod, so the eyes stay level: the neck nods and turns its
        // share; the head, in the neck's nodded frame, adds the rest about
        // that same vertical.
        const float sign = pose == kSeatedLookLeft ? 1.0f : -1.0f;
        p.local[kNeck] = ry(sign * kLookNeckDeg) * rx(kSeatedNodDeg);
        p.local[kHead] = rx(-kSeatedNodDeg) * ry(sign * kLookHeadDeg) * rx(kSeatedNodDeg);
        break;
    }
    default: // standing
        arms(21.0f, 0.0f, 8.0f);
        break;
    }
    return p;
}

PoseSpec fittedSpec(const Figure& figure, int pose) {
    float knee = 105.0f;
    glm::vec3 offset(0.0f);
    const std::vector<glm::quat>* local = nullptr;
    if (size_t(pose) < figure.poseFits.size()) {
        const PoseFit& fit = figure.poseFits[size_t(pose)];
        knee = fit.kneeDeg > 0.0f ? fit.kneeDeg : knee;
        offset = fit.offset;
        if (fit.local.size() == size_t(kJointCount)) local = &fit.local;
    }
    PoseSpec p = poseSpec(pose, knee);
    p.offset = offset;
    if (local) std::copy(local->begin(), local->end(), p.local.begin());
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

// ---- Hands resting on the body -------------------------------------------
//
// A hand on the chest or the head has to land on this figure's surface: a
// broad chest reaches further forward than a slim one, so fixed angles
// would sink the palm into one and float it above the other. fitPoses
// places each palm with a little inverse kinematics: find the surface point
// on the seated pose's own skinned skin, lay the palm's plane on it, and
// bend shoulder, elbow and wrist to reach it.

// The shortest rotation taking unit vector a to unit vector b.
glm::quat turnBetween(const glm::vec3& a, const glm::vec3& b) {
    const float d = glm::dot(a, b);
    if (d < -0.9999f) {
        glm::vec3 axis = glm::cross(glm::vec3(1, 0, 0), a);
        if (glm::length(axis) < 1e-3f) axis = glm::cross(glm::vec3(0, 1, 0), a);
        return glm::angleAxis(3.14159265f, glm::normalize(axis));
    }
    return glm::normalize(glm::quat(1.0f + d, glm::cross(a, b)));
}

bool armJoint(int j) { return (j >= kShoulderLeft && j <= kHandLeft) || (j >= kShoulderRight && j <= kHandRight); }

int dominantJoint(const FigureVertex& v) {
    int best = 0;
    for (int k = 1; k < 4; ++k)
        if (v.jointWeights[k] > v.jointWeights[best]) best = k;
    return v.joints[best];
}

// The seated skin as drawn (without the hands and arms, which move), for
// finding where a palm lands.
struct PosedBody {
    std::vector<glm::vec3> position; // skinned, per skin vertex
    std::vector<std::uint32_t> triangles; // the triangles not carried by an arm
};

struct SurfacePoint {
    glm::vec3 position{0.0f};
    glm::vec3 normal{0.0f, 0.0f, 1.0f}; // outward, averaged over a palm's breadth
};

// Where a ray from inside the body first leaves its skin.
SurfacePoint surfaceAlong(const PosedBody& body, const glm::vec3& origin, const glm::vec3& dir, float palmRadiusM) {
    float best = 1e9f;
    for (size_t t = 0; t + 2 < body.triangles.size(); t += 3) {
        const glm::vec3 a = body.position[body.triangles[t]], b = body.position[body.triangles[t + 1]],
                        c = body.position[body.triangles[t + 2]];
        const glm::vec3 e1 = b - a, e2 = c - a, q = glm::cross(dir, e2);
        const float det = glm::dot(e1, q);
        if (std::abs(det) < 1e-12f) continue;
        const glm::vec3 o = origin - a;
        const float u = glm::dot(o, q) / det;
        if (u < 0.0f || u > 1.0f) continue;
        const glm::vec3 r = glm::cross(o, e1);
        const float v = glm::dot(dir, r) / det;
        if (v < 0.0f || u + v > 1.0f) continue;
        const float dist = glm::dot(e2, r) / det;
        if (dist > 0.0f && dist < best) best = dist;
    }
    SurfacePoint sp;
    if (best > 1e8f) {
        sp.position = origin;
        sp.normal = dir;
        return sp;
    }
    sp.position = origin + dir * best;
    // The normal the palm meets: the skin's, averaged over the palm's reach,
    // so one crease under the hand does not tip it.
    glm::vec3 n(0.0f);
    for (size_t t = 0; t + 2 < body.triangles.size(); t += 3) {
        const glm::vec3 a = body.position[body.triangles[t]], b = body.position[body.triangles[t + 1]],
                        c = body.position[body.triangles[t + 2]];
        if (glm::distance((a + b + c) / 3.0f, sp.position) < palmRadiusM) n += glm::cross(b - a, c - a);
    }
    sp.normal = glm::length(n) > 0.0f ? glm::normalize(n) : dir;
    return sp;
}

struct HandPlacement {
    bool left = true;
    int bodyJoint = kChest;    // the joint the aim is given in
    glm::vec3 inside{0.0f};    // bind space: a point inside the body the palm's centre lies over
    glm::vec3 outward{0, 0, 1}; // bind space: from there out through the skin
    glm::vec3 fingers{1, 0, 0}; // world: where the fingers point (laid flat on the surface)
    glm::vec3 pole{0, -1, 0};   // world: where the elbow points
    float clavicleDeg = 0.0f;   // how far the collarbone lifts the shoulder first
    float curlDeg = 0.0f;       // the fingers' bend towards the palm, to follow a rounded surface
};

// Rotations of shoulder, elbow and wrist that lay one palm flat on the body.
void placeHand(const Figure& figure, const PosedBody& body, const std::vector<glm::mat4>& m, const HandPlacement& h,
               std::array<glm::quat, kJointCount>& local) {
    const int sh = h.left ? kShoulderLeft : kShoulderRight, el = sh + 1, wr = sh + 2, hd = sh + 3, clav = sh - 1;
    const float scale = figure.desc.heightM / 1.72f;
    auto bind = [&](int j) { return figure.skeleton[size_t(j)].bindPosition; };

    // The hand in the bind pose: along the arm, the palm facing the body's
    // midline (body/BodyPlan builds it so).
    const glm::vec3 along = glm::normalize(bind(hd) - bind(wr));
    const glm::vec3 medial(h.left ? -1.0f : 1.0f, 0.0f, 0.0f);
    const glm::vec3 palm = glm::normalize(medial - along * glm::dot(medial, along));
    // The palm's plane: the furthest any of the hand's skin reaches towards
    // the palm side. Laid on the surface, the hand stays on its side of it
    // (but for the fingers' slight curl, which follows a rounded surface).
    float reach = -1e9f, middle = 0.0f;
    int count = 0;
    for (const FigureVertex& v : figure.skin.vertices) {
        const int j = dominantJoint(v);
        if (j != wr && j != hd) continue;
        reach = std::max(reach, glm::dot(v.position - bind(wr), palm));
        middle += glm::dot(v.position - bind(wr), along);
        ++count;
    }
    if (!count) return;
    middle /= float(count);
    const glm::vec3 contact = along * middle + palm * reach; // from the wrist, bind space

    // Where it lands.
    const glm::vec3 origin = glm::vec3(m[size_t(h.bodyJoint)] * glm::vec4(h.inside, 1.0f));
    const glm::vec3 dir = glm::normalize(glm::mat3(m[size_t(h.bodyJoint)]) * h.outward);
    const SurfacePoint s = surfaceAlong(body, origin, dir, 0.04f * scale);

    // The hand's turn: its bind frame onto the palm laid on the surface.
    const glm::vec3 inward = -s.normal;
    const glm::vec3 fingers = glm::normalize(h.fingers - s.normal * glm::dot(h.fingers, s.normal));
    const glm::mat3 bindFrame(along, palm, glm::cross(along, palm));
    const glm::mat3 worldFrame(fingers, inward, glm::cross(fingers, inward));
    const glm::quat gWrist = glm::normalize(glm::quat_cast(worldFrame * glm::transpose(bindFrame)));
    // Resting, the palm settles a millimetre or two into the skin: no
    // sliver of light between them.
    const float settleM = 0.002f * scale;
    const glm::vec3 wrist = s.position - s.normal * settleM - gWrist * contact;

    // Two bones, shoulder to elbow to wrist; the elbow swings towards the pole.
    const glm::vec3 shoulder = glm::vec3(m[size_t(sh)] * glm::vec4(bind(sh), 1.0f));
    const float l1 = glm::distance(bind(el), bind(sh)), l2 = glm::distance(bind(wr), bind(el));
    glm::vec3 toWrist = wrist - shoulder;
    const float d = std::clamp(glm::length(toWrist), std::abs(l1 - l2) + 1e-4f, l1 + l2 - 1e-4f);
    toWrist = glm::normalize(toWrist);
    const float a = (l1 * l1 - l2 * l2 + d * d) / (2.0f * d);
    const float r = std::sqrt(std::max(0.0f, l1 * l1 - a * a));
    const glm::vec3 bendTowards = glm::normalize(h.pole - toWrist * glm::dot(h.pole, toWrist));
    const glm::vec3 elbow = shoulder + toWrist * a + bendTowards * r;
    const glm::vec3 upperDir = glm::normalize(elbow - shoulder), foreDir = glm::normalize(wrist - elbow);

    // The elbow is a hinge: it bends the forearm towards the front of the
    // bind pose (where the thumb is), so the upper arm turns until that
    // front lies in the plane of the bend. The forearm then turns about its
    // own length (pronation) as far as the palm needs; as in the arm, where
    // the radius rolls over the ulna along the whole forearm, the turn is
    // shared by its two ends, elbow and wrist, so no one joint wrings the
    // skin.
    const glm::vec3 bindFront = glm::normalize(glm::vec3(0, 0, 1) - along * along.z);
    glm::vec3 bendDir = foreDir - upperDir * glm::dot(foreDir, upperDir);
    bendDir = glm::length(bendDir) > 1e-4f ? glm::normalize(bendDir) : bendTowards;
    const glm::mat3 upperWorld(upperDir, bendDir, glm::cross(upperDir, bendDir));
    const glm::mat3 upperBind(along, bindFront, glm::cross(along, bindFront));
    const glm::quat gShoulder = glm::normalize(glm::quat_cast(upperWorld * glm::transpose(upperBind)));
    const glm::quat bent = turnBetween(upperDir, foreDir) * gShoulder;
    const glm::quat rest = glm::inverse(bent) * gWrist;
    const glm::quat pronation = glm::normalize(glm::quat(rest.w, along * glm::dot(glm::vec3(rest.x, rest.y, rest.z), along)));
    const glm::quat gElbow = glm::normalize(bent * glm::slerp(glm::quat(1, 0, 0, 0), pronation, 0.6f));
    const glm::quat gClavicle = glm::normalize(glm::quat_cast(glm::mat3(m[size_t(clav)])));
    local[size_t(sh)] = glm::normalize(glm::inverse(gClavicle) * gShoulder);
    local[size_t(el)] = glm::normalize(glm::inverse(gShoulder) * gElbow);
    local[size_t(wr)] = glm::normalize(glm::inverse(gElbow) * gWrist);
    local[size_t(hd)] = glm::angleAxis(glm::radians(h.curlDeg), glm::cross(along, palm));
}

// The joint rotations of a seated pose whose hands rest on the body.
std::vector<glm::quat> fitHands(const Figure& figure, int pose) {
    PoseSpec p = poseSpec(pose, 0.0f);
    std::vector<glm::mat4> m;
    matricesFor(figure, p, m);
    PosedBody body;
    body.position.reserve(figure.skin.vertices.size());
    for (const auto& v : figure.skin.vertices) body.position.push_back(skinPosition(v, 0.0f, m));
    for (size_t t = 0; t + 2 < figure.skin.indices.size(); t += 3) {
        bool arm = false;
        for (int c = 0; c < 3; ++c) arm |= armJoint(dominantJoint(figure.skin.vertices[figure.skin.indices[t + c]]));
        if (arm) continue;
        for (int c = 0; c < 3; ++c) body.triangles.push_back(figure.skin.indices[t + c]);
    }

    const Landmarks& l = figure.landmarks;
    const float s = figure.desc.heightM / 1.72f;
    auto bind = [&](int j) { return figure.skeleton[size_t(j)].bindPosition; };
    std::vector<HandPlacement> hands(2);
    if (pose == kSeatedHandsChestBelly) {
        // Right hand on the sternum, fingers across towards the left
        // shoulder; left hand below the navel, fingers towards the right hip.
        hands[0].left = false;
        hands[0].bodyJoint = kChest;
        hands[0].inside = {0.0f, l.chest + 0.045f * s, bind(kChest).z};
        hands[0].fingers = {1.0f, 0.35f, 0.0f};
        hands[0].pole = {-1.0f, -1.6f, -0.3f};
        hands[0].curlDeg = 8.0f;
        hands[1].left = true;
        hands[1].bodyJoint = kSpineLower;
        hands[1].inside = {0.0f, l.navel - 0.03f * s, bind(kSpineLower).z};
        hands[1].fingers = {-1.0f, -0.25f, 0.0f};
        // The elbow out to the side rather than back: on its way from the
        // thigh the hand then rises clear of the lap.
        hands[1].pole = {1.5f, -1.0f, 0.0f};
        hands[1].curlDeg = 8.0f;
    } else {
        // Right hand on the forehead, fingers towards the left temple; left
        // hand cupping the back of the head, fingers towards the right ear.
        const float face = l.crown - l.chin;
        hands[0].left = false;
        hands[0].bodyJoint = kHead;
        hands[0].inside = {0.0f, l.chin + 0.70f * face, bind(kHead).z};
        hands[0].outward = {0.0f, 0.15f, 1.0f};
        hands[0].fingers = {1.0f, 0.3f, 0.0f};
        hands[0].pole = {-1.0f, -0.8f, 0.5f};
        hands[0].clavicleDeg = 12.0f;
        hands[0].curlDeg = 18.0f;
        hands[1].left = true;
        hands[1].bodyJoint = kHead;
        hands[1].inside = {0.0f, l.chin + 0.56f * face, bind(kHead).z};
        hands[1].outward = {0.0f, 0.1f, -1.0f};
        hands[1].fingers = {-1.0f, 0.45f, 0.0f};
        hands[1].pole = {1.0f, 0.0f, 1.0f};
        hands[1].clavicleDeg = 25.0f;
        hands[1].curlDeg = 22.0f;
    }
    for (const HandPlacement& h : hands) {
        // A hand raised to the head lifts the collarbone too (the shoulder
        // blade turns with the arm), which also spares the skin at the
        // armpit some of the shoulder's turn: linear blend skinning pinches
        // it when the upper arm alone rises this far.
        if (h.clavicleDeg != 0.0f) {
            p.local[h.left ? kClavicleLeft : kClavicleRight] = rz(h.left ? h.clavicleDeg : -h.clavicleDeg);
            matricesFor(figure, p, m);
        }
        placeHand(figure, body, m, h, p.local);
    }
    return std::vector<glm::quat>(p.local.begin(), p.local.end());
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

bool sitsOnSeat(std::string_view pose) { return isPose(pose) && seatedFamily(poseIndex(pose)); }

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

    fits[kSeatedHandsChestBelly].local = fitHands(figure, kSeatedHandsChestBelly);
    fits[kSeatedHandsHead].local = fitHands(figure, kSeatedHandsHead);

    for (int pose = 0; pose < kPoseCount; ++pose) {
        PoseSpec p = poseSpec(pose, fits[kConstructiveRest].kneeDeg);
        if (!fits[pose].local.empty()) std::copy(fits[pose].local.begin(), fits[pose].local.end(), p.local.begin());
        matricesFor(figure, p, m);
        skinnedBounds(figure, m, lo, hi);
        fits[pose].offset = glm::vec3(0.0f, -lo.y, -0.5f * (lo.z + hi.z));
    }
    // The seated variants sit where seated sits, on the same seat: a change
    // between them moves the head or the arms, never the body on its chair.
    for (int pose = kSeatedLookLeft; pose < kPoseCount; ++pose) fits[pose].offset = fits[kSeated].offset;
    return fits;
}

} // namespace soma
