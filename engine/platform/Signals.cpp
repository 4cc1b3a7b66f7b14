#include "platform/Signals.h"

#include <atomic>
#include <csignal>

namespace soma::signals {
namespace {
std::atomic<bool> gStop{false};
extern "C" void onSignal(int) { gStop.store(true); }
} // namespace

void install() {
    struct sigaction sa {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
}

bool stopRequested() { return gStop.load(); }
void requestStop() { gStop.store(true); }

} // namespace soma::signals
