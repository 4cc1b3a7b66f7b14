// The sounds made in code: ambience beds with slow fades, and the soft
// breath-pacing tones that rise on the inhale and fall on the exhale.
#include "AudioTestUtil.h"

#include "core/Log.h"

#include <gtest/gtest.h>

namespace soma {
namespace {

using namespace soma::test;

std::vector<float> renderBed(const std::vector<AmbienceChange>& schedule, double sec) {
    auto e = AudioEngine::create(loopbackDesc());
    EXPECT_TRUE(e.ok());
    (*e)->setAmbienceSchedule(schedule);
    (*e)->play();
    return renderFor(**e, fromSeconds(sec));
}

std::size_t at(double sec) { return std::size_t(fromSeconds(sec)); }

// Zero crossings of the left channel per second: the pitch of a pure tone.
double crossingsPerSec(const std::vector<float>& st, double from, double to) {
    int n = 0;
    for (std::size_t f = at(from) + 1; f < at(to); ++f) n += (st[2 * f - 2] < 0) != (st[2 * f] < 0);
    return n / (to - from);
}

TEST(Ambience, NoneIsSilent) {
    auto out = renderBed({{0, "none", 0.5f, 0.0}}, 2.0);
    EXPECT_LT(rms(out, 0, at(2.0)), 1e-7);
}

TEST(Ambience, BrownNoiseIsADeepRushInBothEars) {
    auto out = renderBed({{0, "brown-noise", 0.3f, 0.0}}, 4.0);
    const Ears e = energy(out, at(0.5), at(4.0));
    EXPECT_GT(rms(out, at(0.5), at(4.0)), 0.01);
    EXPECT_NEAR(e.ratio(), 1.0, 0.3);
    // Deep: the sample-to-sample change carries little of the energy
    // (white noise would carry about twice all of it).
    double diff = 0, all = 0;
    for (std::size_t f = at(0.5); f < at(4.0); ++f) {
        diff += std::pow(double(out[2 * f]) - out[2 * f - 2], 2);
        all += std::pow(double(out[2 * f]), 2);
    }
    EXPECT_LT(diff / all, 0.05);
}

TEST(Ambience, WavesSwellSlowly) {
    auto out = renderBed({{0, "waves", 0.3f, 0.0}}, 24.0);
    std::vector<double> perSecond, per100ms;
    for (int s = 0; s < 24; ++s) perSecond.push_back(rms(out, at(s), at(s + 1)));
    for (int w = 10; w < 240; ++w) per100ms.push_back(rms(out, at(w / 10.0), at((w + 1) / 10.0)));
    const auto [lo, hi] = std::minmax_element(perSecond.begin(), perSecond.end());
    EXPECT_GT(*hi, 3.0 * *lo) << "no swell";
    EXPECT_GT(*hi, 0.01);
    // Slow: from one tenth of a second to the next the level barely moves.
    for (std::size_t i = 1; i < per100ms.size(); ++i)
        EXPECT_LT(per100ms[i], 1.6 * per100ms[i - 1] + 1e-4) << "a jump at " << (i + 10) / 10.0 << " s";
}

TEST(Ambience, UnknownBedIsQuietAndSaysSo) {
    log::Capture cap;
    auto out = renderBed({{0, "rainforest", 0.3f, 0.0}}, 1.0);
    EXPECT_TRUE(cap.has("audio.ambience_unknown"));
    EXPECT_LT(rms(out, 0, at(1.0)), 1e-7);
}

TEST(Ambience, FadesInAndOutSlowly) {
    auto e = AudioEngine::create(loopbackDesc());
    ASSERT_TRUE(e.ok());
    (*e)->setAmbienceSchedule({{fromSeconds(1.0), "brown-noise", 0.3f, 4.0}, {fromSeconds(6.0), "none", 0.f, 3.0}});
    (*e)->play();
    auto out = renderFor(**e, fromSeconds(10.0));
    EXPECT_LT(rms(out, 0, at(1.0)), 1e-7);
    std::vector<double> fadeIn, fadeOut;
    for (double s = 1.0; s < 5.0; s += 0.5) fadeIn.push_back(rms(out, at(s), at(s + 0.5)));
    for (double s = 6.0; s < 9.0; s += 0.5) fadeOut.push_back(rms(out, at(s), at(s + 0.5)));
    for (std::size_t i = 1; i < fadeIn.size(); ++i) EXPECT_GT(fadeIn[i], fadeIn[i - 1]) << "fade in, step " << i;
    for (std::size_t i = 1; i < fadeOut.size(); ++i) EXPECT_LT(fadeOut[i], fadeOut[i - 1]) << "fade out, step " << i;
    EXPECT_GT(fadeIn.back(), 4 * fadeIn.front());
    EXPECT_LT(rms(out, at(9.2), at(10.0)), 1e-5);
}

class Pacer : public ::testing::Test {
protected:
    // Inhale 4 s, hold 1 s, exhale 6 s, hold 1 s.
    std::vector<float> render(bool on) {
        auto e = AudioEngine::create(loopbackDesc());
        EXPECT_TRUE(e.ok());
        (*e)->setBreathSchedule({{BreathKind::Inhale, 0, fromSeconds(4)},
                                 {BreathKind::HoldIn, fromSeconds(4), fromSeconds(1)},
                                 {BreathKind::Exhale, fromSeconds(5), fromSeconds(6)},
                                 {BreathKind::HoldOut, fromSeconds(11), fromSeconds(1)}});
        (*e)->setPacerEnabled(on);
        (*e)->play();
        return renderFor(**e, fromSeconds(12));
    }
};

TEST_F(Pacer, RisesOnTheInhaleAndFallsOnTheExhale) {
    auto out = render(true);
    EXPECT_GT(rms(out, at(1.5), at(2.5)), 0.005) << "the inhale tone is missing";
    EXPECT_GT(crossingsPerSec(out, 2.8, 3.4), 1.2 * crossingsPerSec(out, 0.6, 1.2));
    EXPECT_GT(rms(out, at(7.5), at(8.5)), 0.005) << "the exhale tone is missing";
    EXPECT_LT(crossingsPerSec(out, 9.5, 10.3), crossingsPerSec(out, 5.7, 6.5) / 1.2);
}

TEST_F(Pacer, IsQuietOnTheHoldsAndSoftThroughout) {
    auto out = render(true);
    EXPECT_LT(rms(out, at(4.05), at(4.95)), 1e-5);
    EXPECT_LT(rms(out, at(11.05), at(11.95)), 1e-5);
    float peak = 0, step = 0;
    for (std::size_t i = 2; i < out.size(); ++i) {
        peak = std::max(peak, std::abs(out[i]));
        step = std::max(step, std::abs(out[i] - out[i - 2]));
    }
    EXPECT_LT(peak, 0.2f) << "not soft";
    EXPECT_LT(step, 0.01f) << "a click";
    // In the middle: as loud in one ear as in the other.
    EXPECT_NEAR(energy(out, at(1), at(3)).ratio(), 1.0, 0.05);
}

TEST_F(Pacer, CanBeSwitchedOff) {
    auto out = render(false);
    EXPECT_LT(rms(out, 0, out.size() / 2), 1e-7);
}

} // namespace
} // namespace soma
