// anim/PoseFitting: fits the poses to one figure (floor contact, the knee
// bend of constructive rest), so every build and height lies, sits and
// stands on the floor. Called by loadFigure. Depends on body/Figure.
// Must never touch GL.
#pragma once

#include "body/Figure.h"

#include <vector>

namespace soma {

// One PoseFit per poseIds() entry.
std::vector<PoseFit> fitPoses(const Figure& figure);

} // namespace soma
