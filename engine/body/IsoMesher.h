// body/IsoMesher: turns a signed distance field into a closed triangle mesh.
//
// Marching tetrahedra on a regular grid split into Kuhn tetrahedra (six per
// cube, the same split in every cube, so neighbouring cubes agree on every
// face). The zero set of a piecewise-linear field on a triangulation is a
// 2-manifold as long as no grid value is exactly zero (zero counts as
// outside here), so the result is watertight by construction: every edge is
// shared by exactly two triangles, wound consistently (counter-clockwise
// seen from outside). Depends on GLM only. Must never touch GL or files.
#pragma once

#include <glm/vec3.hpp>

#include <cstdint>
#include <functional>
#include <vector>

namespace soma {

struct IsoMesh {
    std::vector<glm::vec3> positions;
    std::vector<std::uint32_t> indices;
};

using ScalarField = std::function<float(const glm::vec3&)>;

// Meshes field < 0 inside the box [lo, hi] with grid spacing cellM. The field
// must be positive on the box's boundary. Far from the surface the field is
// sampled once per block of cells (it is close to a distance, so a block
// whose centre is far from the surface cannot hold a crossing).
IsoMesh meshIsoSurface(const ScalarField& field, glm::vec3 lo, glm::vec3 hi, float cellM);

// Edge-manifold and closed: every undirected edge in exactly two triangles,
// once in each direction. Also false for repeated indices in a triangle.
bool isClosedManifold(const std::vector<std::uint32_t>& indices);

} // namespace soma
