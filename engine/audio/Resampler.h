// audio/Resampler: converts mono float audio from one sample rate to another
// (espeak-ng's 22050 Hz, a recording's 44100 Hz) with a windowed-sinc
// polyphase filter. Streaming and seekable: output sample k always comes
// from the same input samples, wherever the stream was started, so a seek
// lands on exactly the samples a straight run would have produced.
//
// Depends on nothing. Must never allocate per sample.
#pragma once

#include "core/Time.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace soma {

class Resampler {
public:
    Resampler(int inRate, int outRate);

    bool passThrough() const { return mUp == mDown; }
    int inRate() const { return mInRate; }
    int outRate() const { return mOutRate; }

    // Starts a new run at output sample `outPos`; the caller then feeds
    // input from inputStartFor(outPos).
    void reset(Samples outPos = 0);
    Samples inputStartFor(Samples outPos) const;

    // Appends input samples (following the ones fed before).
    void push(const float* in, std::size_t n);
    // After the last input: the rest counts as silence.
    void finish() { mFinished = true; }
    // Writes up to `max` output samples; returns how many were ready.
    std::size_t pull(float* out, std::size_t max);
    // How many input samples are still wanted before pull() can give more.
    bool wantsInput() const;

    // One-shot conversion of a whole signal.
    static std::vector<float> convert(const std::vector<float>& in, int inRate, int outRate);

private:
    double sampleAt(Samples outIndex) const;

    int mInRate, mOutRate;
    std::int64_t mUp = 1, mDown = 1; // out = in * mUp / mDown
    int mPhases = 1;
    int mHalfTaps = 16;
    std::vector<float> mTable; // mPhases x (2*mHalfTaps) coefficients
    std::vector<float> mIn;    // input window
    Samples mInBase = 0;       // absolute input index of mIn[0]
    Samples mOutPos = 0;       // next output index
    std::size_t mNonZero = 0;  // non-zero samples in mIn: none means the output is silence
    bool mFinished = false;
};

} // namespace soma
