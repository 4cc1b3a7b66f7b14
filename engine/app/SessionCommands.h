// app/SessionCommands: what `soma run`, `soma export` and `soma render
// EXERCISE --at` share: finding the exercise, building its session, the
// system's language, and drawing one moment of a session.
#pragma once

#include "core/Result.h"
#include "model/BodyState.h"
#include "plugin/PluginRegistry.h"
#include "render/Image.h"
#include "session/Sequencer.h"
#include "session/Session.h"
#include "session/SessionBuilder.h"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace soma {
class Renderer;
class RenderTarget;
} // namespace soma

namespace soma::app {

struct SessionChoice {
    std::string exercise = "body-scan";
    std::string lang;             // empty: the system's language
    std::string variant = "short";
    double breathsPerMinute = 0;  // 0: the exercise's default
    int voiceRateWpm = 0;         // the built-in voice's speed; 0: its default
    std::optional<TensionMap> tension; // the client's map (`--tension FILE`), when there is one
};

struct LoadedSession {
    PluginRegistry registry;
    Exercise* exercise = nullptr; // owned by registry
    std::optional<TensionMap> tension; // what describe.tension points to
    DescribeOptions describe;
    SessionBuildOptions build; // what the session was built with (the voice's speed)
    Session session;
    LoadedSession() = default;
    // describe.tension points into this object: it stays where it was made.
    LoadedSession(const LoadedSession&) = delete;
    LoadedSession& operator=(const LoadedSession&) = delete;
};

// "nl" when LC_ALL, LC_MESSAGES or LANG (the first one set) starts with nl,
// "en" otherwise.
std::string systemLanguage();

// Loads the plugins, finds the exercise and builds its session. Errors name
// the exercise and what is available.
Result<std::unique_ptr<LoadedSession>> loadSession(const SessionChoice& choice, const SessionBuildOptions& build = {});

// `--tension FILE` of run, export and render: reads the map into the
// choice. A bad file is logged once (file:line:col and what to do, ids
// tension.*) and false comes back, for the command to exit 1. An empty
// path reads nothing and is fine.
bool readTensionOption(const std::filesystem::path& file, SessionChoice& choice);

// One moment of an exercise (`soma render EXERCISE --at SECONDS`): the
// state of its session there, in the system's language and the short
// variant unless the moment names others.
struct ExerciseMoment {
    std::string exercise;
    std::string lang;    // empty: the system's language
    std::string variant; // empty: "short"
    double atSec = 0.0;
    std::filesystem::path tension; // a tension map file (`--tension`); empty: none
};
Result<BodyState> exerciseStateAt(const ExerciseMoment& moment);

// One moment of a session as a picture, headless (a fresh offscreen GL
// context), with the caption drawn when `caption` is set.
struct FrameOptions {
    int width = 1280;
    int height = 720;
    bool caption = true;
    std::string status;
};
Result<Image> renderStateHeadless(const BodyState& state, const FrameOptions& options);

// The one place a BodyState becomes pixels for the session commands.
Status drawBodyState(Renderer& renderer, const RenderTarget& target, const BodyState& state);

struct ExportOptions {
    SessionChoice choice;
    std::filesystem::path out;
    bool video = false;
    bool frames = false;
    bool reducedMotion = false;
    bool hrtf = false;
    bool noReverb = false; // the room reverb is most of the mixing cost
    int width = 1280;
    int height = 720;
    int fps = 30;
    double maxSec = 0; // > 0: export only the first this many seconds
    // A session log of `soma run`: its events happen at the same samples.
    // What the choice leaves open (exercise, language, ...) comes from it.
    std::filesystem::path replay;
};
int exportSession(const ExportOptions& options);

} // namespace soma::app
