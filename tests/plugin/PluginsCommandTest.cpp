// `soma plugins [--json]`, the real program in a child process: every
// exercise shipped in plugins/ is listed with status ok.
#include "PluginTestSupport.h"
#include "support/RunProgram.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

namespace soma {
namespace {

namespace fs = std::filesystem;

// The ids of the exercises in the source tree's plugins/ folder.
std::vector<std::string> shippedIds() {
    std::vector<std::string> ids;
    const fs::path dir = fs::path(SOMA_FIXTURE_DIR).parent_path().parent_path() / "plugins";
    for (const auto& e : fs::directory_iterator(dir))
        if (e.is_directory() && fs::exists(e.path() / "CMakeLists.txt")) ids.push_back(e.path().filename().string());
    return ids;
}

std::string lineFor(const std::string& out, const std::string& id) {
    std::istringstream in(out);
    std::string line;
    while (std::getline(in, line))
        if (line.find("{\"id\": \"" + id + "\"") != std::string::npos) return line;
    return {};
}

TEST(PluginsCommand, JsonListsEveryShippedExerciseAsOk) {
    auto r = test::runSoma({"plugins", "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.out;
    ASSERT_NE(r.out.find("{\"exercises\": ["), std::string::npos) << r.out;
    const auto ids = shippedIds();
    ASSERT_GE(ids.size(), 2u);
    for (const auto& id : ids) {
        const std::string line = lineFor(r.out, id);
        ASSERT_FALSE(line.empty()) << id << " is not listed:\n" << r.out;
        EXPECT_NE(line.find("\"status\": \"ok\""), std::string::npos) << line;
        EXPECT_NE(line.find("\"variants\": [{\"id\": \"short\", \"minutes\": "), std::string::npos) << line;
        EXPECT_NE(line.find("\"nl\": \""), std::string::npos) << line;
    }
    for (const char* native : {"diaphragm-breathing", "pendulation", "personal-scan"})
        EXPECT_NE(lineFor(r.out, native).find("\"kind\": \"native\""), std::string::npos) << native;
}

TEST(PluginsCommand, TextNamesWhyABrokenPluginIsNotLoaded) {
    // A user's own plugin folder holding a file that is not a library.
    const fs::path data = fs::path(std::getenv("XDG_DATA_HOME")) / "cmd-test";
    fs::create_directories(data / "soma" / "plugins");
    fs::copy_file(fs::path(SOMA_BUILD_DIR) / "test-plugins" / "not-a-library" / "not-a-library.so", data / "soma" / "plugins" / "broken.so",
                  fs::copy_options::overwrite_existing);
    auto r = test::runSoma({"plugins"}, {"XDG_DATA_HOME='" + data.string() + "'"});
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_NE(r.out.find("NOT LOADED (plugin.load_failed)"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("broken.so"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("pendulation"), std::string::npos) << "the others are still listed: " << r.out;
}

TEST(PluginsCommand, HiddenCheckerAnswersOneLine) {
    auto ok = test::runSoma({"plugin-check", std::string(SOMA_BUILD_DIR) + "/test-plugins/good/good.so"});
    EXPECT_EQ(ok.exitCode, 0) << ok.out;
    EXPECT_NE(ok.out.find("soma-plugin-check\tok\tfixture-good"), std::string::npos) << ok.out;
    auto bad = test::runSoma({"plugin-check", std::string(SOMA_BUILD_DIR) + "/test-plugins/abi-major/abi-major.so"});
    EXPECT_EQ(bad.exitCode, 3) << bad.out;
    EXPECT_NE(bad.out.find("\tplugin.abi_major\t"), std::string::npos) << bad.out;
    auto help = test::runSoma({"--help"});
    EXPECT_EQ(help.out.find("plugin-check"), std::string::npos) << "internal, not in --help";
    EXPECT_NE(help.out.find("plugins"), std::string::npos);
}

} // namespace
} // namespace soma

namespace soma {

// `soma validate` checks a native plugin the way `soma plugins` does (in a
// child process): a good one is valid, a broken one is named with its reason.
TEST(ValidateCommand, ChecksNativePluginsInAChildProcess) {
    const std::string good = test::fixturePlugin("good").append("good.so").string();
    auto ok = test::runSoma({"validate", good});
    EXPECT_EQ(ok.exitCode, 0) << ok.out;
    EXPECT_NE(ok.out.find("ok: "), std::string::npos) << ok.out;

    const std::string crashes = test::fixturePlugin("crashes").append("crashes.so").string();
    auto bad = test::runSoma({"validate", crashes});
    EXPECT_EQ(bad.exitCode, 1) << bad.out;
    EXPECT_NE(bad.out.find(crashes + ":1:1: error:"), std::string::npos) << bad.out;

    const std::string major = test::fixturePlugin("abi-major").append("abi-major.so").string();
    auto abi = test::runSoma({"validate", major});
    EXPECT_EQ(abi.exitCode, 1) << abi.out;
    EXPECT_NE(abi.out.find(major + ":1:1: error:"), std::string::npos) << abi.out;
}

} // namespace soma
