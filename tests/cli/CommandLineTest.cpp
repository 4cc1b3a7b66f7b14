#include "render/Image.h"
#include "support/ImageCheck.h"
#include "support/RunProgram.h"
#include "soma/Version.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace soma {

using test::runSoma;

TEST(CommandLine, VersionPrintsTheVersion) {
    auto r = runSoma({"--version"});
    EXPECT_EQ(r.exitCode, 0);
    EXPECT_NE(r.out.find(SOMA_VERSION_STRING), std::string::npos) << r.out;
}

TEST(CommandLine, HelpListsTheSubcommands) {
    auto r = runSoma({"--help"});
    EXPECT_EQ(r.exitCode, 0);
    for (const char* sub : {"doctor", "render", "run"}) EXPECT_NE(r.out.find(sub), std::string::npos) << sub << "\n" << r.out;
    EXPECT_NE(r.out.find("not medical treatment"), std::string::npos);
}

TEST(CommandLine, UnknownSubcommandFailsWithAMessage) {
    auto r = runSoma({"fly-to-the-moon"});
    EXPECT_EQ(r.exitCode, 2) << "a usage error";
    EXPECT_NE(r.out.find("fly-to-the-moon"), std::string::npos) << r.out;
}

// Usage errors exit 2 whatever CLI11 calls them (issue 19: they exited
// 105 to 109); help still exits 0.
TEST(CommandLine, UsageErrorsExitTwo) {
    for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
             {"render", "--width", "abc"}, {"render", "--width", "5"}, {"run", "--stereo", "top-bottom"}, {"render", "--no-such-flag"}}) {
        auto r = runSoma(args);
        EXPECT_EQ(r.exitCode, 2) << args[1] << ": " << r.out;
    }
    EXPECT_EQ(runSoma({"render", "--help"}).exitCode, 0);
}

// A PNG that cannot be written in full is an error, not "wrote" (issue
// 19: stb ignored failed writes, so /dev/full said wrote and exited 0).
TEST(CommandLine, RenderToAFullDeviceFails) {
    auto r = runSoma({"render", "--out", "/dev/full", "--width", "32", "--height", "32"});
    EXPECT_EQ(r.exitCode, 1) << r.out;
    EXPECT_EQ(r.out.find("wrote"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("/dev/full"), std::string::npos) << r.out;
}

TEST(CommandLine, DoctorNamesRendererAndAudioState) {
    auto r = runSoma({"doctor"}, {"ALSOFT_DRIVERS=no-such-backend"});
    EXPECT_EQ(r.exitCode, 0) << r.out;
    EXPECT_NE(r.out.find("gl_renderer:"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("llvmpipe"), std::string::npos) << r.out; // tests run on Mesa's software renderer
    EXPECT_NE(r.out.find("silent mode"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("hrtf:"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("voice_nl:"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Soma can run here"), std::string::npos) << r.out;
}

TEST(CommandLine, DoctorJsonIsOneObject) {
    auto r = runSoma({"doctor", "--json"}, {"ALSOFT_DRIVERS=no-such-backend"});
    EXPECT_EQ(r.exitCode, 0) << r.out;
    auto open = r.out.find('{');
    ASSERT_NE(open, std::string::npos);
    EXPECT_NE(r.out.find("\"can_run\": true", open), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\"gl_renderer\": \"", open), std::string::npos) << r.out;
}

TEST(CommandLine, RunWithoutDisplayRendersAFileAndNamesIt) {
    auto out = test::outputPath("cli-run-scene.png");
    std::filesystem::remove(out);
    auto r = runSoma({"run", "--out", out}, {"DISPLAY=", "WAYLAND_DISPLAY=", "ALSOFT_DRIVERS=no-such-backend"});
    EXPECT_EQ(r.exitCode, 0) << r.out;
    EXPECT_NE(r.out.find("No display"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("cli-run-scene.png"), std::string::npos) << r.out;
    auto img = readPng(out);
    ASSERT_TRUE(img.ok());
    // Not blank: the picture has more than one colour.
    int minV = 255, maxV = 0;
    for (size_t i = 0; i < img->rgba.size(); i += 4) {
        minV = std::min<int>(minV, img->rgba[i + 2]);
        maxV = std::max<int>(maxV, img->rgba[i + 2]);
    }
    EXPECT_GT(maxV - minV, 10);
}

TEST(CommandLine, RenderToAnUnwritablePlaceFailsClearly) {
    auto r = runSoma({"render", "--out", "/proc/soma-cannot-write-here/x.png", "--width", "32", "--height", "32"});
    EXPECT_NE(r.exitCode, 0);
    EXPECT_NE(r.out.find("/proc/soma-cannot-write-here/x.png"), std::string::npos) << r.out;
}

} // namespace soma

namespace soma {

// The program finds its shaders, assets and plugins from its own location
// in an installed prefix too, with no environment variables.
TEST(Install, InstalledProgramFindsItsData) {
    namespace fs = std::filesystem;
    const fs::path prefix = fs::path(std::getenv("XDG_DATA_HOME")).parent_path() / "prefix";
    const std::string install = std::string("'") + SOMA_CMAKE_COMMAND + "' --install '" + SOMA_BUILD_DIR + "' --prefix '" +
                                prefix.string() + "' > /dev/null 2>&1";
    ASSERT_EQ(std::system(install.c_str()), 0) << install;
    ASSERT_TRUE(fs::is_regular_file(prefix / "bin" / "soma"));
    const fs::path png = prefix / "frame.png";
    const std::string cmd = "env -u SOMA_DATA_DIR '" + (prefix / "bin" / "soma").string() + "' render --width 64 --height 48 --out '" +
                            png.string() + "' > /dev/null 2>&1";
    EXPECT_EQ(std::system(cmd.c_str()), 0);
    auto img = readPng(png);
    ASSERT_TRUE(img.ok()) << img.error().message;
    EXPECT_EQ(img->width, 64);
}

} // namespace soma
