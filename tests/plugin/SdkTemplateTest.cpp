// The SDK as a plugin author outside this repository gets it: install Soma
// to a prefix, build sdk/template against it with find_package(Soma), and
// load the result through the host.
#include "PluginTestSupport.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace soma {
namespace {

namespace fs = std::filesystem;

int sh(const std::string& cmd, const fs::path& log) {
    return std::system((cmd + " > '" + log.string() + "' 2>&1").c_str());
}

std::string readAll(const fs::path& p) {
    std::ifstream f(p);
    return std::string((std::istreambuf_iterator<char>(f)), {});
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

    auto reg = PluginRegistry::load({build}, {}, test::registryOptions(root / "checks.toml"));
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

TEST(SdkTemplate, PackageRefusesAnotherMinorVersion) {
    // 0.x: another minor may change the ABI, so an older minor (which a newer
    // version would accept under AnyNewerVersion) is refused too.
    const fs::path root = test::scratchDir("sdk-version");
    const fs::path prefix = root / "prefix", log = root / "log.txt";
    const std::string cmake = std::string("'") + SOMA_CMAKE_COMMAND + "'";
    ASSERT_EQ(sh(cmake + " --install '" + SOMA_BUILD_DIR + "' --prefix '" + prefix.string() + "' --component Unspecified", log), 0) << readAll(log);
    fs::create_directories(root / "probe");
    std::ofstream(root / "probe" / "CMakeLists.txt") << "cmake_minimum_required(VERSION 3.16)\nproject(Probe NONE)\nfind_package(Soma 0.0 REQUIRED)\n";
    EXPECT_NE(sh(cmake + " -S '" + (root / "probe").string() + "' -B '" + (root / "probe-build").string() + "' -DCMAKE_PREFIX_PATH='" +
                     prefix.string() + "'",
                 log),
              0);
    EXPECT_NE(readAll(log).find("requested version \"0.0\""), std::string::npos) << readAll(log);
}

} // namespace
} // namespace soma
