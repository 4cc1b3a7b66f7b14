#include "audio/AudioDevice.h"
#include "core/Log.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <thread>

namespace soma {

// Each ctest entry is its own process, so choosing OpenAL's backend here
// (before the first ALC call) affects this test only. A backend name that
// does not exist makes alcOpenDevice fail the way a machine without a sound
// card does.
TEST(SilentMode, NoDeviceKeepsTheClockRunningAndSaysSo) {
    setenv("ALSOFT_DRIVERS", "no-such-backend", 1);
    log::Capture cap;
    auto dev = AudioDevice::open({});
    ASSERT_TRUE(dev.ok()) << dev.error().message;
    EXPECT_EQ((*dev)->mode(), AudioMode::Silent);
    EXPECT_TRUE(cap.has("audio.silent"));
    EXPECT_FALSE((*dev)->silentReason().empty());

    const Samples before = (*dev)->clock();
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    const Samples after = (*dev)->clock();
    // Paced at real time by our own thread: roughly 300 ms worth, never
    // racing ahead like an unpaced loopback would.
    EXPECT_GT(after - before, fromMillis(100));
    EXPECT_LT(after - before, fromMillis(1000));
}

} // namespace soma
