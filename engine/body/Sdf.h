// body/Sdf: the shapes the figure is described with, as signed distances
// (metres; negative inside). Smooth unions of these make one skin without
// seams. Pure functions, no state.
#pragma once

#include <glm/mat3x3.hpp>
#include <glm/vec3.hpp>
#include <glm/vec4.hpp>

namespace soma {

// Polynomial smooth minimum: equals min(a, b) when they differ by more than
// k, and rounds the crease within k. k <= 0 is a plain min.
float smoothMin(float a, float b, float k);
float smoothMax(float a, float b, float k);

struct SdfPrimitive {
    enum class Kind { RoundCone, Ellipsoid };
    Kind kind = Kind::Ellipsoid;
    // RoundCone: a segment from a to b with radius ra at a and rb at b.
    // Ellipsoid: centre a, unit axes (columns of `axes`), semi-axes `radii`.
    glm::vec3 a{0.0f}, b{0.0f};
    float ra = 0.0f, rb = 0.0f;
    glm::mat3 axes{1.0f};
    glm::vec3 radii{0.1f};
    // Hollow: a shell this thick around the surface (0 = solid).
    float shell = 0.0f;
    // Keep only where dot(clip.xyz, p) + clip.w <= 0 (clip.xyz == 0: no clip).
    glm::vec4 clip{0.0f};

    int joint = 0;       // the skeleton joint that carries it
    int group = 0;       // which chain it belongs to (torso, a limb, an anatomy part)
    float blend = 0.0f;  // smooth-union radius with the primitives before it in its group
    bool subtract = false; // carve this shape out of what came before instead of adding it

    float distance(const glm::vec3& p) const;
};

SdfPrimitive roundCone(glm::vec3 a, glm::vec3 b, float ra, float rb, int joint, int group, float blend);
SdfPrimitive ellipsoid(glm::vec3 centre, glm::vec3 radii, int joint, int group, float blend);
// An ellipsoid whose first axis points along `along` and second along the
// part of `side` perpendicular to it.
SdfPrimitive orientedEllipsoid(glm::vec3 centre, glm::vec3 along, glm::vec3 side, glm::vec3 radii, int joint,
                               int group, float blend);

// Distance from p to the segment a-b.
float segmentDistance(const glm::vec3& p, const glm::vec3& a, const glm::vec3& b);

} // namespace soma
