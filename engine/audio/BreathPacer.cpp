#include "audio/BreathPacer.h"

#include <algorithm>
#include <cmath>

namespace soma {

void BreathPacer::setSchedule(std::vector<BreathPhase> phases) {
    std::stable_sort(phases.begin(), phases.end(), [](auto& a, auto& b) { return a.start < b.start; });
    mPhases = std::move(phases);
}

void BreathPacer::reset(Samples) {
    mCos = 1.0;
    mSin = 0.0;
}

void BreathPacer::generate(Samples t0, float* out, int frames, bool on) {
    std::fill(out, out + frames, 0.f);
    if (!on || mPhases.empty()) return;
    const Samples t1 = t0 + frames;
    auto it = std::upper_bound(mPhases.begin(), mPhases.end(), t0, [](Samples v, const BreathPhase& p) { return v < p.start; });
    if (it != mPhases.begin()) --it;
    const double ratio = std::log(double(kHighHz) / kLowHz);
    for (; it != mPhases.end() && it->start < t1; ++it) {
        const BreathPhase& p = *it;
        if (p.length <= 0 || (p.kind != BreathKind::Inhale && p.kind != BreathKind::Exhale)) continue;
        const Samples a = std::max(t0, p.start), b = std::min(t1, p.start + p.length);
        auto envAt = [&](Samples t) {
            // sin^2 swell: silent at both ends of the phase, fullest midway.
            const double sn = std::sin(M_PI * double(t - p.start) / double(p.length));
            return sn * sn;
        };
        // Pitch and envelope move slowly: set them every 32 samples and let
        // a rotating phasor make the sine in between (no sin() per sample).
        for (Samples s0 = a; s0 < b; s0 += 32) {
            const Samples s1 = std::min(b, s0 + 32);
            const double u = (double(s0 + s1) / 2 - double(p.start)) / double(p.length);
            const double rise = p.kind == BreathKind::Inhale ? u : 1.0 - u;
            const double step = 2 * M_PI * kLowHz * std::exp(ratio * rise) / kMixRate;
            const double rc = std::cos(step), rs = std::sin(step);
            const double e0 = envAt(s0), e1 = envAt(s1);
            for (Samples t = s0; t < s1; ++t) {
                const double c = mCos * rc - mSin * rs;
                mSin = mSin * rc + mCos * rs;
                mCos = c;
                const double env = e0 + (e1 - e0) * double(t - s0) / double(s1 - s0);
                // A little second harmonic (2 sin cos) warms the pure tone.
                out[t - t0] += float(mGain * env * (mSin + 0.24 * mSin * mCos));
            }
            const double norm = 1.0 / std::sqrt(mCos * mCos + mSin * mSin);
            mCos *= norm;
            mSin *= norm;
        }
    }
}

} // namespace soma
