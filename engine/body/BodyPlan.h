// body/BodyPlan: the parametric description of the figure, the one source
// the skin, skeleton, skinning weights, breathing, region atlas weights and
// anatomy parts are all derived from.
//
// Everything is at the reference height (kReferenceHeightM); scaledFigure
// scales to the client's height afterwards. Depends on GLM, body/Sdf and
// model/RegionAtlas. Must never touch GL or files.
#pragma once

#include "body/Figure.h"
#include "body/Sdf.h"

#include <cstdint>
#include <string>
#include <vector>

namespace soma {

inline constexpr float kReferenceHeightM = 1.72f;

// Skeleton joint indices (the order of BodyPlan::skeleton).
enum JointId : int {
    kPelvis, kSpineLower, kSpineMid, kChest, kNeck, kHead,
    kClavicleLeft, kShoulderLeft, kElbowLeft, kWristLeft, kHandLeft,
    kClavicleRight, kShoulderRight, kElbowRight, kWristRight, kHandRight,
    kHipLeft, kKneeLeft, kAnkleLeft, kToeLeft,
    kHipRight, kKneeRight, kAnkleRight, kToeRight,
    kJointCount
};

// Primitive groups of the skin: the torso chain (with neck and head) and one
// chain per limb. Limbs blend into the torso but never into each other, so
// the thighs do not grow a web between them.
enum SkinGroup : int { kTorso, kArmLeft, kArmRight, kLegLeft, kLegRight, kSkinGroupCount };

// Where a surface region sits: a segment near the skin, and which chains
// it may lie on (bit per SkinGroup), so the left inner thigh is never
// claimed by the right thigh's core a few centimetres away.
struct RegionCore {
    int region = 0;
    glm::vec3 a{0.0f}, b{0.0f};
    std::uint32_t groups = 0;
};

enum class AnatomyBreath { None, Diaphragm, Lung, PelvicFloor };

struct AnatomyPlan {
    std::string region;               // atlas id
    std::vector<SdfPrimitive> shape;  // one smooth chain (subtract allowed)
    std::vector<int> joints;          // joints it is skinned to
    AnatomyBreath breath = AnatomyBreath::None;
    glm::vec3 centre{0.0f};           // for breathing that expands about a point
    float cellM = 0.003f;             // meshing grid spacing
    int targetTriangles[2] = {3000, 1200}; // per lod
};

struct BodyPlan {
    BodyBuild build = BodyBuild::Average;
    std::vector<Joint> skeleton;
    std::vector<SdfPrimitive> skin;   // ordered by group
    float limbAttach[kSkinGroupCount] = {};
    std::vector<RegionCore> cores;
    std::vector<AnatomyPlan> anatomy;
    Landmarks landmarks;
    glm::vec3 boundsMin{0.0f}, boundsMax{0.0f}; // of the skin, with margin

    // Signed distance of the skin (negative inside).
    float skinField(const glm::vec3& p) const;
    glm::vec3 skinGradient(const glm::vec3& p) const;
    // The skin without the arms (for measuring the hips).
    float trunkAndLegsField(const glm::vec3& p) const;
    // The bone segment of a joint: from it to its first child (a short stub for leaves).
    void boneSegment(int joint, glm::vec3& a, glm::vec3& b) const;
    // A digest of every number in the plan; a baked file made from another
    // plan is stale.
    std::uint64_t digest() const;
};

BodyPlan makeBodyPlan(BodyBuild build);

float chainField(const std::vector<SdfPrimitive>& prims, const glm::vec3& p);

} // namespace soma
