#include "render/Picking.h"

#include "anim/Poses.h"
#include "model/RegionAtlas.h"

#include <glm/glm.hpp>

#include <algorithm>
#include <array>
#include <limits>

namespace soma {

void stateMatrices(const Figure& figure, const BodyState& state, std::vector<glm::mat4>& out) {
    const std::string& from = state.fromPose.empty() ? state.pose : state.fromPose;
    poseMatrices(figure, from, state.pose, state.fromPose.empty() ? 1.0f : state.poseBlend, out);
}

std::optional<glm::vec2> projectToTarget(const View& view, const glm::vec3& world) {
    const glm::vec4 c = view.projection * view.view * glm::vec4(world, 1.0f);
    if (c.w <= 1e-6f) return std::nullopt;
    const glm::vec2 ndc(c.x / c.w, c.y / c.w);
    return glm::vec2(float(view.x) + (ndc.x * 0.5f + 0.5f) * float(view.width),
                     float(view.y) + (0.5f - ndc.y * 0.5f) * float(view.height));
}

SkinPicker::SkinPicker(const Figure& figure, const BodyState& state) : mFigure(figure) {
    std::vector<glm::mat4> m;
    stateMatrices(figure, state, m);
    const auto& verts = figure.skin.vertices;
    mPositions.resize(verts.size());
    for (size_t i = 0; i < verts.size(); ++i) mPositions[i] = skinPosition(verts[i], state.breath, m);
    const auto& idx = figure.skin.indices;
    const size_t tris = idx.size() / 3;
    for (size_t c = 0; c < tris; c += kChunk) {
        ChunkBox b{glm::vec3(1e30f), glm::vec3(-1e30f)};
        for (size_t t = c; t < std::min(tris, c + kChunk); ++t)
            for (int k = 0; k < 3; ++k) {
                b.lo = glm::min(b.lo, mPositions[idx[t * 3 + k]]);
                b.hi = glm::max(b.hi, mPositions[idx[t * 3 + k]]);
            }
        mChunks.push_back(b);
    }
}

std::optional<PickHit> pickSkin(const Figure& figure, const BodyState& state, const View& view, float x, float y) {
    return SkinPicker(figure, state).cast(view, x, y);
}

namespace {

struct Ray {
    glm::vec3 origin, dir;
};

// The ray from the eye through a target pixel; nullopt outside the view.
std::optional<Ray> rayThrough(const View& view, float x, float y) {
    if (view.width <= 0 || view.height <= 0) return std::nullopt;
    const float nx = (x - float(view.x)) / float(view.width) * 2.0f - 1.0f;
    const float ny = 1.0f - (y - float(view.y)) / float(view.height) * 2.0f;
    if (nx < -1 || nx > 1 || ny < -1 || ny > 1) return std::nullopt;
    const glm::mat4 inv = glm::inverse(view.projection * view.view);
    glm::vec4 a = inv * glm::vec4(nx, ny, -1.0f, 1.0f), b = inv * glm::vec4(nx, ny, 1.0f, 1.0f);
    const glm::vec3 origin = glm::vec3(a) / a.w;
    return Ray{origin, glm::normalize(glm::vec3(b) / b.w - origin)};
}

// Möller-Trumbore, both faces: the distance along the ray, or a negative
// number for a miss.
float hitTriangle(const Ray& r, const glm::vec3& p0, const glm::vec3& p1, const glm::vec3& p2, float& u, float& v) {
    const glm::vec3 e1 = p1 - p0, e2 = p2 - p0;
    const glm::vec3 h = glm::cross(r.dir, e2);
    const float det = glm::dot(e1, h);
    if (std::abs(det) < 1e-12f) return -1.0f;
    const float f = 1.0f / det;
    const glm::vec3 s = r.origin - p0;
    u = f * glm::dot(s, h);
    if (u < 0 || u > 1) return -1.0f;
    const glm::vec3 q = glm::cross(s, e1);
    v = f * glm::dot(r.dir, q);
    if (v < 0 || u + v > 1) return -1.0f;
    const float t = f * glm::dot(e2, q);
    return t > 1e-5f ? t : -1.0f;
}

} // namespace

std::optional<PickHit> pickInner(const Figure& figure, const BodyState& state, const View& view, float x, float y, float toleranceM) {
    const auto ray = rayThrough(view, x, y);
    if (!ray) return std::nullopt;
    std::vector<glm::mat4> m;
    stateMatrices(figure, state, m);
    std::optional<PickHit> best, near;
    float nearMiss = toleranceM;
    std::vector<glm::vec3> p;
    for (const AnatomyPart& part : figure.anatomy) {
        const auto region = regionIndex(part.region);
        if (!region) continue;
        p.resize(part.mesh.vertices.size());
        for (size_t i = 0; i < p.size(); ++i) {
            p[i] = skinPosition(part.mesh.vertices[i], state.breath, m);
            // How close the ray passes to this vertex, in front of the eye.
            const float along = glm::dot(p[i] - ray->origin, ray->dir);
            const float off = glm::length(p[i] - (ray->origin + ray->dir * along));
            if (along > 0 && off < nearMiss) {
                nearMiss = off;
                near = PickHit{*region, p[i], along};
            }
        }
        const auto& idx = part.mesh.indices;
        for (size_t t = 0; t + 2 < idx.size(); t += 3) {
            float u = 0, v = 0;
            const float d = hitTriangle(*ray, p[idx[t]], p[idx[t + 1]], p[idx[t + 2]], u, v);
            if (d > 0 && (!best || d < best->distanceM)) best = PickHit{*region, ray->origin + ray->dir * d, d};
        }
    }
    return best ? best : near;
}

std::optional<PickHit> SkinPicker::cast(const View& view, float x, float y) const {
    const Figure& figure = mFigure;
    const auto ray = rayThrough(view, x, y);
    if (!ray) return std::nullopt;
    const glm::vec3 origin = ray->origin, dir = ray->dir;

    const auto& verts = figure.skin.vertices;
    const auto& p = mPositions;

    // Every triangle, both faces, so a pick works whatever the winding
    // after skinning.
    const auto& idx = figure.skin.indices;
    float bestT = std::numeric_limits<float>::max();
    size_t bestTri = SIZE_MAX;
    float bestU = 0, bestV = 0;
    const glm::vec3 invDir(1.0f / (std::abs(dir.x) > 1e-9f ? dir.x : 1e-9f), 1.0f / (std::abs(dir.y) > 1e-9f ? dir.y : 1e-9f),
                           1.0f / (std::abs(dir.z) > 1e-9f ? dir.z : 1e-9f));
    const size_t tris = idx.size() / 3;
    for (size_t c = 0; c < mChunks.size(); ++c) {
        // Slab test against the chunk's box; skip boxes behind the best hit.
        const glm::vec3 t0 = (mChunks[c].lo - origin) * invDir, t1 = (mChunks[c].hi - origin) * invDir;
        const glm::vec3 tn = glm::min(t0, t1), tf = glm::max(t0, t1);
        const float enter = std::max({tn.x, tn.y, tn.z}), exit = std::min({tf.x, tf.y, tf.z});
        if (exit < std::max(enter, 0.0f) || enter > bestT) continue;
        for (size_t tri = c * kChunk; tri < std::min(tris, (c + 1) * kChunk); ++tri) {
            const size_t t = tri * 3;
            float u = 0, v = 0;
            const float tt = hitTriangle(*ray, p[idx[t]], p[idx[t + 1]], p[idx[t + 2]], u, v);
            if (tt > 0 && tt < bestT) { bestT = tt; bestTri = t; bestU = u; bestV = v; }
        }
    }
    if (bestTri == SIZE_MAX) return std::nullopt;

    std::array<float, kMaxRegions> w{};
    const float bary[3] = {1.0f - bestU - bestV, bestU, bestV};
    for (int k = 0; k < 3; ++k) {
        const FigureVertex& v = verts[idx[bestTri + k]];
        for (int j = 0; j < 4; ++j)
            if (v.regions[j] < kMaxRegions) w[v.regions[j]] += bary[k] * float(v.regionWeights[j]);
    }
    int best = 0;
    for (int r = 1; r < kMaxRegions; ++r)
        if (w[r] > w[best]) best = r;
    if (w[best] <= 0) return std::nullopt;
    return PickHit{best, origin + dir * bestT, bestT};
}

std::optional<int> pickRegion(const Figure& figure, const BodyState& state, const View& view, float x, float y) {
    auto hit = pickSkin(figure, state, view, x, y);
    if (!hit) return std::nullopt;
    return hit->region;
}

} // namespace soma
