// app/ReferenceScene: the one scene every performance figure is measured
// on, defined once for `soma bench` (app/Bench.cpp) and the micro-benchmarks
// (tests/bench/), and described in docs/benchmarks.md so that comparison
// pages (a three.js page, a Godot app) can build the same thing.
//
// 1280x720; the full figure (average build, 1.72 m) lying on its back
// (supine) at full detail (lod 0), translucent skin over the inner anatomy;
// four regions highlighted and pulsing slowly (two on the skin, two inside);
// breathing on a 10-second cycle (4 s in, 6 s out); the fixed whole_body
// camera; narration, brown-noise ambience and the breath-pacing tones
// playing. It is a real session, built by buildSession and evaluated by the
// sequencer, so the figures measure the code a guided session runs.
//
// Depends on model/SessionRequest (plain request structs). Must never
// change without a note in docs/benchmarks.md: figures before and after a
// change of scene cannot be compared.
#pragma once

#include "session/SessionBuilder.h"

#include <array>
#include <string>

namespace soma::reference {

inline constexpr int kWidth = 1280;
inline constexpr int kHeight = 720;
inline constexpr int kLod = 0;
inline constexpr const char* kPose = "supine";
inline constexpr const char* kCamera = "whole_body";
inline constexpr double kBreathCycleSec = 10.0; // inhale 4 s + exhale 6 s
inline constexpr double kPulseHz = 0.2;         // slow, well under the 0.5 Hz limit
// Frames are timed from this session time on: the highlights have faded
// in, the narration is speaking, ambience and pacer sound.
inline constexpr double kMeasureFromSec = 3.0;
// The frame clock of the timed frames (session seconds per frame).
inline constexpr double kFrameStepSec = 1.0 / 60.0;

// Two surface regions and two internal structures glowing through the skin.
inline constexpr std::array<const char*, 4> kRegions{"psoas_left", "diaphragm", "shoulder_right", "belly"};

// About 40 seconds of narration: longer than everything bench times
// (60 + 300 frames at 60 fps is 6 s, one second of audio mixing).
inline constexpr const char* kNarration =
    "Let yourself arrive, lying on your back, with the floor holding you. "
    "There is nothing you need to do right now. <break time=\"600ms\"/> "
    "Notice the breath as it comes and goes by itself. "
    "As you breathe in, the belly may rise a little, and as you breathe out, it softens again. "
    "<break time=\"800ms\"/> You might bring some attention to the deep muscle along the front of the spine, "
    "on the left side, and to the dome of the diaphragm beneath the ribs. "
    "Perhaps the right shoulder can rest a little more into the ground. <break time=\"600ms\"/> "
    "Whatever you notice is welcome. You can stay with it, or let it go, at your own pace. "
    "When you are ready, let the breath find its own rhythm again, slow and easy.";

inline SessionRequest request() {
    SessionRequest r;
    r.exercise = "reference-scene";
    r.lang = "en";
    r.variant = "short";
    r.pose = kPose;
    r.camera = kCamera;
    r.ambience = "brown-noise";
    r.pacer = true;
    StepRequest s;
    s.id = "reference";
    s.narration = kNarration;
    s.pose = kPose;
    s.camera = kCamera;
    s.ambience = "brown-noise";
    s.pacer = true;
    BreathPattern b;
    b.inhaleSec = 4.0;
    b.exhaleSec = 6.0;
    b.cycles = 0; // for as long as the step lasts
    s.breath = b;
    const std::array<float, 4> intensity{1.0f, 0.8f, 0.7f, 0.6f};
    for (size_t i = 0; i < kRegions.size(); ++i) {
        HighlightRequest h;
        h.region = kRegions[i];
        h.atSec = 0.0;
        h.fadeInSec = 1.5;
        h.holdSec = -1.0;
        h.intensity = intensity[i];
        h.pulseHz = kPulseHz;
        s.highlights.push_back(h);
    }
    s.pauseAfterSec = 2.0;
    s.where = {"reference scene (app/ReferenceScene.h)", 0, 0};
    r.steps.push_back(std::move(s));
    return r;
}

// No opening note: the scene starts speaking at once, so the timed frames
// fall inside the narration.
inline SessionBuildOptions buildOptions() {
    SessionBuildOptions o;
    o.note = false;
    o.leadInSec = 0.3;
    return o;
}

} // namespace soma::reference
