// `soma render` as a person runs it: the PNG it writes, and the errors it
// gives for values that do not exist.
#include "render/Image.h"
#include "support/ImageCheck.h"
#include "support/RunProgram.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

namespace soma {
namespace {

std::string bytesOf(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace

TEST(RenderCommand, SameArgumentsGiveTheSameImage) {
    const std::vector<std::string> args = {"render", "--pose", "supine", "--highlight", "psoas_left=1,diaphragm=0.6",
                                           "--breath", "0.5", "--width", "160", "--height", "120"};
    const auto a = test::outputPath("render-cmd-a.png"), b = test::outputPath("render-cmd-b.png");
    std::filesystem::remove(a);
    std::filesystem::remove(b);
    auto argsA = args, argsB = args;
    argsA.insert(argsA.end(), {"--out", a});
    argsB.insert(argsB.end(), {"--out", b});
    auto ra = test::runSoma(argsA), rb = test::runSoma(argsB);
    ASSERT_EQ(ra.exitCode, 0) << ra.out;
    ASSERT_EQ(rb.exitCode, 0) << rb.out;
    const std::string ba = bytesOf(a);
    EXPECT_GT(ba.size(), 1000u);
    EXPECT_EQ(ba, bytesOf(b));
    auto img = readPng(a);
    ASSERT_TRUE(img.ok());
    EXPECT_EQ(img->width, 160);
    EXPECT_EQ(img->height, 120);
}

TEST(RenderCommand, OptionsChangeThePicture) {
    const auto base = test::outputPath("render-cmd-base.png"), lit = test::outputPath("render-cmd-lit.png");
    ASSERT_EQ(test::runSoma({"render", "--pose", "seated", "--width", "96", "--height", "64", "--out", base}).exitCode, 0);
    ASSERT_EQ(test::runSoma({"render", "--pose", "seated", "--width", "96", "--height", "64", "--highlight", "jaw@80c0ff",
                             "--camera", "head_shoulders", "--build", "broad", "--height-m", "1.9", "--lod", "1", "--out", lit})
                  .exitCode,
              0);
    EXPECT_NE(bytesOf(base), bytesOf(lit));
}

TEST(RenderCommand, UnknownPoseNamesItAndTheValidOnes) {
    auto r = test::runSoma({"render", "--pose", "sideways", "--out", test::outputPath("never.png")});
    EXPECT_EQ(r.exitCode, 1) << r.out;
    EXPECT_NE(r.out.find("'sideways'"), std::string::npos) << r.out;
    for (const char* p : {"supine", "constructive_rest", "seated", "standing"}) EXPECT_NE(r.out.find(p), std::string::npos) << r.out;
}

TEST(RenderCommand, UnknownRegionSuggestsTheNearestIds) {
    auto r = test::runSoma({"render", "--highlight", "psoas_lfet=1", "--out", test::outputPath("never.png")});
    EXPECT_EQ(r.exitCode, 1) << r.out;
    EXPECT_NE(r.out.find("'psoas_lfet'"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("psoas_left"), std::string::npos) << r.out;
}

TEST(RenderCommand, BadIntensityAndUnknownCameraAndBuildAreClearErrors) {
    auto r = test::runSoma({"render", "--highlight", "belly=3", "--out", test::outputPath("never.png")});
    EXPECT_EQ(r.exitCode, 1) << r.out;
    EXPECT_NE(r.out.find("0 to 1"), std::string::npos) << r.out;
    r = test::runSoma({"render", "--camera", "drone", "--out", test::outputPath("never.png")});
    EXPECT_EQ(r.exitCode, 1) << r.out;
    EXPECT_NE(r.out.find("'drone'"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("head_shoulders"), std::string::npos) << r.out;
    r = test::runSoma({"render", "--build", "huge", "--out", test::outputPath("never.png")});
    EXPECT_EQ(r.exitCode, 1) << r.out;
    EXPECT_NE(r.out.find("'huge'"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("slim"), std::string::npos) << r.out;
    EXPECT_FALSE(std::filesystem::exists(test::outputPath("never.png")));
}

} // namespace soma

namespace soma {

// `soma render --stereo`: both eyes side by side, each half the width; the
// eyes together (--ipd-mm 0) make two halves that are one picture.
TEST(RenderCommand, StereoWritesBothEyesSideBySide) {
    const auto together = test::outputPath("render-stereo-0.png"), apart = test::outputPath("render-stereo-63.png");
    for (const auto& [file, ipd] : {std::pair{together, "0"}, std::pair{apart, "63"}}) {
        const auto r = test::runSoma({"render", "--stereo", "--ipd-mm", ipd, "--pose", "standing", "--width", "256", "--height", "144",
                                      "--msaa", "0", "--out", file});
        ASSERT_EQ(r.exitCode, 0) << r.out;
        EXPECT_NE(r.out.find("side by side"), std::string::npos) << r.out;
    }
    auto halvesDiffer = [](const Image& im) {
        int most = 0;
        for (int y = 0; y < im.height; ++y)
            for (int x = 0; x < im.width / 2; ++x)
                for (int c = 0; c < 3; ++c) most = std::max(most, std::abs(int(im.pixel(x, y)[c]) - int(im.pixel(x + im.width / 2, y)[c])));
        return most;
    };
    auto a = readPng(together), b = readPng(apart);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(a->width, 256);
    EXPECT_LE(halvesDiffer(*a), 2) << "the eyes together see one picture";
    EXPECT_GT(halvesDiffer(*b), 40) << "63 mm apart, the eyes see the figure from two places";
}

} // namespace soma
