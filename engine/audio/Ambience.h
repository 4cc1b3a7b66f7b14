// audio/Ambience: the ambience beds, generated in code so no asset file is
// needed: "brown-noise" (a soft, deep rush), "waves" (slow swells that
// brighten as they crest), and "none". Gains follow a schedule of changes at
// absolute session times with slow crossfades, so the level at any time t is
// a pure function of t (seek and export land on the same level).
//
// Depends on audio/Schedule.h for AmbienceChange. Must never allocate
// while generating.
#pragma once

#include "audio/Schedule.h"

#include <array>
#include <cstdint>
#include <vector>

namespace soma {

class Ambience {
public:
    static constexpr int kBeds = 2; // brown-noise, waves
    // -1 for "none" or an unknown name.
    static int bedIndex(const std::string& name);

    void setSchedule(std::vector<AmbienceChange> changes);
    void add(const AmbienceChange& change);
    const std::vector<AmbienceChange>& schedule() const { return mChanges; }

    float gainAt(int bed, Samples t) const;
    // Fresh generator state for a run starting at t (after a seek).
    void reset(Samples t);
    // `frames` stereo frames (interleaved) for session samples [t0, t0+frames).
    void generate(Samples t0, float* stereo, int frames);

private:
    void recompute();
    float whiteNoise();

    std::vector<AmbienceChange> mChanges;
    std::vector<std::array<float, kBeds>> mStartGain; // each bed's gain as change i begins
    std::uint64_t mRng = 0x9E3779B97F4A7C15ull;
    float mBrown[3] = {0, 0, 0};   // L, R, common
    float mWaveLp[2] = {0, 0};
    float mWaveLp2[2] = {0, 0};
};

} // namespace soma
