// The baked figure files: present for every build and lod, the same as an
// in-process build, and refused when damaged, stale or missing.
#include "FigureTestUtil.h"
#include "model/Vocabulary.h"

#include "body/BodyPlan.h"
#include "body/FigureBuilder.h"
#include "body/FigureFile.h"
#include "core/Log.h"
#include "core/Paths.h"

#include <cstring>
#include <filesystem>
#include <fstream>

namespace soma {
namespace {

namespace fs = std::filesystem;

fs::path bakedPath(BodyBuild b, int lod) { return paths::assetDir() / "figure" / bakedFigureName(b, lod); }

std::vector<unsigned char> readBytes(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

fs::path scratch(const char* name) {
    auto dir = fs::path(SOMA_TEST_OUTPUT_DIR) / "body";
    fs::create_directories(dir);
    return dir / name;
}

TEST(FigureBake, EveryBuildAndLodIsBaked) {
    for (auto b : {BodyBuild::Slim, BodyBuild::Average, BodyBuild::Broad})
        for (int lod = 0; lod < kFigureLods; ++lod) {
            auto r = readFigureFile(bakedPath(b, lod), makeBodyPlan(b).digest());
            ASSERT_TRUE(r.ok()) << r.error().message;
            EXPECT_EQ(r->desc.build, b);
            EXPECT_EQ(r->desc.lod, lod);
            EXPECT_GT(r->skin.vertices.size(), 1000u);
        }
}

TEST(FigureBake, BakedFileEqualsAnInProcessBuild) {
    const auto digest = makeBodyPlan(BodyBuild::Slim).digest();
    auto built = buildFigureLods(BodyBuild::Slim);
    for (int lod = 0; lod < kFigureLods; ++lod) {
        auto baked = readBytes(bakedPath(BodyBuild::Slim, lod));
        ASSERT_FALSE(baked.empty());
        auto fresh = encodeFigure(built[lod], digest);
        EXPECT_EQ(fresh.size(), baked.size()) << "lod " << lod;
        EXPECT_TRUE(fresh == baked) << "lod " << lod << ": the bake and an in-process build differ";
        // And what is read back is what was written.
        auto decoded = decodeFigure(baked, digest, "baked");
        ASSERT_TRUE(decoded.ok());
        EXPECT_TRUE(encodeFigure(decoded.value(), digest) == baked);
        ASSERT_EQ(decoded->skin.vertices.size(), built[lod].skin.vertices.size());
        EXPECT_EQ(0, std::memcmp(decoded->skin.vertices.data(), built[lod].skin.vertices.data(),
                                 built[lod].skin.vertices.size() * sizeof(FigureVertex)));
        EXPECT_EQ(decoded->skin.indices, built[lod].skin.indices);
    }
}

TEST(FigureBake, DamagedStaleAndMissingFilesAreRefused) {
    const auto digest = makeBodyPlan(BodyBuild::Average).digest();
    auto bytes = readBytes(bakedPath(BodyBuild::Average, 1));
    ASSERT_GT(bytes.size(), 1000u);

    auto flipped = bytes;
    flipped[flipped.size() / 2] ^= 0x5a;
    auto r = decodeFigure(flipped, digest, "flipped.bin");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().id, "figure.bake_corrupt");
    EXPECT_NE(r.error().message.find("flipped.bin"), std::string::npos);

    auto cut = std::vector<unsigned char>(bytes.begin(), bytes.begin() + bytes.size() / 3);
    r = decodeFigure(cut, digest, "cut.bin");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().id, "figure.bake_corrupt");

    r = decodeFigure(bytes, digest ^ 1u, "other.bin");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().id, "figure.bake_stale");

    r = decodeFigure({'n', 'o', 'p', 'e'}, digest, "tiny.bin");
    ASSERT_FALSE(r.ok());

    r = readFigureFile(scratch("no-such-figure.bin"), digest);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().id, "figure.bake_missing");

    // Write and read through a real file.
    auto f = decodeFigure(bytes, digest, "baked");
    ASSERT_TRUE(f.ok());
    auto path = scratch("roundtrip.bin");
    ASSERT_TRUE(writeFigureFile(f.value(), digest, path).ok());
    auto back = readFigureFile(path, digest);
    ASSERT_TRUE(back.ok());
    EXPECT_TRUE(encodeFigure(back.value(), digest) == bytes);
}

TEST(FigureBake, LoadFigureSharesOneFigurePerDesc) {
    auto a = test::figure(BodyBuild::Broad, 1, 1.80f), b = test::figure(BodyBuild::Broad, 1, 1.80f);
    ASSERT_TRUE(a && b);
    EXPECT_EQ(a.get(), b.get());
    auto c = test::figure(BodyBuild::Broad, 1, 1.81f);
    ASSERT_TRUE(c);
    EXPECT_NE(a.get(), c.get());
    EXPECT_EQ(a->poseFits.size(), poseIds().size());
}

} // namespace
} // namespace soma
