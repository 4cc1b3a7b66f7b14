// `soma say`, the real program: a WAV, its captions, and the marks listed.
#include "audio/AudioFileStream.h"
#include "support/RunProgram.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace soma {
namespace {

namespace fs = std::filesystem;

TEST(SayCommand, WritesTheVoiceAndItsCaptionsAndListsTheMarks) {
    const char* cache = std::getenv("XDG_CACHE_HOME");
    const fs::path dir = fs::path(cache ? cache : fs::temp_directory_path().c_str()) / "say";
    fs::create_directories(dir);
    const auto r = test::runSoma({"say", "--lang", "nl", "--out", (dir / "v.wav").string(), "--vtt", (dir / "v.vtt").string(),
                                  "Voel je buik. <mark name=\"buik\"/>En laat hem zakken."});
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_NE(r.out.find("mark buik"), std::string::npos) << r.out;
    auto wav = AudioFileStream::open(dir / "v.wav");
    ASSERT_TRUE(wav.ok()) << wav.error().message;
    EXPECT_EQ((*wav)->fileRate(), 48000);
    EXPECT_GT((*wav)->length(), 48000);
    std::ifstream vtt(dir / "v.vtt");
    std::stringstream text;
    text << vtt.rdbuf();
    EXPECT_EQ(text.str().rfind("WEBVTT", 0), 0u);
    EXPECT_NE(text.str().find("En laat hem zakken."), std::string::npos) << text.str();
}

TEST(SayCommand, AnUnknownLanguageFailsClearly) {
    const auto r = test::runSoma({"say", "--lang", "xx-nosuch", "--out", "unused.wav", "Hello."});
    EXPECT_NE(r.exitCode, 0);
    EXPECT_NE(r.out.find("xx-nosuch"), std::string::npos) << r.out;
}

// Only narration markup reaches the voice (issue 19): espeak-ng's own SSML,
// such as <audio src=...>, which made it open any file and then crash, is
// refused with what to write instead, and nothing is written.
TEST(SayCommand, SsmlBeyondBreakAndMarkIsRefused) {
    const auto r = test::runSoma({"say", "--lang", "en", "--out", "refused.wav", "<audio src=\"/etc/passwd\"/>Hello."});
    EXPECT_EQ(r.exitCode, 2) << r.out;
    EXPECT_NE(r.out.find("<break"), std::string::npos) << r.out;
    EXPECT_FALSE(std::filesystem::exists("refused.wav"));
    // The markup exercises are written in still works.
    const auto ok = test::runSoma({"say", "--lang", "en", "--out", "fine.wav", "Rest now. <break time=\"1s\"/> <mark name=\"x\"/>Good."});
    EXPECT_EQ(ok.exitCode, 0) << ok.out;
}

} // namespace
} // namespace soma
