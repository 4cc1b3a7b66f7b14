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
// Depends on GLM, model/RegionAtlas and model/BodyState (builds). Poses and
// skinning are anim/'s. Must never touch GL: the renderer
// uploads what this builds. Building is deterministic: the same FigureDesc
// gives the same bytes.
#pragma once

#include "core/Result.h"
#include "model/BodyState.h"

#include <glm/gtc/quaternion.hpp>
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
// z = 0, for constructive rest the knee bend that sets the soles flat, and
// for a pose whose hands rest on the body the joint rotations that put the
// palms on this figure's own surface.
struct PoseFit {
    glm::vec3 offset{0.0f};
    float kneeDeg = 0.0f;
    std::vector<glm::quat> local; // one per joint, from the bind pose; empty: the pose's own rotations
};

struct Figure {
    FigureDesc desc;
    std::vector<Joint> skeleton;       // parents come before children
    Mesh skin;
    std::vector<AnatomyPart> anatomy;
    Landmarks landmarks;
    std::vector<PoseFit> poseFits;     // one per model/Vocabulary poseIds() entry, found by anim/; empty: not fitted
};

// The figure of `desc` without its poses fitted: the reference figure of
// its build and lod (read from what the build baked, or built here when
// that is missing or stale), scaled to its height. Errors: figure.lod,
// figure.height. Callers want anim/Poses.h loadFigure(), which fits the
// poses and shares one immutable figure per desc.
Result<Figure> scaledFigure(const FigureDesc& desc);

// The centre of a region in bind space: the mean of the skin a surface
// region covers (weighted by area and region weight), or the mean of an
// anatomy part's vertices. (0, 0, 0) for an index that is not a region.
glm::vec3 regionCentroid(const Figure& figure, int region);

} // namespace soma
