#include "audio/Resampler.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace soma {
namespace {

constexpr int kMaxPhases = 1024;

double sinc(double x) {
    if (std::abs(x) < 1e-12) return 1.0;
    return std::sin(M_PI * x) / (M_PI * x);
}

} // namespace

Resampler::Resampler(int inRate, int outRate) : mInRate(inRate), mOutRate(outRate) {
    const std::int64_t g = std::gcd(std::int64_t(inRate), std::int64_t(outRate));
    mUp = outRate / g;
    mDown = inRate / g;
    if (passThrough()) return;
    // Below the lower of the two Nyquist frequencies, with a little room for
    // the transition band. Downsampling widens the filter in input samples.
    const double cutoff = 0.94 * std::min(1.0, double(outRate) / double(inRate));
    mHalfTaps = std::min(64, int(std::ceil(16.0 / std::min(1.0, double(outRate) / double(inRate)))));
    mPhases = int(std::min<std::int64_t>(mUp, kMaxPhases));
    const int taps = 2 * mHalfTaps;
    mTable.resize(size_t(mPhases) * taps);
    for (int p = 0; p < mPhases; ++p) {
        const double frac = double(p) / mPhases;
        double sum = 0;
        float* row = &mTable[size_t(p) * taps];
        for (int j = 0; j < taps; ++j) {
            // Tap j reads input (ip - mHalfTaps + 1 + j); its distance from the
            // wanted position ip + frac:
            const double x = double(j - mHalfTaps + 1) - frac;
            const double w = std::abs(x) >= mHalfTaps
                                 ? 0.0
                                 : 0.42 + 0.5 * std::cos(M_PI * x / mHalfTaps) + 0.08 * std::cos(2 * M_PI * x / mHalfTaps);
            const double h = cutoff * sinc(cutoff * x) * w;
            row[j] = float(h);
            sum += h;
        }
        // Unity gain at DC for every phase, so a constant stays constant.
        for (int j = 0; j < taps; ++j) row[j] = float(row[j] / sum);
    }
}

Samples Resampler::inputStartFor(Samples outPos) const {
    if (passThrough()) return outPos;
    const Samples ip = outPos * mDown / mUp;
    return std::max<Samples>(0, ip - mHalfTaps + 1);
}

void Resampler::reset(Samples outPos) {
    mOutPos = outPos;
    mInBase = inputStartFor(outPos);
    mIn.clear();
    mNonZero = 0;
    mFinished = false;
}

void Resampler::push(const float* in, std::size_t n) {
    mIn.insert(mIn.end(), in, in + n);
    for (std::size_t i = 0; i < n; ++i) mNonZero += in[i] != 0.f;
}

bool Resampler::wantsInput() const {
    if (mFinished) return false;
    if (passThrough()) return mIn.empty();
    const Samples ip = mOutPos * mDown / mUp;
    return ip + mHalfTaps >= mInBase + Samples(mIn.size());
}

double Resampler::sampleAt(Samples k) const {
    const std::int64_t pos = k * mDown;
    const Samples ip = pos / mUp;
    const std::int64_t frac = pos % mUp;
    const int phase = mPhases == mUp ? int(frac) : int(frac * mPhases / mUp);
    const float* row = &mTable[size_t(phase) * size_t(2 * mHalfTaps)];
    const Samples first = ip - mHalfTaps + 1;
    const Samples end = mInBase + Samples(mIn.size());
    double acc = 0;
    for (int j = 0; j < 2 * mHalfTaps; ++j) {
        const Samples i = first + j;
        if (i < mInBase || i >= end) continue; // before the start or after the end: silence
        acc += double(row[j]) * mIn[size_t(i - mInBase)];
    }
    return acc;
}

std::size_t Resampler::pull(float* out, std::size_t max) {
    std::size_t n = 0;
    if (passThrough()) {
        n = std::min(max, mIn.size());
        std::copy_n(mIn.begin(), n, out);
        for (std::size_t i = 0; i < n; ++i) mNonZero -= mIn[i] != 0.f;
        mIn.erase(mIn.begin(), mIn.begin() + std::ptrdiff_t(n));
        mInBase += Samples(n);
        mOutPos += Samples(n);
        return n;
    }
    const Samples end = mInBase + Samples(mIn.size());
    // A quiet stretch of a recording (most of a long one) costs nothing:
    // every tap would multiply a zero.
    const bool silent = mNonZero == 0;
    while (n < max) {
        const Samples ip = mOutPos * mDown / mUp;
        if (mFinished ? ip >= end : ip + mHalfTaps >= end) break;
        out[n++] = silent ? 0.f : float(sampleAt(mOutPos));
        ++mOutPos;
    }
    // Keep only what the next output still needs.
    const Samples keepFrom = std::max(mInBase, mOutPos * mDown / mUp - mHalfTaps + 1);
    if (keepFrom > mInBase) {
        const auto drop = std::min<std::size_t>(mIn.size(), std::size_t(keepFrom - mInBase));
        for (std::size_t i = 0; i < drop; ++i) mNonZero -= mIn[i] != 0.f;
        mIn.erase(mIn.begin(), mIn.begin() + std::ptrdiff_t(drop));
        mInBase += Samples(drop);
    }
    return n;
}

std::vector<float> Resampler::convert(const std::vector<float>& in, int inRate, int outRate) {
    Resampler r(inRate, outRate);
    if (r.passThrough()) return in;
    r.reset(0);
    r.push(in.data(), in.size());
    r.finish();
    std::vector<float> out(size_t((Samples(in.size()) * r.mUp + r.mDown - 1) / r.mDown));
    const std::size_t n = r.pull(out.data(), out.size());
    out.resize(n);
    return out;
}

} // namespace soma
