// audio/Alignment: places the built-in voice's marks on a person's own
// recording of the same text. The voice knows the exact time of every
// mark in its rendition; the recording says the same words with another
// voice, at another pace, in a real room. Both are turned into spectral
// features that describe what is said rather than who says it (MFCCs
// without c0, normalised per utterance, with their deltas and a speech/
// quiet measure), and dynamic time warping finds the cheapest monotone
// path between the two; a time in the reference maps through that path.
//
// Cost: the warping is done coarse first (a band around the diagonal, as
// wide as a tenth of the length plus a second) and then refined at 10 ms
// inside a narrow corridor around the coarse path, so a one-minute step
// costs under a million cells rather than 6000 x 6000, and a 15-minute
// take of a whole exercise a few seconds. Every function here is pure and
// may be called from any thread.
//
// Depends on kissfft and core/ (and audio/Resampler). Must never play
// anything or touch the voice.
#pragma once

#include "audio/Utterance.h"
#include "core/Result.h"

#include <span>
#include <string>
#include <vector>

namespace soma {

// Mono PCM at its own rate, borrowed for the length of a call.
struct PcmView {
    std::span<const float> samples;
    int rate = kMixRate;

    double seconds() const { return rate > 0 ? double(samples.size()) / rate : 0; }
};

// The recording may be this much shorter or longer than the reference
// (after both are trimmed of silence at their ends).
inline constexpr double kMinLengthRatio = 0.5;
inline constexpr double kMaxLengthRatio = 2.0;

// Below this a placed time is doubtful: show it to a person to check.
inline constexpr double kDoubtfulConfidence = 0.5;

struct AlignedTime {
    double sec = 0;        // in the recording, from its first sample
    double confidence = 0; // 0..1: 1 where the path around it costs no more than the path's median
};

struct TimeAlignment {
    std::vector<AlignedTime> times; // one per time asked, in the same order
    // The median cost of the path over speech, against what unrelated
    // frames of the two cost (1). Measured (tests/audio/AlignmentTest.cpp):
    // 0.45-0.55 where a different voice says the same text in a room,
    // 0.65-0.75 where it says another step's text. Per-mark confidence
    // cannot see that (it is relative to this median), so a caller that
    // wants to catch a recording of the wrong step looks here.
    double medianCost = 0;
};

// Maps `timesSec` (seconds in the reference) to seconds in the recording.
// A time in speech maps through the path; a time in a pause keeps its
// distance to the nearer speech (the end of a word stays at the end of
// that word, however long the person pauses after it); a time before the
// first speech or after the last keeps its distance to it. Errors: "align.empty" (either side has
// no audio or no speech), "align.mismatch" (the lengths differ beyond
// kMinLengthRatio..kMaxLengthRatio).
Result<TimeAlignment> alignTimes(PcmView reference, PcmView recording, std::span<const double> timesSec);

// The marks of `reference` (an utterance of the built-in voice, at
// kMixRate) placed on the recording of the same text.
struct AlignedMark {
    std::string name;
    double sec = 0; // in the recording
    double confidence = 0;
};
Result<std::vector<AlignedMark>> alignMarks(const Utterance& reference, PcmView recording);

// A word of the reference placed on the recording: its start and end.
struct AlignedWord {
    std::string text;
    double startSec = 0, endSec = 0; // in the recording
    double confidence = 0;           // the lower of its two ends'
};

// The words and marks of `reference` placed on the recording of the same
// text: what a recording's marks file holds, so its captions follow the
// person's own pace and every highlight lands on its word.
struct AlignedUtterance {
    std::vector<AlignedWord> words;
    std::vector<AlignedMark> marks;
    double medianCost = 0; // as TimeAlignment's
};
Result<AlignedUtterance> alignUtterance(const Utterance& reference, PcmView recording);

// One recording of a whole exercise, cut into its steps: each step's
// reference is the built-in voice's utterance for it (kMixRate). They are
// joined with `gapSec` of silence between them and aligned as one; each
// step's speech maps to its stretch of the recording.
struct AlignedStep {
    double startSec = 0; // the step's first speech, in the recording
    double endSec = 0;   // the end of its last speech
    std::vector<AlignedWord> words;
    std::vector<AlignedMark> marks;
    double confidence = 0; // the lowest of its start, end and marks
};
struct StepAlignSettings {
    double gapSec = 1.0;
};
struct StepAlignment {
    std::vector<AlignedStep> steps; // one per reference step, in order
    double medianCost = 0;          // as TimeAlignment's: is this take this exercise?
};
Result<StepAlignment> alignSteps(std::span<const Utterance> steps, PcmView recording, const StepAlignSettings& settings = {});

} // namespace soma
