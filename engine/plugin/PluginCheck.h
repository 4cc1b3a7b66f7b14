// plugin/PluginCheck: validating a native plugin before the host trusts it.
//
// A crash inside plugin code cannot be survived in-process, so a native
// plugin is first loaded in a CHILD process (the soma program itself, run
// as `soma plugin-check LIBRARY`), which opens it and describes a session
// for every language and variant, with and without a tension map, and
// sends it the events a running session would. The parent learns the
// outcome from the child's one-line answer and its exit status: a signal
// (a crash) or a hang puts the plugin in quarantine (PluginCheckCache
// remembers it, so it is not tried again until its file changes).
//
// Depends on plugin/NativeExercise, POSIX process calls. Must never
// run plugin code in the calling process (checkInChild) and never throw.
#pragma once

#include "core/Result.h"

#include <filesystem>
#include <string>

namespace soma {

// Long enough for a slow machine to start a process and describe every
// variant; a plugin that takes longer is treated as hung.
inline constexpr double kDefaultCheckTimeoutSec = 20.0;

struct PluginCheckOutcome {
    enum class Kind { Ok, Failed, Crashed, TimedOut, NotRun };
    Kind kind = Kind::NotRun;
    std::string exerciseId; // when known
    Error error;            // why not, when kind != Ok

    bool quarantined() const { return kind == Kind::Crashed || kind == Kind::TimedOut; }
};

const char* toString(PluginCheckOutcome::Kind kind); // "ok", "failed", "crashed", "timeout", "not_run"

// Runs the whole check in this process: open, every language x variant with
// and without a tension map, the events. What the child does; exposed for
// the child's subcommand.
PluginCheckOutcome checkInProcess(const std::filesystem::path& library);

// The child's answer, one line on stdout, and back.
std::string formatCheckLine(const PluginCheckOutcome& o);
PluginCheckOutcome parseCheckLine(const std::string& line);

// Spawns `validator plugin-check LIBRARY` and waits at most timeoutSec.
// NotRun when the validator cannot be started (error id plugin.no_validator).
PluginCheckOutcome checkInChild(const std::filesystem::path& validator, const std::filesystem::path& library, double timeoutSec);

// checkInChild with the program's own `soma` as the checker and the default
// timeout, nothing remembered: for `soma validate LIBRARY.so`.
PluginCheckOutcome checkNativePlugin(const std::filesystem::path& library);

} // namespace soma
