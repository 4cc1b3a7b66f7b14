// The manifest form of a native exercise (docs/plugins.md): a folder with
// manifest.toml saying kind = "native" and library = "name.so" beside it.
// `soma plugins` and `soma validate` agree on it, and a manifest never
// points outside its folder.
#include "PluginTestSupport.h"
#include "support/RunProgram.h"

#include <gtest/gtest.h>

#include <fstream>

namespace soma {
namespace {

namespace fs = std::filesystem;
using test::fixturePlugin;

std::string manifest(const std::string& id, const std::string& library, const std::string& extra = {}) {
    return "id = \"" + id + "\"\nkind = \"native\"\nlibrary = \"" + library + "\"\n" + extra +
           "languages = [\"nl\", \"en\"]\n[title]\nnl = \"Test\"\nen = \"Test\"\n[[variants]]\nid = \"short\"\nminutes = 1\n";
}

// <scratch>/plugins/<name>/ with the manifest and the good fixture's library.
fs::path exerciseFolder(const std::string& name, const std::string& manifestText) {
    const fs::path dir = test::scratchDir("native-manifest") / "plugins" / name;
    fs::create_directories(dir);
    std::ofstream(dir / "manifest.toml") << manifestText;
    fs::copy_file(fixturePlugin("good") / "good.so", dir / "good.so");
    return dir;
}

TEST(NativeManifest, TheRegistryLoadsTheLibraryItNames) {
    const fs::path dir = exerciseFolder("good-ex", manifest("fixture-good", "good.so"));
    auto reg = PluginRegistry::load({dir.parent_path()}, test::registryOptions(test::scratchDir("checks") / "checks.toml"));
    ASSERT_EQ(reg.records().size(), 1u);
    const PluginRecord& r = reg.records().front();
    EXPECT_EQ(r.status, "ok") << r.message;
    EXPECT_EQ(r.kind, PluginKind::Native);
    EXPECT_EQ(r.path, dir / "good.so");
    EXPECT_NE(reg.find("fixture-good"), nullptr);

    auto v = test::runSoma({"validate", dir.string()});
    EXPECT_EQ(v.exitCode, 0) << v.out;
    EXPECT_NE(v.out.find("ok: fixture-good"), std::string::npos) << v.out;
}

TEST(NativeManifest, AManifestWhoseIdIsNotTheLibrarysIsRefusedByBoth) {
    const fs::path dir = exerciseFolder("wrong-id", manifest("another-id", "good.so"));
    auto reg = PluginRegistry::load({dir.parent_path()}, test::registryOptions(test::scratchDir("checks") / "checks.toml"));
    ASSERT_EQ(reg.records().size(), 1u);
    EXPECT_EQ(reg.records().front().status, "plugin.manifest_id") << reg.records().front().message;
    EXPECT_EQ(reg.find("fixture-good"), nullptr);
    auto v = test::runSoma({"validate", dir.string()});
    EXPECT_EQ(v.exitCode, 1) << v.out;
    EXPECT_NE(v.out.find("plugin.manifest_id"), std::string::npos) << v.out;
}

TEST(NativeManifest, AManifestNeverPointsOutsideItsFolder) {
    struct Case {
        std::string manifestText, error, where;
    };
    const std::vector<Case> cases{
        {manifest("fixture-good", "../good.so"), "manifest.library", "library = \"../good.so\""},
        {manifest("fixture-good", "/usr/lib/x.so"), "manifest.library", "must be the file name"},
        {manifest("fixture-good", "missing.so"), "manifest.library", "no such library"},
        {manifest("fixture-good", "good.so", "script = \"/dev/zero\"\n"), "manifest.script", "inside the exercise's folder"},
        {manifest("fixture-good", "good.so", "script = \"../../other/script.toml\"\n"), "manifest.script", "inside the exercise's folder"},
    };
    int n = 0;
    for (const Case& c : cases) {
        const fs::path dir = exerciseFolder("case-" + std::to_string(n++), c.manifestText);
        auto v = test::runSoma({"validate", dir.string()});
        EXPECT_EQ(v.exitCode, 1) << c.manifestText << v.out;
        EXPECT_NE(v.out.find(c.error), std::string::npos) << v.out;
        EXPECT_NE(v.out.find(c.where), std::string::npos) << v.out;
        EXPECT_NE(v.out.find((dir / "manifest.toml").string()), std::string::npos) << "names the manifest: " << v.out;
    }
}

TEST(NativeManifest, AScriptThatIsNotAFileIsAClearErrorNotAHang) {
    // A script exercise whose script is a folder, or a device.
    const fs::path dir = test::scratchDir("script-not-file") / "ex";
    fs::create_directories(dir / "script.toml");
    std::ofstream(dir / "manifest.toml") << "id = \"not-a-file\"\nlanguages = [\"en\"]\n[title]\nen = \"T\"\n[[variants]]\nid = \"short\"\nminutes = 1\n";
    auto v = test::runSoma({"validate", dir.string()});
    EXPECT_EQ(v.exitCode, 1) << v.out;
    EXPECT_NE(v.out.find("is a folder"), std::string::npos) << v.out;
}

} // namespace
} // namespace soma
