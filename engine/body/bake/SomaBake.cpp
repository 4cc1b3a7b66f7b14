// soma_bake: runs at build time and writes the baked figure files (every
// build and level of detail) that loadFigure reads at start-up.
// Usage: soma_bake OUTPUT_DIR [slim|average|broad]   (one build: for profiling)
#include "body/BodyPlan.h"
#include "body/FigureBuilder.h"
#include "body/FigureFile.h"
#include "core/Log.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string_view>
#include <thread>
#include <vector>

int main(int argc, char** argv) {
    using namespace soma;
    if (argc != 2 && argc != 3) {
        std::fprintf(stderr, "usage: soma_bake OUTPUT_DIR [slim|average|broad]\n");
        return 2;
    }
    const std::filesystem::path dir = argv[1];
    const auto start = std::chrono::steady_clock::now();
    const BodyBuild builds[] = {BodyBuild::Slim, BodyBuild::Average, BodyBuild::Broad};
    std::array<Figure, kFigureLods> figures[3];
    bool wanted[3] = {true, true, true};
    if (argc == 3)
        for (int b = 0; b < 3; ++b) wanted[b] = std::string_view(argv[2]) == toString(builds[b]);
    // The builds are independent; one thread each keeps the bake short.
    std::vector<std::thread> workers;
    for (int b = 0; b < 3; ++b) if (wanted[b]) workers.emplace_back([&, b] { figures[b] = buildFigureLods(builds[b]); });
    for (auto& w : workers) w.join();
    int failures = 0;
    int baked = 0;
    for (int b = 0; b < 3; ++b) {
        if (!wanted[b]) continue;
        const auto digest = makeBodyPlan(builds[b]).digest();
        for (int lod = 0; lod < kFigureLods; ++lod) {
            const Figure& f = figures[b][lod];
            auto path = dir / bakedFigureName(builds[b], lod);
            if (auto s = writeFigureFile(f, digest, path); !s) {
                std::fprintf(stderr, "%s\n", s.error().message.c_str());
                ++failures;
                continue;
            }
            ++baked;
            size_t anatomyTris = 0;
            for (const auto& a : f.anatomy) anatomyTris += a.mesh.indices.size() / 3;
            std::printf("soma_bake: %s: %zu skin vertices, %zu skin triangles, %zu anatomy triangles\n",
                        path.filename().c_str(), f.skin.vertices.size(), f.skin.indices.size() / 3, anatomyTris);
        }
    }
    const double sec = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("soma_bake: baked %d figures in %.2f s\n", baked, sec);
    return failures ? 1 : 0;
}
