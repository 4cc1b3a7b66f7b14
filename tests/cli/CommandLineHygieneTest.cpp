// What the command line does with values a person (or a script) gets
// wrong: each a usage error (exit 2) with one line naming the option, what
// it takes and, for a word, the nearest one; never a value taken and found
// wrong later. And output meant for programs: --json holds JSON only;
// NO_COLOR keeps a terminal's messages plain.
#include "plugin/PluginTestSupport.h"
#include "support/RunProgram.h"

#include "core/Process.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

namespace soma {
namespace {

namespace fs = std::filesystem;
using test::runSoma;

TEST(CommandLineHygiene, NumbersThatAreNotNumbersOrOutOfRangeAreUsageErrors) {
    struct Case {
        std::vector<std::string> args;
        std::string option, words;
    };
    const std::vector<Case> cases{
        {{"render", "--at", "nan"}, "--at", "from 0 to"},
        {{"render", "--at", "-3"}, "--at", "from 0 to"},
        {{"render", "--breath", "inf"}, "--breath", "from 0 to 1"},
        {{"render", "--height-m", "NaN"}, "--height-m", "from 1.2 to 2.2"},
        {{"export", "grounding", "--out", "x", "--max-seconds", "nan"}, "--max-seconds", "from 0 to"},
        {{"export", "grounding", "--out", "x", "--max-seconds", "-1"}, "--max-seconds", "from 0 to"},
        {{"export", "grounding", "--out", "x", "--breaths-per-minute", "0.001"}, "--breaths-per-minute", "4.5 to 7"},
        {{"run", "grounding", "--breaths-per-minute", "nan"}, "--breaths-per-minute", "4.5 to 7"},
        {{"export", "grounding", "--out", "x", "--voice-volume", "nan"}, "--voice-volume", "from 0 to 1"},
    };
    for (const Case& c : cases) {
        auto r = runSoma(c.args);
        EXPECT_EQ(r.exitCode, 2) << c.option << ": " << r.out;
        EXPECT_NE(r.out.find(c.option), std::string::npos) << r.out;
        EXPECT_NE(r.out.find(c.words), std::string::npos) << r.out;
    }
}

TEST(CommandLineHygiene, WordsAreCheckedAsTheyAreParsedWithTheNearestOne) {
    auto lang = runSoma({"export", "grounding", "--out", "x", "--lang", "n_l"});
    EXPECT_EQ(lang.exitCode, 2) << lang.out;
    EXPECT_NE(lang.out.find("--lang"), std::string::npos) << lang.out;
    EXPECT_NE(lang.out.find("did you mean 'nl'"), std::string::npos) << lang.out;
    // A tag of the right form that the exercise has no narration in: known
    // only once the exercise is read, and said as clearly.
    const fs::path out = test::scratchDir("lang-nll") / "x";
    auto other = runSoma({"export", "grounding", "--out", out.string(), "--lang", "nll"});
    EXPECT_EQ(other.exitCode, 1) << other.out;
    EXPECT_NE(other.out.find("did you mean 'nl'"), std::string::npos) << other.out;
    EXPECT_FALSE(fs::exists(out)) << "nothing is written for a session that cannot be made";
    auto variant = runSoma({"run", "grounding", "--variant", "Kort!"});
    EXPECT_EQ(variant.exitCode, 2) << variant.out;
    EXPECT_NE(variant.out.find("--variant"), std::string::npos) << variant.out;
    auto command = runSoma({"expor", "grounding"});
    EXPECT_EQ(command.exitCode, 2) << command.out;
    EXPECT_NE(command.out.find("did you mean `soma export`"), std::string::npos) << command.out;
}

TEST(CommandLineHygiene, AHugeArgumentIsNeverEchoedBackWhole) {
    const std::string huge(100 * 1024, 'x');
    for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
             {"render", "--width", huge}, {"render", "--lang", huge}, {huge}, {"export", "grounding", "--out", "x", "--at", huge}}) {
        auto r = runSoma(args);
        EXPECT_EQ(r.exitCode, 2) << r.out.substr(0, 400);
        EXPECT_LT(r.out.size(), 2000u) << r.out.substr(0, 400);
    }
}

// Runs soma at a terminal (util-linux's script gives it one); what it wrote there.
std::string atATerminal(const std::string& command, const std::vector<std::string>& env) {
    ProcessDesc p;
    p.program = "/usr/bin/script";
    p.args = {"-qec", std::string(SOMA_BINARY) + " " + command, "/dev/null"};
    p.extraEnv = env;
    p.timeoutSec = 60;
    auto ran = runProcess(p);
    EXPECT_TRUE(ran) << ran.error().message;
    return ran ? ran->output : std::string();
}

TEST(CommandLineHygiene, NoColorKeepsATerminalsMessagesPlain) {
    if (!fs::exists("/usr/bin/script")) GTEST_SKIP() << "util-linux's script is not installed";
    const std::string cmd = "export no-such-exercise --out " + (test::scratchDir("nocolor") / "x").string();
    const std::string coloured = atATerminal(cmd, {"TERM=xterm"});
    EXPECT_NE(coloured.find("\x1b["), std::string::npos) << "at a terminal the level is in colour: " << coloured;
    const std::string plain = atATerminal(cmd, {"TERM=xterm", "NO_COLOR=1"});
    EXPECT_NE(plain.find("no-such-exercise"), std::string::npos) << plain;
    EXPECT_EQ(plain.find("\x1b["), std::string::npos) << plain;
}

// stdout alone, stderr left out.
std::string stdoutOf(const std::vector<std::string>& args, int& exitCode) {
    ProcessDesc p;
    p.program = SOMA_BINARY;
    p.args = args;
    p.stdoutTo = ProcessDesc::Output::Capture;
    p.stderrTo = ProcessDesc::Output::Discard;
    p.timeoutSec = 300;
    auto ran = runProcess(p);
    EXPECT_TRUE(ran) << ran.error().message;
    exitCode = ran ? ran->exitCode : -1;
    return ran ? ran->output : std::string();
}

TEST(CommandLineHygiene, ValidateJsonListsEachFileWithItsProblems) {
    const fs::path dir = test::scratchDir("validate-json");
    std::ofstream(dir / "map.toml") << "[[region]]\nid = \"shouldr_left\"\nrating = 4\n";
    int rc = 0;
    const std::string json = stdoutOf({"validate", "--json", (dir / "map.toml").string(), fs::path(SOMA_FIXTURE_DIR) / "scripts" / "good"}, rc);
    EXPECT_EQ(rc, 1) << json;
    EXPECT_EQ(json.rfind("{\"files\": [", 0), 0u) << json;
    EXPECT_NE(json.find("\"kind\": \"tension-map\", \"valid\": false"), std::string::npos) << json;
    EXPECT_NE(json.find("\"line\": 2, \"column\": 6, \"id\": \"tension.invalid\""), std::string::npos) << json;
    EXPECT_NE(json.find("\"kind\": \"exercise\", \"valid\": true, \"id\": \"good\", \"problems\": []"), std::string::npos) << json;
    EXPECT_EQ(json.find("ok:"), std::string::npos) << "the text output stays out of the JSON: " << json;
}

TEST(CommandLineHygiene, ExportJsonSaysWhatWasWrittenAndNothingElse) {
    const fs::path dir = test::scratchDir("export-json");
    int rc = 0;
    const std::string json = stdoutOf({"export", "grounding", "--lang", "en", "--no-reverb", "--max-seconds", "3", "--progress", "--json",
                                       "--out", dir.string()},
                                      rc);
    EXPECT_EQ(rc, 0) << json;
    EXPECT_EQ(json.rfind("{\"exercise\": \"grounding\", \"lang\": \"en\", \"variant\": \"short\"", 0), 0u) << json;
    EXPECT_NE(json.find("\"folder\": \"" + fs::absolute(dir).string() + "\""), std::string::npos) << json;
    for (const char* f : {"audio.wav", "voice.wav", "captions.vtt", "timeline.json"})
        EXPECT_NE(json.find(std::string("{\"name\": \"") + f + "\", \"bytes\": " + std::to_string(fs::file_size(dir / f)) + "}"),
                  std::string::npos)
            << f << ": " << json;
    EXPECT_EQ(json.find("progress:"), std::string::npos) << json;
    EXPECT_EQ(json.find("pacing:"), std::string::npos) << json;
    EXPECT_EQ(std::count(json.begin(), json.end(), '\n'), 1) << "one line of JSON: " << json;
}

} // namespace
} // namespace soma
