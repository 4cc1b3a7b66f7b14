// plugin/PluginCheck: validating a native plugin before the host trusts it.
//
// A crash inside plugin code cannot be survived in-process, so a native
// plugin is first loaded in a CHILD process (the soma program itself, run
// as `soma plugin-check LIBRARY`), which opens it, asks it for an
// extension, describes a session for every language and variant, with and
// without a made-up tension map, and sends it the events a running session
// would. The parent learns the
// outcome from the child's one-line answer and its exit status: a signal
// (a crash) or a hang puts the plugin in quarantine (PluginCheckCache
// remembers it, so it is not tried again until its file changes).
//
// A client's own tension map is an input that check never tried, so
// before the host describes with one, the same child runs again with THAT
// map (checkTensionMapInChild; NativeExercise::describe does this and
// remembers the answer per file and map).
//
// Depends on plugin/NativeExercise, plugin/script/TensionMapFile (the map
// travels to the child as a file), core/Process (the child). Must never run
// plugin code in the calling process (checkInChild, checkTensionMapInChild)
// and never throw.
#pragma once

#include "core/Result.h"
#include "plugin/Exercise.h"

#include <filesystem>
#include <string>
#include <string_view>

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

// The child learns the path of the map file from this environment variable
// (the subcommand's arguments belong to app/Plugins.cpp, which calls
// checkInProcess). checkInChild sets it for a map check and removes it
// otherwise, so a stray value in the parent's environment changes nothing.
inline constexpr const char* kCheckTensionMapEnv = "SOMA_PLUGIN_CHECK_TENSION_MAP";

// Runs the whole check in this process: open, every language x variant with
// and without a tension map, the events. What the child does; exposed for
// the child's subcommand. When kCheckTensionMapEnv names a file, runs
// checkTensionMapInProcess with it instead.
PluginCheckOutcome checkInProcess(const std::filesystem::path& library);

// The check with one client's map (read from mapFile): every language x
// variant described with that map, and the events. A describe or event the
// plugin refuses cleanly is no danger (the host meets the same refusal in
// its own process, with its message), so only a crash or a hang, or a map
// or plugin that cannot be read, make it anything but Ok.
PluginCheckOutcome checkTensionMapInProcess(const std::filesystem::path& library, const std::filesystem::path& mapFile);

// The child's answer, one line on stdout, and back. `key` is the one the
// parent handed the child on its stdin: only a line carrying it is the
// answer, so nothing a plugin prints can pass for one.
std::string formatCheckLine(const PluginCheckOutcome& o, std::string_view key = {});
PluginCheckOutcome parseCheckLine(const std::string& text, std::string_view key = {});
// The key the parent sends, as the child reads it from its stdin before
// any plugin is loaded: empty when stdin is a terminal or holds no key.
std::string readAnswerKey();

// The child's side: it is killed when the process that started the check
// ends (PR_SET_PDEATHSIG), so no check runs on as an orphan after a signal
// or a crash of the program that waited for it. False when that process
// has already gone: the child then stops at once.
inline constexpr const char* kCheckParentEnv = "SOMA_CHECK_PARENT";
bool followCheckParent();

// Spawns `validator plugin-check LIBRARY` and waits at most timeoutSec;
// with tensionMapFile, the child checks with that map instead.
// NotRun when the validator cannot be started (error id plugin.no_validator).
PluginCheckOutcome checkInChild(const std::filesystem::path& validator, const std::filesystem::path& library, double timeoutSec,
                                const std::filesystem::path& tensionMapFile = {});

// checkInChild with the client's map: the map is written (writeTensionMap)
// into a fresh folder only this user can read (it holds notes about a
// person's body), read back to prove the child gets exactly this map, and
// removed after. NotRun when the map cannot be handed over: the error is
// the map's own (tension.invalid, ...) or plugin.map_handover.
PluginCheckOutcome checkTensionMapInChild(const std::filesystem::path& validator, const std::filesystem::path& library, const TensionMap& map,
                                          double timeoutSec);

// checkInChild with the program's own `soma` as the checker and the default
// timeout, nothing remembered: for `soma validate LIBRARY.so`.
PluginCheckOutcome checkNativePlugin(const std::filesystem::path& library);

} // namespace soma
