// The host against real, deliberately broken shared libraries
// (tests/fixtures/plugins): each one is refused with its own reason id and a
// message naming its path, logged, while the good plugin beside it loads.
#include "core/Log.h"
#include "plugin/NativeExercise.h"
#include "plugin/PluginCheck.h"
#include "plugin/PluginRegistry.h"
#include "PluginTestSupport.h"

#include <soma/plugin.h>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <chrono>

#include <fstream>
#include <thread>

namespace soma {
namespace {

namespace fs = std::filesystem;
using test::fixturePlugin;
using test::loadFixtures;
using test::recordFor;
using test::scratchDir;

struct Expect {
    const char* fixture;
    const char* reason;
    std::vector<std::string> inMessage;
};

// Loads the good fixture and a broken one side by side and checks both.
void expectRefusedBesideGood(const Expect& e) {
    SCOPED_TRACE(e.fixture);
    log::Capture logs;
    auto reg = loadFixtures({"good", e.fixture}, scratchDir("checks") / "checks.toml");
    ASSERT_EQ(reg.records().size(), 2u);

    const PluginRecord* good = recordFor(reg, fixturePlugin("good"));
    ASSERT_NE(good, nullptr);
    EXPECT_TRUE(good->ok()) << good->status << ": " << good->message;
    EXPECT_NE(reg.find("fixture-good"), nullptr);

    const PluginRecord* bad = recordFor(reg, fixturePlugin(e.fixture));
    ASSERT_NE(bad, nullptr);
    EXPECT_FALSE(bad->ok());
    EXPECT_EQ(bad->status, e.reason) << bad->message;
    EXPECT_NE(bad->message.find(bad->path.string()), std::string::npos) << "the message names the plugin's path: " << bad->message;
    for (const auto& s : e.inMessage) EXPECT_NE(bad->message.find(s), std::string::npos) << "'" << s << "' in: " << bad->message;
    EXPECT_TRUE(logs.has(e.reason)) << "the failure is logged with its reason id";
    EXPECT_EQ(reg.exercises().size(), 1u);
}

TEST(PluginRegistry, GoodFixturesLoadWithTheirMetadata) {
    auto reg = loadFixtures({"good", "good-two"}, scratchDir("checks") / "checks.toml");
    ASSERT_EQ(reg.exercises().size(), 2u);
    Exercise* ex = reg.find("fixture-good");
    ASSERT_NE(ex, nullptr);
    const ExerciseInfo& info = ex->info();
    EXPECT_EQ(info.kind, PluginKind::Native);
    EXPECT_EQ(info.title.at("nl"), "Testoefening");
    EXPECT_EQ(info.title.at("en"), "Test exercise");
    ASSERT_EQ(info.variants.size(), 2u);
    EXPECT_EQ(info.variants[1].id, "long");
    EXPECT_DOUBLE_EQ(info.variants[1].minutes, 2.0);
    EXPECT_NE(reg.find("fixture-two"), nullptr);
}

TEST(PluginRegistry, DescribeTurnsHostCallsIntoASessionRequest) {
    auto reg = loadFixtures({"good"}, scratchDir("checks") / "checks.toml");
    Exercise* ex = reg.find("fixture-good");
    ASSERT_NE(ex, nullptr);
    DescribeOptions opt;
    opt.lang = "nl";
    opt.variant = "short";
    auto req = ex->describe(opt);
    ASSERT_TRUE(req.ok()) << req.error().message;
    EXPECT_EQ(req->exercise, "fixture-good");
    EXPECT_EQ(req->lang, "nl");
    ASSERT_EQ(req->steps.size(), 1u);
    const StepRequest& s = req->steps[0];
    EXPECT_EQ(s.id, "arrive");
    EXPECT_NE(s.narration.find("<mark name=\"belly\"/>buik"), std::string::npos) << s.narration;
    ASSERT_EQ(s.highlights.size(), 1u);
    EXPECT_EQ(s.highlights[0].region, "belly");
    EXPECT_EQ(s.highlights[0].mark, "belly");
    EXPECT_FLOAT_EQ(s.highlights[0].intensity, 1.0f);
    EXPECT_DOUBLE_EQ(s.pauseAfterSec, 2.0);

    opt.variant = "long";
    opt.lang = "en";
    auto longReq = ex->describe(opt);
    ASSERT_TRUE(longReq.ok());
    ASSERT_EQ(longReq->steps.size(), 2u);
    EXPECT_EQ(longReq->steps[1].id, "stay");
    EXPECT_NE(longReq->steps[0].narration.find("belly"), std::string::npos);
}

TEST(PluginRegistry, UnofferedLanguageOrVariantIsAClearError) {
    auto reg = loadFixtures({"good"}, scratchDir("checks") / "checks.toml");
    Exercise* ex = reg.find("fixture-good");
    ASSERT_NE(ex, nullptr);
    DescribeOptions opt;
    opt.lang = "fr";
    auto r = ex->describe(opt);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().id, "plugin.unsupported");
    EXPECT_NE(r.error().message.find("'fr'"), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message.find("nl, en"), std::string::npos) << r.error().message;
    opt.lang = "en";
    opt.variant = "medium";
    r = ex->describe(opt);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("medium"), std::string::npos);
}

TEST(PluginRegistry, EventsChangeOnlyWhatThePluginAdds) {
    auto reg = loadFixtures({"good"}, scratchDir("checks") / "checks.toml");
    Exercise* ex = reg.find("fixture-good");
    ASSERT_NE(ex, nullptr);
    DescribeOptions opt;
    ASSERT_TRUE(ex->describe(opt).ok());
    ExerciseEvent started{ExerciseEvent::Type::StepStarted, fromSeconds(1.0), 0, "arrive"};
    auto none = ex->onEvent(started, opt);
    ASSERT_TRUE(none.ok()) << none.error().message;
    EXPECT_TRUE(none->empty());

    ExerciseEvent grounding{ExerciseEvent::Type::Grounding, fromSeconds(3.0), 0, "arrive"};
    auto ch = ex->onEvent(grounding, opt);
    ASSERT_TRUE(ch.ok()) << ch.error().message;
    ASSERT_EQ(ch->insertSteps.size(), 1u);
    EXPECT_EQ(ch->insertSteps[0].id, "settle");
    EXPECT_EQ(ch->insertAfter, "arrive");
    // A second 'settle' in the same session would clash with the first.
    auto again = ex->onEvent(grounding, opt);
    ASSERT_FALSE(again.ok());
    EXPECT_NE(again.error().message.find("used twice"), std::string::npos) << again.error().message;
    // Replaying (a fresh describe, then the same event) gives the same change.
    ASSERT_TRUE(ex->describe(opt).ok());
    auto replay = ex->onEvent(grounding, opt);
    ASSERT_TRUE(replay.ok()) << replay.error().message;
    ASSERT_EQ(replay->insertSteps.size(), 1u);
    EXPECT_EQ(replay->insertSteps[0].narration, ch->insertSteps[0].narration);
}

TEST(PluginRegistry, OtherAbiMajorIsRefused) {
    expectRefusedBesideGood({"abi-major", "plugin.abi_major",
                             {fmt::format("ABI {}.{}", SOMA_PLUGIN_ABI_MAJOR + 1, SOMA_PLUGIN_ABI_MINOR), "rebuild"}});
}

TEST(PluginRegistry, NewerAbiMinorIsRefused) {
    expectRefusedBesideGood({"abi-minor", "plugin.abi_minor", {fmt::format("ABI {}.{}", SOMA_PLUGIN_ABI_MAJOR, SOMA_PLUGIN_ABI_MINOR + 1), "newer"}});
}

TEST(PluginRegistry, PluginFromBeforeTheFreezeIsRefused) {
    // A 0.x plugin in a 1.x host: an older major is as foreign as a newer one.
    expectRefusedBesideGood({"abi-old-major", "plugin.abi_major",
                             {fmt::format("ABI {}.{}", SOMA_PLUGIN_ABI_MAJOR - 1, SOMA_PLUGIN_ABI_MINOR), "rebuild"}});
}

TEST(PluginRegistry, EntrySmallerThanAbi10IsRefused) {
    expectRefusedBesideGood({"entry-too-small", "plugin.bad_entry",
                             {fmt::format("struct_size {}", offsetof(soma_plugin_entry, on_event)), "smaller than ABI 1.0"}});
}

TEST(PluginRegistry, LibraryWithoutEntrySymbolIsRefused) {
    expectRefusedBesideGood({"no-entry", "plugin.no_entry", {SOMA_PLUGIN_ENTRY_NAME}});
}

TEST(PluginRegistry, FileThatIsNotASharedLibraryIsRefused) {
    // The dynamic loader's own reason is passed on.
    expectRefusedBesideGood({"not-a-library", "plugin.load_failed", {"cannot be loaded as a shared library", "ELF"}});
}

TEST(PluginRegistry, BuildThatReportsFailureIsRefusedWithItsMessage) {
    expectRefusedBesideGood({"fails", "plugin.build_failed", {"the fixture cannot build a session today", "code 2"}});
}

TEST(PluginRegistry, UnknownRegionIsRefusedWithTheNearestNames) {
    expectRefusedBesideGood({"unknown-region", "plugin.unknown_region", {"'shoulder_lft'", "did you mean", "shoulder_left", "step 'arrive'"}});
}

TEST(PluginRegistry, NegativeDurationIsRefused) {
    expectRefusedBesideGood({"negative-duration", "plugin.bad_value", {"pause -3"}});
}

TEST(PluginRegistry, NanIntensityIsRefused) {
    expectRefusedBesideGood({"nan-intensity", "plugin.bad_value", {"intensity nan", "between 0 and 1"}});
}

TEST(PluginRegistry, InvalidUtf8NarrationIsRefused) {
    expectRefusedBesideGood({"bad-utf8", "plugin.bad_string", {"not valid UTF-8"}});
}

TEST(PluginRegistry, HighlightOnAMarkTheNarrationLacksIsRefused) {
    expectRefusedBesideGood({"unknown-mark", "plugin.unknown_mark", {"mark 'bely'"}});
}

TEST(PluginRegistry, HostCallOutOfOrderIsRefused) {
    // The fixture ignores the refused call's code; the build fails anyway.
    expectRefusedBesideGood({"wrong-order", "plugin.wrong_state", {"speak() called outside a step"}});
}

TEST(PluginRegistry, HangDuringValidationIsQuarantined) {
    auto opt = test::registryOptions(scratchDir("checks") / "checks.toml");
    opt.checkTimeoutSec = 1.0;
    auto reg = PluginRegistry::load({fixturePlugin("good"), fixturePlugin("hangs")}, opt);
    const PluginRecord* hung = recordFor(reg, fixturePlugin("hangs"));
    ASSERT_NE(hung, nullptr);
    EXPECT_EQ(hung->status, "plugin.check_timeout") << hung->message;
    EXPECT_NE(hung->message.find("quarantined"), std::string::npos) << hung->message;
    EXPECT_NE(reg.find("fixture-good"), nullptr);
}

// A library replaced while its check runs (an update on a kiosk, a rebuild)
// can fail the check for that reason alone: nothing is remembered, so it is
// checked again on the next start instead of sitting in quarantine.
TEST(PluginRegistry, APluginRewrittenDuringItsCheckIsNotQuarantined) {
    const fs::path dir = scratchDir("rewritten");
    const fs::path lib = dir / "hangs.so";
    fs::copy_file(fixturePlugin("hangs") / "hangs.so", lib);
    const fs::path checks = scratchDir("checks") / "checks.toml";
    auto opt = test::registryOptions(checks);
    opt.checkTimeoutSec = 1.5;
    log::Capture logs;
    std::thread updater([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(400));
        std::ofstream(lib, std::ios::app | std::ios::binary) << '\0'; // the file changes while the child holds it
    });
    auto first = PluginRegistry::load({dir}, opt);
    updater.join();
    EXPECT_TRUE(logs.has("plugin.changed_during_check"));
    const PluginRecord* r = recordFor(first, dir);
    ASSERT_NE(r, nullptr);
    EXPECT_FALSE(r->ok());
    // The next start checks it again (it still hangs): a fresh check, not
    // "in quarantine since an earlier check".
    auto second = PluginRegistry::load({dir}, opt);
    const PluginRecord* again = recordFor(second, dir);
    ASSERT_NE(again, nullptr);
    EXPECT_EQ(again->status, "plugin.check_timeout") << again->message;
}

TEST(PluginRegistry, CppExceptionIsCaughtByTheSdkHelper) {
    expectRefusedBesideGood({"throws", "plugin.exception", {"C++ exception", "the fixture threw on purpose"}});
}

TEST(PluginRegistry, DuplicateIdRefusesTheSecondNamingBoth) {
    log::Capture logs;
    auto reg = loadFixtures({"good", "duplicate"}, scratchDir("checks") / "checks.toml");
    const PluginRecord* first = recordFor(reg, fixturePlugin("good"));
    const PluginRecord* second = recordFor(reg, fixturePlugin("duplicate"));
    ASSERT_TRUE(first && second);
    EXPECT_TRUE(first->ok());
    EXPECT_EQ(second->status, "plugin.duplicate_id");
    EXPECT_NE(second->message.find(first->path.string()), std::string::npos) << second->message;
    EXPECT_NE(second->message.find(second->path.string()), std::string::npos) << second->message;
    EXPECT_EQ(reg.find("fixture-good"), first->exercise.get());
    EXPECT_TRUE(logs.has("plugin.duplicate_id"));
}

TEST(PluginRegistry, AllBrokenFixturesTogetherStillLoadTheGoodOnes) {
    auto reg = loadFixtures({"abi-major", "abi-minor", "no-entry", "not-a-library", "good", "fails", "unknown-region", "negative-duration",
                             "nan-intensity", "throws", "crashes", "duplicate", "good-two"},
                            scratchDir("checks") / "checks.toml");
    EXPECT_EQ(reg.records().size(), 13u);
    ASSERT_EQ(reg.exercises().size(), 2u);
    EXPECT_NE(reg.find("fixture-good"), nullptr);
    EXPECT_NE(reg.find("fixture-two"), nullptr);
}

TEST(PluginRegistry, CrashDuringValidationIsQuarantinedAndNotTriedAgain) {
    // A copy of its own, so touching it cannot disturb other tests.
    const auto dir = scratchDir("crash");
    fs::copy_file(fixturePlugin("crashes") / "crashes.so", dir / "crashes.so");
    fs::copy_file(fixturePlugin("good") / "good.so", dir / "good.so");
    const auto checks = scratchDir("checks") / "checks.toml";

    {
        log::Capture logs;
        auto reg = PluginRegistry::load({dir}, test::registryOptions(checks));
        const PluginRecord* crashed = recordFor(reg, dir / "crashes.so");
        ASSERT_NE(crashed, nullptr);
        EXPECT_EQ(crashed->status, "plugin.crashed") << crashed->message;
        EXPECT_NE(crashed->message.find("signal 11"), std::string::npos) << crashed->message;
        EXPECT_NE(crashed->message.find("quarantined"), std::string::npos) << crashed->message;
        EXPECT_TRUE(logs.has("plugin.crashed"));
        EXPECT_NE(reg.find("fixture-good"), nullptr) << "the host survived and loaded the other one";
    }
    {
        std::ifstream f(checks);
        std::string text((std::istreambuf_iterator<char>(f)), {});
        EXPECT_NE(text.find("status = 'crashed'"), std::string::npos) << text;
    }
    // The next start: not checked again (a checker that cannot even start
    // would say so), just refused from the quarantine.
    {
        auto opt = test::registryOptions(checks);
        opt.validator = "/nonexistent/soma-checker";
        auto reg = PluginRegistry::load({dir}, opt);
        const PluginRecord* q = recordFor(reg, dir / "crashes.so");
        ASSERT_NE(q, nullptr);
        EXPECT_EQ(q->status, "plugin.quarantined") << q->message;
        EXPECT_NE(q->message.find(checks.string()), std::string::npos) << "says where the quarantine is kept: " << q->message;
        EXPECT_NE(reg.find("fixture-good"), nullptr) << "the good one is remembered as checked";
    }
    // Once the file changes it is checked again (and crashes again).
    fs::last_write_time(dir / "crashes.so", fs::last_write_time(dir / "crashes.so") + std::chrono::seconds(5));
    {
        auto reg = PluginRegistry::load({dir}, test::registryOptions(checks));
        const PluginRecord* again = recordFor(reg, dir / "crashes.so");
        ASSERT_NE(again, nullptr);
        EXPECT_EQ(again->status, "plugin.crashed");
    }
}

TEST(PluginRegistry, UncheckableNativeIsNotLoaded) {
    auto opt = test::registryOptions(scratchDir("checks") / "checks.toml");
    opt.validator = "/nonexistent/soma-checker";
    auto reg = PluginRegistry::load({fixturePlugin("good")}, opt);
    ASSERT_EQ(reg.records().size(), 1u);
    EXPECT_EQ(reg.records()[0].status, "plugin.no_validator") << reg.records()[0].message;
    EXPECT_TRUE(reg.exercises().empty());
}

// Copies a script exercise fixture into `parent`, with its manifest's id
// replaced when `id` is given.
fs::path copyScript(const fs::path& parent, const std::string& fixture, const std::string& name, const std::string& id = {}) {
    const fs::path to = parent / name;
    fs::create_directories(to);
    fs::copy(fs::path(SOMA_FIXTURE_DIR) / "scripts" / fixture, to, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
    if (!id.empty()) {
        std::string manifest = test::readAll(to / "manifest.toml");
        const auto line = manifest.find("id = \"");
        const auto end = manifest.find('"', line + 6);
        manifest.replace(line + 6, end - line - 6, id);
        std::ofstream(to / "manifest.toml") << manifest;
    }
    return to;
}

TEST(PluginRegistry, ScriptFoldersAreParsedBesideNativesAndShareTheirIds) {
    const auto dir = scratchDir("scripts");
    copyScript(dir, "good", "alpha", "alpha");
    copyScript(dir, "syntax-error", "broken");
    copyScript(dir, "good", "taken", "fixture-good"); // the native's id, found later: refused
    auto reg = PluginRegistry::load({test::fixturePlugin("good"), dir}, test::registryOptions(scratchDir("checks") / "c.toml"));
    ASSERT_EQ(reg.records().size(), 4u);
    ASSERT_NE(reg.find("alpha"), nullptr);
    EXPECT_EQ(reg.find("alpha")->info().kind, PluginKind::Script);
    ASSERT_NE(reg.find("fixture-good"), nullptr);
    EXPECT_EQ(reg.find("fixture-good")->info().kind, PluginKind::Native) << "the first one found keeps the id";
    const PluginRecord* broken = recordFor(reg, dir / "broken");
    const PluginRecord* taken = recordFor(reg, dir / "taken");
    ASSERT_TRUE(broken && taken);
    EXPECT_EQ(broken->status, "script.invalid");
    EXPECT_NE(broken->message.find("script.toml:"), std::string::npos) << broken->message;
    EXPECT_EQ(taken->status, "plugin.duplicate_id");
}

TEST(PluginCheck, AnswerLineRoundTrips) {
    PluginCheckOutcome o;
    o.kind = PluginCheckOutcome::Kind::Failed;
    o.exerciseId = "x";
    o.error = {"plugin.bad_value", "a\tmessage\nwith breaks"};
    auto back = parseCheckLine("noise before\n" + formatCheckLine(o));
    EXPECT_EQ(back.kind, PluginCheckOutcome::Kind::Failed);
    EXPECT_EQ(back.exerciseId, "x");
    EXPECT_EQ(back.error.id, "plugin.bad_value");
    EXPECT_EQ(back.error.message, "a message with breaks");
    EXPECT_EQ(parseCheckLine("garbage").kind, PluginCheckOutcome::Kind::NotRun);
}

} // namespace
} // namespace soma
