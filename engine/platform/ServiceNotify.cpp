#include "platform/ServiceNotify.h"

#include <systemd/sd-daemon.h>

#include <cstdlib>
#include <string>

#include <unistd.h>

namespace soma {

ServiceNotify::ServiceNotify() {
    const char* socket = std::getenv("NOTIFY_SOCKET");
    mActive = socket && *socket;
    std::uint64_t usec = 0;
    // > 0 only when the watchdog is meant for this process (WATCHDOG_PID, when set, is ours).
    if (mActive && sd_watchdog_enabled(0, &usec) > 0) mWatchdog = std::chrono::microseconds(usec);
    // Under a kiosk compositor (cage) the service's main process is the
    // compositor, which started Soma as its one client: the watchdog is
    // for its client's loop then (the unit says NotifyAccess=all).
    const char* pid = std::getenv("WATCHDOG_PID");
    const char* interval = std::getenv("WATCHDOG_USEC");
    if (mActive && mWatchdog.count() == 0 && pid && interval && std::to_string(::getppid()) == pid) {
        const long long us = std::atoll(interval);
        if (us > 0) mWatchdog = std::chrono::microseconds(us);
    }
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
