// Which video drivers a window is tried on: a display server's where one is
// running, the console's own (KMS/DRM) where there is only a graphics card,
// none (export instead) where neither is; and when every one fails, the
// error names them all. These machines have no /dev/dri, so KMS itself is
// only decided here, not opened.
#include "platform/Window.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

namespace soma {
namespace {

using Drivers = std::vector<std::string>;

TEST(VideoDrivers, ADisplayServerFirstThenTheConsoleElseNone) {
    VideoEnvironment env;
    EXPECT_EQ(windowDrivers(env), Drivers{}) << "nothing to show a window on: export";
    env.drmCard = true;
    EXPECT_EQ(windowDrivers(env), Drivers{"kmsdrm"}) << "a kiosk's console without X or Wayland";
    env.x11 = true;
    EXPECT_EQ(windowDrivers(env), (Drivers{"x11", "kmsdrm"}));
    env.wayland = true;
    EXPECT_EQ(windowDrivers(env), (Drivers{"wayland", "x11", "kmsdrm"}));
}

TEST(VideoDrivers, AnAskedForDriverIsTheOnlyOneAndOffscreenMeansNoWindow) {
    VideoEnvironment env;
    env.x11 = env.drmCard = true;
    env.requested = "kmsdrm";
    EXPECT_EQ(windowDrivers(env), Drivers{"kmsdrm"});
    env.requested = "offscreen";
    EXPECT_EQ(windowDrivers(env), Drivers{});
    env.requested = "dummy";
    EXPECT_EQ(windowDrivers(env), Drivers{});
}

// A display that is named but not there: the window is not made, and the
// error says which driver was tried and why, for the export's message.
TEST(VideoDrivers, WhenNoDriverOpensAWindowTheErrorNamesEachTried) {
    // With a graphics card, KMS might open a real screen here.
    if (VideoEnvironment::current().drmCard) GTEST_SKIP() << "this machine has /dev/dri";
    const std::string saved = std::getenv("SDL_VIDEODRIVER") ? std::getenv("SDL_VIDEODRIVER") : "";
    unsetenv("SDL_VIDEODRIVER");
    unsetenv("WAYLAND_DISPLAY");
    setenv("DISPLAY", ":9817", 1);
    auto w = Window::create(WindowDesc{});
    unsetenv("DISPLAY");
    if (!saved.empty()) setenv("SDL_VIDEODRIVER", saved.c_str(), 1);
    ASSERT_FALSE(w) << "no X server listens on :9817";
    EXPECT_EQ(w.error().id, "platform.no_display");
    EXPECT_NE(w.error().message.find("tried x11: "), std::string::npos) << w.error().message;
    // The offscreen context still works after the failed tries.
    WindowDesc headless;
    headless.headless = true;
    EXPECT_TRUE(Window::create(headless));
}

} // namespace
} // namespace soma
