// The two shipped native exercises, loaded from the build tree through the
// real host (child-process check included), as a session would get them.
#include "PluginTestSupport.h"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

namespace soma {
namespace {

using test::scratchDir;

class NativeExercises : public ::testing::Test {
protected:
    void SetUp() override {
        mReg = PluginRegistry::load({test::shippedNatives()}, test::registryOptions(scratchDir("checks") / "checks.toml"));
        for (const auto& r : mReg.records()) ASSERT_TRUE(r.ok()) << r.path << ": " << r.status << ": " << r.message;
    }
    Exercise& exercise(const std::string& id) {
        Exercise* e = mReg.find(id);
        EXPECT_NE(e, nullptr) << id << " is not among the shipped natives";
        if (!e) throw std::runtime_error("missing " + id);
        return *e;
    }
    PluginRegistry mReg;
};

std::string allNarration(const SessionRequest& r) {
    std::string o;
    for (const auto& s : r.steps) o += s.narration + "\n";
    return o;
}

std::set<std::string> highlightedRegions(const SessionRequest& r) {
    std::set<std::string> o;
    for (const auto& s : r.steps)
        for (const auto& h : s.highlights) o.insert(h.region);
    return o;
}

TEST_F(NativeExercises, EveryLanguageAndVariantDescribes) {
    for (const char* id : {"diaphragm-breathing", "pendulation"}) {
        Exercise& ex = exercise(id);
        EXPECT_EQ(ex.info().kind, PluginKind::Native);
        EXPECT_FALSE(ex.info().title.at("nl").empty());
        EXPECT_FALSE(ex.info().title.at("en").empty());
        EXPECT_NE(ex.info().title.at("nl"), ex.info().title.at("en"));
        for (const char* lang : {"nl", "en"}) {
            size_t shortSteps = 0;
            for (const char* variant : {"short", "long"}) {
                SCOPED_TRACE(std::string(id) + " " + lang + " " + variant);
                DescribeOptions opt;
                opt.lang = lang;
                opt.variant = variant;
                auto r = ex.describe(opt);
                ASSERT_TRUE(r.ok()) << r.error().message;
                EXPECT_EQ(r->lang, lang);
                EXPECT_GT(r->steps.size(), 2u);
                for (const auto& s : r->steps) EXPECT_EQ(s.narration.find('{'), std::string::npos) << "an unfilled placeholder in " << s.id;
                if (std::string(variant) == "short") shortSteps = r->steps.size();
                else EXPECT_GT(r->steps.size(), shortSteps) << "the long variant has more steps";
            }
        }
    }
}

// Cycle length of each paced step (pacer on, breath pattern set).
std::vector<double> pacedCycles(const SessionRequest& r) {
    std::vector<double> cycles;
    bool pacer = r.pacer;
    for (const auto& s : r.steps) {
        if (s.pacer) pacer = *s.pacer;
        if (pacer && s.breath) cycles.push_back(s.breath->inhaleSec + s.breath->holdInSec + s.breath->exhaleSec + s.breath->holdOutSec);
    }
    return cycles;
}

TEST_F(NativeExercises, DiaphragmCycleFollowsBreathsPerMinute) {
    Exercise& ex = exercise("diaphragm-breathing");
    for (double bpm : {0.0, 4.5, 5.0, 6.25, 7.0}) {
        SCOPED_TRACE(bpm);
        DescribeOptions opt;
        opt.lang = "en";
        opt.breathsPerMinute = bpm;
        auto r = ex.describe(opt);
        ASSERT_TRUE(r.ok()) << r.error().message;
        const double expected = 60.0 / (bpm == 0.0 ? 5.5 : bpm); // 5.5 a minute by default
        auto cycles = pacedCycles(*r);
        ASSERT_GE(cycles.size(), 3u) << "paced steps with the pacer on";
        for (double c : cycles) EXPECT_NEAR(c, expected, 1e-9);
        for (const auto& s : r->steps)
            if (s.breath && s.pacer.value_or(true)) {
                EXPECT_GT(s.breath->exhaleSec, s.breath->inhaleSec) << "a longer exhale in " << s.id;
            }
    }
}

TEST_F(NativeExercises, DiaphragmRefusesBreathsPerMinuteOutsideItsRange) {
    Exercise& ex = exercise("diaphragm-breathing");
    for (double bpm : {4.0, 7.5, 12.0}) {
        SCOPED_TRACE(bpm);
        DescribeOptions opt;
        opt.breathsPerMinute = bpm;
        auto r = ex.describe(opt);
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().id, "plugin.unsupported");
        EXPECT_NE(r.error().message.find("4.5 to 7"), std::string::npos) << r.error().message;
    }
    DescribeOptions nan;
    nan.breathsPerMinute = std::nan("");
    EXPECT_FALSE(ex.describe(nan).ok());
}

TEST_F(NativeExercises, DiaphragmAndBellyGlowWithTheBreath) {
    Exercise& ex = exercise("diaphragm-breathing");
    DescribeOptions opt;
    opt.breathsPerMinute = 6.0;
    auto r = ex.describe(opt);
    ASSERT_TRUE(r.ok());
    int paced = 0;
    bool pacer = r->pacer;
    for (const auto& s : r->steps) {
        if (s.pacer) pacer = *s.pacer;
        if (!pacer || !s.breath) continue;
        ++paced;
        std::set<std::string> pulsing;
        for (const auto& h : s.highlights)
            if (h.pulseHz > 0.0) {
                EXPECT_NEAR(h.pulseHz, 6.0 / 60.0, 1e-9) << "once per breath";
                pulsing.insert(h.region);
            }
        EXPECT_TRUE(pulsing.count("diaphragm") && pulsing.count("belly")) << s.id;
    }
    EXPECT_GT(paced, 0);
}

TEST_F(NativeExercises, PendulationUsesTheClientsTensionMap) {
    Exercise& ex = exercise("pendulation");
    TensionMap a, b;
    a.ratings = {{"shoulder_left", 9, "", 1700000000}, {"jaw", 4, "", 1700000000}, {"hand_right", 1, "", 1700000000}};
    b.ratings = {{"neck", 5, "", 1700000000}, {"lower_back", 8, "after lifting", 1700000000}, {"foot_right", 0, "", 1700000000}};
    auto describe = [&](const TensionMap* map, const char* lang) {
        DescribeOptions opt;
        opt.lang = lang;
        opt.tension = map;
        auto r = ex.describe(opt);
        EXPECT_TRUE(r.ok()) << r.error().message;
        return r.ok() ? std::move(r).value() : SessionRequest{};
    };
    const SessionRequest ra = describe(&a, "en"), rb = describe(&b, "en"), none = describe(nullptr, "en");
    const std::string na = allNarration(ra), nb = allNarration(rb), nn = allNarration(none);
    EXPECT_NE(na, nb) << "two maps, two sessions";
    // The highest rating is the tension, a low one the resource, by name.
    EXPECT_NE(na.find("left shoulder"), std::string::npos);
    EXPECT_NE(na.find("right hand"), std::string::npos);
    EXPECT_NE(nb.find("lower back"), std::string::npos);
    EXPECT_NE(nb.find("right foot"), std::string::npos);
    EXPECT_EQ(na.find("lower back"), std::string::npos);
    EXPECT_TRUE(highlightedRegions(ra).count("shoulder_left"));
    EXPECT_TRUE(highlightedRegions(rb).count("lower_back"));
    EXPECT_FALSE(highlightedRegions(rb).count("shoulder_left"));
    // Without a map: the defaults, neither client's regions.
    EXPECT_NE(nn.find("jaw"), std::string::npos);
    EXPECT_EQ(nn.find("left shoulder"), std::string::npos);
    // In Dutch, the Dutch atlas names.
    const std::string nbNl = allNarration(describe(&b, "nl"));
    EXPECT_NE(nbNl.find("onderrug"), std::string::npos);
    EXPECT_NE(nbNl.find("rechtervoet"), std::string::npos);
}

TEST_F(NativeExercises, PendulationAnswersAPauseDuringTensionWithTheResource) {
    Exercise& ex = exercise("pendulation");
    TensionMap a;
    a.ratings = {{"shoulder_left", 9, "", 1700000000}, {"hand_right", 1, "", 1700000000}};
    DescribeOptions opt;
    opt.tension = &a;
    auto r = ex.describe(opt);
    ASSERT_TRUE(r.ok());
    const StepRequest* tensionStep = nullptr;
    const StepRequest* quietStep = nullptr;
    for (const auto& s : r->steps) {
        const bool names = s.narration.find("left shoulder") != std::string::npos;
        if (names && !tensionStep) tensionStep = &s;
        if (!names && !quietStep) quietStep = &s;
    }
    ASSERT_TRUE(tensionStep && quietStep);
    ExerciseEvent pause{ExerciseEvent::Type::Paused, fromSeconds(40.0), 3, tensionStep->id};
    auto ch = ex.onEvent(pause, opt);
    ASSERT_TRUE(ch.ok()) << ch.error().message;
    ASSERT_EQ(ch->insertSteps.size(), 1u);
    EXPECT_EQ(ch->insertAfter, tensionStep->id);
    EXPECT_NE(ch->insertSteps[0].narration.find("right hand"), std::string::npos) << ch->insertSteps[0].narration;
    ASSERT_EQ(ch->insertSteps[0].highlights.size(), 1u);
    EXPECT_EQ(ch->insertSteps[0].highlights[0].region, "hand_right");

    ExerciseEvent calm{ExerciseEvent::Type::Paused, fromSeconds(5.0), 0, quietStep->id};
    auto none = ex.onEvent(calm, opt);
    ASSERT_TRUE(none.ok());
    EXPECT_TRUE(none->empty()) << "a pause elsewhere changes nothing";
}

} // namespace
} // namespace soma
