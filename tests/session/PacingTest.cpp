// Pacing: words a minute, the quiet share and the quiet after each newly
// named region, on a voice made of known tones and silences.
#include "session/Pacing.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace soma {
namespace {

constexpr int kRate = 1000; // 20 samples a window: enough for these voices

// A voice from (seconds, loud?) pieces, fed in odd-sized blocks as export does.
VoiceQuiet voiceOf(const std::vector<std::pair<double, bool>>& pieces, PacingRules rules = {}) {
    std::vector<float> pcm;
    for (auto [sec, loud] : pieces)
        for (int i = 0; i < int(std::lround(sec * kRate)); ++i) pcm.push_back(loud ? 0.3f * float(std::sin(i * 0.7)) : 0.0f);
    VoiceQuiet v(kRate, rules);
    for (size_t at = 0; at < pcm.size(); at += 333) v.feed(pcm.data() + at, std::min<size_t>(333, pcm.size() - at));
    return v;
}

TEST(Pacing, CountsWordsAMinuteAndTheQuietShare) {
    // 60 s: 20 s of speech, 40 s quiet.
    const VoiceQuiet v = voiceOf({{10, true}, {30, false}, {10, true}, {10, false}});
    EXPECT_NEAR(v.seconds(), 60.0, 1e-9);
    const Pacing p = measurePacing(v, {}, 70);
    EXPECT_NEAR(p.wordsPerMinute, 70.0, 1e-9);
    EXPECT_NEAR(p.quietShare, 40.0 / 60.0, 0.001);
    EXPECT_NEAR(p.longestQuietSec, 30.0, 0.021);
    EXPECT_TRUE(p.problems().empty());
    const Pacing fast = measurePacing(v, {}, 81);
    ASSERT_EQ(fast.problems().size(), 1u);
    EXPECT_NE(fast.problems()[0].find("81 words a minute"), std::string::npos) << fast.problems()[0];
}

TEST(Pacing, SoftSoundBelowTheThresholdIsQuietAndSpeechIsNot) {
    PacingRules rules;
    std::vector<float> soft(2000, 0.002f), loud(2000, 0.01f); // -54 dBFS and -40 dBFS
    VoiceQuiet v(kRate, rules);
    v.feed(soft.data(), soft.size());
    v.feed(loud.data(), loud.size());
    ASSERT_EQ(v.windows(), 200u);
    EXPECT_TRUE(v.quiet(0));
    EXPECT_TRUE(v.quiet(99));
    EXPECT_FALSE(v.quiet(100));
    EXPECT_FALSE(v.quiet(199));
}

TEST(Pacing, TooLittleQuietIsAProblem) {
    const VoiceQuiet v = voiceOf({{50, true}, {10, false}});
    const Pacing p = measurePacing(v, {}, 10);
    EXPECT_NEAR(p.quietShare, 1.0 / 6.0, 0.001);
    ASSERT_EQ(p.problems().size(), 1u);
    EXPECT_NE(p.problems()[0].find("17% of the voice is quiet"), std::string::npos) << p.problems()[0];
}

TEST(Pacing, MeasuresTheLongestQuietAfterEachNewlyNamedRegion) {
    // Speech 0-5, quiet 5-15 (10 s), speech 15-20, quiet 20-26 (6 s), speech 26-30, quiet 30-40.
    const VoiceQuiet v = voiceOf({{5, true}, {10, false}, {5, true}, {6, false}, {4, true}, {10, false}});
    // jaw at 2, again at 16 (not new), neck at 17; shoulders at 27 and 28 (one group).
    const Pacing p = measurePacing(v,
                                   {{17, "neck"}, {2, "jaw"}, {16, "jaw"}, {27, "shoulder_left"}, {28, "shoulder_right"}},
                                   40);
    ASSERT_EQ(p.afterNamings.size(), 3u);
    EXPECT_EQ(p.afterNamings[0].regions, "jaw");
    EXPECT_NEAR(p.afterNamings[0].quietSec, 10.0, 0.021);
    EXPECT_EQ(p.afterNamings[1].regions, "neck");
    EXPECT_NEAR(p.afterNamings[1].quietSec, 6.0, 0.021);
    EXPECT_EQ(p.afterNamings[2].regions, "shoulder_left, shoulder_right");
    EXPECT_NEAR(p.afterNamings[2].at, 28.0, 1e-9);
    EXPECT_NEAR(p.afterNamings[2].quietSec, 10.0, 0.021); // until the end
    ASSERT_NE(p.leastQuietAfter(), nullptr);
    EXPECT_EQ(p.leastQuietAfter()->regions, "neck");
    const auto problems = p.problems();
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_NE(problems[0].find("after naming neck at 17.0 s the longest quiet is 6.0 s"), std::string::npos) << problems[0];
}

TEST(Pacing, QuietOnlyCountsUntilTheNextNaming) {
    // A long quiet that the next region's naming cuts: only the part before it counts.
    const VoiceQuiet v = voiceOf({{2, true}, {20, false}, {2, true}, {10, false}});
    const Pacing p = measurePacing(v, {{1, "belly"}, {9, "chest"}}, 10);
    ASSERT_EQ(p.afterNamings.size(), 2u);
    EXPECT_NEAR(p.afterNamings[0].quietSec, 7.0, 0.021);
    EXPECT_NEAR(p.afterNamings[1].quietSec, 13.0, 0.021);
}

} // namespace
} // namespace soma
