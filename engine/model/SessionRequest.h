// model/SessionRequest: what a session is made of, before anything is
// synthesised or timed: the starting state and the steps, each with its
// narration (markup: model/Narration), highlights, breath pattern, pose,
// camera and ambience changes and quiet.
//
// Script exercises (plugin/script) and native plugins (plugin/NativeExercise)
// both produce one; session/SessionBuilder turns it into a timed Session.
// Depends on GLM (colours) and core/Diagnostic (where a step came from).
// Must never hold anything but plain data.
#pragma once

#include "core/Diagnostic.h"

#include <glm/vec3.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace soma {

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
    bool withBreath = false;         // swells with the session's breath (then no pulse)
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
    std::string recordingSlot; // the name the person's own recording of this step is filed under; empty: the step id
};

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
