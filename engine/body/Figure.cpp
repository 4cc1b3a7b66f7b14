#include "body/Figure.h"

#include "body/BodyPlan.h"
#include "body/FigureBuilder.h"
#include "body/FigureFile.h"
#include "core/Log.h"
#include "core/Paths.h"
#include "model/RegionAtlas.h"

#include <fmt/format.h>
#include <glm/geometric.hpp>

#include <map>
#include <mutex>

namespace soma {
namespace {

constexpr float kMinHeightM = 1.0f, kMaxHeightM = 2.3f;

std::mutex& cacheMutex() {
    static std::mutex m;
    return m;
}

// The reference-height figure of a build and lod: from the baked file, or
// built here (both lods at once) when the file is missing or stale.
std::shared_ptr<const Figure> referenceFigure(BodyBuild build, int lod) {
    static std::map<std::pair<int, int>, std::shared_ptr<const Figure>> cache;
    auto key = std::make_pair(int(build), lod);
    if (auto it = cache.find(key); it != cache.end()) return it->second;

    auto path = paths::assetDir() / "figure" / bakedFigureName(build, lod);
    auto baked = readFigureFile(path, makeBodyPlan(build).digest());
    if (baked) {
        auto f = std::make_shared<const Figure>(std::move(baked.value()));
        cache[key] = f;
        return f;
    }
    log::info(baked.error().id, "{}; building the {} figure in-process instead (a second or so)", baked.error().message,
              toString(build));
    auto lods = buildFigureLods(build);
    for (int l = 0; l < kFigureLods; ++l) cache[{int(build), l}] = std::make_shared<const Figure>(std::move(lods[l]));
    return cache[key];
}

Figure scaled(const Figure& ref, float heightM) {
    Figure f = ref;
    const float s = heightM / ref.desc.heightM;
    f.desc.heightM = heightM;
    for (auto& j : f.skeleton) j.bindPosition *= s;
    auto scaleMesh = [s](Mesh& m) {
        for (auto& v : m.vertices) {
            v.position *= s;
            v.breathDelta *= s;
        }
    };
    scaleMesh(f.skin);
    for (auto& a : f.anatomy) scaleMesh(a.mesh);
    Landmarks& l = f.landmarks;
    for (float* v : {&l.crown, &l.chin, &l.shoulder, &l.chest, &l.navel, &l.crotch, &l.knee, &l.ankle, &l.shoulderWidth, &l.hipWidth})
        *v *= s;
    return f;
}

} // namespace

Result<Figure> scaledFigure(const FigureDesc& desc) {
    if (desc.lod < 0 || desc.lod >= kFigureLods)
        return Error{"figure.lod", fmt::format("level of detail {} does not exist; use 0 (full) or 1 (light)", desc.lod)};
    if (!(desc.heightM >= kMinHeightM && desc.heightM <= kMaxHeightM))
        return Error{"figure.height", fmt::format("a height of {:.2f} m is outside what the figure supports; use {:.1f} to {:.1f} m",
                                                  desc.heightM, kMinHeightM, kMaxHeightM)};
    std::shared_ptr<const Figure> ref;
    {
        std::lock_guard lock(cacheMutex());
        ref = referenceFigure(desc.build, desc.lod);
    }
    return scaled(*ref, desc.heightM);
}

glm::vec3 regionCentroid(const Figure& figure, int region) {
    const auto& atlas = regions();
    if (region < 0 || region >= int(atlas.size())) return glm::vec3(0.0f);
    glm::dvec3 sum(0.0);
    double weight = 0.0;
    auto addTriangles = [&](const Mesh& m, auto weightOf) {
        for (size_t t = 0; t + 2 < m.indices.size(); t += 3) {
            const FigureVertex* v[3] = {&m.vertices[m.indices[t]], &m.vertices[m.indices[t + 1]], &m.vertices[m.indices[t + 2]]};
            double area = 0.5 * glm::length(glm::cross(glm::dvec3(v[1]->position - v[0]->position),
                                                       glm::dvec3(v[2]->position - v[0]->position)));
            for (const FigureVertex* fv : v) {
                double w = area * weightOf(*fv);
                sum += glm::dvec3(fv->position) * w;
                weight += w;
            }
        }
    };
    // Weighted by the area each vertex stands for, so the centre does not
    // lean towards where the mesh happens to be denser.
    if (atlas[region].layer == Layer::Internal) {
        for (const auto& part : figure.anatomy)
            if (part.region == atlas[region].id) addTriangles(part.mesh, [](const FigureVertex&) { return 1.0; });
    } else {
        addTriangles(figure.skin, [region](const FigureVertex& v) {
            double w = 0.0;
            for (int k = 0; k < 4; ++k)
                if (v.regions[k] == region) w += v.regionWeights[k];
            return w;
        });
    }
    return weight > 0.0 ? glm::vec3(sum / weight) : glm::vec3(0.0f);
}

} // namespace soma
