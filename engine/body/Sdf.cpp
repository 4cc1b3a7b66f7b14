#include "body/Sdf.h"

#include <glm/geometric.hpp>

#include <algorithm>
#include <cmath>

namespace soma {

float smoothMin(float a, float b, float k) {
    if (k <= 0.0f) return std::min(a, b);
    float h = std::max(k - std::abs(a - b), 0.0f) / k;
    return std::min(a, b) - h * h * k * 0.25f;
}

float smoothMax(float a, float b, float k) { return -smoothMin(-a, -b, k); }

float segmentDistance(const glm::vec3& p, const glm::vec3& a, const glm::vec3& b) {
    glm::vec3 ab = b - a;
    float l2 = glm::dot(ab, ab);
    float t = l2 > 0.0f ? std::clamp(glm::dot(p - a, ab) / l2, 0.0f, 1.0f) : 0.0f;
    return glm::length(p - (a + ab * t));
}

float SdfPrimitive::distance(const glm::vec3& p) const {
    float d;
    if (kind == Kind::RoundCone) {
        // A capsule whose radius tapers linearly along the segment. Not an
        // exact distance for strong tapers, but ours taper gently, so the
        // gradient stays close to unit length, which is all meshing needs.
        glm::vec3 ab = b - a;
        float l2 = glm::dot(ab, ab);
        float t = l2 > 0.0f ? std::clamp(glm::dot(p - a, ab) / l2, 0.0f, 1.0f) : 0.0f;
        d = glm::length(p - (a + ab * t)) - (ra + (rb - ra) * t);
    } else {
        // Ellipsoid in its own frame; the usual bound k0 (k0 - 1) / k1 is
        // close to the true distance near the surface and keeps the sign.
        glm::vec3 q = glm::transpose(axes) * (p - a);
        float k0 = glm::length(q / radii);
        float k1 = glm::length(q / (radii * radii));
        d = k1 > 1e-9f ? k0 * (k0 - 1.0f) / k1 : -std::min(radii.x, std::min(radii.y, radii.z));
    }
    if (shell > 0.0f) d = std::abs(d) - shell * 0.5f;
    // A rounded cut: a hard edge would be a crease the simplifier cannot thin out.
    if (clip.x != 0.0f || clip.y != 0.0f || clip.z != 0.0f) d = smoothMax(d, glm::dot(glm::vec3(clip), p) + clip.w, shell * 0.5f);
    return d;
}

SdfPrimitive roundCone(glm::vec3 a, glm::vec3 b, float ra, float rb, int joint, int group, float blend) {
    SdfPrimitive s;
    s.kind = SdfPrimitive::Kind::RoundCone;
    s.a = a;
    s.b = b;
    s.ra = ra;
    s.rb = rb;
    s.joint = joint;
    s.group = group;
    s.blend = blend;
    return s;
}

SdfPrimitive ellipsoid(glm::vec3 centre, glm::vec3 radii, int joint, int group, float blend) {
    SdfPrimitive s;
    s.kind = SdfPrimitive::Kind::Ellipsoid;
    s.a = centre;
    s.radii = radii;
    s.joint = joint;
    s.group = group;
    s.blend = blend;
    return s;
}

SdfPrimitive orientedEllipsoid(glm::vec3 centre, glm::vec3 along, glm::vec3 side, glm::vec3 radii, int joint,
                               int group, float blend) {
    SdfPrimitive s = ellipsoid(centre, radii, joint, group, blend);
    glm::vec3 u = glm::normalize(along);
    glm::vec3 v = glm::normalize(side - u * glm::dot(side, u));
    glm::vec3 w = glm::cross(u, v);
    s.axes = glm::mat3(u, v, w);
    return s;
}

} // namespace soma
