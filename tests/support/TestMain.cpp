// Shared main for every test executable: gives the process its own XDG
// folders under a fresh temporary directory, so tests that touch user files
// never see each other's or the developer's, and removes it afterwards.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace {

class XdgEnvironment : public ::testing::Environment {
public:
    void SetUp() override {
        std::string tmpl = (std::filesystem::temp_directory_path() / "soma-test-XXXXXX").string();
        mRoot = mkdtemp(tmpl.data());
        // XDG_CONFIG_DIRS too: a machine's /etc/xdg/soma must not change a test.
        for (const char* var : {"XDG_CONFIG_HOME", "XDG_CONFIG_DIRS", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"}) {
            auto dir = std::filesystem::path(mRoot) / var;
            std::filesystem::create_directories(dir);
            setenv(var, dir.c_str(), 1);
        }
        // Tests never open a window or a sound card.
        setenv("SDL_VIDEODRIVER", "offscreen", 1);
        // Nor a headset: a machine's OpenXR runtime must not change a test
        // (the headset tests name their own).
        setenv("XR_RUNTIME_JSON", (std::filesystem::path(mRoot) / "no-openxr-runtime.json").c_str(), 1);
    }
    void TearDown() override {
        std::error_code ec;
        std::filesystem::remove_all(mRoot, ec);
    }

private:
    std::string mRoot;
};

} // namespace

int main(int argc, char** argv) {
    ::testing::InitGoogleTest(&argc, argv);
    ::testing::AddGlobalTestEnvironment(new XdgEnvironment());
    return RUN_ALL_TESTS();
}
