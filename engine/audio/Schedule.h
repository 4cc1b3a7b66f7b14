// audio/Schedule: the sound of a session as plain data on one timeline:
// narration clips at absolute sample times, ambience changes, breath
// phases. session/ lays them out; AudioEngine plays them and export mixes
// them. Kept apart from AudioEngine.h so that holding a schedule does not
// pull in a device.
//
// Depends on audio/Utterance (synthesised speech), core/Time, GLM. Must
// never hold a device or an OpenAL object.
#pragma once

#include "audio/Utterance.h"
#include "core/Time.h"

#include <glm/vec3.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace soma {

// One narration clip on the timeline: in-memory speech, or a recording
// streamed from a file (RecordedVoice::audioPath()).
struct NarrationClip {
    std::shared_ptr<const Utterance> speech; // pcm used, or ...
    std::filesystem::path recording;         // ... this file when speech is null
    Samples at = 0;                          // session time of its first sample
    float gain = 1.0f;
    std::optional<glm::vec3> position;       // none: the narrator position
    // Set when the session leaves this clip for the grounding way out: from
    // here the voice fades out (a cosine, over fadeOutLength) rather than
    // stopping mid-word, and is silent after.
    Samples fadeOutAt = -1;                  // < 0: plays to its end
    Samples fadeOutLength = 0;

    // The clip's gain at session sample t, its fade applied.
    float gainAt(Samples t) const {
        if (fadeOutAt < 0 || t < fadeOutAt) return gain;
        if (t >= fadeOutAt + fadeOutLength) return 0.0f;
        const double x = double(t - fadeOutAt) / double(std::max<Samples>(1, fadeOutLength));
        return gain * float(0.5 + 0.5 * std::cos(3.14159265358979323846 * x));
    }
    // How long it sounds, given the length of its audio.
    Samples heardLength(Samples audioLength) const {
        if (fadeOutAt < 0) return audioLength;
        return std::clamp<Samples>(fadeOutAt + fadeOutLength - at, 0, audioLength);
    }
};

// Ambience beds, generated in code: "none", "brown-noise", "waves".
struct AmbienceChange {
    Samples at = 0;             // session time the change starts
    std::string bed = "none";
    float gain = 0.2f;          // linear, 0..1
    double fadeSec = 6.0;       // crossfade from what played before
};

enum class BreathKind { Inhale, HoldIn, Exhale, HoldOut };

// A breath schedule: phases at absolute session times, sorted. Tones sound
// on inhales (rising pitch) and exhales (falling); holds are quiet.
struct BreathPhase {
    BreathKind kind = BreathKind::Inhale;
    Samples start = 0;
    Samples length = 0;
};

} // namespace soma
