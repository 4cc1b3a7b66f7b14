#include "core/Paths.h"

#include <gtest/gtest.h>

#include <cstdlib>

namespace soma {

TEST(Paths, XdgFoldersFollowTheEnvironment) {
    // TestMain points these at a private temporary folder.
    const char* cfg = std::getenv("XDG_CONFIG_HOME");
    ASSERT_NE(cfg, nullptr);
    EXPECT_EQ(paths::configHome(), std::filesystem::path(cfg) / "soma");
    EXPECT_EQ(paths::dataHome(), std::filesystem::path(std::getenv("XDG_DATA_HOME")) / "soma");
    EXPECT_EQ(paths::stateHome(), std::filesystem::path(std::getenv("XDG_STATE_HOME")) / "soma");
}

TEST(Paths, RelativeXdgValuesAreIgnoredAsTheSpecSays) {
    const std::string saved = std::getenv("XDG_DATA_HOME");
    setenv("XDG_DATA_HOME", "relative/path", 1);
    setenv("HOME", "/home/someone", 1);
    EXPECT_EQ(paths::dataHome(), std::filesystem::path("/home/someone/.local/share/soma"));
    setenv("XDG_DATA_HOME", saved.c_str(), 1);
}

TEST(Paths, UserPluginFolderIsLastAndUnderDataHome) {
    auto dirs = paths::pluginDirs();
    ASSERT_GE(dirs.size(), 3u);
    EXPECT_EQ(dirs.back(), paths::dataHome() / "plugins");
}

TEST(Paths, ShadersAreFoundFromTheExecutable) {
    // Test executables sit in <build>/bin like the program, so they find
    // the data the same way it does: no environment variables involved.
    EXPECT_EQ(paths::shareDir().filename(), "soma");
    EXPECT_TRUE(std::filesystem::is_regular_file(paths::shaderDir() / "background.frag")) << paths::shaderDir();
}

} // namespace soma
