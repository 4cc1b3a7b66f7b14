// The shipped personal-scan plugin (issue 14 item 5), loaded from the build
// tree through the real host (child-process check included), its sessions
// built by the real session builder: every place the therapist rated is lit
// (the short variant: the 3 highest get their own step), those places keep
// more quiet after they are named than the passages through the rest of
// the body, they come head to feet, a place rated 7 or more is approached
// from an easier neighbour and lit more faintly, inner places are directions
// to sense towards, the therapist's notes are never spoken, and without a
// map (or with nothing rated) the session is a whole general scan that
// says why. Read from step ids, highlights and word timings; the words
// themselves only where the rule is about words.
#include "PluginTestSupport.h"

#include "model/RegionAtlas.h"
#include "model/TensionMap.h"
#include "session/Session.h"
#include "session/SessionBuilder.h"

#include "personal-scan/Walk.h" // plugins/: the walk's own order of the body

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>
#include <map>
#include <set>

namespace soma {
namespace {

using test::scratchDir;

constexpr std::int64_t kT = 1700000000;

bool startsWith(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }
bool isLinger(const std::string& stepId) { return startsWith(stepId, "linger_"); }
bool isPassage(const std::string& stepId) { return startsWith(stepId, "pass_"); }

bool internalRegion(const std::string& id) {
    auto i = regionIndex(id);
    return i && regions()[size_t(*i)].layer == Layer::Internal;
}

TensionMap mapOf(std::vector<TensionRating> ratings) {
    TensionMap m;
    m.ratings = std::move(ratings);
    return m;
}

// Five places, two rated 7 or more, two inside the body, each with a note a
// session must never speak.
const TensionMap kFive = mapOf({{"jaw", 3, "GEHEIM-KAAK tandenknarsen", kT},
                                {"psoas_left", 8, "SECRET psoas after the operation", kT},
                                {"diaphragm", 5, "", kT},
                                {"lower_back", 2, "stijf bij het opstaan", kT},
                                {"foot_right", 6, "", kT}});

// Twelve rated places (and a 0): more than the long variant lingers on.
const TensionMap kTwelve = mapOf({{"crown", 2, "", kT},
                                  {"jaw", 6, "klemt bij stress op het werk", kT},
                                  {"throat", 3, "", kT},
                                  {"shoulder_right", 9, "SECRET-12 since the accident", kT},
                                  {"hand_left", 1, "", kT},
                                  {"chest", 5, "", kT},
                                  {"diaphragm", 7, "", kT},
                                  {"pelvic_floor", 4, "NOTITIE bekkenbodem na de bevalling", kT},
                                  {"psoas_right", 6, "", kT},
                                  {"groin_left", 3, "", kT},
                                  {"knee_left", 2, "", kT},
                                  {"foot_left", 0, "", kT},
                                  {"lower_back", 5, "", kT}});

class PersonalScan : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        sReg = new PluginRegistry(PluginRegistry::load({test::shippedNatives()}, test::registryOptions(scratchDir("checks") / "checks.toml")));
        for (const auto& r : sReg->records()) ASSERT_TRUE(r.ok()) << r.path << ": " << r.status << ": " << r.message;
    }
    static void TearDownTestSuite() {
        delete sReg;
        sReg = nullptr;
    }

    static Exercise& scan() {
        Exercise* e = sReg->find("personal-scan");
        if (!e) throw std::runtime_error("personal-scan is not among the shipped natives");
        return *e;
    }

    static SessionRequest describe(const TensionMap* map, const std::string& lang, const std::string& variant) {
        DescribeOptions opt;
        opt.lang = lang;
        opt.variant = variant;
        opt.tension = map;
        auto r = scan().describe(opt);
        EXPECT_TRUE(r.ok()) << r.error().message;
        return r.ok() ? std::move(r).value() : SessionRequest{};
    }

    static PluginRegistry* sReg;
};

PluginRegistry* PersonalScan::sReg = nullptr;

Session build(const SessionRequest& r) {
    auto s = buildSession(r);
    EXPECT_TRUE(s.ok()) << s.error().message;
    return s.ok() ? std::move(s).value() : Session{};
}

std::set<std::string> litRegions(const SessionRequest& r) {
    std::set<std::string> lit;
    for (const StepRequest& s : r.steps)
        for (const HighlightRequest& h : s.highlights) lit.insert(h.region);
    return lit;
}

// The places the session stays with, in its order (the region each
// linger_ step lights).
std::vector<std::string> lingers(const SessionRequest& r) {
    std::vector<std::string> out;
    for (const StepRequest& s : r.steps) {
        if (!isLinger(s.id)) continue;
        EXPECT_EQ(s.highlights.size(), 1u) << s.id << " lights its one place";
        if (!s.highlights.empty()) out.push_back(s.highlights[0].region);
    }
    return out;
}

const StepRequest* stepOf(const SessionRequest& r, const std::string& id) {
    for (const StepRequest& s : r.steps)
        if (s.id == id) return &s;
    return nullptr;
}

// Issue 13's naming groups (a highlight on another region than the one
// before starts a naming; namings under 4 s apart are one group), each with
// the step it starts in and the longest stretch without a word between its
// last naming and the next group's first (or the session's end).
struct Group {
    std::string step;
    std::string regions;
    double quietSec = 0.0;
};

std::vector<Group> namingGroups(const Session& s) {
    struct Naming {
        Samples at;
        std::string region, step;
    };
    std::vector<Naming> namings;
    std::string previous;
    for (const TimedHighlight& h : s.highlights) { // sorted by start
        if (h.region != previous) namings.push_back({h.start, h.region, h.step});
        previous = h.region;
    }
    std::vector<WordTiming> words = s.words;
    std::sort(words.begin(), words.end(), [](const WordTiming& a, const WordTiming& b) { return a.start < b.start; });
    std::vector<Group> out;
    Group open;
    for (size_t i = 0; i < namings.size(); ++i) {
        if (open.step.empty()) open.step = namings[i].step;
        open.regions += (open.regions.empty() ? "" : ",") + namings[i].region;
        if (i + 1 < namings.size() && namings[i + 1].at - namings[i].at < fromSeconds(4.0)) continue; // the group goes on
        const Samples from = namings[i].at;
        const Samples to = i + 1 < namings.size() ? namings[i + 1].at : s.duration;
        Samples cursor = from, longest = 0;
        for (const WordTiming& w : words) {
            if (w.end <= cursor || w.start >= to) continue;
            longest = std::max(longest, w.start - cursor);
            cursor = std::max(cursor, w.end);
        }
        longest = std::max(longest, to - cursor);
        open.quietSec = toSeconds(longest);
        out.push_back(open);
        open = Group{};
    }
    return out;
}

TEST_F(PersonalScan, EveryRatedPlaceIsLitAndTheShortVariantStaysWithTheThreeHighest) {
    for (const char* lang : {"nl", "en"}) {
        SCOPED_TRACE(lang);
        // Long: up to 8 places of their own; every place rated 1 or more is
        // lit somewhere, the rest in passing.
        const SessionRequest longTwelve = describe(&kTwelve, lang, "long");
        const std::set<std::string> lit = litRegions(longTwelve);
        for (const TensionRating& t : kTwelve.ratings)
            if (t.rating >= 1) {
                EXPECT_TRUE(lit.count(t.region)) << t.region << " (rated " << t.rating << ") is never lit";
            }
        EXPECT_EQ(lingers(longTwelve).size(), 8u);
        const std::vector<std::string> longFive = lingers(describe(&kFive, lang, "long"));
        EXPECT_EQ(std::set<std::string>(longFive.begin(), longFive.end()),
                  (std::set<std::string>{"jaw", "psoas_left", "diaphragm", "lower_back", "foot_right"}));

        // Short: the 3 highest, each its own step; ties go to the place
        // with a note (jaw 6 with one before psoas_right 6 without).
        const std::vector<std::string> shortTwelve = lingers(describe(&kTwelve, lang, "short"));
        EXPECT_EQ(std::set<std::string>(shortTwelve.begin(), shortTwelve.end()),
                  (std::set<std::string>{"shoulder_right", "diaphragm", "jaw"}));
        const std::vector<std::string> shortFive = lingers(describe(&kFive, lang, "short"));
        EXPECT_EQ(std::set<std::string>(shortFive.begin(), shortFive.end()), (std::set<std::string>{"psoas_left", "foot_right", "diaphragm"}));

        // A place rated 0 is met with the rest of the body, not stayed with.
        for (const std::string& id : lingers(longTwelve)) EXPECT_NE(id, "foot_left");
    }
}

TEST_F(PersonalScan, MarkedPlacesKeepMoreQuietThanThePassages) {
    const std::pair<const char*, const TensionMap*> maps[] = {{"five", &kFive}, {"twelve", &kTwelve}};
    for (const auto& [name, map] : maps)
        for (const char* lang : {"nl", "en"})
            for (const char* variant : {"short", "long"}) {
                const std::string what = fmt::format("{} {} {}", name, lang, variant);
                SCOPED_TRACE(what);
                const Session s = build(describe(map, lang, variant));
                double leastMarked = 1e9, mostPassage = 0.0, least = 1e9;
                std::string leastAt;
                for (const Group& g : namingGroups(s)) {
                    if (g.quietSec < least) least = g.quietSec, leastAt = g.regions + " in " + g.step;
                    if (isLinger(g.step)) leastMarked = std::min(leastMarked, g.quietSec);
                    if (isPassage(g.step)) mostPassage = std::max(mostPassage, g.quietSec);
                }
                ASSERT_LT(leastMarked, 1e9) << "no marked place is named";
                ASSERT_GT(mostPassage, 0.0) << "no passage names a place";
                EXPECT_GT(leastMarked, mostPassage + 2.0) << "a marked place keeps clearly more quiet than a passage";
                EXPECT_GE(least, 8.5) << "after naming " << leastAt;
                std::cout << fmt::format("[personal-scan quiet] {} ({:.0f} s): marked >= {:.1f} s, passages <= {:.1f} s, all >= {:.1f} s\n",
                                         what, toSeconds(s.duration), leastMarked, mostPassage, least);
            }
}

TEST_F(PersonalScan, PlacesComeHeadToFeet) {
    // The atlas lists inner places last; the walk puts them where they lie.
    EXPECT_EQ(lingers(describe(&kTwelve, "en", "long")),
              (std::vector<std::string>{"jaw", "throat", "shoulder_right", "chest", "diaphragm", "psoas_right", "lower_back", "pelvic_floor"}));
    EXPECT_EQ(lingers(describe(&kTwelve, "nl", "short")), (std::vector<std::string>{"jaw", "shoulder_right", "diaphragm"}));
    EXPECT_EQ(lingers(describe(&kFive, "en", "long")), (std::vector<std::string>{"jaw", "diaphragm", "psoas_left", "lower_back", "foot_right"}));
    // And the whole session: every light before the way back up comes in
    // the walk's order of sections, whatever the map. (An easier place
    // before a place rated 7 or more may lie in the section above: a near_
    // step looks back by design.)
    namespace ps = soma::plugins::personal_scan;
    ps::Body body;
    for (const Region& r : regions()) {
        body.ids.push_back(r.id);
        body.internal.push_back(r.layer == Layer::Internal);
    }
    for (const TensionMap* m : {&kFive, &kTwelve, static_cast<const TensionMap*>(nullptr)})
        for (const char* variant : {"short", "long"}) {
            SCOPED_TRACE(fmt::format("{} {}", m == &kFive ? "five" : m ? "twelve" : "no map", variant));
            int section = -1;
            for (const StepRequest& s : describe(m, "nl", variant).steps) {
                if (s.id == "return_up") break;
                if (startsWith(s.id, "near_")) continue;
                for (const HighlightRequest& h : s.highlights) {
                    const int at = ps::walkRank(body, h.region).section;
                    ASSERT_GE(at, 0) << h.region;
                    EXPECT_GE(at, section) << h.region << " in " << s.id << " comes after a place further down";
                    section = std::max(section, at);
                }
            }
            EXPECT_EQ(section, int(ps::sections().size()) - 1) << "the walk reaches the feet";
        }
}

TEST_F(PersonalScan, AHighRatingIsApproachedFromAnEasierPlace) {
    const TensionMap m = mapOf({{"shoulder_left", 8, "", kT}, {"upper_arm_left", 0, "", kT}, {"jaw", 6, "", kT}});
    for (const char* lang : {"nl", "en"})
        for (const char* variant : {"short", "long"}) {
            SCOPED_TRACE(fmt::format("{} {}", lang, variant));
            const SessionRequest r = describe(&m, lang, variant);
            // First the easier neighbour, in a step of its own right before.
            auto visit = std::find_if(r.steps.begin(), r.steps.end(), [](const StepRequest& s) { return s.id == "linger_shoulder_left"; });
            ASSERT_NE(visit, r.steps.end());
            ASSERT_NE(visit, r.steps.begin());
            const StepRequest& near = *(visit - 1);
            EXPECT_EQ(near.id, "near_shoulder_left");
            ASSERT_EQ(near.highlights.size(), 1u);
            // The neck: unrated, and in the shoulder's own section, where the
            // camera is (the upper arm, rated 0, lies in the next one).
            EXPECT_EQ(near.highlights[0].region, "neck");
            EXPECT_TRUE(adjacent(near.highlights[0].region, "shoulder_left"));
            // Lit more faintly than a place rated 6, and a shorter stay
            // there before the words turn back.
            const StepRequest* jaw = stepOf(r, "linger_jaw");
            ASSERT_TRUE(jaw);
            ASSERT_EQ(visit->highlights.size(), 1u);
            ASSERT_EQ(jaw->highlights.size(), 1u);
            EXPECT_LT(visit->highlights[0].intensity, jaw->highlights[0].intensity);
            const Session s = build(r);
            double atShoulder = 0.0, atJaw = 0.0;
            for (const Group& g : namingGroups(s)) {
                if (g.step == "linger_shoulder_left") atShoulder = g.quietSec;
                if (g.step == "linger_jaw") atJaw = g.quietSec;
            }
            EXPECT_GE(atShoulder, 8.5);
            EXPECT_LT(atShoulder, atJaw) << "a shorter stay at the place rated 8";
            // And a way back to the floor and the breath after it.
            const std::string& words = visit->narration;
            EXPECT_NE(words.find(std::string(lang) == "nl" ? "adem" : "breath"), std::string::npos) << words;
        }
    // A neighbour rated 3 or more is no easier place: all of the shoulder's
    // surface neighbours tense leaves the floor and the breath.
    const TensionMap tense = mapOf({{"shoulder_left", 9, "", kT},      {"neck", 5, "", kT},       {"upper_arm_left", 4, "", kT},
                                    {"chest", 4, "", kT},              {"side_left", 3, "", kT},  {"upper_back", 6, "", kT},
                                    {"shoulder_blade_left", 5, "", kT}});
    const SessionRequest r = describe(&tense, "en", "long");
    const StepRequest* near = stepOf(r, "near_shoulder_left");
    ASSERT_TRUE(near);
    EXPECT_TRUE(near->highlights.empty()) << near->highlights[0].region;
    EXPECT_NE(near->narration.find("breath"), std::string::npos) << near->narration;
}

TEST_F(PersonalScan, InnerPlacesAreDirectionsToSenseTowards) {
    for (const char* lang : {"nl", "en"})
        for (const char* variant : {"short", "long"}) {
            SCOPED_TRACE(fmt::format("{} {}", lang, variant));
            int inner = 0;
            for (const StepRequest& s : describe(&kTwelve, lang, variant).steps) {
                if (!isLinger(s.id) || s.highlights.empty() || !internalRegion(s.highlights[0].region)) continue;
                ++inner;
                EXPECT_NE(s.narration.find(std::string(lang) == "nl" ? "richting" : "direction"), std::string::npos) << s.narration;
            }
            EXPECT_GE(inner, 1);
        }
}

TEST_F(PersonalScan, TheTherapistsNotesAreNeverSpoken) {
    for (const TensionMap* m : {&kFive, &kTwelve})
        for (const char* lang : {"nl", "en"})
            for (const char* variant : {"short", "long"}) {
                SCOPED_TRACE(fmt::format("{} {}", lang, variant));
                const SessionRequest r = describe(m, lang, variant);
                for (const TensionRating& t : m->ratings) {
                    if (t.note.empty()) continue;
                    for (const StepRequest& s : r.steps) {
                        EXPECT_EQ(s.narration.find(t.note), std::string::npos) << s.id << " speaks a note";
                        // Nor any telling word of one.
                        for (const char* word : {"SECRET", "GEHEIM", "NOTITIE", "klemt", "tandenknarsen", "operation", "bevalling", "stijf"})
                            EXPECT_EQ(s.narration.find(word), std::string::npos) << s.id << ": " << word;
                    }
                }
            }
}

TEST_F(PersonalScan, WithoutAMapTheSessionIsAWholeGeneralScan) {
    const TensionMap zeros = mapOf({{"jaw", 0, "", kT}, {"hand_right", 0, "ontspannen", kT}});
    for (const TensionMap* m : {static_cast<const TensionMap*>(nullptr), &zeros})
        for (const char* lang : {"nl", "en"})
            for (const char* variant : {"short", "long"}) {
                SCOPED_TRACE(fmt::format("{} {} {}", m ? "all 0" : "no map", lang, variant));
                const SessionRequest r = describe(m, lang, variant);
                ASSERT_FALSE(r.steps.empty());
                EXPECT_EQ(r.steps.front().id, "arrive");
                EXPECT_EQ(r.steps.back().id, "close");
                EXPECT_TRUE(lingers(r).empty()) << "nowhere to stay longer";
                // It says why, kindly, in the session's language.
                const bool nl = std::string(lang) == "nl";
                const std::string& arrive = r.steps.front().narration;
                const char* why = !m ? (nl ? "nog geen persoonlijke spanningskaart" : "no personal tension map")
                                     : (nl ? "geen plek met spanning" : "no place with tension");
                EXPECT_NE(arrive.find(why), std::string::npos) << arrive;
                // The whole body, head to feet, and back up.
                for (const char* passage : {"pass_head", "pass_shoulders", "pass_arms", "pass_chest", "pass_belly", "pass_back", "pass_pelvis",
                                            "pass_legs", "return_up"})
                    EXPECT_TRUE(stepOf(r, passage)) << passage;
                const std::set<std::string> lit = litRegions(r);
                for (const char* region : {"crown", "jaw", "neck", "shoulder_left", "hand_right", "chest", "belly", "lower_back", "hip_left", "foot_left"})
                    EXPECT_TRUE(lit.count(region)) << region;
                // A real session, paced like every other.
                const Session s = build(r);
                EXPECT_GE(toSeconds(s.duration), 4.0 * 60.0);
                for (const Group& g : namingGroups(s)) EXPECT_GE(g.quietSec, 8.5) << g.regions << " in " << g.step;
            }
}

} // namespace
} // namespace soma
