// body/MeshSimplifier: reduces a closed triangle mesh to a target triangle
// count and keeps it closed and manifold.
//
// Quadric-error half-edge collapses (a vertex moves onto a neighbour, so
// every surviving vertex keeps its exact position on the surface and its
// attributes can be computed afterwards). A collapse is only made when the
// link condition holds (the two ends share exactly the two neighbours
// across the edge), no triangle flips and none becomes a sliver; that is
// what keeps the result watertight, which meshoptimizer's simplifier does
// not promise. Deterministic. Depends on GLM only.
#pragma once

#include "body/IsoMesher.h"

namespace soma {

// Returns the simplified mesh with unused vertices removed (positions are a
// subset of the input's).
IsoMesh simplifyManifold(const IsoMesh& mesh, size_t targetTriangles);

} // namespace soma
