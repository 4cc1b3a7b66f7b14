// How the plugin ABI grows without breaking (1.0 -> 1.1 -> 1.2), against
// real shared libraries from tests/fixtures/plugins:
// - a plugin built against the frozen 1.0 header alone (abi-1.0/) loads,
//   is listed, builds every language and variant and reacts to events in
//   this host exactly as 1.0 promised, and nothing past its 1.0 entry is
//   ever read;
// - extensions work both ways: a plugin asks the host for "soma.regions/1"
//   (and gets NULL for an id no host offers), and the host asks a plugin
//   for one of its own through NativeExercise::extension;
// - the tension map that grew in 1.2 (the therapist's regions) reaches only
//   plugins that say abi_minor 2: one built against the frozen 1.1 header,
//   or against 1.2 asking for 1.1, loads and gets the 1.1 map, size and all;
// - "soma.region_neighbours/1" answers from the atlas's neighbour table.
#include "model/RegionAtlas.h"
#include "plugin/NativeExercise.h"
#include "PluginTestSupport.h"
#include "support/RunProgram.h"

#include "fixtures/plugins/fixture_extension.h"

#include <soma/plugin.h>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <sstream>

namespace soma {
namespace {

namespace fs = std::filesystem;
using test::fixturePlugin;
using test::loadFixtures;
using test::recordFor;
using test::scratchDir;

// A registry holding one fixture, which must have passed its check.
struct Loaded {
    PluginRegistry reg;
    NativeExercise* ex = nullptr;
};

Loaded loadOne(const std::string& fixture, const std::string& id) {
    Loaded l{loadFixtures({fixture}, scratchDir("checks") / "checks.toml")};
    const PluginRecord* r = recordFor(l.reg, fixturePlugin(fixture));
    EXPECT_NE(r, nullptr) << fixture;
    if (r) {
        EXPECT_TRUE(r->ok()) << r->status << ": " << r->message;
    }
    l.ex = dynamic_cast<NativeExercise*>(l.reg.find(id));
    EXPECT_NE(l.ex, nullptr) << id << " is not loaded as a native exercise";
    return l;
}

const StepRequest* stepNamed(const SessionRequest& r, const std::string& id) {
    for (const auto& s : r.steps)
        if (s.id == id) return &s;
    return nullptr;
}

const Region& atlasRegion(const std::string& id) { return regions().at(static_cast<size_t>(regionIndex(id).value())); }

// --- ABI 1.0 plugin, 1.1 host ---

TEST(PluginAbi10, LoadsThroughItsCheckAndIsListed) {
    Loaded l = loadOne("abi-1.0", "fixture-abi-1-0");
    ASSERT_NE(l.ex, nullptr);
    EXPECT_EQ(l.ex->info().title.at("nl"), "Oefening uit 1.0");
    EXPECT_EQ(l.ex->info().summary.at("en"), "Built against the 1.0 header.");
    ASSERT_EQ(l.ex->info().variants.size(), 2u);
    EXPECT_DOUBLE_EQ(l.ex->info().variants[1].minutes, 6.0);

    // `soma plugins --json`, the real program, with it in the user's folder.
    const fs::path data = scratchDir("abi10-data");
    fs::create_directories(data / "soma" / "plugins");
    fs::copy_file(fixturePlugin("abi-1.0") / "abi-1.0.so", data / "soma" / "plugins" / "abi-1.0.so");
    auto out = test::runSoma({"plugins", "--json"}, {"XDG_DATA_HOME='" + data.string() + "'"});
    ASSERT_EQ(out.exitCode, 0) << out.out;
    std::istringstream lines(out.out);
    std::string line, found;
    while (std::getline(lines, line))
        if (line.find("{\"id\": \"fixture-abi-1-0\"") != std::string::npos) found = line;
    ASSERT_FALSE(found.empty()) << "not listed:\n" << out.out;
    EXPECT_NE(found.find("\"status\": \"ok\""), std::string::npos) << found;
    EXPECT_NE(found.find("\"kind\": \"native\""), std::string::npos) << found;
}

TEST(PluginAbi10, BuildsEveryLanguageAndVariantAsIn10) {
    Loaded l = loadOne("abi-1.0", "fixture-abi-1-0");
    ASSERT_NE(l.ex, nullptr);
    TensionMap map;
    map.ratings = {{"hand_right", 1, "", 1700000000}, {"shoulder_left", 9, "", 1700000000}};
    for (const char* lang : {"nl", "en"})
        for (const char* variant : {"short", "long"})
            for (const TensionMap* tension : {static_cast<const TensionMap*>(nullptr), static_cast<const TensionMap*>(&map)})
                for (double bpm : {0.0, 6.0}) {
                    SCOPED_TRACE(fmt::format("{} {} map={} bpm={}", lang, variant, tension != nullptr, bpm));
                    DescribeOptions opt;
                    opt.lang = lang;
                    opt.variant = variant;
                    opt.tension = tension;
                    opt.breathsPerMinute = bpm;
                    auto r = l.ex->describe(opt);
                    ASSERT_TRUE(r.ok()) << r.error().message;
                    ASSERT_EQ(r->steps.size(), std::string(variant) == "long" ? 3u : 2u);
                    EXPECT_EQ(r->pose, "seated");
                    EXPECT_EQ(r->camera, "torso");
                    EXPECT_EQ(r->ambience, "waves");
                    EXPECT_TRUE(r->pacer);

                    // region_name and the tension map, in the session's language.
                    const Region& focus = atlasRegion(tension ? "shoulder_left" : "belly");
                    const StepRequest& arrive = r->steps[0];
                    EXPECT_NE(arrive.narration.find(std::string(lang) == "nl" ? focus.nameNl : focus.nameEn), std::string::npos)
                        << arrive.narration;
                    // The 1.0 highlight and breath structs, read field by field.
                    ASSERT_EQ(arrive.highlights.size(), 1u);
                    EXPECT_EQ(arrive.highlights[0].region, focus.id);
                    EXPECT_EQ(arrive.highlights[0].mark, "focus");
                    EXPECT_FLOAT_EQ(arrive.highlights[0].intensity, 0.8f);
                    EXPECT_DOUBLE_EQ(arrive.highlights[0].pulseHz, 0.1);
                    EXPECT_DOUBLE_EQ(arrive.highlights[0].holdSec, -1.0);
                    EXPECT_DOUBLE_EQ(arrive.pauseAfterSec, 3.0);
                    ASSERT_TRUE(arrive.breath.has_value());
                    const double cycle = arrive.breath->inhaleSec + arrive.breath->exhaleSec;
                    EXPECT_NEAR(cycle, bpm > 0.0 ? 60.0 / bpm : 10.0, 1e-9);
                    if (std::string(variant) == "long") {
                        const StepRequest* stay = stepNamed(*r, "stay");
                        ASSERT_NE(stay, nullptr);
                        ASSERT_EQ(stay->highlights.size(), 1u);
                        EXPECT_DOUBLE_EQ(stay->highlights[0].atSec, 1.5);
                        EXPECT_DOUBLE_EQ(stay->highlights[0].holdSec, 4.0);
                    }
                    EXPECT_EQ(r->steps.back().id, "rest");
                    EXPECT_EQ(r->steps.back().pacer, std::optional<bool>(false));
                }
}

TEST(PluginAbi10, ReceivesEventsAndChangesOnlyTheFuture) {
    Loaded l = loadOne("abi-1.0", "fixture-abi-1-0");
    ASSERT_NE(l.ex, nullptr);
    DescribeOptions opt;
    opt.lang = "nl";
    ASSERT_TRUE(l.ex->describe(opt).ok());

    const Samples at = fromSeconds(12.0);
    auto paused = l.ex->onEvent({ExerciseEvent::Type::Paused, at, 0, "arrive"}, opt);
    ASSERT_TRUE(paused.ok()) << paused.error().message;
    ASSERT_EQ(paused->insertSteps.size(), 1u);
    EXPECT_EQ(paused->insertAfter, "arrive");
    EXPECT_EQ(paused->insertSteps[0].id, fmt::format("paused-{}", at)) << "the event's time reached the plugin";
    EXPECT_EQ(paused->insertSteps[0].narration, "Neem je tijd.");

    auto ended = l.ex->onEvent({ExerciseEvent::Type::StepEnded, at, 0, "arrive"}, opt);
    ASSERT_TRUE(ended.ok()) << ended.error().message;
    EXPECT_TRUE(ended->insertSteps.empty());
    EXPECT_EQ(ended->removeSteps, std::vector<std::string>{"rest"});

    auto resumed = l.ex->onEvent({ExerciseEvent::Type::Resumed, at, 1, "paused"}, opt);
    ASSERT_TRUE(resumed.ok());
    EXPECT_TRUE(resumed->empty());

    auto grounding = l.ex->onEvent({ExerciseEvent::Type::Grounding, at, 0, "arrive"}, opt);
    ASSERT_TRUE(grounding.ok()) << grounding.error().message;
    ASSERT_EQ(grounding->insertSteps.size(), 1u);
    EXPECT_EQ(grounding->insertSteps[0].id, "settle");
}

// The "-tail" build goes on past its 1.0 entry with a get_extension that
// answers every id with a table: only a host that read past the entry's
// struct_size would see it.
TEST(PluginAbi10, OffersNoExtensionAndNothingPastItsEntryIsRead) {
    for (const auto& [fixture, id] : {std::pair<std::string, std::string>{"abi-1.0", "fixture-abi-1-0"}, {"abi-1.0-tail", "fixture-abi-1-0-tail"}}) {
        SCOPED_TRACE(fixture);
        Loaded l = loadOne(fixture, id);
        ASSERT_NE(l.ex, nullptr);
        for (const char* ext : {SOMA_EXT_REGIONS, FIXTURE_EXT_ANSWER, "soma.anything/1"}) EXPECT_EQ(l.ex->extension(ext), nullptr) << ext;
        DescribeOptions opt;
        EXPECT_TRUE(l.ex->describe(opt).ok());
    }
}

// --- ABI 1.1 plugins, 1.2 host: the tension map ---

constexpr size_t kMapSize11 = offsetof(soma_tension_map, ratings) + sizeof(soma_tension_map::ratings);

TensionMap mapWithChoice() {
    TensionMap m;
    m.ratings = {{"shoulder_left", 8, "", 1700000000}, {"jaw", 5, "", 1700000000}, {"hand_left", 0, "", 1700000000}};
    m.resource = "hand_right";
    m.tension = "shoulder_left";
    return m;
}

std::string readStep(NativeExercise& ex, const TensionMap* map) {
    DescribeOptions opt;
    opt.lang = "en";
    opt.tension = map;
    auto r = ex.describe(opt);
    EXPECT_TRUE(r.ok()) << r.error().message;
    return r.ok() && !r->steps.empty() ? r->steps[0].narration : std::string();
}

TEST(PluginAbi11, LoadsAndGetsThe11TensionMap) {
    // Built against the frozen 1.1 header, and against 1.2 asking for 1.1:
    // both fail their build if struct_size is not the 1.1 map's, so loading
    // (its check describes with a map that has the therapist's regions)
    // and describing here already say they got it.
    for (const auto& [fixture, id] : {std::pair<std::string, std::string>{"abi-1.1", "fixture-abi-1-1"},
                                      {"abi-1.2-needs-1.1", "fixture-abi-1-2-needs-1-1"}}) {
        SCOPED_TRACE(fixture);
        Loaded l = loadOne(fixture, id);
        ASSERT_NE(l.ex, nullptr);
        const TensionMap map = mapWithChoice();
        EXPECT_EQ(readStep(*l.ex, &map), fmt::format("map {} 3 - -", kMapSize11)) << "the 1.1 map: ratings, nothing after them";
        EXPECT_EQ(readStep(*l.ex, nullptr), "no map");
    }
    EXPECT_EQ(kMapSize11, 24u) << "on LP64, where Soma ships (tests/plugin/header_check.c pins it)";
}

TEST(PluginAbi12, APluginOf12GetsTheTherapistsRegions) {
    Loaded l = loadOne("abi-1.2", "fixture-abi-1-2");
    ASSERT_NE(l.ex, nullptr);
    const TensionMap chosen = mapWithChoice();
    EXPECT_EQ(readStep(*l.ex, &chosen), fmt::format("map {} 3 hand_right shoulder_left", sizeof(soma_tension_map)));
    TensionMap unchosen = chosen;
    unchosen.resource.clear();
    unchosen.tension.clear();
    EXPECT_EQ(readStep(*l.ex, &unchosen), fmt::format("map {} 3 none none", sizeof(soma_tension_map))) << "\"\" when the therapist chose none";
    EXPECT_GT(sizeof(soma_tension_map), kMapSize11);
}

// --- Extensions (1.1) ---

// The first region of that side and layer, in atlas order.
const Region& firstRegion(Side side, Layer layer) {
    for (const Region& r : regions())
        if (r.side == side && r.layer == layer) return r;
    throw std::runtime_error("the atlas has no such region");
}

TEST(PluginExtensions, PluginReadsTheAtlasThroughSomaRegions) {
    Loaded l = loadOne("extensions", "fixture-extensions");
    ASSERT_NE(l.ex, nullptr);
    // The fixture fails its build unless "soma.nothing/1" is NULL, the host
    // writes no further than soma_region_info, and every id and name agree
    // with region_name: a build that succeeds says all of that.
    size_t left = 0, right = 0, center = 0, surface = 0, internal = 0;
    for (const Region& r : regions()) {
        left += r.side == Side::Left;
        right += r.side == Side::Right;
        center += r.side == Side::Center;
        surface += r.layer == Layer::Surface;
        internal += r.layer == Layer::Internal;
    }
    const Region& insideLeft = firstRegion(Side::Left, Layer::Internal);
    for (const char* lang : {"nl", "en"}) {
        SCOPED_TRACE(lang);
        DescribeOptions opt;
        opt.lang = lang;
        auto r = l.ex->describe(opt);
        ASSERT_TRUE(r.ok()) << r.error().message;
        const StepRequest* inside = stepNamed(*r, "inside");
        ASSERT_NE(inside, nullptr);
        ASSERT_EQ(inside->highlights.size(), 1u);
        EXPECT_EQ(inside->highlights[0].region, insideLeft.id) << "the first internal region on the client's left";
        EXPECT_NE(inside->narration.find(std::string(lang) == "nl" ? insideLeft.nameNl : insideLeft.nameEn), std::string::npos)
            << inside->narration;
        const StepRequest* counts = stepNamed(*r, "counts");
        ASSERT_NE(counts, nullptr);
        EXPECT_EQ(counts->narration, fmt::format("{} regions: {} left, {} right, {} center; {} surface, {} internal.", regions().size(), left,
                                                 right, center, surface, internal));
    }
}

TEST(PluginExtensions, PluginAsksWhichRegionsAreNeighbours) {
    Loaded l = loadOne("extensions", "fixture-extensions");
    ASSERT_NE(l.ex, nullptr);
    // The fixture asks about every pair and fails its build unless the
    // answers are symmetric, 0 or 1, and 0 for a region with itself, an
    // unknown id and NULL.
    size_t pairs = 0;
    for (size_t i = 0; i < regions().size(); ++i)
        for (size_t j = i + 1; j < regions().size(); ++j) pairs += adjacent(regions()[i].id, regions()[j].id);
    DescribeOptions opt;
    auto r = l.ex->describe(opt);
    ASSERT_TRUE(r.ok()) << r.error().message;
    const StepRequest* step = stepNamed(*r, "neighbours");
    ASSERT_NE(step, nullptr);
    EXPECT_EQ(step->narration, fmt::format("{} pairs of neighbours; {} regions border on the neck.", pairs, neighbours("neck").size()));
    EXPECT_GT(pairs, 0u);
}

TEST(PluginExtensions, PluginAsksHowNarrationNamesARegion) {
    Loaded l = loadOne("extensions", "fixture-extensions");
    ASSERT_NE(l.ex, nullptr);
    // The crown's name is a label ("crown of the head"); its phrase reads
    // mid-sentence. Other regions take the possessive before their name.
    const std::map<std::string, std::string> expected = {{"nl", "de kruin van je hoofd | je linkerschouder"},
                                                         {"en", "the crown of your head | your left shoulder"}};
    for (const auto& [lang, text] : expected) {
        DescribeOptions opt;
        opt.lang = lang;
        auto r = l.ex->describe(opt);
        ASSERT_TRUE(r.ok()) << r.error().message;
        const StepRequest* step = stepNamed(*r, "phrases");
        ASSERT_NE(step, nullptr);
        EXPECT_EQ(step->narration, text) << lang;
    }
}

TEST(PluginExtensions, SomaRegionsWorksInsideOnEventToo) {
    Loaded l = loadOne("extensions", "fixture-extensions");
    ASSERT_NE(l.ex, nullptr);
    DescribeOptions opt;
    ASSERT_TRUE(l.ex->describe(opt).ok());
    auto ch = l.ex->onEvent({ExerciseEvent::Type::Grounding, fromSeconds(5.0), 0, "inside"}, opt);
    ASSERT_TRUE(ch.ok()) << ch.error().message;
    ASSERT_EQ(ch->insertSteps.size(), 1u);
    ASSERT_EQ(ch->insertSteps[0].highlights.size(), 1u);
    EXPECT_EQ(ch->insertSteps[0].highlights[0].region, firstRegion(Side::Right, Layer::Internal).id);
}

TEST(PluginExtensions, RegionIndexPastTheEndFailsTheBuild) {
    // The fixture ignores the refused call's code; the build fails anyway.
    auto reg = loadFixtures({"extensions-bad-index"}, scratchDir("checks") / "checks.toml");
    const PluginRecord* r = recordFor(reg, fixturePlugin("extensions-bad-index"));
    ASSERT_NE(r, nullptr);
    EXPECT_EQ(r->status, "plugin.bad_value") << r->message;
    EXPECT_NE(r->message.find(fmt::format("soma.regions/1 get({})", regions().size())), std::string::npos) << r->message;
    EXPECT_NE(r->message.find(r->path.string()), std::string::npos) << r->message;
}

TEST(PluginExtensions, HostAsksAPluginForItsExtension) {
    Loaded l = loadOne("extensions", "fixture-extensions");
    ASSERT_NE(l.ex, nullptr);
    const auto* answer = static_cast<const fixture_answer_ext*>(l.ex->extension(FIXTURE_EXT_ANSWER));
    ASSERT_NE(answer, nullptr);
    EXPECT_EQ(answer->struct_size, sizeof(fixture_answer_ext));
    EXPECT_STREQ(answer->exercise_id, "fixture-extensions");
    EXPECT_EQ(answer->answer(20), 41);
    // Another version of the id, or an id it never offered: nothing.
    EXPECT_EQ(l.ex->extension("fixture.answer/2"), nullptr);
    EXPECT_EQ(l.ex->extension(SOMA_EXT_REGIONS), nullptr);
    EXPECT_EQ(l.ex->extension(""), nullptr);
}

TEST(PluginExtensions, EntryWithoutGetExtensionOffersNothing) {
    // The good fixture is built against 1.1 with get_extension NULL.
    Loaded l = loadOne("good", "fixture-good");
    ASSERT_NE(l.ex, nullptr);
    EXPECT_EQ(l.ex->extension(FIXTURE_EXT_ANSWER), nullptr);
}

TEST(PluginExtensions, CrashInGetExtensionIsQuarantinedByTheCheck) {
    // The host may ask for extensions whenever a plugin is loaded, so its
    // child check asks first.
    auto reg = loadFixtures({"good", "extension-crashes"}, scratchDir("checks") / "checks.toml");
    const PluginRecord* r = recordFor(reg, fixturePlugin("extension-crashes"));
    ASSERT_NE(r, nullptr);
    EXPECT_EQ(r->status, "plugin.crashed") << r->message;
    EXPECT_EQ(reg.find("fixture-extension-crashes"), nullptr);
    EXPECT_NE(reg.find("fixture-good"), nullptr);
}

} // namespace
} // namespace soma
