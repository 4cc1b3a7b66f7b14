// The figure's meshes, measured as built: closed, clean, detailed enough,
// and the anatomy inside the skin.
#include "FigureTestUtil.h"

#include <glm/geometric.hpp>

#include <cmath>
#include <set>

namespace soma {
namespace {

using test::figure;

struct Variant {
    BodyBuild build;
    int lod;
};

class FigureMesh : public ::testing::TestWithParam<Variant> {};

std::string variantName(const ::testing::TestParamInfo<Variant>& i) {
    return std::string(test::buildName(i.param.build)) + "_lod" + std::to_string(i.param.lod);
}

INSTANTIATE_TEST_SUITE_P(AllBuilds, FigureMesh,
                         ::testing::Values(Variant{BodyBuild::Slim, 0}, Variant{BodyBuild::Slim, 1},
                                           Variant{BodyBuild::Average, 0}, Variant{BodyBuild::Average, 1},
                                           Variant{BodyBuild::Broad, 0}, Variant{BodyBuild::Broad, 1}),
                         variantName);

TEST_P(FigureMesh, SkinIsWatertight) {
    auto f = figure(GetParam().build, GetParam().lod);
    ASSERT_TRUE(f);
    EXPECT_EQ(test::watertightProblem(f->skin), "");
    // One closed surface: the skin encloses a body-sized volume (~60-110 litres).
    double litres = test::meshVolume(f->skin) * 1000.0;
    EXPECT_GT(litres, 45.0);
    EXPECT_LT(litres, 130.0);
}

TEST_P(FigureMesh, NoDegenerateTriangles) {
    auto f = figure(GetParam().build, GetParam().lod);
    ASSERT_TRUE(f);
    double minArea = 1e9;
    for (size_t t = 0; t < f->skin.indices.size(); t += 3) {
        auto a = f->skin.indices[t], b = f->skin.indices[t + 1], c = f->skin.indices[t + 2];
        ASSERT_TRUE(a != b && b != c && a != c) << "triangle " << t / 3 << " repeats a vertex";
        minArea = std::min(minArea, test::triangleArea(f->skin, t));
    }
    EXPECT_GT(minArea, 1e-9) << "square metres; a collapsed triangle";
}

TEST_P(FigureMesh, NormalsAreUnitAndPointOutwards) {
    auto f = figure(GetParam().build, GetParam().lod);
    ASSERT_TRUE(f);
    for (const auto& v : f->skin.vertices) ASSERT_NEAR(glm::length(v.normal), 1.0f, 1e-3f);
    // Smooth normals from the field agree with the faces' winding.
    size_t agree = 0;
    for (size_t t = 0; t < f->skin.indices.size(); t += 3) {
        const auto& a = f->skin.vertices[f->skin.indices[t]];
        const auto& b = f->skin.vertices[f->skin.indices[t + 1]];
        const auto& c = f->skin.vertices[f->skin.indices[t + 2]];
        glm::vec3 n = glm::cross(b.position - a.position, c.position - a.position);
        agree += glm::dot(n, a.normal + b.normal + c.normal) > 0.0f;
    }
    EXPECT_GT(double(agree), 0.995 * double(f->skin.indices.size() / 3));
}

TEST_P(FigureMesh, AnatomyPartsAreClosedAndWeightedToTheirRegion) {
    auto f = figure(GetParam().build, GetParam().lod);
    ASSERT_TRUE(f);
    std::set<std::string> seen;
    for (const auto& part : f->anatomy) {
        seen.insert(part.region);
        EXPECT_EQ(test::watertightProblem(part.mesh), "") << part.region;
        EXPECT_GT(test::meshVolume(part.mesh), 0.0) << part.region;
        const int r = test::region(part.region.c_str());
        EXPECT_EQ(regions()[r].layer, Layer::Internal) << part.region;
        for (const auto& v : part.mesh.vertices) {
            ASSERT_EQ(v.regions[0], r) << part.region;
            ASSERT_EQ(v.regionWeights[0], 255) << part.region;
            ASSERT_EQ(v.jointWeights[0] + v.jointWeights[1] + v.jointWeights[2] + v.jointWeights[3], 255) << part.region;
        }
    }
    for (const char* id : {"diaphragm", "psoas_left", "psoas_right", "lung_left", "lung_right", "spine", "pelvic_floor"})
        EXPECT_TRUE(seen.count(id)) << id;
}

TEST(FigureMesh, DetailLevelsHaveTheTriangleCounts) {
    for (auto b : {BodyBuild::Slim, BodyBuild::Average, BodyBuild::Broad}) {
        auto full = figure(b, 0), light = figure(b, 1);
        ASSERT_TRUE(full && light);
        EXPECT_GE(full->skin.indices.size() / 3, 30000u) << test::buildName(b);
        EXPECT_LT(light->skin.indices.size() / 3, full->skin.indices.size() / 3 / 2) << test::buildName(b);
        EXPECT_GE(light->skin.indices.size() / 3, 4000u) << test::buildName(b) << ": still a smooth body";
    }
}

// Ray casting: odd crossings of the skin mean inside.
bool insideMesh(const Mesh& m, glm::vec3 p) {
    const glm::vec3 d = glm::normalize(glm::vec3(0.577f, 0.31f, 0.75f));
    int crossings = 0;
    for (size_t t = 0; t < m.indices.size(); t += 3) {
        glm::vec3 a = m.vertices[m.indices[t]].position, b = m.vertices[m.indices[t + 1]].position,
                  c = m.vertices[m.indices[t + 2]].position;
        glm::vec3 e1 = b - a, e2 = c - a, h = glm::cross(d, e2);
        float det = glm::dot(e1, h);
        if (std::abs(det) < 1e-12f) continue;
        glm::vec3 s = p - a;
        float u = glm::dot(s, h) / det;
        if (u < 0 || u > 1) continue;
        glm::vec3 q = glm::cross(s, e1);
        float v = glm::dot(d, q) / det;
        if (v < 0 || u + v > 1) continue;
        crossings += glm::dot(e2, q) / det > 0.0f;
    }
    return crossings % 2 == 1;
}

TEST(FigureMesh, AnatomyLiesInsideTheSkin) {
    for (auto b : {BodyBuild::Slim, BodyBuild::Broad}) {
        auto f = figure(b, 1);
        ASSERT_TRUE(f);
        for (const auto& part : f->anatomy) {
            size_t step = std::max<size_t>(1, part.mesh.vertices.size() / 40);
            for (size_t i = 0; i < part.mesh.vertices.size(); i += step)
                EXPECT_TRUE(insideMesh(f->skin, part.mesh.vertices[i].position))
                    << part.region << " vertex " << i << " of the " << test::buildName(b) << " figure";
        }
    }
}

} // namespace
} // namespace soma
