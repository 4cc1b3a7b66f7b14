// One rulebook (model/Rules): the same bad value is refused whether a script
// exercise or a native plugin hands it over, with each path's own error id
// and location. The native side is tests/fixtures/plugins/rule_cases.c,
// one variant per case; the script side writes the same value into a small
// script exercise.
#include "model/Rules.h"
#include "plugin/NativeExercise.h"
#include "plugin/script/ScriptParser.h"
#include "PluginTestSupport.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <fstream>

namespace soma {
namespace {

namespace fs = std::filesystem;

struct RuleCase {
    const char* variant;       // the fixture plugin's variant that breaks the rule
    const char* nativeId;      // what describe() says
    const char* scriptId;      // what the script parser says
    const char* words;         // in both messages
    // The script's step: narration, [[step.highlight]] lines, breath, and
    // the rest of the step's keys.
    std::string narration = R"(Your <mark name=\"belly\"/>belly rises.)";
    std::string highlight = "region = \"belly\"\nmark = \"belly\"";
    std::string breath = "{ inhale = 4.0, exhale = 6.0 }";
    std::string step = "id = \"one\"\npause_after = 1.0";
};

std::vector<RuleCase> cases() {
    std::vector<RuleCase> c;
    c.push_back({"pulse", "plugin.bad_value", "script.pulse", "at most 0.5 Hz"});
    c.back().highlight += "\npulse = 0.6";
    c.push_back({"breath-rushed", "plugin.bad_value", "script.duration", "inhale + exhale must be at least 1 s"});
    c.back().breath = "{ inhale = 0.3, exhale = 0.3 }";
    c.push_back({"pause-long", "plugin.bad_value", "script.duration", "between 0 and 600 s"});
    c.back().step = "id = \"one\"\npause_after = 700.0";
    c.push_back({"break-long", "plugin.bad_narration", "script.narration", "longer than 600 s"});
    c.back().narration = R"(Rest <break time=\"700s\"/> here.)";
    c.back().highlight = "region = \"belly\"";
    c.push_back({"mark-twice", "plugin.bad_narration", "script.narration", "appears twice"});
    c.back().narration = R"(Your <mark name=\"belly\"/>belly and <mark name=\"belly\"/>belly.)";
    c.push_back({"mark-dot", "plugin.bad_narration", "script.narration", "letters, digits, '_' and '-'"});
    c.back().narration = R"(Your <mark name=\"belly.low\"/>belly.)";
    c.back().highlight = "region = \"belly\"";
    c.push_back({"pose", "plugin.bad_value", "script.value", "pose 'sitting' is not one of"});
    c.back().step += "\npose = \"sitting\"";
    c.push_back({"hold-long", "plugin.bad_value", "script.duration", "hold 700 s must be at most 600 s"});
    c.back().highlight += "\nhold = 700.0";
    c.push_back({"fade-long", "plugin.bad_value", "script.duration", "fade_in 700 s"});
    c.back().highlight += "\nfade_in = 700.0";
    c.push_back({"step-id", "plugin.bad_value", "script.step", "lowercase letters, digits, '_' or '-'"});
    c.back().step = "id = \"Step One\"\npause_after = 1.0";
    c.push_back({"at-late", "plugin.bad_value", "script.duration", "at 7000 s"});
    c.back().highlight = "region = \"belly\"\nat = 7000.0";
    c.push_back({"region", "plugin.unknown_region", "script.region", "did you mean 'belly'"});
    c.back().highlight = "region = \"belyl\"\nmark = \"belly\"";
    c.push_back({"intensity", "plugin.bad_value", "script.value", "intensity 1.5 must be between 0 and 1"});
    c.back().highlight += "\nintensity = 1.5";
    c.push_back({"cycles", "plugin.bad_value", "script.value", "to 10000"});
    c.back().breath = "{ inhale = 4.0, exhale = 6.0, cycles = 20000 }";
    c.push_back({"mark-missing", "plugin.unknown_mark", "script.mark", "'chest'"});
    c.back().highlight = "region = \"belly\"\nmark = \"chest\"";
    return c;
}

fs::path writeScript(const fs::path& dir, const RuleCase& c) {
    fs::create_directories(dir);
    std::ofstream(dir / "manifest.toml") << "id = \"rule-case\"\nlanguages = [\"en\"]\n[title]\nen = \"Rule case\"\n"
                                            "[[variants]]\nid = \"short\"\nminutes = 1\n";
    std::ofstream(dir / "script.toml") << fmt::format("[[step]]\n{}\nbreath = {}\n[step.narration]\nen = \"{}\"\n[[step.highlight]]\n{}\n", c.step,
                                                      c.breath, c.narration, c.highlight);
    return dir;
}

std::string problems(const ScriptParse& p) {
    std::string all;
    for (const auto& d : p.problems) all += d.id + " " + d.format() + "\n";
    return all;
}

class RuleParity : public ::testing::Test {
protected:
    void SetUp() override {
        auto ex = NativeExercise::open(test::fixturePlugin("rule-cases") / "rule-cases.so");
        ASSERT_TRUE(ex) << ex.error().message;
        mNative = std::move(*ex);
    }
    Result<SessionRequest> describe(const char* variant) {
        DescribeOptions o;
        o.lang = "en";
        o.variant = variant;
        return mNative->describe(o);
    }
    std::unique_ptr<NativeExercise> mNative;
};

TEST_F(RuleParity, TheSameValuesPassBothWays) {
    // The baseline of every case is valid on both paths, so each refusal
    // below is the one value the case changes.
    auto native = describe("ok");
    EXPECT_TRUE(native) << native.error().message;
    RuleCase ok{"ok", "", "", ""};
    ScriptParse p = parseScriptExercise(writeScript(test::scratchDir("rule-ok"), ok));
    EXPECT_TRUE(p.ok()) << problems(p);
}

TEST_F(RuleParity, EveryBrokenRuleIsRefusedByScriptsAndPluginsAlike) {
    for (const RuleCase& c : cases()) {
        SCOPED_TRACE(c.variant);
        auto native = describe(c.variant);
        ASSERT_FALSE(native) << "the plugin path let it through";
        EXPECT_EQ(native.error().id, c.nativeId) << native.error().message;
        EXPECT_NE(native.error().message.find(c.words), std::string::npos) << native.error().message;

        ScriptParse p = parseScriptExercise(writeScript(test::scratchDir(std::string("rule-") + c.variant), c));
        ASSERT_FALSE(p.ok()) << "the script path let it through";
        bool found = false;
        for (const auto& d : p.problems)
            found = found || (d.id == c.scriptId && d.message.find(c.words) != std::string::npos && d.where.line > 0);
        EXPECT_TRUE(found) << "expected " << c.scriptId << " with \"" << c.words << "\", got:\n" << problems(p);
    }
}

} // namespace
} // namespace soma
