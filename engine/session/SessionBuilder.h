// session/SessionBuilder: the one way a session is made, whether from a
// script exercise or by a native plugin through the C ABI.
//
// A builder collects steps in order; each step may speak narration (with
// <mark>/<break> tags), start highlights on a mark or at a time, set a breath
// pattern, a pose, a camera preset or ambience, and add quiet. build()
// synthesises the narration ahead of time (so marks have exact sample times)
// and lays everything on one timeline of absolute sample times.
//
// Depends on core/ and audio/ (voice synthesis). Must never touch GL or a
// real-time device: building is pure and repeatable.
#pragma once

#include "core/Result.h"
#include "core/Time.h"

#include <glm/vec3.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace soma {

// What a step may name besides regions, for every way a session is made
// (scripts and native plugins check against the same lists). Poses are
// body/Figure.h's poseIds(); the renderer frames each camera preset and the
// audio engine generates each ambience.
const std::vector<std::string>& cameraPresetIds(); // whole_body, torso, head_shoulders, pelvis_legs
const std::vector<std::string>& ambienceIds();     // brown-noise, waves, none

struct BreathPattern {
    double inhaleSec = 4.0;
    double holdInSec = 0.0;
    double exhaleSec = 6.0;
    double holdOutSec = 0.0;
    int cycles = 0; // 0: for as long as the step lasts
};

struct HighlightRequest {
    std::string region;              // atlas id
    std::string mark;                // start on this mark of the step's narration, or
    double atSec = 0.0;              // ... at this offset from the step's start when mark is empty
    float intensity = 1.0f;          // 0..1
    glm::vec3 color{1.0f, 0.72f, 0.45f};
    double fadeInSec = 1.5;
    double holdSec = -1.0;           // < 0: until the step ends
    double fadeOutSec = 2.0;
    double pulseHz = 0.0;            // 0: steady; at most 0.5
};

// Where something a builder was asked for came from, for error messages:
// "script.toml:42:7".
struct SourceLocation {
    std::string file;
    int line = 0;
    int column = 0;
};

// A therapist's own recording of a step's narration in one language: the
// audio (WAV, FLAC or Ogg, streamed) and its marks file (WebVTT or an
// Audacity label track) for word and mark times. When either cannot be used
// the step falls back to the built-in voice speaking `narration`.
struct RecordingRequest {
    std::filesystem::path audio;
    std::filesystem::path marks;  // may be empty: no words, no marks
    SourceLocation where;         // the recording's entry in the script
};

struct StepRequest {
    std::string id;
    std::string narration;                 // in the session's language; may be empty
    std::optional<std::string> pose;
    std::optional<std::string> camera;
    std::optional<std::string> ambience;
    std::optional<BreathPattern> breath;
    std::optional<bool> pacer;             // breath-pacing tones on/off from this step
    std::vector<HighlightRequest> highlights;
    double pauseAfterSec = 0.0;
    // The shortest this step lasts before pause_after, for steps carried by
    // breath or silence rather than speech (0: as long as its narration and
    // its breath cycles take).
    double minDurationSec = 0.0;
    SourceLocation where;
    // BCP-47 tag -> recording; the session's language (or its primary
    // subtag) picks one, otherwise the built-in voice speaks.
    std::map<std::string, RecordingRequest> recordings;
};

} // namespace soma

namespace soma {

// Everything needed to build one session of one exercise.
struct SessionRequest {
    std::string exercise;              // exercise id
    std::string lang = "en";           // BCP-47
    std::string variant = "short";
    std::string pose = "supine";       // starting state
    std::string camera = "whole_body";
    std::string ambience = "brown-noise";
    bool pacer = false;
    std::vector<StepRequest> steps;
};

} // namespace soma

namespace soma {

struct Session;
struct ReactionRecord;

struct SessionBuildOptions {
    int rateWpm = 0;               // 0: the voice's relaxed default
    int pitch = 0;                 // 0: the voice's relaxed default
    bool note = true;              // open with the one-line not-medical-treatment note
    double leadInSec = 0.6;        // quiet at the start of a step before its narration
    double poseTransitionSec = 6.0;  // a pose change, eased, never sudden
    double cameraMoveSec = 8.0;      // a camera move, eased, slower still
};

// Builds the session: synthesises all narration ahead (cached in memory by
// text, language and voice settings), lays every step on one timeline of
// absolute sample times, places highlights on their marks and makes the
// captions from the word timings. A step with a recording in the session's
// language uses it (streamed, never decoded whole) with its marks file's
// word and mark times; when it cannot be opened or lacks a mark a highlight
// needs, one error is logged (the recording's own id: recording.open,
// recording.truncated, marks.open, marks.syntax; or session.recording_mark)
// and the built-in voice speaks the step, so the session goes on. Errors:
// "session.narration" (bad markup, naming the step's file:line),
// "session.mark" (a highlight names a mark its narration lacks),
// "session.empty", and the voice's own errors.
Result<Session> buildSession(const SessionRequest& request, const SessionBuildOptions& options = {});

// Applies a plugin's reaction at its sample time: only steps that start
// after the step playing then are changed; the record is appended to
// session.reactions. Applying the same records in order to a fresh build
// gives the same session (that is how an export replays a live run).
Status applyReaction(Session& session, const ReactionRecord& record, const SessionBuildOptions& options = {});

// The note each session opens with, in `lang` (English when there is none).
std::string notMedicalNote(const std::string& lang);

// The narration cache (tests and `soma bench`). It holds at most a limit of
// PCM bytes (256 MiB by default), dropping the oldest clips first.
std::size_t narrationCacheSize();
std::size_t narrationCacheBytes();
void setNarrationCacheLimit(std::size_t bytes);
void clearNarrationCache();

} // namespace soma
