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
};

// Where something a builder was asked for came from, for error messages:
// "script.toml:42:7".
struct SourceLocation {
    std::string file;
    int line = 0;
    int column = 0;
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
    SourceLocation where;
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
