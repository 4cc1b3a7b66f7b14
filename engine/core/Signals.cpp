#include "core/Signals.h"

#include <atomic>
#include <climits>
#include <csignal>
#include <cstring>

#include <sys/time.h>
#include <unistd.h>

namespace soma::signals {
namespace {

std::atomic<bool> gStop{false};
std::atomic<int> gSignal{0};
// Below 0: no Patience held. Otherwise its grace in ms, or kForever.
constexpr long kNone = -1, kForever = LONG_MAX;
std::atomic<long> gGraceMs{kNone};

// A slot is free (0), being filled or emptied (1), or guarded (2); the
// handler only reads slots in state 2.
struct FileSlot {
    std::atomic<int> state{0};
    char path[PATH_MAX];
};
FileSlot gFiles[kMaxPartialFiles];

constexpr int kMaxChildren = 8;
std::atomic<pid_t> gChildren[kMaxChildren];

[[noreturn]] void endNow(int sig) {
    for (auto& c : gChildren)
        if (const pid_t pid = c.load(); pid > 0) ::kill(pid, SIGKILL);
    for (FileSlot& f : gFiles)
        if (f.state.load() == 2) ::unlink(f.path);
    ::_exit(128 + sig);
}

extern "C" void onAlarm(int) { endNow(gSignal.load() ? gSignal.load() : SIGTERM); }

extern "C" void onSignal(int sig) {
    const bool second = gStop.exchange(true);
    if (!second) gSignal.store(sig);
    const long grace = gGraceMs.load();
    if (grace == kNone || second) endNow(sig);
    if (grace != kForever) {
        itimerval t{};
        t.it_value.tv_sec = grace / 1000;
        t.it_value.tv_usec = (grace % 1000) * 1000;
        if (t.it_value.tv_sec == 0 && t.it_value.tv_usec == 0) t.it_value.tv_usec = 1;
        ::setitimer(ITIMER_REAL, &t, nullptr);
    }
}

} // namespace

void install() {
    struct sigaction sa {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGINT);
    sigaddset(&sa.sa_mask, SIGTERM);
    sigaddset(&sa.sa_mask, SIGALRM);
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
    sa.sa_handler = onAlarm;
    sigaction(SIGALRM, &sa, nullptr);
    ignoreBrokenPipes();
}

void ignoreBrokenPipes() { std::signal(SIGPIPE, SIG_IGN); }

bool stopRequested() { return gStop.load(); }
int stopSignal() { return gSignal.load(); }
int stopExitCode() { return 128 + (gSignal.load() ? gSignal.load() : SIGTERM); }

void requestStop() {
    int none = 0;
    gSignal.compare_exchange_strong(none, SIGTERM);
    gStop.store(true);
}

Patience::Patience(double graceSec) {
    const long ms = graceSec < 0 ? kForever : long(graceSec * 1000.0);
    mPrevious = gGraceMs.exchange(ms);
}

Patience::~Patience() { gGraceMs.store(mPrevious); }

PartialFile::PartialFile(const std::filesystem::path& file) {
    const std::string& s = file.native();
    if (s.size() >= PATH_MAX) return;
    for (int i = 0; i < kMaxPartialFiles; ++i) {
        int free = 0;
        if (!gFiles[i].state.compare_exchange_strong(free, 1)) continue;
        std::memcpy(gFiles[i].path, s.c_str(), s.size() + 1);
        gFiles[i].state.store(2);
        mSlot = i;
        return;
    }
}

void PartialFile::done() {
    if (mSlot < 0) return;
    gFiles[mSlot].state.store(0);
    mSlot = -1;
}

ChildGuard::ChildGuard(pid_t pid) {
    for (int i = 0; i < kMaxChildren; ++i) {
        pid_t free = 0;
        if (gChildren[i].compare_exchange_strong(free, pid)) {
            mSlot = i;
            return;
        }
    }
}

ChildGuard::~ChildGuard() {
    if (mSlot >= 0) gChildren[mSlot].store(0);
}

} // namespace soma::signals
