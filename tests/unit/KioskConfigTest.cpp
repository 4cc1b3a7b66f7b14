// A wellness centre's kiosk config (issue 16 item 1): /etc/soma/kiosk.toml
// read whole or refused whole, every problem at its file:line:col; the PIN
// kept only as an Argon2id hash (libsodium), checked against what is typed;
// `soma validate` and `soma kiosk-pin` for the person setting a kiosk up.
#include "settings/KioskConfig.h"
#include "support/RunProgram.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace soma {
namespace {

namespace fs = std::filesystem;

// minisign's own example public key (its documentation's), as a .pub file's second line.
const char* kKey = "RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3";

std::string formatted(const KioskConfigParse& p) {
    std::string out;
    for (const Diagnostic& d : p.problems) out += d.format() + "\n";
    return out;
}

TEST(KioskConfig, AWholeConfigIsReadAsWritten) {
    auto pin = hashKioskPin("2468");
    ASSERT_TRUE(pin) << pin.error().message;
    const std::string text = std::string(R"(# De kiosk in de stilteruimte
languages = ["nl", "en"]
idle_seconds = 90
warning_seconds = 15
anonymous_counts = true
pin = ")") + *pin + R"("
trusted_keys = [")" + kKey + R"("]

[[exercise]]
id = "body-scan"
lengths = ["short"]

[[exercise]]
id = "grounding"
)";
    const KioskConfigParse p = parseKioskConfig(text, "/etc/soma/kiosk.toml");
    ASSERT_TRUE(p.ok()) << formatted(p);
    const KioskConfig& c = p.config;
    ASSERT_EQ(c.exercises.size(), 2u);
    EXPECT_EQ(c.exercises[0].id, "body-scan");
    EXPECT_EQ(c.exercises[0].lengths, std::vector<std::string>{"short"});
    EXPECT_EQ(c.exercises[1].lengths, (std::vector<std::string>{"short", "long"})) << "both lengths unless it says";
    EXPECT_EQ(c.languages, (std::vector<std::string>{"nl", "en"}));
    EXPECT_EQ(c.idleSeconds, 90);
    EXPECT_EQ(c.warningSeconds, 15);
    EXPECT_TRUE(c.anonymousCounts);
    EXPECT_EQ(c.trustedKeys, std::vector<std::string>{kKey});
    EXPECT_TRUE(kioskPinMatches(c, "2468"));
    EXPECT_FALSE(kioskPinMatches(c, "2469"));
    EXPECT_FALSE(kioskPinMatches(c, ""));

    // The defaults: 60 s, then a 20 s warning; both languages; nothing counted; no PIN.
    const KioskConfigParse d = parseKioskConfig("[[exercise]]\nid = \"body-scan\"\n", "k.toml");
    ASSERT_TRUE(d.ok()) << formatted(d);
    EXPECT_EQ(d.config.idleSeconds, 60);
    EXPECT_EQ(d.config.warningSeconds, 20);
    EXPECT_FALSE(d.config.anonymousCounts);
    EXPECT_TRUE(d.config.pinHash.empty());
    EXPECT_FALSE(kioskPinMatches(d.config, "2468")) << "without a PIN nothing opens kiosk mode from the screen";
}

TEST(KioskConfig, EveryProblemIsNamedAtItsLineAndTheWholeFileRefused) {
    const std::string text = R"(idle_second = 60
languages = ["nl", "fr"]
idle_seconds = 10
warning_seconds = 30
pin = "2468"
trusted_keys = ["not a key"]
anonymous_counts = "yes"

[[exercise]]
id = "Body Scan"

[[exercise]]
lengths = ["short", "medium"]

[[exercise]]
id = "grounding"
colour = "blue"

[[exercise]]
id = "grounding"
)";
    const KioskConfigParse p = parseKioskConfig(text, "/etc/soma/kiosk.toml");
    ASSERT_FALSE(p.ok());
    const std::string all = formatted(p);
    for (const char* expected : {
             "/etc/soma/kiosk.toml:1:1: error: unknown key 'idle_second': did you mean 'idle_seconds'?",
             "/etc/soma/kiosk.toml:2:20: error: languages takes nl, en",
             "/etc/soma/kiosk.toml:3:16: error: idle_seconds (10) must be longer than warning_seconds (30)",
             "/etc/soma/kiosk.toml:5:7: error: pin must be an Argon2id hash, never the PIN itself",
             "/etc/soma/kiosk.toml:6:17: error: this is not a minisign public key",
             "/etc/soma/kiosk.toml:7:20: error: anonymous_counts must be true or false",
             "/etc/soma/kiosk.toml:10:6: error: an exercise's id is lowercase letters, digits and '-'",
             "error: this [[exercise]] has no id",
             "/etc/soma/kiosk.toml:13:21: error: lengths takes short, long",
             "/etc/soma/kiosk.toml:17:1: error: unknown exercise key 'colour'",
             "/etc/soma/kiosk.toml:20:6: error: exercise 'grounding' is listed twice",
         })
        EXPECT_NE(all.find(expected), std::string::npos) << "missing: " << expected << "\nall:\n" << all;
    EXPECT_EQ(p.problems.size(), 11u) << all;
    for (std::size_t i = 1; i < p.problems.size(); ++i) EXPECT_LE(p.problems[i - 1].where.line, p.problems[i].where.line) << "in the file's order";
}

TEST(KioskConfig, ASyntaxErrorAMissingFileAndNoExerciseAreRefused) {
    const KioskConfigParse syntax = parseKioskConfig("[[exercise]]\nid = \"body-scan\nidle_seconds = 60\n", "k.toml");
    ASSERT_EQ(syntax.problems.size(), 1u);
    EXPECT_EQ(syntax.problems[0].id, "kiosk.syntax");
    EXPECT_EQ(syntax.problems[0].where.line, 2) << syntax.problems[0].format();

    const KioskConfigParse missing = loadKioskConfig("/nonexistent/soma/kiosk.toml");
    ASSERT_EQ(missing.problems.size(), 1u);
    EXPECT_EQ(missing.problems[0].format().rfind("/nonexistent/soma/kiosk.toml:1:1: error: no such file", 0), 0u)
        << missing.problems[0].format();

    const KioskConfigParse none = parseKioskConfig("idle_seconds = 60\n", "k.toml");
    ASSERT_EQ(none.problems.size(), 1u);
    EXPECT_NE(none.problems[0].message.find("no [[exercise]]"), std::string::npos);
}

TEST(KioskConfig, APinIsDigitsAndHashedWithArgon2id) {
    EXPECT_FALSE(hashKioskPin("12a4"));
    EXPECT_FALSE(hashKioskPin("123"));
    EXPECT_FALSE(hashKioskPin("1234567890123"));
    auto a = hashKioskPin("0000"), b = hashKioskPin("0000");
    ASSERT_TRUE(a && b);
    EXPECT_EQ(a->rfind("$argon2id$", 0), 0u) << *a;
    EXPECT_NE(*a, *b) << "salted: the same PIN never hashes alike";
    EXPECT_EQ(a->find("0000"), std::string::npos);
}

// The commands a person setting a kiosk up runs: `soma kiosk-pin` (here
// with the PIN on stdin, as a script gives it) and `soma validate`.
TEST(KioskConfig, TheCommandsMakeAPinLineAndCheckAConfig) {
    const fs::path dir = fs::temp_directory_path() / ("soma-kiosk-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    std::ofstream(dir / "pin.txt") << "4321\n";
    const std::string command = std::string(SOMA_BINARY) + " kiosk-pin < " + (dir / "pin.txt").string();
    FILE* p = ::popen(command.c_str(), "r");
    ASSERT_NE(p, nullptr);
    char line[512] = {};
    ASSERT_NE(std::fgets(line, sizeof line, p), nullptr);
    EXPECT_EQ(::pclose(p), 0);
    const std::string pinLine = line;
    ASSERT_EQ(pinLine.rfind("pin = \"$argon2id$", 0), 0u) << pinLine;

    std::ofstream(dir / "kiosk.toml") << pinLine << "[[exercise]]\nid = \"body-scan\"\n";
    auto good = test::runSoma({"validate", (dir / "kiosk.toml").string()});
    EXPECT_EQ(good.exitCode, 0) << good.out;
    EXPECT_NE(good.out.find("ok: a kiosk config offering 1 exercise(s) in nl and en, idle after 60 s"), std::string::npos) << good.out;
    const KioskConfigParse parsed = loadKioskConfig(dir / "kiosk.toml");
    ASSERT_TRUE(parsed.ok());
    EXPECT_TRUE(kioskPinMatches(parsed.config, "4321"));

    std::ofstream(dir / "kiosk.toml") << "idle_seconds = 0\n[[exercise]]\nid = \"body-scan\"\n";
    auto bad = test::runSoma({"validate", (dir / "kiosk.toml").string()});
    EXPECT_EQ(bad.exitCode, 1);
    EXPECT_NE(bad.out.find((dir / "kiosk.toml").string() + ":1:16: error: idle_seconds must be a whole number of seconds from 5 to 86400"),
              std::string::npos)
        << bad.out;
    fs::remove_all(dir);
}

} // namespace
} // namespace soma
