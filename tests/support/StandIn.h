// A person reading aloud, stood in for by the built-in voice itself with
// another variant and speed, heard through a room: reverb from a synthetic
// impulse response and noise under the speech. Used wherever a test needs
// a "recording" whose true word onsets are known (the stand-in's own marks).
#pragma once

#include "audio/Voice.h"

#include <cstdint>
#include <span>
#include <vector>

namespace soma::test {

enum class Noise { White, Pink };

// Linear convolution of x with h (overlap-add through the engine's FFT).
std::vector<float> convolve(const std::vector<float>& x, const std::vector<float>& h);

// Exponentially decaying noise after a direct path, as much reverberant
// energy as direct (a person a metre or so from the microphone).
std::vector<float> roomResponse(double rt60Sec, std::uint32_t seed);

// The recording: `lead` samples of room noise, the speech in a room with
// RT60 0.4 s, `tail` samples more, and noise `snrDb` under the speech's
// own level. Same length as lead + clean + tail.
std::vector<float> inTheRoom(const std::vector<float>& clean, Samples lead, Samples tail, Noise kind, double snrDb,
                             std::uint32_t seed);

// How alike two sounds are in their loudness over time (10 ms frames, the
// Pearson correlation of the two envelopes over the shorter): 1 when one
// is the other at any gain, near 0 for unrelated speech.
double envelopeCorrelation(std::span<const float> a, std::span<const float> b);

} // namespace soma::test
