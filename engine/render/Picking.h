// render/Picking: which body region lies under a point of the picture, for
// the therapist marking tension. A ray from the view through the point is
// cast on the CPU against the skinned skin triangles (anim/Poses skinPosition, the
// same skinning the GPU does), and the region weights at the nearest hit are
// blended by its barycentric coordinates; the heaviest region wins.
//
// Depends on body/Figure, anim/Poses and render/View; needs no GL. Must never guess:
// a point beside the figure gives nullopt.
#pragma once

#include "body/Figure.h"
#include "model/BodyState.h"
#include "render/View.h"

#include <optional>

namespace soma {

struct PickHit {
    int region = -1;           // RegionAtlas index
    glm::vec3 position{0.0f};  // world
    float distanceM = 0.0f;    // from the eye
};

// The skin skinned once for a state, for casting many rays (a therapist
// dragging over the body, tests). Holds a reference to the figure.
class SkinPicker {
public:
    SkinPicker(const Figure& figure, const BodyState& state);
    // x, y in target pixels (origin top-left), inside the view's viewport.
    std::optional<PickHit> cast(const View& view, float x, float y) const;

private:
    // Triangles in runs of kChunk with their bounding box, so a ray skips
    // most of the body after one box test.
    static constexpr size_t kChunk = 64;
    struct ChunkBox { glm::vec3 lo, hi; };
    const Figure& mFigure;
    std::vector<glm::vec3> mPositions;
    std::vector<ChunkBox> mChunks;
};

// One-off picks (skin the figure, cast one ray).
std::optional<PickHit> pickSkin(const Figure& figure, const BodyState& state, const View& view, float x, float y);
std::optional<int> pickRegion(const Figure& figure, const BodyState& state, const View& view, float x, float y);

// The inner structure (psoas, diaphragm, pelvic floor, lungs, spine) under
// a point, for marking the inner layer: the anatomy parts skinned as the
// GPU skins them, the nearest part the ray meets; a ray that only passes
// within toleranceM of a part counts too (they are slender, and a finger
// is not). nullopt when no part is near.
std::optional<PickHit> pickInner(const Figure& figure, const BodyState& state, const View& view, float x, float y,
                                 float toleranceM = 0.03f);

// Where a world point lands in target pixels (origin top-left); for tests
// and for placing labels. nullopt behind the eye.
std::optional<glm::vec2> projectToTarget(const View& view, const glm::vec3& world);

// The joint matrices a BodyState asks for (its pose blend applied).
void stateMatrices(const Figure& figure, const BodyState& state, std::vector<glm::mat4>& out);

} // namespace soma
