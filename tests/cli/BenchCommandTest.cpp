// `soma bench --json` in its quick mode: every figure of docs/benchmarks.md
// is there, as a finite number or as null with the reason. No timing is
// asserted (performance is measured, never tested); this checks that the
// report is complete and well formed without a display or a sound card.
#include "support/RunProgram.h"
#include "session/Json.h"

#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

namespace soma {
namespace {

using test::Json;

// The JSON object: the one line of the output that starts with '{' (the
// children bench starts may log other lines to stderr).
std::string jsonLine(const std::string& out) {
    std::istringstream in(out);
    std::string line;
    while (std::getline(in, line))
        if (!line.empty() && line.front() == '{') return line;
    return {};
}

TEST(BenchCommand, QuickJsonHasEveryFigure) {
    auto r = test::runSoma({"bench", "--json", "--quick", "--frames", "10", "--width", "64", "--height", "48"},
                           {"DISPLAY=", "WAYLAND_DISPLAY=", "ALSOFT_DRIVERS=no-such-backend"});
    ASSERT_EQ(r.exitCode, 0) << r.out;
    const std::string line = jsonLine(r.out);
    ASSERT_FALSE(line.empty()) << r.out;
    Json j;
    ASSERT_NO_THROW(j = Json::parse(line)) << line;
    ASSERT_TRUE(j.has("notes")) << line;
    const Json& notes = j["notes"];

    // Figures that need nothing but this machine: always numbers.
    for (const char* key : {"start_ms", "frame_ms_mean", "frame_ms_p95", "update_us", "audio_mix_ms_per_s", "rss_mb", "heap_mb",
                            "plugins_ms", "export_x_realtime", "floor_ms_mean", "frame_vs_floor"}) {
        ASSERT_TRUE(j.has(key)) << key << "\n" << line;
        EXPECT_EQ(j[key].type, Json::Type::Number) << key << ": " << (notes.has(key) ? notes[key].string : "") << "\n" << line;
        if (j[key].type == Json::Type::Number) {
            EXPECT_TRUE(std::isfinite(j[key].number)) << key;
            EXPECT_GE(j[key].number, 0.0) << key;
        }
    }
    // Figures that depend on more (ffmpeg; a word after a pause): a number,
    // or null with the reason, never absent.
    for (const char* key : {"export_video_x_realtime", "sync_ms_max"}) {
        ASSERT_TRUE(j.has(key)) << key << "\n" << line;
        if (j[key].isNull()) {
            ASSERT_TRUE(notes.has(key)) << key << " is null without a reason";
            EXPECT_FALSE(notes[key].string.empty()) << key;
        } else {
            ASSERT_EQ(j[key].type, Json::Type::Number) << key;
            EXPECT_TRUE(std::isfinite(j[key].number)) << key;
            EXPECT_GE(j[key].number, 0.0) << key;
        }
    }
    // What the figures came from.
    ASSERT_TRUE(j.has("renderer"));
    EXPECT_FALSE(j["renderer"].string.empty());
    ASSERT_TRUE(j.has("cores"));
    EXPECT_GE(std::stoi(j["cores"].string), 1);
    for (const char* key : {"msaa", "lod", "render_quality", "size"}) EXPECT_TRUE(j.has(key)) << key;
    EXPECT_EQ(j["size"].string, "64x48");
}

// `soma bench --stereo`: both headset eye sizes, each beside one eye
// alone. A stereo frame draws twice the pixels, so it costs more than one
// eye; no other timing is asserted.
TEST(BenchCommand, StereoReportsBothEyeSizesBesideOneEye) {
    auto r = test::runSoma({"bench", "--json", "--quick", "--stereo"}, {"DISPLAY=", "WAYLAND_DISPLAY=", "ALSOFT_DRIVERS=no-such-backend"});
    ASSERT_EQ(r.exitCode, 0) << r.out;
    const std::string line = jsonLine(r.out);
    ASSERT_FALSE(line.empty()) << r.out;
    Json j;
    ASSERT_NO_THROW(j = Json::parse(line)) << line;
    for (const char* size : {"1832x1920", "1280x1440"}) {
        const std::string stereo = std::string("stereo_") + size + "_ms_mean", mono = std::string("mono_") + size + "_ms_mean";
        ASSERT_TRUE(j.has(stereo) && j.has(mono)) << line;
        ASSERT_EQ(j[stereo].type, Json::Type::Number) << line;
        ASSERT_EQ(j[mono].type, Json::Type::Number) << line;
        EXPECT_GT(j[mono].number, 0.0);
        EXPECT_GT(j[stereo].number, j[mono].number) << "two eyes are more pixels than one";
    }
    EXPECT_FALSE(j.has("frame_ms_mean")) << "--stereo measures the stereo frame only";
}

} // namespace
} // namespace soma
