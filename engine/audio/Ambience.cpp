#include "audio/Ambience.h"

#include "core/Log.h"
#include "core/Text.h"
#include "model/Vocabulary.h"

#include <algorithm>
#include <cmath>

namespace soma {
namespace {

float smooth(float u) { return u * u * (3.f - 2.f * u); }

} // namespace

int Ambience::bedIndex(const std::string& name) {
    // The beds are generated in the vocabulary's order; "none" is silence.
    const auto& ids = ambienceIds();
    const auto it = std::find(ids.begin(), ids.end(), name);
    return name == "none" || it == ids.end() ? -1 : int(it - ids.begin());
}

void Ambience::setSchedule(std::vector<AmbienceChange> changes) {
    mChanges = std::move(changes);
    recompute();
}

void Ambience::add(const AmbienceChange& change) {
    mChanges.push_back(change);
    recompute();
}

void Ambience::recompute() {
    std::stable_sort(mChanges.begin(), mChanges.end(), [](auto& a, auto& b) { return a.at < b.at; });
    for (auto& c : mChanges)
        if (c.bed != "none" && bedIndex(c.bed) < 0) {
            log::warn("audio.ambience_unknown", "no ambience called \"{}\"; known: {}", c.bed, join(ambienceIds(), ", "));
            c.bed = "none";
        }
    mStartGain.assign(mChanges.size(), {});
    for (std::size_t i = 1; i < mChanges.size(); ++i)
        for (int b = 0; b < kBeds; ++b) {
            // The level change i-1 had reached when change i begins.
            const auto& p = mChanges[i - 1];
            const float target = bedIndex(p.bed) == b ? std::clamp(p.gain, 0.f, 1.f) : 0.f;
            const double fade = p.fadeSec * kMixRate;
            const float u = fade <= 0 ? 1.f : float(std::min(1.0, double(mChanges[i].at - p.at) / fade));
            mStartGain[i][size_t(b)] = mStartGain[i - 1][size_t(b)] + (target - mStartGain[i - 1][size_t(b)]) * smooth(u);
        }
}

float Ambience::gainAt(int bed, Samples t) const {
    auto it = std::upper_bound(mChanges.begin(), mChanges.end(), t, [](Samples v, const AmbienceChange& c) { return v < c.at; });
    if (it == mChanges.begin()) return 0.f;
    const std::size_t i = std::size_t(it - mChanges.begin()) - 1;
    const auto& c = mChanges[i];
    const float start = mStartGain[i][size_t(bed)];
    const float target = bedIndex(c.bed) == bed ? std::clamp(c.gain, 0.f, 1.f) : 0.f;
    const double fade = c.fadeSec * kMixRate;
    const float u = fade <= 0 ? 1.f : float(std::min(1.0, double(t - c.at) / fade));
    return start + (target - start) * smooth(u);
}

void Ambience::reset(Samples t) {
    mRng = 0x9E3779B97F4A7C15ull ^ std::uint64_t(t);
    std::fill(std::begin(mBrown), std::end(mBrown), 0.f);
    std::fill(std::begin(mWaveLp), std::end(mWaveLp), 0.f);
    std::fill(std::begin(mWaveLp2), std::end(mWaveLp2), 0.f);
}

float Ambience::whiteNoise() {
    // xorshift64*: fast, and the same sequence on every machine.
    mRng ^= mRng >> 12;
    mRng ^= mRng << 25;
    mRng ^= mRng >> 27;
    const std::uint64_t r = mRng * 0x2545F4914F6CDD1Dull;
    return float(double(r >> 40) / double(1ull << 24) * 2.0 - 1.0);
}

void Ambience::generate(Samples t0, float* out, int frames) {
    std::fill(out, out + std::size_t(frames) * 2, 0.f);
    const Samples t1 = t0 + frames;
    // Skip a bed that is silent over the whole block (gains are monotonic
    // within a fade, so the ends and the schedule bound it).
    auto audible = [&](int bed) {
        if (gainAt(bed, t0) > 0.f || gainAt(bed, t1) > 0.f) return true;
        for (auto& c : mChanges)
            if (c.at >= t0 && c.at < t1 && bedIndex(c.bed) == bed) return true;
        return false;
    };
    constexpr int kSub = 32; // envelopes move slowly: compute them per 32 samples
    if (audible(0)) {
        for (int i = 0; i < frames; i += kSub) {
            const int n = std::min(kSub, frames - i);
            const float g0 = gainAt(0, t0 + i), g1 = gainAt(0, t0 + i + n);
            for (int k = 0; k < n; ++k) {
                const float g = g0 + (g1 - g0) * float(k) / float(n);
                // Leaky integration of white noise: a -6 dB/octave rush.
                for (float& b : mBrown) b = (b + 0.02f * whiteNoise()) / 1.02f;
                const float l = 3.5f * (0.75f * mBrown[0] + 0.25f * mBrown[2]);
                const float r = 3.5f * (0.75f * mBrown[1] + 0.25f * mBrown[2]);
                out[2 * (i + k)] += g * l;
                out[2 * (i + k) + 1] += g * r;
            }
        }
    }
    if (audible(1)) {
        for (int i = 0; i < frames; i += kSub) {
            const int n = std::min(kSub, frames - i);
            const Samples t = t0 + i;
            const double sec = toSeconds(t);
            // An 11 s swell whose height drifts over 37 s; a crest brightens.
            const double swell = 0.5 - 0.5 * std::cos(2 * M_PI * sec / 11.0);
            const double height = 0.65 + 0.35 * std::sin(2 * M_PI * sec / 37.0);
            const float env = float(std::pow(swell, 1.6) * height);
            const float fc = 250.f + 1400.f * env;
            const float a = float(std::exp(-2 * M_PI * fc / kMixRate));
            const float g0 = gainAt(1, t), g1 = gainAt(1, t + n);
            const float level = 0.12f + 0.88f * env;
            for (int k = 0; k < n; ++k) {
                const float g = (g0 + (g1 - g0) * float(k) / float(n)) * level;
                for (int c = 0; c < 2; ++c) {
                    mWaveLp[c] = a * mWaveLp[c] + (1 - a) * whiteNoise();
                    mWaveLp2[c] = a * mWaveLp2[c] + (1 - a) * mWaveLp[c];
                    out[2 * (i + k) + c] += g * 2.2f * mWaveLp2[c];
                }
            }
        }
    }
}

} // namespace soma
