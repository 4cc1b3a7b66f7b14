#include "body/BodyPlan.h"

#include "model/RegionAtlas.h"

#include <glm/geometric.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace soma {
namespace {

// How a build differs from the average one: widths of the shoulder girdle,
// the pelvis and the waist, limb girth and torso depth. Heights stay; the
// client's height scales the whole figure later.
struct BuildFactors {
    float shoulders, hips, waist, girth, depth;
};

BuildFactors factorsFor(BodyBuild b) {
    switch (b) {
    case BodyBuild::Slim: return {0.92f, 0.93f, 0.88f, 0.87f, 0.90f};
    case BodyBuild::Broad: return {1.07f, 1.05f, 1.12f, 1.09f, 1.08f};
    case BodyBuild::Average: break;
    }
    return {1.0f, 1.0f, 1.0f, 1.0f, 1.0f};
}

glm::vec3 mirror(glm::vec3 p) { return {-p.x, p.y, p.z}; }

SdfPrimitive mirrored(SdfPrimitive s, int joint, int group) {
    s.a = mirror(s.a);
    s.b = mirror(s.b);
    if (s.kind == SdfPrimitive::Kind::Ellipsoid) {
        // Reflect the frame and keep it right-handed by flipping one axis.
        glm::mat3 m = s.axes;
        for (int c = 0; c < 3; ++c) m[c].x = -m[c].x;
        m[2] = -m[2];
        s.axes = m;
    }
    s.clip.x = -s.clip.x;
    s.joint = joint;
    s.group = group;
    return s;
}

constexpr std::uint32_t bit(int g) { return 1u << g; }

int reg(const char* id) {
    auto i = regionIndex(id);
    return i ? *i : 0;
}

} // namespace

float chainField(const std::vector<SdfPrimitive>& prims, const glm::vec3& p) {
    float acc = 1e9f;
    for (const auto& s : prims) {
        float d = s.distance(p);
        acc = s.subtract ? smoothMax(acc, -d, s.blend) : smoothMin(acc, d, s.blend);
    }
    return acc;
}

float BodyPlan::trunkAndLegsField(const glm::vec3& p) const {
    float group[kSkinGroupCount];
    std::fill(std::begin(group), std::end(group), 1e9f);
    for (const auto& s : skin)
        if (s.group != kArmLeft && s.group != kArmRight) group[s.group] = smoothMin(group[s.group], s.distance(p), s.blend);
    return std::min(smoothMin(group[kTorso], group[kLegLeft], limbAttach[kLegLeft]),
                    smoothMin(group[kTorso], group[kLegRight], limbAttach[kLegRight]));
}

float BodyPlan::skinField(const glm::vec3& p) const {
    float group[kSkinGroupCount];
    std::fill(std::begin(group), std::end(group), 1e9f);
    for (const auto& s : skin) {
        float d = s.distance(p);
        group[s.group] = smoothMin(group[s.group], d, s.blend);
    }
    float body = group[kTorso];
    for (int g = kArmLeft; g < kSkinGroupCount; ++g) body = std::min(body, smoothMin(group[kTorso], group[g], limbAttach[g]));
    return body;
}

glm::vec3 BodyPlan::skinGradient(const glm::vec3& p) const {
    const float e = 0.0005f;
    glm::vec3 g(skinField(p + glm::vec3(e, 0, 0)) - skinField(p - glm::vec3(e, 0, 0)),
                skinField(p + glm::vec3(0, e, 0)) - skinField(p - glm::vec3(0, e, 0)),
                skinField(p + glm::vec3(0, 0, e)) - skinField(p - glm::vec3(0, 0, e)));
    float l = glm::length(g);
    return l > 0.0f ? g / l : glm::vec3(0, 1, 0);
}

void BodyPlan::boneSegment(int joint, glm::vec3& a, glm::vec3& b) const {
    a = skeleton[joint].bindPosition;
    for (size_t c = joint + 1; c < skeleton.size(); ++c)
        if (skeleton[c].parent == joint) {
            b = skeleton[c].bindPosition;
            return;
        }
    // A leaf: continue the parent's direction a little.
    int p = skeleton[joint].parent;
    glm::vec3 dir = p >= 0 ? a - skeleton[p].bindPosition : glm::vec3(0, 1, 0);
    float l = glm::length(dir);
    b = a + (l > 0 ? dir / l : glm::vec3(0, 1, 0)) * 0.05f;
}

std::uint64_t BodyPlan::digest() const {
    // FNV-1a over the plan's numbers, field by field (no struct padding).
    std::uint64_t h = 1469598103934665603ull;
    auto mix = [&](const void* data, size_t n) {
        auto* c = static_cast<const unsigned char*>(data);
        for (size_t i = 0; i < n; ++i) {
            h ^= c[i];
            h *= 1099511628211ull;
        }
    };
    auto f = [&](float v) { mix(&v, sizeof v); };
    auto v3 = [&](const glm::vec3& v) { f(v.x); f(v.y); f(v.z); };
    auto i = [&](int v) { mix(&v, sizeof v); };
    auto prim = [&](const SdfPrimitive& s) {
        i(int(s.kind)); v3(s.a); v3(s.b); f(s.ra); f(s.rb);
        for (int c = 0; c < 3; ++c) v3(s.axes[c]);
        v3(s.radii); f(s.shell); f(s.clip.x); f(s.clip.y); f(s.clip.z); f(s.clip.w);
        i(s.joint); i(s.group); f(s.blend); i(s.subtract ? 1 : 0);
    };
    i(int(build));
    for (const auto& j : skeleton) { mix(j.name.data(), j.name.size()); i(j.parent); v3(j.bindPosition); }
    for (const auto& s : skin) prim(s);
    for (float a : limbAttach) f(a);
    for (const auto& c : cores) { i(c.region); v3(c.a); v3(c.b); i(int(c.groups)); }
    for (const auto& a : anatomy) {
        mix(a.region.data(), a.region.size());
        for (const auto& s : a.shape) prim(s);
        for (int j : a.joints) i(j);
        i(int(a.breath)); v3(a.centre); f(a.cellM); i(a.targetTriangles[0]); i(a.targetTriangles[1]);
    }
    return h;
}

BodyPlan makeBodyPlan(BodyBuild build) {
    const BuildFactors k = factorsFor(build);
    BodyPlan plan;
    plan.build = build;

    // ---- Skeleton (metres at 1.72 m; +x is the figure's own left) --------
    // Heights follow the classic canon of about 7.5 head heights: chin at
    // 1 - 1/7.5 of the height, shoulders at 0.82, navel at 0.60, crotch at
    // 0.47, knee joint at 0.285, ankle at 0.044.
    const glm::vec3 shoulderL(0.175f * k.shoulders, 1.372f, -0.012f);
    // Arms hang about 30 degrees out from the body in the bind pose, so the
    // skin under the arm is free and the weights stay clean.
    const glm::vec3 armDir = glm::normalize(glm::vec3(0.5f, -0.866f, -0.03f));
    const float upperArm = 0.295f, forearm = 0.255f;
    const glm::vec3 elbowL = shoulderL + armDir * upperArm;
    const glm::vec3 wristL = elbowL + armDir * forearm;
    const glm::vec3 handL = wristL + armDir * 0.095f;
    // Hip joints a little wider than anatomy has them and thighs a little
    // slimmer at the top, so the legs part cleanly below the crotch.
    const glm::vec3 hipL(0.094f * k.hips, 0.875f, 0.0f);
    const glm::vec3 kneeL(0.104f * k.hips, 0.490f, 0.008f);
    const glm::vec3 ankleL(0.112f * k.hips, 0.076f, -0.018f);
    const glm::vec3 toeL(0.122f * k.hips, 0.022f, 0.135f);

    auto joint = [&](const char* name, int parent, glm::vec3 p) { plan.skeleton.push_back({name, parent, p}); };
    joint("pelvis", -1, {0.0f, 0.930f, -0.010f});
    joint("spine_lower", kPelvis, {0.0f, 1.030f, -0.030f});
    joint("spine_mid", kSpineLower, {0.0f, 1.140f, -0.040f});
    joint("chest", kSpineMid, {0.0f, 1.270f, -0.040f});
    joint("neck", kChest, {0.0f, 1.420f, -0.030f});
    joint("head", kNeck, {0.0f, 1.545f, -0.012f});
    joint("clavicle_left", kChest, {0.025f, 1.395f, 0.025f});
    joint("shoulder_left", kClavicleLeft, shoulderL);
    joint("elbow_left", kShoulderLeft, elbowL);
    joint("wrist_left", kElbowLeft, wristL);
    joint("hand_left", kWristLeft, handL);
    joint("clavicle_right", kChest, mirror({0.025f, 1.395f, 0.025f}));
    joint("shoulder_right", kClavicleRight, mirror(shoulderL));
    joint("elbow_right", kShoulderRight, mirror(elbowL));
    joint("wrist_right", kElbowRight, mirror(wristL));
    joint("hand_right", kWristRight, mirror(handL));
    joint("hip_left", kPelvis, hipL);
    joint("knee_left", kHipLeft, kneeL);
    joint("ankle_left", kKneeLeft, ankleL);
    joint("toe_left", kAnkleLeft, toeL);
    joint("hip_right", kPelvis, mirror(hipL));
    joint("knee_right", kHipRight, mirror(kneeL));
    joint("ankle_right", kKneeRight, mirror(ankleL));
    joint("toe_right", kAnkleRight, mirror(toeL));

    // ---- Skin primitives ---------------------------------------------------
    auto& S = plan.skin;
    const float D = k.depth, g = k.girth;
    // Torso, neck and head: one chain, blended generously so no part shows.
    S.push_back(ellipsoid({0.0f, 0.910f, -0.012f}, {0.160f * k.hips, 0.108f, 0.108f * D}, kPelvis, kTorso, 0.0f));
    S.push_back(ellipsoid({0.066f * k.hips, 0.868f, -0.058f * D}, {0.088f * k.hips, 0.098f, 0.082f * D}, kPelvis, kTorso, 0.04f));
    S.push_back(ellipsoid({-0.066f * k.hips, 0.868f, -0.058f * D}, {0.088f * k.hips, 0.098f, 0.082f * D}, kPelvis, kTorso, 0.04f));
    S.push_back(ellipsoid({0.0f, 1.010f, 0.018f}, {0.133f * k.waist, 0.110f, 0.100f * D}, kSpineLower, kTorso, 0.09f));
    S.push_back(ellipsoid({0.0f, 1.105f, -0.012f}, {0.128f * k.waist, 0.100f, 0.093f * D}, kSpineMid, kTorso, 0.10f));
    S.push_back(ellipsoid({0.0f, 1.240f, -0.005f}, {0.142f * k.shoulders, 0.160f, 0.108f * D}, kSpineMid, kTorso, 0.10f));
    S.push_back(ellipsoid({0.0f, 1.300f, 0.022f}, {0.146f * k.shoulders, 0.095f, 0.094f * D}, kChest, kTorso, 0.09f));
    // The shoulder line: neck base out to the shoulder joints, sloping down.
    S.push_back(roundCone({0.0f, 1.418f, -0.030f}, shoulderL + glm::vec3(0.0f, 0.004f, -0.004f), 0.056f,
                          0.046f * g, kClavicleLeft, kTorso, 0.05f));
    S.push_back(roundCone({0.0f, 1.418f, -0.030f}, mirror(shoulderL + glm::vec3(0.0f, 0.004f, -0.004f)), 0.056f,
                          0.046f * g, kClavicleRight, kTorso, 0.05f));
    S.push_back(roundCone({0.0f, 1.395f, -0.028f}, {0.0f, 1.565f, -0.016f}, 0.058f * g, 0.050f, kNeck, kTorso, 0.04f));
    // Head: cranium, face and jaw, a small nose so the face reads. The nose
    // melts into the face over a wide blend: a tight one left a crease that
    // caught the rim light as a bright ring, a mark in the middle of the face.
    S.push_back(ellipsoid({0.0f, 1.627f, -0.008f}, {0.076f, 0.093f, 0.096f}, kHead, kTorso, 0.04f));
    S.push_back(ellipsoid({0.0f, 1.550f, 0.034f}, {0.056f, 0.062f, 0.068f}, kHead, kTorso, 0.04f));
    S.push_back(ellipsoid({0.0f, 1.588f, 0.094f}, {0.012f, 0.024f, 0.012f}, kHead, kTorso, 0.03f));

    // Left arm: deltoid, upper arm, forearm, palm, fingers, thumb.
    std::vector<SdfPrimitive> arm;
    arm.push_back(ellipsoid(shoulderL + glm::vec3(0.016f, -0.012f, 0.0f), glm::vec3(0.052f, 0.066f, 0.054f) * g,
                            kShoulderLeft, kArmLeft, 0.0f));
    arm.push_back(roundCone(shoulderL, elbowL, 0.045f * g, 0.035f * g, kShoulderLeft, kArmLeft, 0.03f));
    arm.push_back(roundCone(elbowL, wristL, 0.039f * g, 0.025f * g, kElbowLeft, kArmLeft, 0.008f));
    const glm::vec3 palmSide(0.0f, 0.0f, 1.0f); // palms face the thighs; width runs front to back
    // Palm and fingers together: a calm closed hand without separate fingers.
    arm.push_back(orientedEllipsoid(wristL + armDir * 0.048f, armDir, palmSide, glm::vec3(0.056f, 0.042f, 0.017f) * glm::vec3(1.0f, g, g),
                                    kWristLeft, kArmLeft, 0.02f));
    arm.push_back(orientedEllipsoid(wristL + armDir * 0.122f, armDir, palmSide, glm::vec3(0.064f, 0.038f, 0.014f) * glm::vec3(1.0f, g, g),
                                    kHandLeft, kArmLeft, 0.025f));
    arm.push_back(roundCone(wristL + armDir * 0.03f + glm::vec3(0.0f, 0.0f, 0.028f),
                            wristL + armDir * 0.09f + glm::vec3(0.0f, 0.0f, 0.045f), 0.013f * g, 0.009f * g, kWristLeft,
                            kArmLeft, 0.015f));
    for (auto& s : arm) S.push_back(s);
    const int armJoint[] = {kShoulderRight, kShoulderRight, kElbowRight, kWristRight, kHandRight, kWristRight};
    for (size_t i = 0; i < arm.size(); ++i) S.push_back(mirrored(arm[i], armJoint[i], kArmRight));

    // Left leg: thigh with its front muscle mass, shin with calf, foot.
    std::vector<SdfPrimitive> leg;
    leg.push_back(roundCone(hipL + glm::vec3(0.0f, 0.04f, 0.0f), kneeL, 0.080f * g, 0.054f * g, kHipLeft, kLegLeft, 0.0f));
    leg.push_back(ellipsoid(glm::mix(hipL, kneeL, 0.36f) + glm::vec3(0.008f, 0.0f, 0.010f), glm::vec3(0.068f, 0.170f, 0.074f) * g,
                            kHipLeft, kLegLeft, 0.05f));
    leg.push_back(roundCone(kneeL, ankleL, 0.052f * g, 0.033f * g, kKneeLeft, kLegLeft, 0.01f));
    leg.push_back(ellipsoid(glm::mix(kneeL, ankleL, 0.30f) + glm::vec3(0.0f, 0.0f, -0.022f), glm::vec3(0.049f, 0.105f, 0.050f) * g,
                            kKneeLeft, kLegLeft, 0.04f));
    leg.push_back(ellipsoid({ankleL.x + 0.004f, 0.036f, 0.045f}, {0.045f * g, 0.036f, 0.118f}, kAnkleLeft, kLegLeft, 0.035f));
    leg.push_back(ellipsoid({ankleL.x, 0.040f, -0.048f}, {0.034f * g, 0.039f, 0.036f}, kAnkleLeft, kLegLeft, 0.025f));
    leg.push_back(ellipsoid({toeL.x + 0.003f, 0.022f, 0.150f}, {0.046f * g, 0.021f, 0.052f}, kToeLeft, kLegLeft, 0.03f));
    for (auto& s : leg) S.push_back(s);
    const int legJoint[] = {kHipRight, kHipRight, kKneeRight, kKneeRight, kAnkleRight, kAnkleRight, kToeRight};
    for (size_t i = 0; i < leg.size(); ++i) S.push_back(mirrored(leg[i], legJoint[i], kLegRight));
    std::stable_sort(S.begin(), S.end(), [](const SdfPrimitive& a, const SdfPrimitive& b) { return a.group < b.group; });

    plan.limbAttach[kArmLeft] = plan.limbAttach[kArmRight] = 0.035f;
    plan.limbAttach[kLegLeft] = plan.limbAttach[kLegRight] = 0.04f;
    plan.boundsMin = glm::vec3(-0.75f, -0.03f, -0.25f);
    plan.boundsMax = glm::vec3(0.75f, 1.76f, 0.30f);

    // ---- Region cores --------------------------------------------------------
    const std::uint32_t T = bit(kTorso);
    auto core = [&](const char* id, glm::vec3 a, glm::vec3 b, std::uint32_t groups) {
        plan.cores.push_back({reg(id), a, b, groups});
    };
    auto pair = [&](const char* left, const char* right, glm::vec3 a, glm::vec3 b, std::uint32_t gl, std::uint32_t gr) {
        core(left, a, b, gl);
        core(right, mirror(a), mirror(b), gr);
    };
    const float sx = k.shoulders, hx = k.hips, wx = k.waist;
    core("crown", {0.0f, 1.712f, -0.025f}, {0.0f, 1.712f, -0.005f}, T);
    core("forehead", {-0.03f, 1.652f, 0.088f}, {0.03f, 1.652f, 0.088f}, T);
    core("eyes", {-0.034f, 1.600f, 0.086f}, {0.034f, 1.600f, 0.086f}, T);
    core("jaw", {-0.048f, 1.520f, 0.050f}, {0.048f, 1.520f, 0.050f}, T);
    core("back_of_head", {0.0f, 1.585f, -0.100f}, {0.0f, 1.640f, -0.095f}, T);
    core("throat", {0.0f, 1.430f, 0.050f}, {0.0f, 1.470f, 0.045f}, T);
    core("neck", {0.0f, 1.430f, -0.075f}, {0.0f, 1.510f, -0.065f}, T);
    pair("shoulder_left", "shoulder_right", {0.085f * sx, 1.425f, -0.02f}, shoulderL + glm::vec3(0.022f, 0.030f, 0.0f),
         T | bit(kArmLeft), T | bit(kArmRight));
    pair("upper_arm_left", "upper_arm_right", shoulderL + armDir * (upperArm * 0.38f), shoulderL + armDir * (upperArm * 0.80f),
         bit(kArmLeft), bit(kArmRight));
    pair("elbow_left", "elbow_right", elbowL, elbowL, bit(kArmLeft), bit(kArmRight));
    pair("forearm_left", "forearm_right", elbowL + armDir * (forearm * 0.25f), elbowL + armDir * (forearm * 0.80f),
         bit(kArmLeft), bit(kArmRight));
    pair("hand_left", "hand_right", wristL + armDir * 0.05f, wristL + armDir * 0.15f, bit(kArmLeft), bit(kArmRight));
    core("chest", {-0.075f * sx, 1.285f, 0.115f * D}, {0.075f * sx, 1.285f, 0.115f * D}, T);
    pair("side_left", "side_right", {0.140f * wx, 1.110f, -0.005f}, {0.145f * sx, 1.230f, -0.005f}, T, T);
    core("belly", {0.0f, 1.035f, 0.115f * D}, {0.0f, 1.115f, 0.100f * D}, T);
    core("lower_belly", {-0.055f * hx, 0.930f, 0.100f * D}, {0.055f * hx, 0.930f, 0.100f * D}, T);
    core("upper_back", {0.0f, 1.250f, -0.115f * D}, {0.0f, 1.385f, -0.090f * D}, T);
    pair("shoulder_blade_left", "shoulder_blade_right", {0.085f * sx, 1.280f, -0.110f * D}, {0.090f * sx, 1.320f, -0.105f * D}, T, T);
    core("lower_back", {0.0f, 0.985f, -0.105f * D}, {0.0f, 1.125f, -0.100f * D}, T);
    pair("hip_left", "hip_right", {0.165f * hx, 0.870f, 0.0f}, {0.150f * hx, 0.960f, 0.0f}, T | bit(kLegLeft), T | bit(kLegRight));
    // The front of the hip, over the hip joint where the thigh folds, and
    // the inner groin just below it, where the psoas reaches the thigh bone.
    pair("hip_front_left", "hip_front_right", {0.100f * hx, 0.890f, 0.080f * D}, {0.092f * hx, 0.855f, 0.078f * D}, T | bit(kLegLeft),
         T | bit(kLegRight));
    pair("groin_left", "groin_right", {0.052f * hx, 0.815f, 0.040f * D}, {0.058f * hx, 0.780f, 0.036f * D}, T | bit(kLegLeft),
         T | bit(kLegRight));
    pair("buttock_left", "buttock_right", {0.070f * hx, 0.840f, -0.125f * D}, {0.070f * hx, 0.880f, -0.125f * D},
         T | bit(kLegLeft), T | bit(kLegRight));
    pair("thigh_left", "thigh_right", glm::mix(hipL, kneeL, 0.30f), glm::mix(hipL, kneeL, 0.78f), bit(kLegLeft), bit(kLegRight));
    pair("knee_left", "knee_right", kneeL, kneeL, bit(kLegLeft), bit(kLegRight));
    pair("lower_leg_left", "lower_leg_right", glm::mix(kneeL, ankleL, 0.25f), glm::mix(kneeL, ankleL, 0.85f), bit(kLegLeft),
         bit(kLegRight));
    pair("foot_left", "foot_right", ankleL + glm::vec3(0.0f, -0.03f, -0.02f), toeL + glm::vec3(0.0f, 0.0f, 0.02f), bit(kLegLeft),
         bit(kLegRight));

    // ---- Anatomy inside the skin ----------------------------------------------
    {
        // Diaphragm: a thin dome under the lower ribs, its rim at the costal margin.
        AnatomyPlan a;
        a.region = "diaphragm";
        SdfPrimitive dome = ellipsoid({0.0f, 1.120f, -0.008f}, {0.118f * sx, 0.085f, 0.088f * D}, kSpineMid, 0, 0.0f);
        dome.shell = 0.007f;
        dome.clip = {0.0f, -1.0f, 0.0f, 1.118f}; // keep y >= 1.118
        a.shape.push_back(dome);
        a.joints = {kSpineMid, kSpineLower, kChest};
        a.breath = AnatomyBreath::Diaphragm;
        a.centre = {0.0f, 1.118f, -0.008f};
        a.cellM = 0.0035f;
        a.targetTriangles[0] = 3000;
        a.targetTriangles[1] = 1200;
        plan.anatomy.push_back(a);
    }
    {
        // Psoas: from the sides of T12-L4, down and forward over the pelvic
        // brim, under the inguinal ligament to the lesser trochanter.
        const glm::vec3 pts[] = {{0.022f, 1.140f, -0.036f}, {0.034f, 1.060f, -0.030f}, {0.048f, 0.985f, -0.016f},
                                 {0.064f, 0.910f, 0.012f},  {0.076f, 0.858f, 0.028f},  {0.080f * hx, 0.815f, 0.002f}};
        const float rad[] = {0.010f, 0.019f, 0.023f, 0.020f, 0.016f, 0.010f};
        for (int side = 0; side < 2; ++side) {
            AnatomyPlan a;
            a.region = side == 0 ? "psoas_left" : "psoas_right";
            for (int i = 0; i + 1 < 6; ++i) {
                // The lower end follows the width of the pelvis.
                glm::vec3 p0 = pts[i], p1 = pts[i + 1];
                p0.x *= i < 3 ? 1.0f : hx;
                p1.x *= i + 1 < 3 ? 1.0f : hx;
                if (side == 1) { p0 = mirror(p0); p1 = mirror(p1); }
                a.shape.push_back(roundCone(p0, p1, rad[i] * g, rad[i + 1] * g, kSpineLower, 0, 0.02f));
            }
            a.joints = {kSpineMid, kSpineLower, kPelvis, side == 0 ? kHipLeft : kHipRight};
            a.cellM = 0.004f;
            a.targetTriangles[0] = 2000;
            a.targetTriangles[1] = 900;
            plan.anatomy.push_back(a);
        }
    }
    {
        // Lungs: in the ribcage above the dome; their bases are carved by it.
        for (int side = 0; side < 2; ++side) {
            AnatomyPlan a;
            a.region = side == 0 ? "lung_left" : "lung_right";
            float sgn = side == 0 ? 1.0f : -1.0f;
            // The left lung is a little narrower: the heart takes its room.
            float rx = (side == 0 ? 0.048f : 0.054f) * sx;
            glm::vec3 c(sgn * 0.068f * sx, 1.272f, -0.012f);
            a.shape.push_back(ellipsoid(c, {rx, 0.135f, 0.074f * D}, kChest, 0, 0.0f));
            SdfPrimitive base = ellipsoid({0.0f, 1.112f, -0.008f}, {0.125f * sx, 0.092f, 0.096f * D}, kSpineMid, 0, 0.02f);
            base.subtract = true;
            a.shape.push_back(base);
            a.joints = {kChest, kSpineMid};
            a.breath = AnatomyBreath::Lung;
            a.centre = c;
            a.cellM = 0.005f;
            a.targetTriangles[0] = 3000;
            a.targetTriangles[1] = 1000;
            plan.anatomy.push_back(a);
        }
    }
    {
        // Spine: vertebral bodies along the S-curve from sacrum to atlas,
        // joined by the discs.
        AnatomyPlan a;
        a.region = "spine";
        const glm::vec3 curve[] = {{0.0f, 0.955f, -0.062f}, {0.0f, 1.030f, -0.046f}, {0.0f, 1.110f, -0.050f},
                                   {0.0f, 1.190f, -0.060f}, {0.0f, 1.275f, -0.068f}, {0.0f, 1.360f, -0.064f},
                                   {0.0f, 1.415f, -0.050f}, {0.0f, 1.475f, -0.036f}, {0.0f, 1.540f, -0.026f}};
        const int n = 9;
        for (int i = 0; i + 1 < n; ++i)
            a.shape.push_back(roundCone(curve[i], curve[i + 1], 0.007f, 0.007f, kSpineLower, 0, 0.004f));
        // 24 bodies spaced along the curve, larger towards the lumbar end.
        std::vector<float> len(n, 0.0f);
        for (int i = 1; i < n; ++i) len[i] = len[i - 1] + glm::length(curve[i] - curve[i - 1]);
        for (int v = 0; v < 24; ++v) {
            float s = (v + 0.5f) / 24.0f * len[n - 1];
            int i = 0;
            while (i + 2 < n && len[i + 1] < s) ++i;
            float t = (s - len[i]) / (len[i + 1] - len[i]);
            glm::vec3 p = glm::mix(curve[i], curve[i + 1], t);
            glm::vec3 dir = glm::normalize(curve[i + 1] - curve[i]);
            float size = 1.0f - 0.45f * (s / len[n - 1]); // lumbar bodies are the largest
            a.shape.push_back(orientedEllipsoid(p, dir, {1.0f, 0.0f, 0.0f}, glm::vec3(0.0095f, 0.021f, 0.016f) * size,
                                                kSpineLower, 0, 0.004f));
        }
        // Sacrum: a tilted wedge closing the spine into the pelvis.
        a.shape.push_back(orientedEllipsoid({0.0f, 0.905f, -0.080f}, {0.0f, 1.0f, -0.45f}, {1.0f, 0.0f, 0.0f},
                                            {0.050f, 0.042f, 0.014f}, kPelvis, 0, 0.01f));
        a.joints = {kPelvis, kSpineLower, kSpineMid, kChest, kNeck, kHead};
        a.cellM = 0.003f;
        a.targetTriangles[0] = 5000;
        a.targetTriangles[1] = 2500;
        plan.anatomy.push_back(a);
    }
    {
        // Pelvic floor: a shallow hammock across the bottom of the pelvis.
        AnatomyPlan a;
        a.region = "pelvic_floor";
        SdfPrimitive bowl = ellipsoid({0.0f, 0.885f, -0.018f}, {0.056f * hx, 0.042f, 0.064f * D}, kPelvis, 0, 0.0f);
        bowl.shell = 0.006f;
        bowl.clip = {0.0f, 1.0f, 0.0f, -0.874f}; // keep y <= 0.874
        a.shape.push_back(bowl);
        a.joints = {kPelvis};
        a.breath = AnatomyBreath::PelvicFloor;
        a.centre = {0.0f, 0.874f, -0.018f};
        a.cellM = 0.003f;
        a.targetTriangles[0] = 1500;
        a.targetTriangles[1] = 700;
        plan.anatomy.push_back(a);
    }

    // ---- Landmarks (what the description intends; tests measure the mesh) ----
    Landmarks& L = plan.landmarks;
    L.crown = 1.627f + 0.093f;
    L.chin = 1.550f - 0.062f;
    L.shoulder = shoulderL.y + 0.035f;
    L.chest = 1.250f;
    L.navel = 1.030f;
    L.crotch = 0.800f;
    L.knee = kneeL.y;
    L.ankle = ankleL.y;
    // Widths as the blended surface has them (smooth unions add a little to
    // the shapes): the widest the skin reaches across the deltoids, and
    // across the hips between crotch and navel (arms left out).
    auto widest = [&](float y0, float y1, bool arms) {
        float w = 0.0f;
        for (float y = y0; y <= y1; y += 0.004f)
            for (float z = -0.16f; z <= 0.16f; z += 0.004f) {
                float in = 0.0f, out = 0.5f;
                auto field = [&](float x) {
                    glm::vec3 p(x, y, z);
                    return arms ? plan.skinField(p) : plan.trunkAndLegsField(p);
                };
                if (field(0.0f) >= 0.0f && field(0.09f) >= 0.0f) continue;
                if (field(0.0f) >= 0.0f) in = 0.09f;
                for (int i = 0; i < 24; ++i) {
                    float mid = 0.5f * (in + out);
                    (field(mid) < 0.0f ? in : out) = mid;
                }
                w = std::max(w, 2.0f * in);
            }
        return w;
    };
    L.shoulderWidth = widest(L.shoulder - 0.05f, L.shoulder - 0.02f, true);
    L.hipWidth = widest(L.crotch, L.navel, false);
    return plan;
}

} // namespace soma
