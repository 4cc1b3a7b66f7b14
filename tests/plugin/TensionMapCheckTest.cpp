// A client's own tension map is an input the plugin's check never tried.
// Through the real registry, with real fixture libraries that pass their
// check but crash (or hang) only when a map rates the jaw 10: describe with
// that map must come back as a clear error while this process lives on,
// and the plugin is quarantined like any plugin that crashed its check.
#include "core/Log.h"
#include "plugin/NativeExercise.h"
#include "plugin/PluginCheck.h"
#include "PluginTestSupport.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iterator>

namespace soma {
namespace {

namespace fs = std::filesystem;
using test::fixturePlugin;
using test::recordFor;
using test::readAll;
using test::scratchDir;

TensionMap jawRatedTen() {
    TensionMap m;
    m.ratings = {{"jaw", 10, "klemt 's nachts", 1764000000}, {"hand_left", 1, "", 1764000000}};
    return m;
}

TensionMap anotherMap() {
    TensionMap m;
    m.ratings = {{"jaw", 9, "", 1764000000}, {"shoulder_left", 7, "after work", 1764000000}, {"foot_right", 0, "", 1764000000}};
    return m;
}

NativeExercise* native(const PluginRegistry& reg, const std::string& id) { return dynamic_cast<NativeExercise*>(reg.find(id)); }

DescribeOptions withMap(const TensionMap* map, const char* variant = "short") {
    DescribeOptions o;
    o.lang = "en";
    o.variant = variant;
    o.tension = map;
    return o;
}

TEST(TensionMapCheck, ACrashOnOneClientsMapIsAClearErrorAndTheProgramGoesOn) {
    const fs::path checks = scratchDir("checks") / "checks.toml";
    auto reg = test::loadFixtures({"map-crashes", "good"}, checks);
    NativeExercise* ex = native(reg, "fixture-map-crashes");
    ASSERT_NE(ex, nullptr) << "it passes its own check: that check never rates the jaw 10";

    const TensionMap other = anotherMap(), crashing = jawRatedTen();
    auto fine = ex->describe(withMap(&other));
    ASSERT_TRUE(fine.ok()) << fine.error().message;
    EXPECT_FALSE(fine->steps.empty());
    EXPECT_EQ(ex->mapChecksRun(), 1);

    log::Capture logs;
    auto r = ex->describe(withMap(&crashing));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().id, "plugin.crashed") << r.error().message;
    for (const std::string& s : {ex->path().string(), std::string("'fixture-map-crashes'"), std::string("crashed"),
                                 std::string("the session was not started with that map"), std::string("quarantined")})
        EXPECT_NE(r.error().message.find(s), std::string::npos) << "'" << s << "' in: " << r.error().message;
    EXPECT_TRUE(logs.has("plugin.crashed"));
    EXPECT_EQ(ex->mapChecksRun(), 2);

    // Still here. The plugin beside it takes the same map, and the crashed
    // one is quarantined in this process: nothing of it runs again.
    Exercise* good = reg.find("fixture-good");
    ASSERT_NE(good, nullptr);
    auto goodWithMap = good->describe(withMap(&crashing));
    EXPECT_TRUE(goodWithMap.ok()) << goodWithMap.error().message;
    ASSERT_TRUE(ex->quarantine().has_value());
    for (const TensionMap* m : {static_cast<const TensionMap*>(nullptr), &other}) {
        auto again = ex->describe(withMap(m));
        ASSERT_FALSE(again.ok());
        EXPECT_EQ(again.error().id, "plugin.quarantined") << again.error().message;
        EXPECT_NE(again.error().message.find("tension map"), std::string::npos) << again.error().message;
    }
    EXPECT_EQ(ex->mapChecksRun(), 2) << "a quarantined plugin is not checked again";

    // ... and on the next start, like any plugin that crashed its check.
    EXPECT_NE(readAll(checks).find("status = 'crashed'"), std::string::npos) << readAll(checks);
    auto next = test::loadFixtures({"map-crashes", "good"}, checks);
    const PluginRecord* q = recordFor(next, fixturePlugin("map-crashes"));
    ASSERT_NE(q, nullptr);
    EXPECT_EQ(q->status, "plugin.quarantined") << q->message;
    EXPECT_NE(q->message.find("tension map"), std::string::npos) << q->message;
    EXPECT_NE(next.find("fixture-good"), nullptr);
}

TEST(TensionMapCheck, AnotherMapWorksAndEachMapIsCheckedOnce) {
    auto reg = test::loadFixtures({"map-crashes"}, scratchDir("checks") / "checks.toml");
    NativeExercise* ex = native(reg, "fixture-map-crashes");
    ASSERT_NE(ex, nullptr);
    ASSERT_TRUE(ex->describe(withMap(nullptr)).ok());
    EXPECT_EQ(ex->mapChecksRun(), 0) << "no map, nothing to check";

    const TensionMap other = anotherMap();
    for (const char* variant : {"short", "long", "short"}) {
        auto r = ex->describe(withMap(&other, variant));
        ASSERT_TRUE(r.ok()) << variant << ": " << r.error().message;
    }
    EXPECT_EQ(ex->mapChecksRun(), 1) << "one child per map, whatever the variant: a kiosk's regular client costs nothing";

    // The contents decide, not the object: a changed note is another map.
    TensionMap copy = other;
    ASSERT_TRUE(ex->describe(withMap(&copy)).ok());
    EXPECT_EQ(ex->mapChecksRun(), 1);
    copy.ratings[1].note = "after a long drive";
    ASSERT_TRUE(ex->describe(withMap(&copy)).ok());
    EXPECT_EQ(ex->mapChecksRun(), 2);
}

TEST(TensionMapCheck, AHangOnOneClientsMapIsQuarantined) {
    auto opt = test::registryOptions(scratchDir("checks") / "checks.toml");
    opt.checkTimeoutSec = 2.0;
    auto reg = PluginRegistry::load({fixturePlugin("map-hangs")}, opt);
    NativeExercise* ex = native(reg, "fixture-map-hangs");
    ASSERT_NE(ex, nullptr);
    const TensionMap hanging = jawRatedTen();
    auto r = ex->describe(withMap(&hanging));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().id, "plugin.check_timeout") << r.error().message;
    EXPECT_NE(r.error().message.find("hung"), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message.find("not started with that map"), std::string::npos) << r.error().message;
    EXPECT_TRUE(ex->quarantine().has_value());
}

TEST(TensionMapCheck, AnEventWithAnUncheckedMapIsCheckedFirst) {
    auto reg = test::loadFixtures({"map-crashes"}, scratchDir("checks") / "checks.toml");
    NativeExercise* ex = native(reg, "fixture-map-crashes");
    ASSERT_NE(ex, nullptr);
    auto req = ex->describe(withMap(nullptr));
    ASSERT_TRUE(req.ok()) << req.error().message;
    const TensionMap crashing = jawRatedTen();
    auto ch = ex->onEvent({ExerciseEvent::Type::Grounding, fromSeconds(3.0), 0, req->steps.front().id}, withMap(&crashing));
    ASSERT_FALSE(ch.ok());
    EXPECT_EQ(ch.error().id, "plugin.crashed") << ch.error().message;
}

TEST(TensionMapCheck, AMapThatCannotBeHandedOverIsRefusedNotGuessed) {
    auto reg = test::loadFixtures({"good"}, scratchDir("checks") / "checks.toml");
    Exercise* ex = reg.find("fixture-good");
    ASSERT_NE(ex, nullptr);
    TensionMap bad;
    bad.ratings = {{"jaww", 4, "", 0}};
    auto r = ex->describe(withMap(&bad));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().id.rfind("tension.", 0), 0u) << r.error().id << ": " << r.error().message;
    EXPECT_NE(r.error().message.find("jaww"), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message.find("not started with that map"), std::string::npos) << r.error().message;
    EXPECT_TRUE(ex->describe(withMap(nullptr)).ok()) << "the plugin itself is fine";
}

// The map travels in the child's environment; the plugin's own check must
// never pick up a stray value from the parent's.
TEST(TensionMapCheck, TheOwnCheckIgnoresAStrayMapInTheEnvironment) {
    const fs::path dir = scratchDir("stray");
    const TensionMap crashing = jawRatedTen();
    std::ofstream(dir / "map.toml") << "[[region]]\nid = \"jaw\"\nrating = 10\n";
    ASSERT_EQ(setenv(kCheckTensionMapEnv, (dir / "map.toml").string().c_str(), 1), 0);
    const fs::path lib = fixturePlugin("map-crashes") / "map-crashes.so";
    auto own = checkInChild(SOMA_BINARY, lib, kDefaultCheckTimeoutSec);
    auto withIt = checkTensionMapInChild(SOMA_BINARY, lib, crashing, kDefaultCheckTimeoutSec);
    unsetenv(kCheckTensionMapEnv);
    EXPECT_EQ(own.kind, PluginCheckOutcome::Kind::Ok) << own.error.message;
    EXPECT_EQ(withIt.kind, PluginCheckOutcome::Kind::Crashed) << withIt.error.message;
}

} // namespace
} // namespace soma
