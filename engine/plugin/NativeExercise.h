// plugin/NativeExercise: an Exercise backed by a native plugin (a shared
// library speaking soma/plugin.h).
//
// open() reads the exported entry and checks the ABI version BEFORE any
// plugin function runs, then the entry's own data (id, titles, languages,
// variants). describe() and onEvent() call the plugin with a host function
// table that checks every value handed back (region ids against the atlas,
// times, intensities, strings, call order) and turn nonsense into an Error
// naming the plugin's path; the plugin's own failure codes and messages
// become Errors too.
//
// A client's tension map is an input the plugin's check never tried: with
// map checks on (PluginRegistry turns them on), describe() and onEvent()
// first run the child check with THAT map, once per file stamp and map
// contents, and a plugin that crashes or hangs on it is quarantined (here,
// and in PluginCheckCache for the next start) instead of taking the
// program down.
//
// Depends on plugin/SharedLibrary, plugin/PluginCheck, plugin/PluginCheckCache,
// model/ (the requests it builds, checked by model/Rules; the atlas). Must
// never open a library that has not passed validation in a child process
// (PluginRegistry does that first), never run it with a map that has not,
// and never let a plugin's bad value reach the session.
#pragma once

#include "plugin/Exercise.h"
#include "plugin/SharedLibrary.h"

#include <soma/plugin.h>

#include <cstdint>
#include <deque>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace soma {

// How describe() checks a client's tension map in a child before this
// process runs the plugin with it.
struct MapCheckSettings {
    std::filesystem::path validator;  // run as `validator plugin-check LIBRARY`
    std::filesystem::path checksFile; // where a quarantine is remembered (PluginCheckCache)
    double timeoutSec = 20.0;
};

class NativeExercise final : public Exercise {
public:
    // Error ids: plugin.load_failed, plugin.no_entry, plugin.abi_major,
    // plugin.abi_minor, plugin.bad_entry.
    static Result<std::unique_ptr<NativeExercise>> open(const std::filesystem::path& library);

    const ExerciseInfo& info() const override { return mInfo; }

    // Error ids: plugin.unsupported (language/variant), plugin.build_failed
    // (the plugin's failure code), plugin.exception (C++ code threw inside
    // the SDK helper), plugin.unknown_region, plugin.bad_value (times,
    // intensities, colours, ids), plugin.bad_string (not UTF-8, too long,
    // control characters), plugin.bad_narration (tags), plugin.unknown_mark,
    // plugin.wrong_state (call order), plugin.empty_session.
    //
    // With map checks on and options.tension set, also: plugin.crashed or
    // plugin.check_timeout (the plugin crashed or hung on this map in its
    // child check: nothing was started with the map, and the plugin is now
    // quarantined), plugin.quarantined (an earlier such crash), plugin.changed
    // (the file on disk is no longer the one loaded), plugin.no_validator or
    // plugin.map_handover or a tension.* id (the map could not be checked).
    Result<SessionRequest> describe(const DescribeOptions& options) override;

    // Inserted steps go after the event's step; ids of removed steps are
    // passed on for the sequencer to check (it knows which have started).
    Result<SessionChange> onEvent(const ExerciseEvent& event, const DescribeOptions& options) override;

    const std::filesystem::path& path() const { return mLibrary.path(); }

    // The plugin's table for an extension id ("vendor.name/N", see
    // soma/plugin.h), to be cast to that id's type; nullptr when the plugin
    // offers none by that id or has no get_extension, when it is a 1.0
    // plugin (its entry ends before the field, which is then never read),
    // or when it is quarantined. Runs plugin code, under the same rules as
    // describe(): never from the audio thread, never beside another call.
    const void* extension(std::string_view id) const;

    // Off by default: the child check itself, and tools that open a plugin
    // directly, run it as it is.
    void enableMapChecks(MapCheckSettings settings) { mMapChecks = std::move(settings); }
    // Why this plugin may no longer run in this process (it crashed or hung
    // on a client's map), or nullopt.
    const std::optional<Error>& quarantine() const { return mQuarantine; }
    // How many child checks with a client's map this exercise has run.
    int mapChecksRun() const { return mMapChecksRun; }

private:
    NativeExercise() = default;
    // nullopt when the plugin may run with this map in this process.
    std::optional<Error> checkMap(const TensionMap& map);

    SharedLibrary mLibrary;
    const soma_plugin_entry* mEntry = nullptr;
    ExerciseInfo mInfo;
    std::vector<std::string> mLastStepIds; // of the latest describe, for id clashes in events

    std::optional<MapCheckSettings> mMapChecks;
    std::optional<std::pair<std::int64_t, std::int64_t>> mStamp; // the file's size and mtime when opened
    std::optional<Error> mQuarantine;
    // The host handed to build and on_event; it outlives each call (see
    // NativeExercise.cpp, CallScope).
    std::unique_ptr<soma_host> mHost = std::make_unique<soma_host>();
    // Maps that passed their check, by stamp and contents, oldest first, so
    // a kiosk seeing the same client again spawns no child; bounded.
    std::deque<std::string> mCheckedMaps;
    int mMapChecksRun = 0;
};

// How many host calls were refused in this process because a plugin made
// them outside build or on_event, or from a thread of its own (the plugin
// check fails a plugin for any).
unsigned strayHostCalls();

} // namespace soma
