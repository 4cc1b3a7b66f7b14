// Settings through the real `soma` program: a change is found again by the
// next process, a broken file is reported at file:line:col and left alone,
// a bad --set writes nothing, and `soma run` follows the settings unless its
// flags say otherwise for this run.
#include "support/RunProgram.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace soma {
namespace {

namespace fs = std::filesystem;
using test::runSoma;

fs::path userFile() { return fs::path(std::getenv("XDG_CONFIG_HOME")) / "soma" / "settings.toml"; }

std::string readText(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

class SettingsCli : public ::testing::Test {
protected:
    void SetUp() override {
        std::error_code ec;
        fs::remove(userFile(), ec);
    }
};

TEST_F(SettingsCli, AChangeIsThereAfterARestart) {
    auto set = runSoma({"settings", "--set", "language=nl", "--set", "caption_size=large"});
    ASSERT_EQ(set.exitCode, 0) << set.out;
    auto shown = runSoma({"settings", "--json"});
    ASSERT_EQ(shown.exitCode, 0) << shown.out;
    EXPECT_NE(shown.out.find("\"language\": {\"value\": \"nl\", \"from\": \"" + userFile().string() + "\"}"), std::string::npos) << shown.out;
    EXPECT_NE(shown.out.find("\"caption_size\": {\"value\": \"large\""), std::string::npos) << shown.out;
    EXPECT_NE(shown.out.find("\"captions\": {\"value\": \"true\", \"from\": \"\"}"), std::string::npos) << shown.out;
}

TEST_F(SettingsCli, ABadChangeWritesNothing) {
    auto set = runSoma({"settings", "--set", "voice_rate=50"});
    EXPECT_EQ(set.exitCode, 2) << set.out;
    EXPECT_NE(set.out.find("voice_rate = 50 is not allowed: it must be a whole number from 100 to 170"), std::string::npos) << set.out;
    EXPECT_FALSE(fs::exists(userFile()));
}

TEST_F(SettingsCli, ABrokenFileIsReportedWhereItIsAndLeftAlone) {
    fs::create_directories(userFile().parent_path());
    const std::string text = "language = \"nl\"\nheadphones = 3\n";
    std::ofstream(userFile()) << text;
    auto shown = runSoma({"settings"});
    EXPECT_EQ(shown.exitCode, 0) << shown.out;
    EXPECT_NE(shown.out.find(userFile().string() + ":2:14: error: headphones must be true or false"), std::string::npos) << shown.out;
    EXPECT_NE(shown.out.find("language         nl"), std::string::npos) << shown.out;
    EXPECT_EQ(readText(userFile()), text);
}

TEST_F(SettingsCli, RunSpeaksTheLanguageOfTheSettingsUnlessTheCommandLineSaysOtherwise) {
    ASSERT_EQ(runSoma({"settings", "--set", "language=nl"}).exitCode, 0);
    const fs::path dir = fs::path(std::getenv("XDG_STATE_HOME")) / "run-settings";
    auto nl = runSoma({"run", "grounding", "--headless", "--out", (dir / "nl").string()});
    ASSERT_EQ(nl.exitCode, 0) << nl.out;
    auto en = runSoma({"run", "grounding", "--headless", "--lang", "en", "--out", (dir / "en").string()});
    ASSERT_EQ(en.exitCode, 0) << en.out;
    const std::string nlCaptions = readText(dir / "nl" / "captions.vtt"), enCaptions = readText(dir / "en" / "captions.vtt");
    // The opening note, in each language (captions wrap: look for one word).
    EXPECT_NE(nlCaptions.find("Deze oefening"), std::string::npos) << nlCaptions.substr(0, 300);
    EXPECT_EQ(nlCaptions.find("This exercise"), std::string::npos) << nlCaptions.substr(0, 300);
    EXPECT_NE(enCaptions.find("This exercise"), std::string::npos) << enCaptions.substr(0, 300);
}

} // namespace
} // namespace soma
