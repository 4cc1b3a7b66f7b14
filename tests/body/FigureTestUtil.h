// Shared helpers for the figure tests: loading, measuring the real meshes.
#pragma once

#include "anim/Poses.h"
#include "body/Figure.h"
#include "model/RegionAtlas.h"

#include <gtest/gtest.h>
#include <glm/geometric.hpp>

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace soma::test {

inline std::shared_ptr<const Figure> figure(BodyBuild build = BodyBuild::Average, int lod = 0, float heightM = 1.72f) {
    FigureDesc d;
    d.build = build;
    d.lod = lod;
    d.heightM = heightM;
    auto r = loadFigure(d);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? r.value() : nullptr;
}

inline const char* buildName(BodyBuild b) {
    return b == BodyBuild::Slim ? "slim" : b == BodyBuild::Broad ? "broad" : "average";
}

inline int region(const char* id) {
    auto i = regionIndex(id);
    EXPECT_TRUE(i.has_value()) << id;
    return i.value_or(-1);
}

inline int jointIndex(const Figure& f, const std::string& name) {
    for (size_t i = 0; i < f.skeleton.size(); ++i)
        if (f.skeleton[i].name == name) return int(i);
    ADD_FAILURE() << "no joint " << name;
    return 0;
}

// The region (or joint) with the largest weight at a vertex.
inline int dominantRegion(const FigureVertex& v) {
    int best = 0;
    for (int k = 1; k < 4; ++k)
        if (v.regionWeights[k] > v.regionWeights[best]) best = k;
    return v.regions[best];
}
inline int dominantJoint(const FigureVertex& v) {
    int best = 0;
    for (int k = 1; k < 4; ++k)
        if (v.jointWeights[k] > v.jointWeights[best]) best = k;
    return v.joints[best];
}

// Counts, for a triangle list, how often each directed edge occurs.
// Closed and consistently wound: every directed edge once, its reverse once.
inline std::string watertightProblem(const Mesh& m) {
    if (m.indices.empty() || m.indices.size() % 3) return "no triangles or a partial one";
    std::map<std::pair<std::uint32_t, std::uint32_t>, int> edges;
    for (size_t t = 0; t < m.indices.size(); t += 3)
        for (int e = 0; e < 3; ++e) {
            auto a = m.indices[t + e], b = m.indices[t + (e + 1) % 3];
            if (a >= m.vertices.size()) return "index out of range";
            ++edges[{a, b}];
        }
    for (const auto& [e, n] : edges) {
        if (n != 1) return "a directed edge used " + std::to_string(n) + " times";
        auto it = edges.find({e.second, e.first});
        if (it == edges.end()) return "an edge with one triangle (a hole)";
    }
    return {};
}

inline double triangleArea(const Mesh& m, size_t t) {
    glm::dvec3 a(m.vertices[m.indices[t]].position), b(m.vertices[m.indices[t + 1]].position),
        c(m.vertices[m.indices[t + 2]].position);
    return 0.5 * glm::length(glm::cross(b - a, c - a));
}

// Signed volume by the divergence theorem (positive for outward winding).
inline double meshVolume(const Mesh& m, float breath = 0.0f) {
    double v = 0.0;
    for (size_t t = 0; t < m.indices.size(); t += 3) {
        glm::dvec3 p[3];
        for (int c = 0; c < 3; ++c) {
            const auto& fv = m.vertices[m.indices[t + c]];
            p[c] = glm::dvec3(fv.position + breath * fv.breathDelta);
        }
        v += glm::dot(p[0], glm::cross(p[1], p[2])) / 6.0;
    }
    return v;
}

} // namespace soma::test
