#include "platform/ServiceNotify.h"

#include <systemd/sd-daemon.h>

#include <cstdlib>

namespace soma {

ServiceNotify::ServiceNotify() {
    const char* socket = std::getenv("NOTIFY_SOCKET");
    mActive = socket && *socket;
    std::uint64_t usec = 0;
    // > 0 only when the watchdog is meant for this process (WATCHDOG_PID, when set, is ours).
    if (mActive && sd_watchdog_enabled(0, &usec) > 0) mWatchdog = std::chrono::microseconds(usec);
}

void ServiceNotify::frameShown() {
    if (!mActive || mStopping) return;
    const auto now = std::chrono::steady_clock::now();
    if (!mReady) {
        mReady = true;
        mLastPing = now;
        sd_notify(0, "READY=1\nSTATUS=showing its first screen");
        return;
    }
    if (mWatchdog.count() > 0 && now - mLastPing >= mWatchdog / 4) {
        mLastPing = now;
        ++mPings;
        sd_notify(0, "WATCHDOG=1");
    }
}

void ServiceNotify::stopping() {
    if (!mActive || mStopping) return;
    mStopping = true;
    sd_notify(0, "STOPPING=1\nSTATUS=ending softly");
}

} // namespace soma
