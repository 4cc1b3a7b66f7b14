// The shipped pendulation plugin's choices (issue 13, item 1), loaded from
// the build tree through the real host (child-process check included), its
// sessions built by the real session builder: which region is the resource
// and which the tension for a dozen maps, read from the session's step ids
// and highlights (never from its words); a map with no tension worth a
// visit gives a session without one; the therapist's own regions are
// honoured and an internal resource refused; the suggested resource fades
// before the person is invited to choose another; and each visit to the
// tension is 10-15 s of speech and 8 s or more of quiet, with two to three
// times the whole visit at the resource after it, and every newly named
// place has 8 s of quiet after it, in both languages and variants.
#include "PluginTestSupport.h"

#include "model/RegionAtlas.h"
#include "plugin/NativeExercise.h"
#include "plugin/script/TensionMapFile.h"
#include "session/Session.h"
#include "session/SessionBuilder.h"

#include "pendulation/Choice.h" // plugins/: the plugin's own rules, for its fallback without a host

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>
#include <set>

namespace soma {
namespace {

namespace fs = std::filesystem;
using test::scratchDir;

constexpr std::int64_t kT = 1700000000;

bool startsWith(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }
bool isVisit(const std::string& stepId) { return startsWith(stepId, "tension_"); }

bool internalRegion(const std::string& id) {
    auto i = regionIndex(id);
    return i && regions()[size_t(*i)].layer == Layer::Internal;
}

class Pendulation : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        sReg = new PluginRegistry(PluginRegistry::load({test::shippedNatives()}, test::registryOptions(scratchDir("checks") / "checks.toml")));
        for (const auto& r : sReg->records()) ASSERT_TRUE(r.ok()) << r.path << ": " << r.status << ": " << r.message;
    }
    static void TearDownTestSuite() {
        delete sReg;
        sReg = nullptr;
    }

    static Exercise& pendulation() {
        Exercise* e = sReg->find("pendulation");
        if (!e) throw std::runtime_error("pendulation is not among the shipped natives");
        return *e;
    }

    static SessionRequest describe(const TensionMap* map, const std::string& lang = "en", const std::string& variant = "long") {
        DescribeOptions opt;
        opt.lang = lang;
        opt.variant = variant;
        opt.tension = map;
        auto r = pendulation().describe(opt);
        EXPECT_TRUE(r.ok()) << r.error().message;
        return r.ok() ? std::move(r).value() : SessionRequest{};
    }

    static PluginRegistry* sReg;
};

PluginRegistry* Pendulation::sReg = nullptr;

TensionMap mapOf(std::vector<TensionRating> ratings, std::string resource = "", std::string tension = "") {
    TensionMap m;
    m.ratings = std::move(ratings);
    m.resource = std::move(resource);
    m.tension = std::move(tension);
    return m;
}

// What a described session does, read from its steps and highlights.
struct Shape {
    std::set<std::string> tension;  // regions lit in visits (tension_* steps)
    std::set<std::string> resource; // regions lit in returns (back_* steps), or in resource_rest without visits
    std::vector<std::string> visits;
    std::vector<std::string> extraReturns; // settle_* steps
    bool resourceOnlyNote = false;
    float brightestTension = 0.0f;
    std::set<std::string> lit;      // every region lit anywhere
};

Shape shapeOf(const SessionRequest& r) {
    Shape s;
    for (const StepRequest& step : r.steps) {
        for (const HighlightRequest& h : step.highlights) s.lit.insert(h.region);
        if (isVisit(step.id)) {
            s.visits.push_back(step.id);
            for (const HighlightRequest& h : step.highlights) {
                s.tension.insert(h.region);
                s.brightestTension = std::max(s.brightestTension, h.intensity);
            }
        }
        if (startsWith(step.id, "back_") || startsWith(step.id, "settle_") || step.id == "resource_rest")
            for (const HighlightRequest& h : step.highlights) s.resource.insert(h.region);
        if (startsWith(step.id, "settle_")) s.extraReturns.push_back(step.id);
        if (step.id == "resource_only") s.resourceOnlyNote = true;
    }
    return s;
}

std::string only(const std::set<std::string>& s) {
    EXPECT_EQ(s.size(), 1u) << "one region expected, got " << s.size();
    return s.empty() ? std::string() : *s.begin();
}

// The rules every session with visits keeps, whatever the map.
void expectSoundChoice(const Shape& s) {
    const std::string tension = only(s.tension), resource = only(s.resource);
    EXPECT_NE(resource, tension);
    EXPECT_FALSE(adjacent(resource, tension)) << resource << " borders on " << tension;
    EXPECT_FALSE(internalRegion(resource)) << resource;
    EXPECT_FALSE(s.visits.empty());
}

TEST_F(Pendulation, WithoutAMapAHandAndTheJaw) {
    const Shape s = shapeOf(describe(nullptr));
    EXPECT_EQ(only(s.tension), "jaw");
    EXPECT_EQ(only(s.resource), "hand_left");
    expectSoundChoice(s);
}

TEST_F(Pendulation, TheResourceIsNeverTheTension) {
    // Issue 13: {hand_left 9, foot_left 5} made hand_left both.
    const TensionMap m = mapOf({{"hand_left", 9, "", kT}, {"foot_left", 5, "", kT}});
    const Shape s = shapeOf(describe(&m));
    EXPECT_EQ(only(s.tension), "hand_left");
    expectSoundChoice(s);
    EXPECT_NE(only(s.resource), "foot_left") << "rated 5: not an easy place";
    EXPECT_EQ(only(s.resource), "hand_right") << "the classic resource on the other side of the body";
}

TEST_F(Pendulation, AnAllLowMapGivesAResourceOnlySession) {
    // Issue 13: a map rated all 0 made the jaw the tension.
    const TensionMap zeros = mapOf({{"jaw", 0, "", kT}, {"shoulder_left", 0, "", kT}, {"hand_right", 0, "", kT}, {"belly", 0, "", kT}});
    const TensionMap lows = mapOf({{"neck", 2, "", kT}, {"jaw", 1, "", kT}, {"foot_left", 0, "", kT}});
    for (const TensionMap* m : {&zeros, &lows})
        for (const char* lang : {"nl", "en"})
            for (const char* variant : {"short", "long"}) {
                SCOPED_TRACE(fmt::format("{} {} {}", m == &zeros ? "all 0" : "all <= 2", lang, variant));
                const SessionRequest r = describe(m, lang, variant);
                const Shape s = shapeOf(r);
                EXPECT_TRUE(s.visits.empty()) << "no visit to a tension at all";
                EXPECT_TRUE(s.tension.empty());
                EXPECT_TRUE(s.resourceOnlyNote) << "the session says why it only rests";
                const std::string resource = only(s.resource);
                EXPECT_FALSE(internalRegion(resource));
                for (const StepRequest& step : r.steps)
                    for (const HighlightRequest& h : step.highlights)
                        EXPECT_TRUE(h.region == resource || startsWith(h.region, "foot_")) << step.id << " lights " << h.region;
                // It names its resource where it says so, in the session's language.
                const Region& named = regions()[size_t(*regionIndex(resource))];
                for (const StepRequest& step : r.steps) {
                    if (step.id == "resource_only") {
                        EXPECT_NE(step.narration.find(std::string(lang) == "nl" ? named.nameNl : named.nameEn), std::string::npos) << step.narration;
                    }
                }
            }
    // The all-0 map's resource: the first classic one it rates 0.
    EXPECT_EQ(only(shapeOf(describe(&zeros)).resource), "hand_right");
}

TEST_F(Pendulation, AnInternalRegionIsNeverTheResource) {
    const TensionMap m = mapOf({{"pelvic_floor", 0, "", kT}, {"shoulder_right", 6, "", kT}, {"psoas_left", 1, "", kT}});
    const Shape s = shapeOf(describe(&m));
    EXPECT_EQ(only(s.tension), "shoulder_right");
    expectSoundChoice(s);
    EXPECT_NE(only(s.resource), "pelvic_floor");
    EXPECT_NE(only(s.resource), "psoas_left");
}

TEST_F(Pendulation, TheTensionsNeighbourIsNeverTheResource) {
    // Issue 13: neck 1 next to shoulder 7.
    const TensionMap m = mapOf({{"shoulder_left", 7, "", kT}, {"neck", 1, "", kT}});
    const Shape s = shapeOf(describe(&m));
    EXPECT_EQ(only(s.tension), "shoulder_left");
    expectSoundChoice(s);
    EXPECT_NE(only(s.resource), "neck");
}

TEST_F(Pendulation, EveryLowRegionNeighboursTheTension) {
    const TensionMap m =
        mapOf({{"shoulder_left", 8, "", kT}, {"neck", 1, "", kT}, {"upper_arm_left", 0, "", kT}, {"chest", 2, "", kT}, {"upper_back", 1, "", kT}});
    for (const TensionRating& r : m.ratings) {
        if (r.rating <= 2) {
            ASSERT_TRUE(adjacent(r.region, "shoulder_left")) << r.region << ": the map must be what this test says";
        }
    }
    const Shape s = shapeOf(describe(&m));
    EXPECT_EQ(only(s.tension), "shoulder_left");
    expectSoundChoice(s);
    EXPECT_EQ(m.ratings.end(), std::find_if(m.ratings.begin(), m.ratings.end(), [&](auto& r) { return r.region == only(s.resource); }))
        << "an unrated place away from the tension, not one of its neighbours";
}

TEST_F(Pendulation, TheTherapistsRegionsAreHonoured) {
    // Neither is the plugin's own choice from the ratings (jaw 6, hand_left 0).
    const TensionMap both = mapOf({{"jaw", 6, "", kT}, {"hand_left", 0, "", kT}, {"lower_back", 4, "", kT}}, "foot_right", "lower_back");
    Shape s = shapeOf(describe(&both));
    EXPECT_EQ(only(s.tension), "lower_back");
    EXPECT_EQ(only(s.resource), "foot_right");
    // Only the tension: the resource is chosen around it.
    const TensionMap tension = mapOf({{"jaw", 6, "", kT}, {"hand_left", 0, "", kT}}, "", "hand_right");
    s = shapeOf(describe(&tension));
    EXPECT_EQ(only(s.tension), "hand_right");
    EXPECT_EQ(only(s.resource), "hand_left");
    expectSoundChoice(s);
    // Only the resource: the tension is the highest rating that leaves room for it.
    const TensionMap resource = mapOf({{"neck", 8, "", kT}, {"knee_right", 5, "", kT}, {"hand_left", 0, "", kT}}, "shoulder_right", "");
    s = shapeOf(describe(&resource));
    EXPECT_EQ(only(s.resource), "shoulder_right");
    EXPECT_EQ(only(s.tension), "knee_right") << "the neck borders on the chosen resource";
    // The therapist's tension even on a map that rates nothing high.
    const TensionMap calm = mapOf({{"jaw", 1, "", kT}, {"hand_left", 0, "", kT}}, "", "jaw");
    s = shapeOf(describe(&calm));
    EXPECT_EQ(only(s.tension), "jaw");
    EXPECT_FALSE(s.resourceOnlyNote);
}

TEST_F(Pendulation, AnInternalResourceFromTheTherapistIsRefusedClearly) {
    const fs::path f = scratchDir("choice") / "client.toml";
    std::ofstream(f) << "resource = \"pelvic_floor\"\ntension = \"jaw\"\n\n[[region]]\nid = \"jaw\"\nrating = 6\n";
    auto m = readTensionMap(f);
    ASSERT_FALSE(m);
    EXPECT_EQ(m.error().id, "tension.choice");
    EXPECT_EQ(m.error().message.rfind(f.string() + ":1:12: resource 'pelvic_floor' lies inside the body", 0), 0u) << m.error().message;
    // Handed over in memory all the same (no file check), pendulation still
    // keeps to the surface.
    const TensionMap inMemory = mapOf({{"jaw", 6, "", kT}}, "pelvic_floor", "jaw");
    DescribeOptions opt;
    opt.tension = &inMemory;
    auto r = pendulation().describe(opt);
    ASSERT_FALSE(r.ok()) << "the host's check of the map refuses it before the plugin sees it";
    EXPECT_EQ(r.error().id, "tension.invalid") << r.error().message;
    EXPECT_NE(r.error().message.find("resource 'pelvic_floor' lies inside the body"), std::string::npos) << r.error().message;
}

TEST_F(Pendulation, TiesAndUnknownIdsAreDeterministic) {
    // Equal ratings: the one with a note, whatever the order of the map.
    const TensionMap a = mapOf({{"shoulder_left", 6, "", kT}, {"shoulder_right", 6, "trekt naar het oor", kT}, {"foot_left", 0, "", kT}});
    TensionMap b = a;
    std::reverse(b.ratings.begin(), b.ratings.end());
    EXPECT_EQ(only(shapeOf(describe(&a)).tension), "shoulder_right");
    EXPECT_EQ(describe(&a).steps.size(), describe(&b).steps.size());
    EXPECT_EQ(shapeOf(describe(&b)).tension, shapeOf(describe(&a)).tension);
    EXPECT_EQ(shapeOf(describe(&b)).resource, shapeOf(describe(&a)).resource);
    // Equal ratings, no notes, the same time: the id that sorts first, either way round.
    const TensionMap c = mapOf({{"neck", 5, "", kT}, {"jaw", 5, "", kT}, {"knee_left", 1, "", kT}, {"knee_right", 1, "", kT}});
    TensionMap d = c;
    std::reverse(d.ratings.begin(), d.ratings.end());
    EXPECT_EQ(only(shapeOf(describe(&c)).tension), "jaw");
    EXPECT_EQ(only(shapeOf(describe(&d)).tension), "jaw");
    EXPECT_EQ(only(shapeOf(describe(&c)).resource), "knee_left");
    EXPECT_EQ(only(shapeOf(describe(&d)).resource), "knee_left");
    // A newer rating wins a tie without notes.
    const TensionMap e = mapOf({{"jaw", 5, "", kT}, {"neck", 5, "", kT + 86400}, {"hand_left", 0, "", kT}});
    EXPECT_EQ(only(shapeOf(describe(&e)).tension), "neck");
    // An id this atlas does not know is left out, even rated highest. The
    // host's check of a map refuses such a map before a plugin sees it, so
    // this opens the library directly, the way a newer Soma's map (with a
    // region this one lacks) would reach an older plugin.
    auto direct = NativeExercise::open(test::shippedNatives() / "pendulation.so");
    ASSERT_TRUE(direct) << direct.error().message;
    const TensionMap f = mapOf({{"no_such_region", 9, "", kT}, {"knee_right", 4, "", kT}, {"hand_left", 1, "", kT}});
    DescribeOptions opt;
    opt.variant = "long";
    opt.tension = &f;
    auto rf = (*direct)->describe(opt);
    ASSERT_TRUE(rf.ok()) << rf.error().message;
    const Shape sf = shapeOf(*rf);
    EXPECT_EQ(only(sf.tension), "knee_right");
    EXPECT_EQ(only(sf.resource), "hand_left");
    EXPECT_FALSE(sf.lit.count("no_such_region"));
}

TEST_F(Pendulation, AHighRatingIsApproachedMoreGently) {
    const TensionMap high = mapOf({{"lower_back", 8, "", kT}, {"hand_right", 0, "", kT}});
    const TensionMap middle = mapOf({{"lower_back", 5, "", kT}, {"hand_right", 0, "", kT}});
    for (const char* variant : {"short", "long"}) {
        SCOPED_TRACE(variant);
        const SessionRequest rh = describe(&high, "en", variant), rm = describe(&middle, "en", variant);
        const Shape gentle = shapeOf(rh), plain = shapeOf(rm);
        EXPECT_EQ(gentle.visits, plain.visits) << "as many visits";
        // An extra return after each visit's return, and a fainter light.
        EXPECT_EQ(gentle.extraReturns.size(), gentle.visits.size());
        EXPECT_TRUE(plain.extraReturns.empty());
        EXPECT_LT(gentle.brightestTension, plain.brightestTension);
        // Less time at the tension: the visit's own quiet is shorter.
        for (const StepRequest& g : rh.steps) {
            for (const StepRequest& p : rm.steps) {
                if (g.id == p.id && isVisit(g.id)) {
                    EXPECT_LT(g.pauseAfterSec, p.pauseAfterSec) << g.id;
                }
            }
        }
    }
    // More distance: the resource of a high rating is not even a
    // neighbour's neighbour of the tension.
    const TensionMap shoulder = mapOf({{"shoulder_left", 8, "", kT}, {"upper_arm_left", 0, "", kT}, {"elbow_left", 0, "", kT}});
    const std::string resource = only(shapeOf(describe(&shoulder)).resource);
    EXPECT_NE(resource, "elbow_left") << "two steps from the shoulder: close enough for a 5, not for an 8";
    const TensionMap shoulder5 = mapOf({{"shoulder_left", 5, "", kT}, {"upper_arm_left", 0, "", kT}, {"elbow_left", 0, "", kT}});
    EXPECT_EQ(only(shapeOf(describe(&shoulder5)).resource), "elbow_left");
}

TEST_F(Pendulation, AnInternalTensionWithAFarResource) {
    const TensionMap m = mapOf({{"psoas_left", 9, "", kT}, {"foot_right", 0, "", kT}, {"lower_back", 1, "", kT}});
    const Shape s = shapeOf(describe(&m));
    EXPECT_EQ(only(s.tension), "psoas_left");
    EXPECT_EQ(only(s.resource), "foot_right");
    expectSoundChoice(s);
}

TEST_F(Pendulation, APauseInAVisitAddsAReturnToTheChosenResource) {
    const TensionMap m = mapOf({{"hand_left", 9, "", kT}, {"foot_left", 5, "", kT}});
    DescribeOptions opt;
    opt.tension = &m;
    auto r = pendulation().describe(opt);
    ASSERT_TRUE(r.ok()) << r.error().message;
    auto visit = std::find_if(r->steps.begin(), r->steps.end(), [](const StepRequest& s) { return isVisit(s.id); });
    ASSERT_NE(visit, r->steps.end());
    auto ch = pendulation().onEvent({ExerciseEvent::Type::Paused, fromSeconds(90.0), int(visit - r->steps.begin()), visit->id}, opt);
    ASSERT_TRUE(ch.ok()) << ch.error().message;
    ASSERT_EQ(ch->insertSteps.size(), 1u);
    ASSERT_EQ(ch->insertSteps[0].highlights.size(), 1u);
    EXPECT_EQ(ch->insertSteps[0].highlights[0].region, "hand_right");
}

// --- Without the host's neighbours ------------------------------------------

// A host that offers no "soma.region_neighbours/1" (none does that speaks
// 1.2, but a plugin must not depend on it): Choice.h's built-in groups keep
// at least as much apart as the host's table, checked here against it.
TEST(PendulationFallback, TheBuiltInNotionKeepsEveryNeighbourApart) {
    using namespace soma::plugins::pendulation;
    const Atlas groups = builtInAtlas();
    for (const Region& a : regions()) {
        ASSERT_TRUE(groups.known(a.id)) << a.id;
        EXPECT_EQ(groups.internal(a.id), a.layer == Layer::Internal) << a.id;
        for (const Region& b : regions()) {
            if (adjacent(a.id, b.id)) {
                EXPECT_TRUE(groups.adjacent(a.id, b.id)) << a.id << " / " << b.id << " border on each other";
            }
        }
    }
    auto pick = [&](std::vector<Rating> map) { return choose(map, "", "", groups); };
    Choice c = pick({{"hand_left", 9, false, kT}, {"foot_left", 5, false, kT}});
    EXPECT_EQ(c.tension, "hand_left");
    EXPECT_EQ(c.resource, "hand_right");
    c = pick({{"shoulder_left", 7, false, kT}, {"neck", 1, false, kT}});
    EXPECT_EQ(c.tension, "shoulder_left");
    EXPECT_NE(c.resource, "neck");
    EXPECT_FALSE(groups.adjacent(c.resource, c.tension));
    c = pick({{"pelvic_floor", 0, false, kT}, {"jaw", 4, false, kT}});
    EXPECT_EQ(c.tension, "jaw");
    EXPECT_NE(c.resource, "pelvic_floor");
    c = pick({{"jaw", 0, false, kT}, {"hand_right", 0, false, kT}});
    EXPECT_TRUE(c.resourceOnly());
    EXPECT_EQ(c.resource, "hand_right");
}

// --- The built sessions -----------------------------------------------------

Session build(const SessionRequest& r) {
    auto s = buildSession(r);
    EXPECT_TRUE(s.ok()) << s.error().message;
    return s.ok() ? std::move(s).value() : Session{};
}

TEST_F(Pendulation, TheSuggestedResourceFadesBeforeAnotherChoiceIsOffered) {
    for (const char* lang : {"nl", "en"}) {
        SCOPED_TRACE(lang);
        const Session s = build(describe(nullptr, lang, "short"));
        const SessionMark* choose = s.mark("find_resource", "choose");
        const SessionMark* suggest = s.mark("find_resource", "resource");
        ASSERT_TRUE(choose && suggest);
        int found = 0;
        for (const TimedHighlight& h : s.highlights) {
            if (h.step != "find_resource") continue;
            ++found;
            EXPECT_EQ(h.region, "hand_left");
            EXPECT_LE(h.intensity, 0.5f) << "softly";
            EXPECT_GE(h.start, suggest->at - fromSeconds(0.05)) << "lit on the suggestion";
            EXPECT_LE(h.holdEnd, choose->at) << "fading before the invitation to choose another place";
            EXPECT_LE(h.end(), choose->at + fromSeconds(3.0)) << "and gone while it is spoken";
        }
        EXPECT_EQ(found, 1);
    }
}

struct VisitTiming {
    std::string step;
    double speechSec = 0.0;  // the visit's words, breaks included
    double quietSec = 0.0;   // from its last word to the next step's first
    double visitSec = 0.0;   // the whole visit: its words and its quiet
    double resourceSec = 0.0;
};

// Each visit's speech (its clip, breaks included), its quiet, and the time
// after it (speech and quiet) in the steps that light only the resource, up
// to the next step that lights anything else or the closing "ending".
std::vector<VisitTiming> visitTimings(const Session& s, const std::string& resource) {
    std::map<std::string, std::set<std::string>> lit;
    for (const TimedHighlight& h : s.highlights) lit[h.step].insert(h.region);
    std::vector<VisitTiming> out;
    for (size_t i = 0; i < s.steps.size(); ++i) {
        if (!isVisit(s.steps[i].id)) continue;
        VisitTiming v{s.steps[i].id, toSeconds(s.steps[i].speechEnd - s.steps[i].speechStart), 0.0,
                      toSeconds(s.steps[i].end - s.steps[i].start), 0.0};
        if (i + 1 < s.steps.size()) v.quietSec = toSeconds(s.steps[i + 1].speechStart - s.steps[i].speechEnd);
        for (size_t j = i + 1; j < s.steps.size() && s.steps[j].id != "ending" && lit[s.steps[j].id] == std::set<std::string>{resource}; ++j)
            v.resourceSec += toSeconds(s.steps[j].end - s.steps[j].start);
        out.push_back(v);
    }
    return out;
}

// Issue 13's pacing rule, on the voice's word timings: after each newly
// named place (a highlight on another region than the one before; namings
// less than 4 s apart are one group), the longest stretch without a word
// before the next group, or the end. Returns the least of them, and where.
std::pair<double, std::string> leastQuietAfterNaming(const Session& s) {
    std::vector<std::pair<Samples, std::string>> namings;
    std::string previous;
    for (const TimedHighlight& h : s.highlights) { // sorted by start
        if (h.region != previous) namings.push_back({h.start, h.region + " in " + h.step});
        previous = h.region;
    }
    std::vector<WordTiming> words = s.words;
    std::sort(words.begin(), words.end(), [](const WordTiming& a, const WordTiming& b) { return a.start < b.start; });
    std::pair<double, std::string> least{1e9, ""};
    for (size_t i = 0; i < namings.size(); ++i) {
        if (i + 1 < namings.size() && namings[i + 1].first - namings[i].first < fromSeconds(4.0)) continue; // the group goes on
        const Samples from = namings[i].first;
        Samples to = s.duration;
        for (size_t j = i + 1; j < namings.size(); ++j)
            if (namings[j].first > from) {
                to = namings[j].first;
                break;
            }
        Samples cursor = from, longest = 0;
        for (const WordTiming& w : words) {
            if (w.end <= cursor || w.start >= to) continue;
            longest = std::max(longest, w.start - cursor);
            cursor = std::max(cursor, w.end);
        }
        longest = std::max(longest, to - cursor);
        if (toSeconds(longest) < least.first) least = {toSeconds(longest), namings[i].second};
    }
    return least;
}

TEST_F(Pendulation, VisitsAreBriefAndTheResourceLastsTwoToThreeTimesAsLong) {
    // A middle rating and a high one, each with a tension's name that is
    // short and a long one (a longer name is more speech in the visit),
    // and a resource's name to match (more speech after it); and no map.
    const std::pair<const char*, TensionMap> maps[] = {
        {"plain", mapOf({{"jaw", 5, "", kT}, {"hand_right", 1, "", kT}})},
        {"plain, long names", mapOf({{"shoulder_blade_left", 5, "", kT}, {"lower_leg_right", 0, "", kT}})},
        {"gentle", mapOf({{"shoulder_blade_left", 8, "", kT}, {"lower_leg_right", 0, "", kT}})},
        {"gentle, short tension name", mapOf({{"jaw", 8, "", kT}, {"lower_leg_right", 0, "", kT}})},
        {"no map", TensionMap{}},
    };
    for (const auto& [name, map] : maps)
        for (const char* lang : {"nl", "en"})
            for (const char* variant : {"short", "long"}) {
                const TensionMap* m = map.ratings.empty() ? nullptr : &map;
                const std::string what = fmt::format("{} {} {}", name, lang, variant);
                SCOPED_TRACE(what);
                const SessionRequest r = describe(m, lang, variant);
                const Session s = build(r);
                const auto timings = visitTimings(s, only(shapeOf(r).resource));
                ASSERT_EQ(timings.size(), std::string(variant) == "long" ? 4u : 2u);
                std::string line = fmt::format("[pendulation timing] {} ({:.0f} s):", what, toSeconds(s.duration));
                for (const VisitTiming& v : timings) {
                    EXPECT_GE(v.speechSec, 10.0) << v.step;
                    EXPECT_LE(v.speechSec, 15.0) << v.step;
                    // Brief means little speech, not little quiet.
                    EXPECT_GE(v.quietSec, 8.5) << v.step;
                    EXPECT_GE(v.resourceSec, 2.0 * v.visitSec) << v.step;
                    EXPECT_LE(v.resourceSec, 3.0 * v.visitSec) << v.step;
                    line += fmt::format(" {} {:.1f}+{:.1f}/{:.1f} s", v.step, v.speechSec, v.quietSec, v.resourceSec);
                }
                const auto [quiet, where] = leastQuietAfterNaming(s);
                EXPECT_GE(quiet, 8.5) << "after naming " << where;
                line += fmt::format("; least quiet after a naming {:.1f} s ({})", quiet, where);
                std::cout << line << "\n";
            }
}

TEST_F(Pendulation, AResourceOnlySessionKeepsItsQuietToo) {
    const TensionMap calm = mapOf({{"jaw", 1, "", kT}, {"hand_left", 0, "", kT}});
    for (const char* lang : {"nl", "en"})
        for (const char* variant : {"short", "long"}) {
            SCOPED_TRACE(fmt::format("{} {}", lang, variant));
            const auto [quiet, where] = leastQuietAfterNaming(build(describe(&calm, lang, variant)));
            EXPECT_GE(quiet, 8.5) << "after naming " << where;
        }
}

} // namespace
} // namespace soma
