// The SDK as a plugin author outside this repository gets it: install Soma
// to a prefix, build sdk/template against it with find_package(Soma), and
// load the result through the host.
#include "PluginTestSupport.h"

#include <soma/plugin.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace soma {
namespace {

namespace fs = std::filesystem;
using test::readAll;

int sh(const std::string& cmd, const fs::path& log) {
    return std::system((cmd + " > '" + log.string() + "' 2>&1").c_str());
}

TEST(SdkTemplate, BuildsOutOfTreeAgainstTheInstalledSdkAndLoads) {
    const fs::path root = test::scratchDir("sdk");
    const fs::path prefix = root / "prefix", build = root / "template-build", log = root / "log.txt";
    const std::string cmake = std::string("'") + SOMA_CMAKE_COMMAND + "'";
    ASSERT_EQ(sh(cmake + " --install '" + SOMA_BUILD_DIR + "' --prefix '" + prefix.string() + "'", log), 0) << readAll(log);
    EXPECT_TRUE(fs::is_regular_file(prefix / "include" / "soma" / "plugin.h"));
    EXPECT_TRUE(fs::is_regular_file(prefix / "include" / "soma" / "plugin_cpp.h"));

    const fs::path src = fs::path(SOMA_FIXTURE_DIR).parent_path().parent_path() / "sdk" / "template";
    ASSERT_EQ(sh(cmake + " -S '" + src.string() + "' -B '" + build.string() + "' -DCMAKE_PREFIX_PATH='" + prefix.string() +
                     "' -DCMAKE_BUILD_TYPE=Release",
                 log),
              0)
        << readAll(log);
    ASSERT_EQ(sh(cmake + " --build '" + build.string() + "'", log), 0) << readAll(log);
    ASSERT_TRUE(fs::is_regular_file(build / "my-exercise.so"));

    auto reg = PluginRegistry::load({build}, test::registryOptions(root / "checks.toml"));
    ASSERT_EQ(reg.records().size(), 1u);
    ASSERT_TRUE(reg.records()[0].ok()) << reg.records()[0].status << ": " << reg.records()[0].message;
    Exercise* ex = reg.find("my-exercise");
    ASSERT_NE(ex, nullptr);
    EXPECT_EQ(ex->info().title.at("nl"), "Mijn oefening");
    DescribeOptions opt;
    opt.lang = "nl";
    auto r = ex->describe(opt);
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_EQ(r->steps.size(), 2u);
    EXPECT_EQ(r->steps[1].highlights.at(0).region, "belly");
    EXPECT_EQ(r->steps[1].highlights.at(0).mark, "belly");
}

// The package's version is the plugin ABI's, with the ABI's own rule: the
// same major, and at least the minor asked for. Versions are relative to
// the header's, so the test keeps meaning the same after a minor bump.
TEST(SdkTemplate, PackageVersionFollowsTheAbiRule) {
    const fs::path root = test::scratchDir("sdk-version");
    const fs::path prefix = root / "prefix", log = root / "log.txt";
    const std::string cmake = std::string("'") + SOMA_CMAKE_COMMAND + "'";
    ASSERT_EQ(sh(cmake + " --install '" + SOMA_BUILD_DIR + "' --prefix '" + prefix.string() + "' --component dev", log), 0) << readAll(log);
    fs::create_directories(root / "probe");
    std::ofstream(root / "probe" / "CMakeLists.txt")
        << "cmake_minimum_required(VERSION 3.16)\nproject(Probe NONE)\nfind_package(Soma ${WANT} REQUIRED)\n"
           "message(STATUS \"probe: abi=${SOMA_PLUGIN_ABI} package=${Soma_VERSION}\")\n";
    int n = 0;
    auto probe = [&](const std::string& want) {
        const fs::path b = root / ("probe-build-" + std::to_string(n++));
        return sh(cmake + " -S '" + (root / "probe").string() + "' -B '" + b.string() + "' -DWANT=" + want + " -DCMAKE_PREFIX_PATH='" + prefix.string() + "'",
                  log);
    };
    static_assert(SOMA_PLUGIN_ABI_MAJOR >= 1, "below uses major - 1");
    const unsigned major = SOMA_PLUGIN_ABI_MAJOR, minor = SOMA_PLUGIN_ABI_MINOR;
    const std::string abi = std::to_string(major) + "." + std::to_string(minor);

    ASSERT_EQ(probe(abi), 0) << readAll(log);
    EXPECT_NE(readAll(log).find("probe: abi=" + abi + " package=" + abi), std::string::npos) << readAll(log);
    EXPECT_EQ(probe(std::to_string(major) + ".0"), 0) << "a plugin for an older minor builds: " << readAll(log);

    const std::string newerMinor = std::to_string(major) + "." + std::to_string(minor + 1);
    EXPECT_NE(probe(newerMinor), 0) << "a plugin for a newer minor needs a newer SDK";
    EXPECT_NE(readAll(log).find("requested version \"" + newerMinor + "\""), std::string::npos) << readAll(log);
    EXPECT_NE(probe(std::to_string(major + 1) + ".0"), 0) << "another major is refused";
    EXPECT_NE(probe(std::to_string(major - 1) + ".9"), 0) << "so is an older major, whatever its minor";
}

} // namespace
} // namespace soma
