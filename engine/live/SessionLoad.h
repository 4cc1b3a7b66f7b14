// live/SessionLoad: from "this exercise, this language, this length" to a
// built session: finding the exercise among the plugins, asking it to
// describe the session, building it (the voice included). Shared by the
// home screen and the commands (`soma run`, `soma export`, `soma render`).
//
// Depends on plugin/ (the registry) and session/ (the builder). Building
// synthesises the voice, so it takes a while (a second or more): the home
// screen does it off the frame loop. A plugin is called from one thread at
// a time (plugin.h THREADS); whoever shares a registry between threads
// serialises its calls.
#pragma once

#include "core/Result.h"
#include "model/TensionMap.h"
#include "plugin/PluginRegistry.h"
#include "session/Session.h"
#include "session/SessionBuilder.h"

#include <memory>
#include <optional>
#include <string>

namespace soma {

struct SessionChoice {
    std::string exercise = "body-scan";
    std::string lang;             // empty: the system's language
    std::string variant = "short";
    double breathsPerMinute = 0;  // 0: the exercise's default
    int voiceRateWpm = 0;         // the built-in voice's speed; 0: its default
    std::optional<TensionMap> tension; // the client's map (`--tension FILE`), when there is one
};

// $XDG_DATA_HOME/soma/recordings: a person's own recordings, in
// <exercise>/<lang>/<step id>.flac (or .wav, .ogg) with <step id>.vtt for
// its words and marks. A session of that exercise in that language speaks
// those steps with them, and the built-in voice speaks the rest.
std::filesystem::path userRecordingsDir();

// A session built for a choice, with what it was built from.
struct PreparedSession {
    Exercise* exercise = nullptr; // owned by the registry it came from
    std::optional<TensionMap> tension; // what describe.tension points to
    DescribeOptions describe;
    SessionBuildOptions build; // what the session was built with (the voice's speed)
    Session session;
    PreparedSession() = default;
    // describe.tension points into this object: it stays where it was made.
    PreparedSession(const PreparedSession&) = delete;
    PreparedSession& operator=(const PreparedSession&) = delete;
};

// A prepared session with the plugins it came from, for a command that
// loads them just for this.
struct LoadedSession : PreparedSession {
    PluginRegistry registry;
};

// "nl" when LC_ALL, LC_MESSAGES or LANG (the first one set) starts with nl,
// "en" otherwise.
std::string systemLanguage();

// The exercise in `registry`. Error "session.exercise" names what is
// available, or why the exercise cannot be used.
Result<Exercise*> findExercise(const PluginRegistry& registry, const std::string& id);

// The session `choice` asks `exercise` for, described but not built (its
// exercise, language and variant filled in); `describe` is what it was
// asked with (its tension pointer set by the caller, or null).
Result<SessionRequest> describeChoice(Exercise& exercise, const SessionChoice& choice, DescribeOptions& describe);

// Describes and builds the session of `choice` from an exercise of
// `registry`. Errors: the exercise's, the builder's.
Result<std::unique_ptr<PreparedSession>> prepareSession(const PluginRegistry& registry, const SessionChoice& choice,
                                                        const SessionBuildOptions& build = {});

// The same with the program's plugins, loaded for it.
Result<std::unique_ptr<LoadedSession>> loadSession(const SessionChoice& choice, const SessionBuildOptions& build = {});

} // namespace soma
