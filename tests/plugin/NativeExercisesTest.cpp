// The shipped native exercises, loaded from the build tree through the
// real host (child-process check included), as a session would get them.
#include "PluginTestSupport.h"

#include "session/Sequencer.h"
#include "session/Session.h"
#include "session/SessionBuilder.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <optional>
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
    for (const char* id : {"diaphragm-breathing", "pendulation", "personal-scan"}) {
        Exercise& ex = exercise(id);
        EXPECT_EQ(ex.info().kind, PluginKind::Native);
        EXPECT_FALSE(ex.info().title.at("nl").empty());
        EXPECT_FALSE(ex.info().title.at("en").empty());
        EXPECT_NE(ex.info().title.at("nl"), ex.info().title.at("en"));
        if (std::string(id) == "pendulation") {
            // "Pendelen" is commuting; the practice is pendulatie.
            EXPECT_EQ(ex.info().title.at("nl"), "Pendulatie");
            EXPECT_EQ(ex.info().summary.at("nl").find("endel"), std::string::npos) << ex.info().summary.at("nl");
        }
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
    // Lit once, where the pacer starts, on the breath's own clock (no pulse
    // of its own); no paced step lights them again or steadily.
    bool pacer = r->pacer, first = true;
    for (const auto& s : r->steps) {
        if (s.pacer) pacer = *s.pacer;
        if (!pacer || !s.breath) continue;
        std::set<std::string> glowing;
        for (const auto& h : s.highlights) {
            EXPECT_EQ(h.pulseHz, 0.0) << s.id << ": " << h.region;
            if (h.withBreath) glowing.insert(h.region);
            else EXPECT_TRUE(h.region != "diaphragm" && h.region != "belly") << s.id << " lights " << h.region << " steadily over its glow";
        }
        if (first) EXPECT_EQ(glowing, (std::set<std::string>{"diaphragm", "belly"})) << s.id;
        else EXPECT_TRUE(glowing.empty()) << s.id << ": the glow of the first paced step goes on";
        first = false;
    }
    EXPECT_FALSE(first) << "paced steps";
}

// The breath at t: which phase, or none outside the breath.
std::optional<BreathKind> phaseAt(const Session& s, Samples t) {
    for (const BreathPhase& p : s.breath)
        if (t >= p.start && t < p.start + p.length) return p.kind;
    return std::nullopt;
}

// Issue 13: the diaphragm's glow follows the breath, not a clock of its own:
// while the pacer runs it grows only while an in-breath fills the lungs
// (the diaphragm moves down) and softens only while an out-breath empties
// them, at every pace the exercise offers, in both variants. Read on the
// built session, as the figure shows it (the Sequencer), against the same
// breath phases the export writes to timeline.json.
TEST_F(NativeExercises, DiaphragmGlowRisesOnTheInBreathAndSoftensOnTheOutBreath) {
    Exercise& ex = exercise("diaphragm-breathing");
    for (const char* variant : {"short", "long"})
        for (double bpm : {4.5, 5.5, 7.0}) {
            SCOPED_TRACE(fmt::format("{} at {} breaths a minute", variant, bpm));
            DescribeOptions opt;
            opt.lang = "en";
            opt.variant = variant;
            opt.breathsPerMinute = bpm;
            auto r = ex.describe(opt);
            ASSERT_TRUE(r.ok()) << r.error().message;
            auto built = buildSession(*r);
            ASSERT_TRUE(built.ok()) << built.error().message;
            const Session& s = *built;
            // While the pacer runs: from the first paced step to the end of
            // the last, after the glow's first fade-in.
            Samples from = -1, to = -1;
            for (const SessionStep& st : s.steps)
                if (st.id.rfind("pace_", 0) == 0) {
                    if (from < 0) from = st.start;
                    to = st.end;
                }
            ASSERT_GE(from, 0);
            Samples fadeIn = 0;
            for (const TimedHighlight& h : s.highlights)
                if (h.withBreath && h.region == "diaphragm") fadeIn = std::max(fadeIn, h.fadeIn);
            ASSERT_GT(fadeIn, 0) << "a glow with the breath";

            const Samples dt = fromSeconds(0.05);
            int rises = 0, falls = 0, dark = 0;
            float lowest = 1.0f, highest = 0.0f;
            auto glow = [&](Samples t) {
                for (const RegionHighlight& h : evaluate(s, t).highlights)
                    if (h.region == "diaphragm") return h.intensity;
                return 0.0f;
            };
            float before = glow(from + fadeIn);
            for (Samples t = from + fadeIn + dt; t <= to; t += dt) {
                const float now = glow(t);
                if (now <= 0.0f) ++dark;
                lowest = std::min(lowest, now);
                highest = std::max(highest, now);
                const auto a = phaseAt(s, t - dt), b = phaseAt(s, t);
                if (a && b && *a == *b) { // not across the turn of a breath
                    if (now > before + 1e-5f) {
                        ++rises;
                        EXPECT_EQ(*b, BreathKind::Inhale) << "brighter at " << toSeconds(t) << " s, outside an in-breath";
                    } else if (now < before - 1e-5f) {
                        ++falls;
                        EXPECT_EQ(*b, BreathKind::Exhale) << "softer at " << toSeconds(t) << " s, outside an out-breath";
                    }
                }
                before = now;
            }
            EXPECT_EQ(dark, 0) << "lit all the while the pacer runs";
            EXPECT_GT(rises, 0);
            EXPECT_GT(falls, 0);
            EXPECT_GT(highest - lowest, 0.1f) << "a swell one can see";
        }
}

// Issue 13, items 3 and 4: before the slow rhythm, both variants say that
// no extra air is needed and that light-headedness or dizziness is the
// moment to stop; the diaphragm is placed by the breastbone.
TEST_F(NativeExercises, DiaphragmSaysWhenToStopAndWhereItSits) {
    Exercise& ex = exercise("diaphragm-breathing");
    const std::pair<const char*, std::vector<std::string>> expected[] = {
        {"nl", {"licht in je hoofd", "duizelig", "niet meer lucht", "borstbeen", "stoppen"}},
        {"en", {"light-headed", "dizzy", "more air", "breastbone", "stop"}},
    };
    for (const auto& [lang, words] : expected)
        for (const char* variant : {"short", "long"}) {
            SCOPED_TRACE(fmt::format("{} {}", lang, variant));
            DescribeOptions opt;
            opt.lang = lang;
            opt.variant = variant;
            auto r = ex.describe(opt);
            ASSERT_TRUE(r.ok()) << r.error().message;
            // Said before the tone starts.
            std::string beforePacer;
            for (const auto& st : r->steps) {
                beforePacer += st.narration + "\n";
                if (st.pacer.value_or(false)) break;
            }
            for (const std::string& w : words) EXPECT_NE(beforePacer.find(w), std::string::npos) << w;
        }
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

// A region's English name reads as a person would say it, whatever the
// atlas calls it: "the crown of your head", never "your crown of the head".
TEST_F(NativeExercises, PendulationNamesRegionsInPlainEnglish) {
    Exercise& ex = exercise("pendulation");
    TensionMap m;
    m.ratings = {{"crown", 6, "", 1700000000}, {"foot_left", 0, "", 1700000000}};
    for (const char* variant : {"short", "long"}) {
        DescribeOptions opt;
        opt.variant = variant;
        opt.tension = &m;
        auto r = ex.describe(opt);
        ASSERT_TRUE(r.ok()) << r.error().message;
        const std::string text = allNarration(*r);
        EXPECT_NE(text.find("the crown of your head"), std::string::npos) << text;
        EXPECT_NE(text.find("your <mark name=\"resource\"/>left foot"), std::string::npos) << "the mark stays on the name";
        EXPECT_EQ(text.find("your crown"), std::string::npos);
        EXPECT_EQ(text.find("your <mark name=\"tension\"/>crown"), std::string::npos);
        // Dutch takes the atlas's phrase too (soma.region_phrase/1), the
        // mark before it: "<mark/>de kruin van je hoofd", never "je de kruin".
        opt.lang = "nl";
        auto nl = ex.describe(opt);
        ASSERT_TRUE(nl.ok()) << nl.error().message;
        const std::string nlText = allNarration(*nl);
        EXPECT_NE(nlText.find("<mark name=\"tension\"/>de kruin van je hoofd"), std::string::npos) << nlText;
        EXPECT_NE(nlText.find("je <mark name=\"resource\"/>linkervoet"), std::string::npos) << nlText;
        EXPECT_EQ(nlText.find("je de kruin"), std::string::npos);
        EXPECT_EQ(nlText.find("je kruin"), std::string::npos);
    }
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
