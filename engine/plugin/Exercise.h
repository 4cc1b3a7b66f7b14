// plugin/Exercise: an exercise as the host sees it, whatever its kind.
//
// Script exercises (TOML) and native plugins (shared libraries through
// soma/plugin.h) both become an Exercise: metadata for listing, and a way to
// describe a session for a language, a variant and, where there is one, the
// client's tension map. While a session runs, the sequencer reports events
// (step started/ended, pause, resume, grounding) through onEvent(); the
// exercise may answer with changes to FUTURE steps only. Depends on
// model/ (requests, events, tension maps). Must never let an exception or a
// crash of plugin code escape into the host.
#pragma once

#include "core/Result.h"
#include "core/Time.h"
#include "model/ExerciseEvent.h"
#include "model/SessionRequest.h"
#include "model/TensionMap.h"
#include "plugin/PluginDirs.h"

#include <cstdint>
#include <filesystem>
#include <functional>
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

struct DescribeOptions {
    std::string lang = "en";
    std::string variant = "short";
    const TensionMap* tension = nullptr; // null: no map for this client
    double breathsPerMinute = 0.0;       // 0: the exercise's default
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
    virtual Result<SessionChange> onEvent(const ExerciseEvent& /*event*/, const DescribeOptions& /*options*/) { return SessionChange{}; }
};

// The exercise's answers while a session it described runs, in the shape
// the sequencer asks for them (session/Sequencer.h Reactor); empty when
// there is no exercise. `options` is copied; its tension map must outlive
// the session.
inline std::function<Result<SessionChange>(const ExerciseEvent&)> reactorFor(Exercise* exercise, DescribeOptions options) {
    if (!exercise) return {};
    return [exercise, options](const ExerciseEvent& event) { return exercise->onEvent(event, options); };
}

} // namespace soma
