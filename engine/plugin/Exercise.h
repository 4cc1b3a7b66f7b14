// plugin/Exercise: an exercise as the host sees it, whatever its kind.
//
// Script exercises (TOML) and native plugins (shared libraries through
// soma/plugin.h) both become an Exercise: metadata for listing, and a way to
// describe a session for a language, a variant and, where there is one, the
// client's tension map. While a session runs, the sequencer reports events
// (step started/ended, pause, resume, grounding) through onEvent(); the
// exercise may answer with changes to FUTURE steps only. Depends on
// session/SessionBuilder. Must never let an exception or a crash of plugin
// code escape into the host.
#pragma once

#include "core/Result.h"
#include "core/Time.h"
#include "plugin/PluginDirs.h"
#include "session/SessionBuilder.h"

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace soma {

struct ExerciseVariant {
    std::string id;        // "short", "long"
    double minutes = 0.0;  // intended length
};

struct ExerciseInfo {
    std::string id;
    std::map<std::string, std::string> title;   // BCP-47 tag -> title
    std::map<std::string, std::string> summary; // BCP-47 tag -> one sentence
    std::vector<std::string> languages;
    std::vector<ExerciseVariant> variants;
    PluginKind kind = PluginKind::Script;
    std::filesystem::path path;
};

// One region of a therapist's tension map.
struct TensionRating {
    std::string region;       // atlas id
    int rating = 0;           // 0..10
    std::string note;         // optional, may be empty
    std::int64_t timestamp = 0; // seconds since the Unix epoch
};

struct TensionMap {
    std::vector<TensionRating> ratings;
};

struct DescribeOptions {
    std::string lang = "en";
    std::string variant = "short";
    const TensionMap* tension = nullptr; // null: no map for this client
    double breathsPerMinute = 0.0;       // 0: the exercise's default
};

// Something that happened while a session of this exercise runs.
struct ExerciseEvent {
    enum class Type : std::uint32_t { StepStarted = 1, StepEnded = 2, Paused = 3, Resumed = 4, Grounding = 5 };
    Type type = Type::StepStarted;
    Samples at = 0;        // session time of the event
    int stepIndex = -1;    // the step that started/ended or was running; -1 if none
    std::string stepId;    // its id, "" if none
};

const char* toString(ExerciseEvent::Type type); // "step_started", ...

// What an exercise changes in answer to an event: only steps that have not
// started. The sequencer applies it (and refuses a change to a step that
// has started), logs it with the event's sample time, and an export
// replays the log, so the same events give the same session.
struct SessionChange {
    std::vector<std::string> removeSteps;  // ids of future steps to drop
    std::string insertAfter;               // insert after this step id ("" = after the event's step)
    std::vector<StepRequest> insertSteps;  // in order
    bool empty() const { return removeSteps.empty() && insertSteps.empty(); }
};

class Exercise {
public:
    virtual ~Exercise() = default;
    virtual const ExerciseInfo& info() const = 0;
    virtual Result<SessionRequest> describe(const DescribeOptions& options) = 0;

    // Called by the sequencer for each event of a running session built by
    // the latest describe(); the answer may only change future steps. Must
    // be deterministic: the same options and the same events in the same
    // order give the same changes (exports replay the logged events).
    // Default: an exercise that does not react.
    virtual Result<SessionChange> onEvent(const ExerciseEvent& event, const DescribeOptions& options) {
        (void)event;
        (void)options;
        return SessionChange{};
    }
};

} // namespace soma
