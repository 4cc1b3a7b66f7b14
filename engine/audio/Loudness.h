// audio/Loudness: how loud a narration is, as a listener judges it (EBU R128
// integrated loudness, libebur128), and the two things a recording needs
// before it is used: its leading and trailing silence trimmed and its level
// brought to the narration's target without clipping.
//
// A therapist's recording can come from any microphone at any level; the
// built-in voice and every recording should sit at the same loudness, so a
// switch between them is not a jump. Trimming reports how much was taken
// from the front, so mark times made against the untrimmed file can shift.
//
// Depends on libebur128 and core/. Must never play or resample anything.
#pragma once

#include "core/Result.h"
#include "core/Time.h"

#include <span>
#include <vector>

namespace soma {

// Integrated loudness (LUFS) of mono `pcm` at `rate`. Errors:
// "loudness.empty" (no samples), "loudness.silent" (nothing above the
// R128 gate: digital silence or only noise below -70 LUFS).
Result<double> integratedLoudness(std::span<const float> pcm, int rate);

// The true peak (dBTP, 4x oversampled by libebur128) of mono `pcm`.
double truePeakDb(std::span<const float> pcm, int rate);

struct TrimSettings {
    double marginSec = 0.15;  // kept before the first and after the last speech
    double belowLoudnessDb = 35; // speech: 10 ms windows louder than the loudness minus this
};

struct Trimmed {
    std::vector<float> pcm;
    Samples startOffset = 0; // samples taken from the front (at the input's rate)
    Samples endOffset = 0;   // samples taken from the back
};

// Cuts leading and trailing silence. The threshold sits between the
// loudness and the recording's own noise floor, never closer than 20 dB to
// the loudness, and the margin is kept on both sides, so quiet word ends
// ("-s", "-f") stay. A recording without any speech comes back untouched.
Trimmed trimSilence(std::span<const float> pcm, int rate, const TrimSettings& settings = {});

struct NormalizeSettings {
    double targetLufs = -18;
    double ceilingDbtp = -1; // no true peak above this, ever
};

struct Normalized {
    std::vector<float> pcm;
    double gainDb = 0;       // applied before any peak limiting
    double loudnessLufs = 0; // measured after
    double truePeakDbtp = 0; // measured after
    bool limited = false;    // peaks were turned down to stay under the ceiling
};

// Brings `pcm` to the target loudness. Peaks that would pass the ceiling
// are turned down by a look-ahead limiter (5 ms attack, 80 ms release) and
// the gain before it raised by the loudness that took, so the result
// measures the target; should the true peak still pass the ceiling, the
// whole buffer is turned down (and the loudness ends under the target).
// Errors: those of integratedLoudness().
Result<Normalized> normalizeLoudness(std::span<const float> pcm, int rate, const NormalizeSettings& settings = {});

} // namespace soma
