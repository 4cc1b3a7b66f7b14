// Soma under a service manager (issue 16 item 3, a kiosk's systemd unit with
// Type=notify and WatchdogSec): the real Shell, through libsystemd's
// sd_notify, to a datagram socket of the test's own: READY=1 once the first
// frame is shown, WATCHDOG=1 from the frame loop and only while it turns,
// STOPPING=1 when the program ends.
#include "support/ManagerSocket.h"
#include "support/ShellFixture.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

namespace soma {
namespace {

class ServiceNotifyTest : public ShellTest {
protected:
    void TearDown() override {
        ShellTest::TearDown();
        ::unsetenv("NOTIFY_SOCKET");
        ::unsetenv("WATCHDOG_USEC");
        ::unsetenv("WATCHDOG_PID");
    }
};

TEST_F(ServiceNotifyTest, ReadyOnTheFirstFrameWatchdogFromTheLoopStoppingAtTheEnd) {
    test::ManagerSocket manager(tempDir("notify") / "notify.sock");
    ASSERT_TRUE(manager.bound) << std::strerror(errno);
    ::setenv("NOTIFY_SOCKET", (tempDir("notify") / "notify.sock").c_str(), 1);
    ::setenv("WATCHDOG_USEC", "200000", 1); // WatchdogSec=0.2: a ping every 50 ms
    ::setenv("WATCHDOG_PID", std::to_string(::getpid()).c_str(), 1);

    open(); // the home screen's first frame
    ASSERT_TRUE(shell->serviceNotify().active());
    EXPECT_EQ(shell->serviceNotify().watchdog(), std::chrono::microseconds(200000));
    std::vector<std::string> got = manager.receive();
    ASSERT_FALSE(got.empty()) << "nothing told the manager";
    EXPECT_EQ(got.front().rfind("READY=1", 0), 0u) << got.front();
    EXPECT_EQ(test::countSaying(got, "READY=1"), 1);

    // The loop turns for 0.6 s: the watchdog hears from it, about every 50 ms.
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(600);
    while (std::chrono::steady_clock::now() < until) {
        frames(1);
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    got = manager.receive();
    // At most one per 50 ms (a busy machine may turn the loop slower).
    const int pings = test::countSaying(got, "WATCHDOG=1");
    EXPECT_GE(pings, 3);
    EXPECT_LE(pings, 13);
    EXPECT_EQ(std::uint64_t(pings), shell->serviceNotify().pings());
    EXPECT_EQ(test::countSaying(got, "READY=1"), 0) << "ready is said once";

    // A loop that stands still says nothing: the manager's watchdog fires.
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    EXPECT_TRUE(manager.receive().empty());

    // The program ends: stopping, and nothing after it.
    close();
    got = manager.receive();
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got.front().rfind("STOPPING=1", 0), 0u) << got.front();
}

// Under cage the unit's main process is the compositor, Soma its child.
TEST_F(ServiceNotifyTest, TheWatchdogOfTheCompositorThatStartedSomaIsKept) {
    test::ManagerSocket manager(tempDir("notify") / "notify.sock");
    ASSERT_TRUE(manager.bound) << std::strerror(errno);
    ::setenv("NOTIFY_SOCKET", (tempDir("notify") / "notify.sock").c_str(), 1);
    ::setenv("WATCHDOG_USEC", "200000", 1);
    ::setenv("WATCHDOG_PID", std::to_string(::getppid()).c_str(), 1);
    EXPECT_EQ(ServiceNotify().watchdog(), std::chrono::microseconds(200000));
    // Another process's watchdog is not this one's.
    ::setenv("WATCHDOG_PID", "1", 1);
    if (::getppid() != 1) {
        EXPECT_EQ(ServiceNotify().watchdog(), std::chrono::microseconds(0));
    }
}

TEST_F(ServiceNotifyTest, WithoutAManagerNothingIsSent) {
    ::unsetenv("NOTIFY_SOCKET");
    ::setenv("WATCHDOG_USEC", "200000", 1);
    open();
    EXPECT_FALSE(shell->serviceNotify().active());
    frames(3);
    EXPECT_EQ(shell->serviceNotify().pings(), 0u);
}

} // namespace
} // namespace soma
