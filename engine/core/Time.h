// core/Time: session time is a 64-bit count of audio samples at the mix
// rate. Seconds are for people; integers do not drift, so a kiosk that runs
// for days keeps exact time (a float second count loses sample precision
// after a few minutes, a double after a few centuries, but only integers
// make "the same t gives the same state" exactly true).
#pragma once

#include <cmath>
#include <cstdint>

namespace soma {

inline constexpr int kMixRate = 48000; // Hz, the one rate the engine mixes at

using Samples = std::int64_t;

constexpr double toSeconds(Samples s, int rate = kMixRate) { return double(s) / double(rate); }
inline Samples fromSeconds(double sec, int rate = kMixRate) { return Samples(std::llround(sec * rate)); }
constexpr Samples fromMillis(std::int64_t ms, int rate = kMixRate) { return ms * rate / 1000; }

} // namespace soma
