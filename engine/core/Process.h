// core/Process: running another program to its end, once, in one place.
//
// The engine runs children where a crash or a hang must not take it down
// (the native plugin check) and where a fresh process is the thing measured
// (the start-up probe of `soma bench`). Both need the same care: the
// child's output read while it runs (a full pipe would stop it), a time
// limit that holds even when the child closes its output and carries on,
// the child killed and reaped at that limit, and how it ended told apart:
// an exit code, a signal (a crash), or the limit.
//
// The child stays in our process group, so that Ctrl-C in a terminal stops
// it with us; a hung plugin check in a group of its own would run on after
// the user gave up. The flip side: at the time limit only the child itself
// is killed. A grandchild it started is its business; it may hold the
// output pipe open, but that delays nothing, since the wait is for the
// child, not for the end of its output.
//
// Depends on the standard library, POSIX (posix_spawn, poll, waitpid) and
// fmt. Must never leave a child running or unreaped when it returns (or
// throws), never run a shell (arguments go to the program as they are), and
// never log: the caller knows what the child was for and reports it once.
#pragma once

#include "core/Result.h"

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace soma {

// Every field may stay at its default.
struct ProcessDesc {
    // Where a child's stdout and stderr go. Capture: into
    // ProcessOutcome::output; both captured: interleaved as they were
    // written, as a terminal would show them.
    enum class Output { Discard, Inherit, Capture };

    std::filesystem::path program;           // a path (not looked up in PATH); also the child's argv[0]
    std::vector<std::string> args;           // argv[1..], each passed as it is
    std::vector<std::string> extraEnv;       // "NAME=value": added to this process's environment, or replacing NAME there
    std::vector<std::string> removeEnv;      // NAMEs left out of the child's environment
    Output stdoutTo = Output::Capture;
    Output stderrTo = Output::Discard;
    double timeoutSec = 0;                   // 0: no limit; past it the child is killed (SIGKILL) and End::TimedOut
    std::size_t maxOutputBytes = 1 << 20;    // 0: this default; more is read (so the child never blocks) but dropped
    // Called with each whole line captured (without its '\n') as it
    // arrives, on the thread that runs runProcess: a child's progress.
    std::function<void(std::string_view)> onLine;
    // When set, the child's stdin is a pipe fed from this: called on the
    // thread that runs runProcess for the next bytes whenever the child
    // has taken the ones before (its output read meanwhile, so neither side
    // waits on the other); an empty string ends the input. Unset: stdin is
    // /dev/null. Frames to an encoder go this way, never through a shell.
    std::function<std::string()> input;
    // Called once with the child's process id as soon as it runs, on the
    // thread that runs runProcess (a test that must signal it).
    std::function<void(int pid)> onStart;
};

struct ProcessOutcome {
    enum class End { Exited, Signaled, TimedOut };
    End end = End::Exited;
    int exitCode = 0;    // End::Exited; -1 when the status was lost (another part of the program reaped the child)
    int signal = 0;      // End::Signaled: the signal that ended it (SIGSEGV for a crash)
    std::string output;  // what was captured, the beginning of it when outputCut
    bool outputCut = false;
    bool inputRefused = false; // the child closed its stdin before the input ended
    double wallSec = 0;  // from just before the spawn to the child reaped
    std::optional<double> firstLineSec; // from just before the spawn to the first '\n' captured: when a child says it is ready

    bool succeeded() const { return end == End::Exited && exitCode == 0; }
};

// Runs desc.program and waits for it to end, or for the time limit. An
// error (id "process.spawn", the message naming the program and why) only
// when it could not be started; everything the child itself does, crashing
// or hanging included, is an outcome.
Result<ProcessOutcome> runProcess(const ProcessDesc& desc);

// The program `name` as the shell would find it in $PATH; nullopt when
// it is not installed.
std::optional<std::filesystem::path> findProgram(std::string_view name);

} // namespace soma
