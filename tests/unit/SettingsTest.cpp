// settings/Settings: the layers (Soma's own, a centre's, the person's),
// problems reported at file:line:col without losing the rest, files never
// written while reading, and saving only what the person changed.
#include "settings/Settings.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace soma {
namespace {

namespace fs = std::filesystem;

fs::path freshDir(const std::string& name) {
    static int n = 0;
    const fs::path d = fs::path(std::getenv("XDG_STATE_HOME")).parent_path() / "settings-test" / (name + std::to_string(n++));
    fs::create_directories(d);
    return d;
}

void write(const fs::path& file, const std::string& text) {
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
}

std::string read(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

struct Files {
    fs::path dir;
    SettingsFiles files;
    explicit Files(const std::string& name) : dir(freshDir(name)) {
        files.user = dir / "home" / "settings.toml";
        files.centre = {dir / "centre-a" / "settings.toml", dir / "centre-b" / "settings.toml"};
    }
};

TEST(Settings, WithNoFilesEverythingIsSomasOwn) {
    Files f("none");
    LoadedSettings l = loadSettings(f.files);
    EXPECT_EQ(l.settings, Settings{});
    EXPECT_TRUE(l.problems.empty());
    EXPECT_TRUE(l.origin.empty());
    EXPECT_FALSE(fs::exists(f.files.user)) << "reading never writes";
}

TEST(Settings, ThePersonsFileOverridesTheCentresWhichOverridesSomas) {
    Files f("layers");
    // centre-a is the more important centre folder (XDG_CONFIG_DIRS order).
    write(f.files.centre[0], "language = \"nl\"\nvoice_rate = 120\n");
    write(f.files.centre[1], "language = \"en\"\nhigh_contrast = true\ncaption_size = \"small\"\n");
    write(f.files.user, "voice_rate = 150\nheadphones = true\n");
    LoadedSettings l = loadSettings(f.files);
    EXPECT_TRUE(l.problems.empty());
    EXPECT_EQ(l.settings.language, "nl");
    EXPECT_EQ(l.settings.voiceRateWpm, 150);
    EXPECT_TRUE(l.settings.headphones);
    EXPECT_TRUE(l.settings.highContrast);
    EXPECT_EQ(l.settings.captionSize, CaptionSize::Small);
    EXPECT_EQ(l.below.voiceRateWpm, 120) << "what a save compares with: the centre's, not the person's";
    EXPECT_EQ(l.origin["language"], f.files.centre[0]);
    EXPECT_EQ(l.origin["voice_rate"], f.files.user);
    EXPECT_EQ(l.origin["high_contrast"], f.files.centre[1]);
    EXPECT_EQ(l.origin.count("captions"), 0u);
}

TEST(Settings, ABrokenValueKeepsTheDefaultForItAloneAndSaysWhere) {
    Files f("bad-values");
    const std::string text = "language = \"fr\"\nvoice_rat = 140\ncaptions = \"yes\"\nvoice_volume = 1.5\nfullscreen = true\n";
    write(f.files.user, text);
    LoadedSettings l = loadSettings(f.files);
    ASSERT_EQ(l.problems.size(), 4u);
    EXPECT_EQ(l.problems[0].format(), f.files.user.string() + ":1:12: error: language = fr is not allowed: it must be one of system, en, nl");
    EXPECT_EQ(l.problems[1].id, "settings.key");
    EXPECT_NE(l.problems[1].message.find("did you mean 'voice_rate'"), std::string::npos);
    EXPECT_EQ(l.problems[1].where.line, 2);
    EXPECT_EQ(l.problems[2].where.line, 3);
    EXPECT_EQ(l.problems[3].where.line, 4);
    EXPECT_EQ(l.settings.language, "system");
    EXPECT_DOUBLE_EQ(l.settings.voiceVolume, 1.0);
    EXPECT_TRUE(l.settings.fullscreen) << "the good line of the same file still counts";
    EXPECT_EQ(read(f.files.user), text) << "a broken file stays as the person left it";
}

TEST(Settings, AFileThatIsNotTomlCountsForNothingAndIsLeftAlone) {
    Files f("syntax");
    write(f.files.centre[0], "reduced_motion = true\n");
    const std::string text = "fullscreen = true\n[broken\n";
    write(f.files.user, text);
    LoadedSettings l = loadSettings(f.files);
    ASSERT_EQ(l.problems.size(), 1u);
    EXPECT_EQ(l.problems[0].id, "settings.syntax");
    EXPECT_EQ(l.problems[0].where.line, 2);
    EXPECT_FALSE(l.settings.fullscreen);
    EXPECT_TRUE(l.settings.reducedMotion) << "the centre's layer still applies";
    EXPECT_EQ(read(f.files.user), text);

    write(f.files.user, "language = \"nl\"\ncaptions = \xff\n");
    l = loadSettings(f.files);
    ASSERT_EQ(l.problems.size(), 1u);
    EXPECT_EQ(l.problems[0].format().substr(f.files.user.string().size()), ":2:12: error: this is not UTF-8 text; save the file as UTF-8");
}

TEST(Settings, SavingWritesOnlyWhatThePersonChangedAndReadsBackTheSame) {
    Files f("save");
    write(f.files.centre[0], "language = \"nl\"\n");
    write(f.files.user, "captions = maybe\n"); // broken: a save replaces it
    LoadedSettings l = loadSettings(f.files);
    Settings s = l.settings;
    ASSERT_TRUE(setSetting(s, "voice_rate", "150"));
    ASSERT_TRUE(setSetting(s, "caption_size", "large"));
    ASSERT_TRUE(setSetting(s, "ambience", "waves"));
    ASSERT_TRUE(setSetting(s, "ambience_volume", "0.5"));
    ASSERT_TRUE(saveSettings(l, s));
    const std::string text = read(f.files.user);
    EXPECT_EQ(text.find("language"), std::string::npos) << "the centre's value is not copied into the person's file:\n" << text;
    EXPECT_NE(text.find("caption_size = \"large\""), std::string::npos) << text;
    for (const auto& e : fs::directory_iterator(f.files.user.parent_path()))
        EXPECT_EQ(e.path(), f.files.user) << "a temporary file was left behind";

    LoadedSettings again = loadSettings(f.files);
    EXPECT_TRUE(again.problems.empty());
    EXPECT_EQ(again.settings, s);
    // A centre changing its default later still reaches what the person never set.
    write(f.files.centre[0], "language = \"en\"\n");
    EXPECT_EQ(loadSettings(f.files).settings.language, "en");
}

TEST(Settings, EveryKeyRoundTripsThroughTextAndEveryBadValueIsRefused) {
    Settings s;
    for (const auto& key : settingKeys()) {
        const std::string v = settingText(s, key);
        EXPECT_TRUE(setSetting(s, key, v)) << key << " = " << v;
        EXPECT_EQ(setSetting(s, key, "nonsense").error().id, "settings.value") << key;
    }
    EXPECT_EQ(s, Settings{});
    EXPECT_FALSE(setSetting(s, "voice_rate", "99"));
    EXPECT_FALSE(setSetting(s, "voice_rate", "135.5"));
    EXPECT_TRUE(setSetting(s, "voice_rate", "170"));
    EXPECT_FALSE(setSetting(s, "ambience_volume", "nan"));
    EXPECT_EQ(setSetting(s, "colour", "blue").error().id, "settings.key");
}

} // namespace
} // namespace soma
