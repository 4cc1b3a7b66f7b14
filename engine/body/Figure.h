// body/Figure: the human figure Soma builds itself, as data the renderer
// uploads once: a smooth, watertight skin, the inner structures the
// exercises talk about, a skeleton, and per-vertex skinning, breathing and
// region weights.
//
// Conventions (figure space, bind pose = standing, arms a little away from
// the body): metres; +y up, feet at y = 0; +z is the figure's front (its
// face looks down +z); +x is the FIGURE'S OWN LEFT. A camera in front of the
// figure therefore shows the figure's left on the viewer's right, as a
// person facing you does. Region ids always mean the client's own side.
//
// Depends on GLM and body/RegionAtlas. Must never touch GL: the renderer
// uploads what this builds. Building is deterministic: the same FigureDesc
// gives the same bytes.
#pragma once

#include "body/BodyState.h"
#include "core/Result.h"

#include <glm/mat4x4.hpp>
#include <glm/vec3.hpp>

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace soma {

struct FigureDesc {
    BodyBuild build = BodyBuild::Average;
    float heightM = 1.72f; // standing height, crown to soles
    int lod = 0;           // 0: full detail (>= 30k skin triangles); 1: light, for small kiosk machines
};

// One vertex, the same layout for the skin and the anatomy meshes; uploaded
// to GL as-is (tightly packed, see static_assert below).
struct FigureVertex {
    glm::vec3 position;                     // bind pose, figure space
    glm::vec3 normal;                       // unit length
    glm::vec3 breathDelta;                  // added to position at breath = 1 (bind space, before skinning)
    std::array<std::uint8_t, 4> joints;     // skeleton joint indices
    std::array<std::uint8_t, 4> jointWeights;  // sum 255
    std::array<std::uint8_t, 4> regions;    // RegionAtlas indices
    std::array<std::uint8_t, 4> regionWeights; // sum 255 on the skin (every vertex belongs somewhere)
};
static_assert(sizeof(FigureVertex) == 52, "FigureVertex is uploaded as-is");

struct Mesh {
    std::vector<FigureVertex> vertices;
    std::vector<std::uint32_t> indices; // triangles, counter-clockwise seen from outside
};

// An inner structure (diaphragm, psoas_left, lungs, spine, pelvic_floor):
// its own closed mesh, every vertex weighted to the part's region.
struct AnatomyPart {
    std::string region; // atlas id
    Mesh mesh;
};

struct Joint {
    std::string name;         // "pelvis", "spine_lower", "shoulder_left", ...
    int parent = -1;          // index of the parent joint, -1 for the root
    glm::vec3 bindPosition{}; // figure space, bind pose
};

// Heights (y, metres, bind pose) the proportions are built from; tests check
// the mesh against them.
struct Landmarks {
    float crown = 0, chin = 0, shoulder = 0, chest = 0, navel = 0, crotch = 0, knee = 0, ankle = 0;
    float shoulderWidth = 0, hipWidth = 0; // full widths
};

// How one pose fits a particular figure, found by loadFigure: where the pose
// puts the figure so it rests on the floor (y = 0) centred on x = 0 and
// z = 0, and, for constructive rest, the knee bend that sets the soles flat.
struct PoseFit {
    glm::vec3 offset{0.0f};
    float kneeDeg = 0.0f;
};

struct Figure {
    FigureDesc desc;
    std::vector<Joint> skeleton;       // parents come before children
    Mesh skin;
    std::vector<AnatomyPart> anatomy;
    Landmarks landmarks;
    std::vector<PoseFit> poseFits;     // one per poseIds() entry; empty: poses are not placed on the floor
};

// Builds the figure, or reads it from what the build baked. Cheap after the
// first call for a desc in a process (shared, immutable).
Result<std::shared_ptr<const Figure>> loadFigure(const FigureDesc& desc);

// The centre of a region in bind space: the mean of the skin a surface
// region covers (weighted by area and region weight), or the mean of an
// anatomy part's vertices. (0, 0, 0) for an index that is not a region.
glm::vec3 regionCentroid(const Figure& figure, int region);

// The poses, by id: "supine", "constructive_rest", "seated", "standing".
const std::vector<std::string>& poseIds();
bool isPose(std::string_view id);

// Skinning matrices (one per joint, bind space -> world space) for a pose,
// or for a blend between two poses (blend 0 = from, 1 = to; the caller eases
// it). World space: +y up, the floor at y = 0, the body centred on x = 0;
// standing and seated face +z; lying poses lie along z, head towards -z,
// face up (+y). The figure's own left stays its left in every pose.
// Every pose rests on the floor with its bounding box centred on x = 0 and
// z = 0 (using Figure::poseFits). Seated is on a chair, without the chair:
// thighs level, shins upright, soles on the floor. An unknown id is
// treated as standing. `out` is resized to the joint count.
void poseMatrices(const Figure& figure, std::string_view fromPose, std::string_view toPose, float blend,
                  std::vector<glm::mat4>& out);

// A skinned position on the CPU, exactly as the vertex shader computes it
// (breath delta first, then linear blend skinning). For picking and tests.
glm::vec3 skinPosition(const FigureVertex& v, float breath, const std::vector<glm::mat4>& matrices);

} // namespace soma
