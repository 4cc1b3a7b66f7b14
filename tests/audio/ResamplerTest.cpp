#include "audio/Resampler.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace soma {
namespace {

std::vector<float> sine(double hz, int rate, std::size_t n, double amp = 0.5) {
    std::vector<float> v(n);
    for (std::size_t i = 0; i < n; ++i) v[i] = float(amp * std::sin(2 * M_PI * hz * double(i) / rate));
    return v;
}

// Best-fit amplitude and the worst deviation from a sine of known frequency.
double maxErrorAgainstSine(const std::vector<float>& v, double hz, int rate, double amp, std::size_t from, std::size_t to) {
    double worst = 0;
    for (std::size_t i = from; i < to; ++i)
        worst = std::max(worst, std::abs(double(v[i]) - amp * std::sin(2 * M_PI * hz * double(i) / rate)));
    return worst;
}

TEST(Resampler, EspeakRateToMixRateKeepsAToneIntact) {
    const auto in = sine(1000, 22050, 22050);
    const auto out = Resampler::convert(in, 22050, kMixRate);
    EXPECT_NEAR(double(out.size()), 48000.0, 1.0);
    // Away from the edges, the 48 kHz samples lie on the same sine.
    EXPECT_LT(maxErrorAgainstSine(out, 1000, kMixRate, 0.5, 200, out.size() - 200), 0.005);
}

TEST(Resampler, DownsamplingRemovesWhatCannotBeRepresented) {
    // 30 kHz at 96 kHz cannot exist at 48 kHz (Nyquist 24 kHz): it must go,
    // not fold back as an 18 kHz alias.
    const auto in = sine(30000, 96000, 96000);
    const auto out = Resampler::convert(in, 96000, kMixRate);
    double rms = 0;
    for (std::size_t i = 500; i < out.size() - 500; ++i) rms += double(out[i]) * out[i];
    rms = std::sqrt(rms / double(out.size() - 1000));
    EXPECT_LT(rms, 0.01);
}

TEST(Resampler, StreamingInOddChunksEqualsOneShot) {
    const auto in = sine(440, 44100, 44100);
    const auto whole = Resampler::convert(in, 44100, kMixRate);
    Resampler r(44100, kMixRate);
    r.reset(0);
    std::vector<float> out;
    std::vector<float> buf(777);
    std::size_t fed = 0;
    while (true) {
        const std::size_t n = r.pull(buf.data(), buf.size());
        out.insert(out.end(), buf.begin(), buf.begin() + std::ptrdiff_t(n));
        if (n) continue;
        if (fed == in.size()) break;
        const std::size_t k = std::min<std::size_t>(333, in.size() - fed);
        r.push(in.data() + fed, k);
        fed += k;
        if (fed == in.size()) r.finish();
    }
    ASSERT_EQ(out.size(), whole.size());
    for (std::size_t i = 0; i < out.size(); ++i) ASSERT_FLOAT_EQ(out[i], whole[i]) << i;
}

TEST(Resampler, SeekLandsOnTheSameSamplesAsAStraightRun) {
    const auto in = sine(440, 22050, 22050);
    const auto whole = Resampler::convert(in, 22050, kMixRate);
    const Samples at = 12345;
    Resampler r(22050, kMixRate);
    r.reset(at);
    const Samples from = r.inputStartFor(at);
    r.push(in.data() + from, in.size() - std::size_t(from));
    r.finish();
    std::vector<float> out(1000);
    ASSERT_EQ(r.pull(out.data(), out.size()), out.size());
    for (std::size_t i = 0; i < out.size(); ++i) ASSERT_FLOAT_EQ(out[i], whole[std::size_t(at) + i]) << i;
}

} // namespace
} // namespace soma
