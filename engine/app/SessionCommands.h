// app/SessionCommands: what `soma run`, `soma export` and `soma render
// EXERCISE --at` share: finding the exercise, building its session, the
// system's language, and drawing one moment of a session.
#pragma once

#include "core/Result.h"
#include "model/BodyState.h"
#include "live/SessionLoad.h"
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

// Session loading moved down to live/SessionLoad, which the home screen
// shares; the commands keep their names for it.
using soma::LoadedSession;
using soma::SessionChoice;
using soma::loadSession;
using soma::systemLanguage;

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
    // For a client to take home: "video" (video.mp4 with the captions in
    // the picture) or "audio" (audio.m4a), each with captions.vtt, and
    // nothing else in the folder; empty: every file an export writes.
    std::string forHome;
    bool progress = false; // print "progress: 0.42" lines as it goes (therapist mode shows them as a bar)
    bool json = false;     // at the end, one JSON object on stdout saying what was written (all else on stderr)
};
int exportSession(const ExportOptions& options);

} // namespace soma::app
