// anim/Poses: the figure in its poses. The pose ids (model/Vocabulary)
// become per-joint rotations, fitted to each figure so every build and
// height lies, sits and stands on the floor (the knee bend of constructive
// rest sets the soles flat) and a hand that rests on the body lands on its
// surface; blends between poses slerp every joint, so a transition is
// smooth; skinning places a vertex as the vertex shader does.
//
// Depends on body/Figure (the skeleton and mesh), model/Vocabulary, GLM.
// Must never touch GL: render/ uploads the matrices this computes.
#pragma once

#include "body/Figure.h"
#include "core/Result.h"

#include <glm/mat4x4.hpp>
#include <glm/vec3.hpp>

#include <memory>
#include <string_view>
#include <vector>

namespace soma {

// The figure of `desc` with its poses fitted (Figure::poseFits), built or
// read from what the build baked. Cheap after the first call for a desc in
// a process: one shared, immutable figure per desc. Errors: figure.lod,
// figure.height.
Result<std::shared_ptr<const Figure>> loadFigure(const FigureDesc& desc);

// One PoseFit per poseIds() entry. loadFigure calls it; tests too.
std::vector<PoseFit> fitPoses(const Figure& figure);

// Skinning matrices (one per joint, bind space -> world space) for a pose,
// or for a blend between two poses (blend 0 = from, 1 = to; the caller eases
// it). World space: +y up, the floor at y = 0, the body centred on x = 0;
// standing and seated face +z; lying poses lie along z, head towards -z,
// face up (+y). The figure's own left stays its left in every pose.
// Every pose rests on the floor with its bounding box centred on x = 0 and
// z = 0 (using Figure::poseFits). Seated is on a chair (render/Seat draws
// it): thighs level, shins upright, soles on the floor. The seated variants
// sit exactly where seated sits, on the same chair, and differ from it only
// above the shoulders or in the arms:
//   seated_look_left/right: neck and head turned about 52 degrees towards
//     the figure's own left (+x) or right, the eyes level;
//   seated_hands_chest_belly: the right palm on the sternum, the left palm
//     below the navel;
//   seated_hands_head: the right palm on the forehead, the left palm on the
//     back of the head.
// An unknown id is treated as standing. `out` is resized to the joint count.
void poseMatrices(const Figure& figure, std::string_view fromPose, std::string_view toPose, float blend,
                  std::vector<glm::mat4>& out);

// Whether a pose sits on the chair: seated and its variants.
bool sitsOnSeat(std::string_view pose);

// A skinned position on the CPU, exactly as the vertex shader computes it
// (breath delta first, then linear blend skinning). For picking and tests.
glm::vec3 skinPosition(const FigureVertex& v, float breath, const std::vector<glm::mat4>& matrices);

} // namespace soma
