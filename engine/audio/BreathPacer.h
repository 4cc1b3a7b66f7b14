// audio/BreathPacer: soft breath-pacing tones from a breath schedule: on an
// inhale a warm tone swells while its pitch rises, on an exhale it falls;
// holds are quiet. Each tone fades in and out completely, so nothing
// clicks, and the sound at time t depends only on the schedule.
//
// Depends on audio/Schedule.h for BreathPhase. Must never allocate while
// generating.
#pragma once

#include "audio/Schedule.h"

#include <vector>

namespace soma {

class BreathPacer {
public:
    static constexpr float kLowHz = 174.6f;  // F3
    static constexpr float kHighHz = 261.6f; // C4

    void setSchedule(std::vector<BreathPhase> phases);
    void setGain(float gain) { mGain = gain; }
    void reset(Samples t);
    // Mono samples for session samples [t0, t0+frames); zeros when !on.
    void generate(Samples t0, float* mono, int frames, bool on);

private:
    std::vector<BreathPhase> mPhases;
    float mGain = 0.08f;
    double mCos = 1.0, mSin = 0.0; // the oscillator's phasor
};

} // namespace soma
