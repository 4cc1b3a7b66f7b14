// Captions from the voice's own word timings: at most two lines of ~42
// characters, on screen while the words are spoken (BBC: never more than
// 1.5 s early or late), broken at sentence ends and pauses; and WebVTT.
#include "audio/Captions.h"
#include "audio/RecordedVoice.h"
#include "audio/Voice.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace soma {
namespace {

namespace fs = std::filesystem;

const char* kScan =
    "Let yourself arrive, here, in this moment. Feel the weight of your body resting on the floor beneath you, "
    "and let the floor carry that weight for a while. <break time=\"2s\"/>Now bring your attention to your breath, "
    "without changing it. Notice where you feel it most clearly: in the belly, in the ribs, or in the throat. "
    "There is nothing to do and nothing to fix.";

Utterance spoken(const char* text, const char* lang = "en") {
    VoiceSettings vs;
    vs.lang = lang;
    auto u = speak(text, vs);
    EXPECT_TRUE(u.ok());
    return u.ok() ? *u : Utterance{};
}

int length(const std::string& s) {
    int n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

TEST(Captions, AtMostTwoLinesOfFortyTwoCharacters) {
    for (const char* lang : {"en", "nl"}) {
        const Utterance u = spoken(lang[0] == 'e' ? kScan
                                                  : "Laat jezelf hier aankomen, in dit moment. Voel het gewicht van je lichaam "
                                                    "dat rust op de vloer onder je, en laat de vloer dat gewicht een tijdje dragen.",
                                   lang);
        auto cues = makeCaptions(u.words);
        ASSERT_GE(cues.size(), 3u) << lang;
        for (const auto& c : cues) {
            EXPECT_GE(c.lines.size(), 1u);
            EXPECT_LE(c.lines.size(), 2u) << c.text();
            for (const auto& l : c.lines) EXPECT_LE(length(l), 42) << l;
        }
    }
}

TEST(Captions, EveryWordIsShownWhileItIsSpoken) {
    const Utterance u = spoken(kScan);
    const Samples offset = fromSeconds(30); // the clip's place in the session
    auto cues = makeCaptions(u.words, offset);
    // The cues' words, in order, are the spoken words.
    std::string shown, said;
    for (const auto& c : cues)
        for (const auto& l : c.lines) shown += (shown.empty() ? "" : " ") + l;
    for (const auto& w : u.words) said += (said.empty() ? "" : " ") + w.text;
    EXPECT_EQ(shown, said);

    std::size_t w = 0;
    for (std::size_t i = 0; i < cues.size(); ++i) {
        const CaptionCue& c = cues[i];
        std::istringstream words(c.text());
        std::size_t inCue = 0;
        for (std::string s; words >> s;) ++inCue;
        const WordTiming& first = u.words[w];
        const WordTiming& last = u.words[w + inCue - 1];
        EXPECT_LE(std::abs(c.start - (offset + first.start)), fromSeconds(1.5)) << c.text();
        EXPECT_LE(std::abs(c.end - (offset + last.end)), fromSeconds(1.5)) << c.text();
        EXPECT_GE(c.end, offset + last.end - fromMillis(1)) << "gone before its last word ends: " << c.text();
        for (std::size_t k = w; k < w + inCue; ++k) {
            EXPECT_EQ(activeCaption(cues, offset + u.words[k].start), &cues[i]) << u.words[k].text;
        }
        if (i + 1 < cues.size()) {
            EXPECT_LE(c.end, cues[i + 1].start) << "two cues at once";
        }
        w += inCue;
    }
    EXPECT_EQ(activeCaption(cues, offset - 1), nullptr);
}

TEST(Captions, BreakAtSentenceEndsAndPauses) {
    const Utterance u = spoken(kScan);
    auto cues = makeCaptions(u.words);
    for (const auto& c : cues) {
        // A sentence end is only ever the last word of a cue.
        std::istringstream in(c.text());
        std::vector<std::string> words;
        for (std::string w; in >> w;) words.push_back(w);
        for (std::size_t i = 0; i + 1 < words.size(); ++i) {
            const char end = words[i].back();
            EXPECT_FALSE(end == '.' || end == '?' || end == '!') << c.text();
        }
    }
    // No cue spans the two-second break: it ends before the break's words.
    for (const auto& c : cues)
        if (c.text().find("Now") != std::string::npos) {
            EXPECT_EQ(c.text().rfind("Now", 0), 0u) << c.text();
        }
}

TEST(Captions, WebVttFileParses) {
    const Utterance u = spoken(kScan);
    auto cues = makeCaptions(u.words, fromSeconds(3725.5)); // past an hour: hh:mm:ss.mmm
    const char* cache = std::getenv("XDG_CACHE_HOME");
    const fs::path p = fs::path(cache ? cache : fs::temp_directory_path().c_str()) / "captions.vtt";
    ASSERT_TRUE(writeWebVtt(cues, p).ok());

    std::ifstream in(p);
    std::string line;
    std::getline(in, line);
    EXPECT_EQ(line, "WEBVTT");
    const std::regex timing(R"(^(\d\d):(\d\d):(\d\d)\.(\d\d\d) --> (\d\d):(\d\d):(\d\d)\.(\d\d\d)$)");
    double lastEnd = -1;
    int n = 0;
    while (std::getline(in, line)) {
        std::smatch m;
        if (!std::regex_match(line, m, timing)) continue;
        auto sec = [&](int i) {
            return std::stoi(m[i]) * 3600.0 + std::stoi(m[i + 1]) * 60.0 + std::stoi(m[i + 2]) + std::stoi(m[i + 3]) / 1000.0;
        };
        const double a = sec(1), b = sec(5);
        EXPECT_LT(a, b);
        EXPECT_GE(a, lastEnd) << line;
        lastEnd = b;
        ++n;
    }
    EXPECT_EQ(n, int(cues.size()));
    EXPECT_GT(lastEnd, 3725.5);
    // And the marks reader takes it back, word for word.
    auto back = loadMarks(p);
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(back->words.size(), u.words.size());
}

TEST(Captions, TextIsEscapedForWebVtt) {
    std::vector<WordTiming> words = {{0, 4800, "Rest"}, {4800, 9600, "&"}, {9600, 14400, "<breathe>."}};
    const std::string vtt = toWebVtt(makeCaptions(words));
    EXPECT_NE(vtt.find("Rest &amp; &lt;breathe&gt;."), std::string::npos) << vtt;
}

TEST(Captions, ShortCuesStayUpLongEnoughToRead) {
    std::vector<WordTiming> words = {{0, fromMillis(300), "Rest."}, {fromSeconds(5), fromSeconds(5.4), "Now."}};
    auto cues = makeCaptions(words);
    ASSERT_EQ(cues.size(), 2u);
    EXPECT_GE(cues[0].end - cues[0].start, fromSeconds(1.0));
    EXPECT_LE(cues[0].end - fromMillis(300), fromSeconds(1.5));
}

} // namespace
} // namespace soma
