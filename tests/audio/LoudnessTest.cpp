// Loudness (EBU R128 through libebur128), silence trimming and
// normalisation of a recording (audio/Loudness).
#include "audio/Loudness.h"
#include "audio/Voice.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

namespace soma {
namespace {

std::vector<float> tone(double hz, double sec, double amp, int rate) {
    std::vector<float> x(std::size_t(sec * rate));
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = float(amp * std::sin(2 * M_PI * hz * double(i) / rate));
    return x;
}

std::vector<float> scaled(std::vector<float> x, double gainDb) {
    const float g = float(std::pow(10.0, gainDb / 20));
    for (float& v : x) v *= g;
    return x;
}

TEST(Loudness, ASineMeasuresWhatR128SaysAndFollowsTheGain) {
    for (int rate : {48000, 44100}) {
        // R128: a 997 Hz sine at full scale reads -3.01 LUFS.
        const std::vector<float> x = tone(997, 5, 0.5, rate);
        auto l = integratedLoudness(x, rate);
        ASSERT_TRUE(l.ok());
        EXPECT_NEAR(*l, 20 * std::log10(0.5) - 3.01, 0.5) << rate;
        // The same signal 17 dB down reads 17 LU less.
        auto quieter = integratedLoudness(scaled(x, -17), rate);
        ASSERT_TRUE(quieter.ok());
        EXPECT_NEAR(*quieter, *l - 17, 0.5) << rate;
        EXPECT_NEAR(truePeakDb(x, rate), 20 * std::log10(0.5), 0.2);
    }
}

TEST(Loudness, SilenceAndNothingAreRefused) {
    auto none = integratedLoudness({}, kMixRate);
    ASSERT_FALSE(none.ok());
    EXPECT_EQ(none.error().id, "loudness.empty");
    const std::vector<float> quiet(kMixRate * 2, 0.0f);
    auto silent = integratedLoudness(quiet, kMixRate);
    ASSERT_FALSE(silent.ok());
    EXPECT_EQ(silent.error().id, "loudness.silent");
    EXPECT_FALSE(normalizeLoudness(quiet, kMixRate).ok());
}

const Utterance& speech() {
    static const Utterance u = [] {
        VoiceSettings vs;
        vs.lang = "en";
        auto r = speak("Feel your feet on the floor. <break time=\"1s\"/> And notice the weight of your hands, as it is.", vs);
        EXPECT_TRUE(r.ok());
        return r.ok() ? std::move(r).value() : Utterance{};
    }();
    return u;
}

// A take with a second and a half of room hiss (-60 dBFS) before and two
// seconds after the speech.
std::vector<float> take(const Utterance& u, Samples lead, Samples tail, double gainDb) {
    std::vector<float> x(std::size_t(lead), 0.0f);
    const std::vector<float> s = scaled(u.pcm, gainDb);
    x.insert(x.end(), s.begin(), s.end());
    x.insert(x.end(), std::size_t(tail), 0.0f);
    std::mt19937 rng(3);
    std::normal_distribution<float> g(0.0f, 0.001f);
    for (float& v : x) v += g(rng);
    return x;
}

TEST(Loudness, TrimmingKeepsEverySpokenWord) {
    const Utterance& u = speech();
    ASSERT_FALSE(u.words.empty());
    const Samples lead = kMixRate * 3 / 2, tail = 2 * kMixRate;
    const std::vector<float> x = take(u, lead, tail, -6);
    const Trimmed t = trimSilence(x, kMixRate);
    const Samples keptFrom = t.startOffset, keptTo = Samples(x.size()) - t.endOffset;
    EXPECT_EQ(Samples(t.pcm.size()), keptTo - keptFrom);
    // Every word inside what is kept, with most of the margin around it.
    EXPECT_LE(keptFrom, lead + u.words.front().start - fromMillis(100));
    EXPECT_GE(keptTo, lead + u.words.back().end + fromMillis(100));
    // And the silence really went: no more than the margin and a little.
    EXPECT_GE(keptFrom, lead - fromMillis(300));
    EXPECT_LE(keptTo, lead + u.length() + fromMillis(300));
    // The sound that was cut is hiss only.
    float cutPeak = 0;
    for (Samples i = 0; i < keptFrom; ++i) cutPeak = std::max(cutPeak, std::abs(x[std::size_t(i)]));
    for (Samples i = keptTo; i < Samples(x.size()); ++i) cutPeak = std::max(cutPeak, std::abs(x[std::size_t(i)]));
    EXPECT_LT(cutPeak, 0.01f);
    // Nothing to trim: all of it stays.
    const std::vector<float> hiss(kMixRate, 0.001f);
    EXPECT_EQ(trimSilence(hiss, kMixRate).pcm.size(), hiss.size());
}

TEST(Loudness, NormalisedSpeechMeasuresTheTargetWithoutPassingTheCeiling) {
    const Utterance& u = speech();
    for (double gainDb : {-30.0, -12.0, 0.0, 6.0}) {
        const std::vector<float> x = take(u, kMixRate / 2, kMixRate / 2, gainDb);
        auto n = normalizeLoudness(x, kMixRate);
        ASSERT_TRUE(n.ok()) << n.error().message;
        auto measured = integratedLoudness(n->pcm, kMixRate);
        ASSERT_TRUE(measured.ok());
        EXPECT_NEAR(*measured, -18, 0.5) << "input gain " << gainDb;
        EXPECT_NEAR(n->loudnessLufs, *measured, 1e-6);
        EXPECT_LE(truePeakDb(n->pcm, kMixRate), -1.0 + 1e-3) << "input gain " << gainDb;
    }
    // Speech with clicks far above it: the limiter takes the clicks, the
    // speech keeps its loudness.
    std::vector<float> clicks = take(u, kMixRate / 2, kMixRate / 2, -20);
    for (std::size_t i = kMixRate; i < clicks.size(); i += kMixRate) clicks[i] = 0.9f;
    auto n = normalizeLoudness(clicks, kMixRate);
    ASSERT_TRUE(n.ok());
    EXPECT_TRUE(n->limited);
    EXPECT_NEAR(n->loudnessLufs, -18, 0.5);
    EXPECT_LE(n->truePeakDbtp, -1.0 + 1e-3);
    // Another target.
    NormalizeSettings quieter;
    quieter.targetLufs = -23;
    auto q = normalizeLoudness(take(u, 0, 0, 0), kMixRate, quieter);
    ASSERT_TRUE(q.ok());
    EXPECT_NEAR(q->loudnessLufs, -23, 0.5);
}

} // namespace
} // namespace soma
