// session/Session: one built session as data: every cue on one timeline of
// absolute sample times, the narration already synthesised.
//
// buildSession (SessionBuilder.h) makes it; the Sequencer evaluates it at a
// time t; the AudioEngine plays its clips, ambience and breath schedule;
// export writes it out. Nothing in it changes while it plays, except through
// applyReaction, which only rewrites steps that have not started and logs
// what it did so that an export replays the same session.
// Depends on audio/ data types (Utterance, Captions, Schedule) and model/
// (the request it was built from, reactions). Must never hold a device or a
// GL object.
#pragma once

#include "audio/Captions.h"
#include "audio/Schedule.h"
#include "audio/Utterance.h"
#include "core/Time.h"
#include "model/ExerciseEvent.h"
#include "model/SessionRequest.h"

#include <glm/vec3.hpp>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

namespace soma {

struct SessionStep {
    std::string id;
    Samples start = 0;
    Samples speechStart = 0; // == speechEnd when the step is silent
    Samples speechEnd = 0;
    Samples end = 0;         // start of the next step
    int clip = -1;           // index into Session::clips, or -1
    int words = 0;           // words spoken in this step
    std::string text;        // plain text of its narration
    bool note = false;       // the opening not-medical-treatment note
};

// A mark of the narration at its absolute time.
struct SessionMark {
    std::string name;
    std::string step;
    Samples at = 0;
};

struct TimedHighlight {
    std::string region;
    std::string mark;        // empty when it starts at a time
    std::string step;
    Samples start = 0;
    Samples fadeIn = 0;
    Samples holdEnd = 0;     // fade-out starts here
    Samples fadeOut = 0;
    float intensity = 1.0f;
    glm::vec3 color{1.0f, 0.72f, 0.45f};
    double pulseHz = 0.0;
    bool withBreath = false; // fullest as an in-breath fills, softer as it goes out
    // Set when the session leaves for the grounding way out while this one
    // is lit: from here it fades from whatever it shows to nothing.
    Samples releaseAt = -1;  // < 0: none
    Samples releaseLength = 0;
    Samples end() const { return releaseAt < 0 ? holdEnd + fadeOut : std::min(holdEnd + fadeOut, releaseAt + releaseLength); }
};

// A slow change of pose or camera preset.
struct PresetChange {
    Samples at = 0;
    Samples length = 0;
    std::string from;
    std::string to;
    std::string step;
};

struct PacerChange {
    Samples at = 0;
    bool on = false;
};

struct Session {
    std::string exercise;
    std::string lang;
    std::string variant;
    Samples duration = 0;
    std::string note;          // the one-line not-medical-treatment note, shown on screen

    std::vector<SessionStep> steps;
    std::vector<NarrationClip> clips;         // audio for the AudioEngine, at absolute times
    std::vector<WordTiming> words;            // absolute times, all clips
    std::vector<SessionMark> marks;           // absolute times
    std::vector<TimedHighlight> highlights;   // sorted by start
    std::vector<BreathPhase> breath;          // the whole session, contiguous from 0
    std::vector<PresetChange> poses;          // sorted by at
    std::vector<PresetChange> cameras;        // sorted by at
    std::vector<AmbienceChange> ambience;     // sorted by at
    std::vector<PacerChange> pacer;           // sorted by at; the first at 0
    std::vector<CaptionCue> captions;         // sorted by start
    std::string initialPose = "supine";
    std::string initialCamera = "whole_body";

    SessionRequest request;                   // what it was built from (for reactions)
    std::vector<ReactionRecord> reactions;    // in the order applied

    // The breath phases during which the pacer sounds (what the AudioEngine
    // gets as its breath schedule).
    std::vector<BreathPhase> pacerSchedule() const;
    // Words spoken, without the opening note.
    int spokenWords() const;
    // The step playing at t (the last one when t is past the end), or -1.
    int stepAt(Samples t) const;
    const SessionMark* mark(const std::string& step, const std::string& name) const;
};

} // namespace soma
