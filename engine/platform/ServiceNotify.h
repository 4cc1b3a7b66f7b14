// platform/ServiceNotify: telling a service manager how the program is
// doing (systemd's notify protocol, through libsystemd's sd_notify): READY=1
// once the first frame is on the screen, WATCHDOG=1 from the frame loop at a
// quarter of the watchdog interval the manager asked for (so a hung loop is
// noticed and the program restarted), STOPPING=1 when it begins to end.
// Without NOTIFY_SOCKET (not started by a service manager) it does nothing.
//
// Depends on libsystemd. Must never block the frame loop: sd_notify sends one
// datagram and does not wait.
#pragma once

#include <chrono>
#include <cstdint>

namespace soma {

class ServiceNotify {
public:
    // Reads NOTIFY_SOCKET and WATCHDOG_USEC (with WATCHDOG_PID: this
    // process, or its parent when that is the service's main process, as
    // a kiosk compositor running Soma as its client is) now.
    ServiceNotify();

    bool active() const { return mActive; }
    // The manager's watchdog interval; zero when it keeps none.
    std::chrono::microseconds watchdog() const { return mWatchdog; }

    // Once per turn of the frame loop, after the frame (drawn or still):
    // the first call says READY=1, later ones ping the watchdog when a
    // quarter of its interval has passed.
    void frameShown();
    // The program has begun to end (softly): STOPPING=1, once.
    void stopping();

    std::uint64_t pings() const { return mPings; } // watchdog pings sent

private:
    bool mActive = false;
    bool mReady = false, mStopping = false;
    std::chrono::microseconds mWatchdog{0};
    std::chrono::steady_clock::time_point mLastPing{};
    std::uint64_t mPings = 0;
};

} // namespace soma
