#include "support/StandIn.h"

#include <kiss_fftr.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <random>

namespace soma::test {
namespace {

struct FftDeleter {
    void operator()(kiss_fftr_state* c) const { kiss_fftr_free(c); }
};

// Loudness envelope in 10 ms frames.
std::vector<double> envelope(std::span<const float> x) {
    const std::size_t hop = kMixRate / 100;
    std::vector<double> e;
    for (std::size_t i = 0; i + hop <= x.size(); i += hop) {
        double sum = 0;
        for (std::size_t k = i; k < i + hop; ++k) sum += double(x[k]) * x[k];
        e.push_back(std::sqrt(sum / double(hop)));
    }
    return e;
}

double correlation(const std::vector<double>& a, const std::vector<double>& b) {
    const std::size_t n = std::min(a.size(), b.size());
    if (n < 10) return 0;
    double ma = 0, mb = 0;
    for (std::size_t i = 0; i < n; ++i) { ma += a[i]; mb += b[i]; }
    ma /= double(n);
    mb /= double(n);
    double ab = 0, aa = 0, bb = 0;
    for (std::size_t i = 0; i < n; ++i) {
        ab += (a[i] - ma) * (b[i] - mb);
        aa += (a[i] - ma) * (a[i] - ma);
        bb += (b[i] - mb) * (b[i] - mb);
    }
    return ab / std::sqrt(std::max(1e-30, aa * bb));
}

} // namespace

// Linear convolution by overlap-add.
std::vector<float> convolve(const std::vector<float>& x, const std::vector<float>& h) {
    int nfft = 1;
    while (nfft < int(2 * h.size())) nfft *= 2;
    const std::size_t block = std::size_t(nfft) - h.size() + 1;
    const int bins = nfft / 2 + 1;
    std::unique_ptr<kiss_fftr_state, FftDeleter> fwd(kiss_fftr_alloc(nfft, 0, nullptr, nullptr));
    std::unique_ptr<kiss_fftr_state, FftDeleter> inv(kiss_fftr_alloc(nfft, 1, nullptr, nullptr));
    std::vector<float> buf(std::size_t(nfft), 0.0f);
    std::vector<kiss_fft_cpx> H(static_cast<std::size_t>(bins)), X(static_cast<std::size_t>(bins));
    std::copy(h.begin(), h.end(), buf.begin());
    kiss_fftr(fwd.get(), buf.data(), H.data());
    std::vector<float> y(x.size() + h.size() - 1, 0.0f);
    for (std::size_t start = 0; start < x.size(); start += block) {
        std::fill(buf.begin(), buf.end(), 0.0f);
        const std::size_t len = std::min(block, x.size() - start);
        std::copy(x.begin() + std::ptrdiff_t(start), x.begin() + std::ptrdiff_t(start + len), buf.begin());
        kiss_fftr(fwd.get(), buf.data(), X.data());
        for (int k = 0; k < bins; ++k) {
            const kiss_fft_cpx a = X[std::size_t(k)], b = H[std::size_t(k)];
            X[std::size_t(k)] = {a.r * b.r - a.i * b.i, a.r * b.i + a.i * b.r};
        }
        kiss_fftri(inv.get(), X.data(), buf.data());
        for (std::size_t i = 0; i < len + h.size() - 1 && start + i < y.size(); ++i) y[start + i] += buf[i] / float(nfft);
    }
    return y;
}

// Exponentially decaying noise after a direct path, as much reverberant
// energy as direct (a person a metre or so from the microphone).
std::vector<float> roomResponse(double rt60Sec, std::uint32_t seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> g(0.0f, 1.0f);
    std::vector<float> h(std::size_t(kMixRate * rt60Sec * 1.25), 0.0f);
    double tail = 0;
    for (std::size_t i = std::size_t(kMixRate / 400); i < h.size(); ++i) { // reflections from 2.5 ms on
        h[i] = g(rng) * float(std::exp(-6.9078 * double(i) / (rt60Sec * kMixRate)));
        tail += double(h[i]) * h[i];
    }
    const float scale = float(1 / std::sqrt(tail));
    for (float& v : h) v *= scale;
    h[0] = 1.0f;
    return h;
}


// The person's recording: a lead-in of room noise, the speech in the room,
// a tail, and noise at `snrDb` under the speech's own level.
std::vector<float> inTheRoom(const std::vector<float>& clean, Samples lead, Samples tail, Noise kind, double snrDb,
                             std::uint32_t seed) {
    std::vector<float> dry(std::size_t(lead), 0.0f);
    dry.insert(dry.end(), clean.begin(), clean.end());
    dry.insert(dry.end(), std::size_t(tail), 0.0f);
    std::vector<float> wet = convolve(dry, roomResponse(0.4, seed));
    wet.resize(dry.size());
    // The speech's level over the windows that hold speech.
    const std::size_t win = kMixRate / 50;
    double speech = 0;
    std::size_t count = 0;
    for (std::size_t w = 0; w + win <= wet.size(); w += win) {
        double e = 0;
        for (std::size_t i = w; i < w + win; ++i) e += double(wet[i]) * wet[i];
        if (e / double(win) > 1e-5) { speech += e; count += win; }
    }
    const double noiseRms = std::sqrt(speech / double(std::max<std::size_t>(1, count))) * std::pow(10.0, -snrDb / 20);
    std::mt19937 rng(seed + 1);
    std::normal_distribution<double> g(0.0, 1.0);
    double b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0;
    std::vector<double> noise(wet.size());
    double power = 0;
    for (double& n : noise) {
        const double w = g(rng);
        if (kind == Noise::White) n = w;
        else { // Paul Kellet's pink filter
            b0 = 0.99886 * b0 + w * 0.0555179; b1 = 0.99332 * b1 + w * 0.0750759; b2 = 0.96900 * b2 + w * 0.1538520;
            b3 = 0.86650 * b3 + w * 0.3104856; b4 = 0.55000 * b4 + w * 0.5329522; b5 = -0.7616 * b5 - w * 0.0168980;
            n = b0 + b1 + b2 + b3 + b4 + b5 + b6 + w * 0.5362;
            b6 = w * 0.115926;
        }
        power += n * n;
    }
    const double scale = noiseRms / std::sqrt(power / double(noise.size()));
    for (std::size_t i = 0; i < wet.size(); ++i) wet[i] += float(noise[i] * scale);
    return wet;
}

double envelopeCorrelation(std::span<const float> a, std::span<const float> b) { return correlation(envelope(a), envelope(b)); }

} // namespace soma::test
