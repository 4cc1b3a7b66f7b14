// body/FigureBuilder: makes a Figure from the body plan: meshes the skin and
// the anatomy parts, simplifies them to each level of detail, and derives
// normals, skinning weights, region weights and breathing from the same
// description. Runs in the bake step (soma_bake) and, when no baked file is
// found, inside scaledFigure (body/Figure.h). Deterministic. Depends on
// body/BodyPlan, body/IsoMesher, body/MeshSimplifier and meshoptimizer. Must never touch GL or files.
#pragma once

#include "body/Figure.h"

#include <array>

namespace soma {

inline constexpr int kFigureLods = 2;

// Both levels of detail of one build at the reference height (1.72 m);
// lod 0 first. The skin is meshed once and simplified twice.
std::array<Figure, kFigureLods> buildFigureLods(BodyBuild build);

} // namespace soma
