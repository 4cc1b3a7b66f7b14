// core/Signals: how Ctrl-C (SIGINT) and SIGTERM end the program.
//
// By default a signal ends the program at once, as a Unix command is
// expected to: the files it was half way through writing are removed, the
// children it was waiting for are killed, and it exits 128 + the signal
// (130 for Ctrl-C, 143 for SIGTERM). A command with a loop that can end
// softly (a live session fading out, an export removing what it started)
// holds a Patience while the loop runs: the first signal then only asks,
// the loop notices stopRequested() and ends itself; a second signal, or the
// grace running out, ends the program at once as above.
//
// The handlers only set flags, remove files by name, kill children and
// _exit: all of it async-signal-safe. Depends on the standard library and
// POSIX. Must never call anything else from a handler.
#pragma once

#include <filesystem>
#include <sys/types.h>

namespace soma::signals {

// Also ignores SIGPIPE (see ignoreBrokenPipes).
void install();
// A write to a pipe nobody reads any more fails with EPIPE, to be
// reported, instead of ending the program. Children get the default back
// (core/Process).
void ignoreBrokenPipes();
bool stopRequested();
// SIGINT or SIGTERM when a signal asked; SIGTERM after requestStop().
int stopSignal();
// The exit status a command stopped by stopSignal() gives: 128 + signal.
int stopExitCode();
void requestStop();

// While one lives, a signal asks instead of ending the program. graceSec:
// how long the loop has to end after it was asked (a timer then ends the
// program as if no Patience were held); below 0, as long as the loop takes
// (a live session easing out), a second signal still ending it at once.
// Scopes nest; the innermost one's grace holds.
class Patience {
public:
    explicit Patience(double graceSec);
    ~Patience();
    Patience(const Patience&) = delete;
    Patience& operator=(const Patience&) = delete;

private:
    long mPrevious;
};

// A file being written that must not outlive a signal: removed by the
// handler until done() (or the destructor) takes it off the list. At most
// kMaxPartialFiles at once; beyond that the file is simply not guarded.
inline constexpr int kMaxPartialFiles = 32;
class PartialFile {
public:
    explicit PartialFile(const std::filesystem::path& file);
    ~PartialFile() { done(); }
    PartialFile(const PartialFile&) = delete;
    PartialFile& operator=(const PartialFile&) = delete;
    void done();

private:
    int mSlot = -1;
};

// A child the program waits for, killed (SIGKILL) by the handler when a
// signal ends the program, so that it never runs on as an orphan.
class ChildGuard {
public:
    explicit ChildGuard(pid_t pid);
    ~ChildGuard();
    ChildGuard(const ChildGuard&) = delete;
    ChildGuard& operator=(const ChildGuard&) = delete;

private:
    int mSlot = -1;
};

} // namespace soma::signals
