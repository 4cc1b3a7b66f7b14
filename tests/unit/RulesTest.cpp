// model/Rules on its own: the edges of each rule (the paths that use it are
// tested in plugin/RuleParityTest.cpp).
#include "model/Limits.h"
#include "model/Rules.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace soma {
namespace {

TEST(Rules, IdsAndLanguageTags) {
    EXPECT_FALSE(checkExerciseId("body-scan"));
    EXPECT_TRUE(checkExerciseId("-body"));
    EXPECT_TRUE(checkExerciseId("body_scan")) << "exercise ids take no '_'";
    EXPECT_TRUE(checkExerciseId(std::string(kMaxIdBytes + 1, 'a')));
    EXPECT_FALSE(checkStepId("step_1-a"));
    EXPECT_TRUE(checkStepId(""));
    EXPECT_TRUE(checkStepId("Step"));
    for (const char* good : {"nl", "en", "nl-BE", "fil", "zh-Hant-TW"}) EXPECT_FALSE(checkLanguageTag(good)) << good;
    for (const char* bad : {"", "n", "dutch", "nl_BE", "nl-", "nl-abcdefghi"}) EXPECT_TRUE(checkLanguageTag(bad)) << bad;
}

TEST(Rules, VariantsNeedAnIdAndAPlausibleLength) {
    EXPECT_TRUE(checkVariant("short", 5.0).empty());
    EXPECT_EQ(checkVariant("short", 0.0).size(), 1u);
    EXPECT_EQ(checkVariant("short", kMaxVariantMinutes + 1).size(), 1u);
    EXPECT_EQ(checkVariant("Short", std::nan("")).size(), 2u);
}

TEST(Rules, BreathIsNeverRushedNorEndless) {
    EXPECT_TRUE(checkBreath({4.0, 0.0, 6.0, 0.0, 0}).empty());
    EXPECT_TRUE(checkBreath({0.5, 0.0, 0.5, 0.0, 0}).empty()) << "exactly the shortest cycle passes";
    EXPECT_FALSE(checkBreath({0.4, 0.0, 0.5, 0.0, 0}).empty());
    EXPECT_FALSE(checkBreath({4.0, -1.0, 6.0, 0.0, 0}).empty());
    EXPECT_FALSE(checkBreath({kMaxBreathPhaseSec + 1, 0.0, 6.0, 0.0, 0}).empty());
    EXPECT_FALSE(checkBreath({4.0, 0.0, std::numeric_limits<double>::infinity(), 0.0, 0}).empty());
    EXPECT_FALSE(checkBreath({4.0, 0.0, 6.0, 0.0, kMaxBreathCycles + 1}).empty());
}

TEST(Rules, HighlightsNameWhatIsWrongAndWhere) {
    HighlightRequest h;
    h.region = "shoulder_left";
    EXPECT_TRUE(checkHighlight(h).empty());
    h.pulseHz = kMaxPulseHz + 0.01;
    h.intensity = -0.1f;
    auto broken = checkHighlight(h);
    ASSERT_EQ(broken.size(), 2u);
    EXPECT_EQ(broken[0].field, "intensity");
    EXPECT_EQ(broken[1].field, "pulse");
    EXPECT_EQ(broken[1].kind, RuleBreak::Kind::Pulse);
    h = {};
    h.region = "shoulder_lft";
    broken = checkHighlight(h);
    ASSERT_EQ(broken.size(), 1u);
    EXPECT_EQ(broken[0].kind, RuleBreak::Kind::Region);
    EXPECT_NE(broken[0].message.find("'shoulder_left'"), std::string::npos) << broken[0].message;
}

TEST(Rules, ChoicesComeFromTheVocabularyWithAHint) {
    EXPECT_FALSE(checkChoice("pose", "seated"));
    EXPECT_FALSE(checkChoice("camera", "torso"));
    EXPECT_FALSE(checkChoice("ambience", "none"));
    auto r = checkChoice("camera", "whole_bdy");
    ASSERT_TRUE(r);
    EXPECT_NE(r->message.find("did you mean 'whole_body'"), std::string::npos) << r->message;
    EXPECT_TRUE(checkChoice("ambience", "seated")) << "a pose is not an ambience";
}

TEST(Rules, MarksMustBeInTheNarration) {
    NarrationMarkup m;
    ASSERT_FALSE(checkNarration("Feel your <mark name=\"feet\"/>feet.", m));
    HighlightRequest onFeet, onHands, atTime;
    onFeet.mark = "feet";
    onHands.mark = "hands";
    atTime.atSec = 2.0;
    EXPECT_TRUE(checkMarks({onFeet, atTime}, m.marks()).empty());
    EXPECT_EQ(checkMarks({onFeet, onHands}, m.marks()).size(), 1u);
    EXPECT_TRUE(checkNarration(std::string(kMaxNarrationBytes + 1, 'a'), m)) << "longer than a step may speak";
}

} // namespace
} // namespace soma
