// plugin/NativeExercise: an Exercise backed by a native plugin (a shared
// library speaking soma/plugin.h).
//
// open() reads the exported entry and checks the ABI version BEFORE any
// plugin function runs, then the entry's own data (id, titles, languages,
// variants). describe() and onEvent() call the plugin with a host function
// table that checks every value handed back (region ids against the atlas,
// times, intensities, strings, call order) and turn nonsense into an Error
// naming the plugin's path; the plugin's own failure codes and messages
// become Errors too. Depends on plugin/SharedLibrary, body/RegionAtlas,
// session/SessionBuilder. Must never open a library that has not passed
// validation in a child process (PluginRegistry does that first), and
// never let a plugin's bad value reach the session.
#pragma once

#include "plugin/Exercise.h"
#include "plugin/SharedLibrary.h"

#include <soma/plugin.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace soma {

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
    Result<SessionRequest> describe(const DescribeOptions& options) override;

    // Inserted steps go after the event's step; ids of removed steps are
    // passed on for the sequencer to check (it knows which have started).
    Result<SessionChange> onEvent(const ExerciseEvent& event, const DescribeOptions& options) override;

    const std::filesystem::path& path() const { return mLibrary.path(); }

private:
    NativeExercise() = default;

    SharedLibrary mLibrary;
    const soma_plugin_entry* mEntry = nullptr;
    ExerciseInfo mInfo;
    std::vector<std::string> mLastStepIds; // of the latest describe, for id clashes in events
};

// The pose, camera preset and ambience ids a session may use.
bool isKnownPose(std::string_view id);
bool isKnownCamera(std::string_view id);
bool isKnownAmbience(std::string_view id);

} // namespace soma
