// Marks placed on a person's recording by aligning it with the built-in
// voice's rendition of the same text (audio/Alignment).
//
// The "person" is espeak-ng itself with a clearly different voice (another
// variant, another speed) in a room: reverb from a synthetic impulse
// response (exponentially decaying noise, RT60 0.4 s, behind a direct
// path) and noise at 20 dB SNR. Its own marks are the truth the placed
// ones are measured against. The texts are the shipped body scan's steps
// with the most marks, in Dutch and English; their long breaks are cut to
// 1.5 s so the whole measurement runs in well under a minute.
#include "audio/Alignment.h"
#include "audio/Voice.h"
#include "core/Toml.h"
#include "support/StandIn.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <regex>
#include <sstream>

namespace soma {
namespace {

namespace fs = std::filesystem;
using test::inTheRoom;
using test::Noise;

struct Step {
    std::string id;
    std::string text;
    int marks = 0;
};

// The body scan's narration steps in `lang` with marks: every step with
// three or more, then two-mark steps in script order until there are at
// least 40 marks and 8 steps.
std::vector<Step> bodyScanSteps(const std::string& lang) {
    const fs::path file = fs::path(SOMA_FIXTURE_DIR) / ".." / ".." / "plugins" / "body-scan" / "script.toml";
    std::ifstream in(file);
    std::stringstream ss;
    ss << in.rdbuf();
    const TomlParse parsed = parseToml(ss.str(), file.string());
    EXPECT_TRUE(parsed.ok) << parsed.description;
    std::vector<Step> all;
    if (const toml::array* steps = parsed.table["step"].as_array())
        for (const toml::node& node : *steps) {
            const toml::table* t = node.as_table();
            if (!t) continue;
            const auto text = (*t)["narration"][lang].value<std::string>();
            if (!text) continue;
            Step s{(*t)["id"].value_or(std::string()), *text, 0};
            for (std::size_t p = s.text.find("<mark"); p != std::string::npos; p = s.text.find("<mark", p + 1)) ++s.marks;
            // Long breaks cost run time and test nothing the short ones do not.
            s.text = std::regex_replace(s.text, std::regex(R"(<break time="[0-9.]+s"/>)"), "<break time=\"1500ms\"/>");
            if (s.marks >= 2) all.push_back(std::move(s));
        }
    std::vector<Step> chosen;
    int marks = 0;
    for (const Step& s : all)
        if (s.marks >= 3) { chosen.push_back(s); marks += s.marks; }
    for (const Step& s : all)
        if (s.marks == 2 && (marks < 40 || chosen.size() < 8)) { chosen.push_back(s); marks += s.marks; }
    return chosen;
}

// Synthesised once per process: the tests share the voice's work.
const Utterance& spoken(const std::string& text, const std::string& voice, int rateWpm) {
    static std::map<std::string, Utterance> cache;
    const std::string key = voice + "|" + std::to_string(rateWpm) + "|" + text;
    auto it = cache.find(key);
    if (it == cache.end()) {
        VoiceSettings vs;
        vs.lang = voice;
        vs.rateWpm = rateWpm;
        auto u = speak(text, vs);
        EXPECT_TRUE(u.ok()) << voice << ": " << (u.ok() ? "" : u.error().message);
        it = cache.emplace(key, u.ok() ? std::move(u).value() : Utterance{}).first;
    }
    return it->second;
}

struct Speaker {
    const char* voice;
    double speed; // times the narrator's words per minute
    Noise noise;
    const char* label;
};

// Per language, the two stand-in speakers.
std::vector<Speaker> speakersFor(const std::string& lang) {
    if (lang == "nl") return {{"nl+f3", 0.8, Noise::White, "nl+f3 0.8x white"}, {"nl+m3", 1.25, Noise::Pink, "nl+m3 1.25x pink"}};
    return {{"en+m7", 0.8, Noise::White, "en+m7 0.8x white"}, {"en+f2", 1.25, Noise::Pink, "en+f2 1.25x pink"}};
}

struct Figures {
    std::vector<double> errorsMs;
    std::vector<double> signedMs; // placed minus true
    std::vector<double> confidence;
    std::vector<double> medianCost;
    int failures = 0; // alignments that returned an error

    void add(const Figures& o) {
        errorsMs.insert(errorsMs.end(), o.errorsMs.begin(), o.errorsMs.end());
        signedMs.insert(signedMs.end(), o.signedMs.begin(), o.signedMs.end());
        confidence.insert(confidence.end(), o.confidence.begin(), o.confidence.end());
        medianCost.insert(medianCost.end(), o.medianCost.begin(), o.medianCost.end());
        failures += o.failures;
    }
    double within(double ms) const {
        if (errorsMs.empty()) return 0;
        return double(std::count_if(errorsMs.begin(), errorsMs.end(), [ms](double e) { return e <= ms; })) / double(errorsMs.size());
    }
    static double pct(std::vector<double> v, double p) {
        if (v.empty()) return 0;
        std::sort(v.begin(), v.end());
        return v[std::min(v.size() - 1, std::size_t(p * double(v.size())))];
    }
    std::string line(const std::string& label) const {
        // A refused alignment counts as a miss of 10^9 ms; shown as refused.
        std::vector<double> placed;
        for (double e : errorsMs)
            if (e < 1e8) placed.push_back(e);
        char buf[320];
        std::snprintf(buf, sizeof buf,
                      "%-20s marks %3zu  within 50 ms %5.1f%%  median %5.1f ms  p90 %6.1f ms  max %6.1f ms  (signed median %+5.1f ms)"
                      "  refused %d  confidence<0.5 %zu  path cost %.2f",
                      label.c_str(), errorsMs.size(), 100 * within(50), pct(errorsMs, 0.5), pct(placed, 0.9),
                      placed.empty() ? 0.0 : *std::max_element(placed.begin(), placed.end()), pct(signedMs, 0.5), failures,
                      std::size_t(std::count_if(confidence.begin(), confidence.end(), [](double c) { return c < kDoubtfulConfidence; })),
                      pct(medianCost, 0.5));
        return buf;
    }
};

constexpr Samples kLead = kMixRate * 7 / 10; // the person starts 0.7 s in
constexpr Samples kTail = kMixRate;

// Aligns the reference of step `refIndex` with the recording of step
// `recIndex` by `who` and measures each placed mark against the truth.
Figures measure(const std::vector<Step>& steps, const std::string& lang, const Speaker& who, std::size_t refIndex,
                std::size_t recIndex, std::uint32_t seed) {
    Figures f;
    const Utterance& ref = spoken(steps[refIndex].text, lang, 0);
    const Utterance& said = spoken(steps[recIndex].text, who.voice, int(std::lround(kRelaxedRateWpm * who.speed)));
    const std::vector<float> recording = inTheRoom(said.pcm, kLead, kTail, who.noise, 20, seed);
    std::vector<double> times;
    for (const MarkTiming& m : ref.marks) times.push_back(toSeconds(m.at));
    auto placed = alignTimes(PcmView{ref.pcm, kMixRate}, PcmView{recording, kMixRate}, times);
    const std::size_t n = std::min(ref.marks.size(), said.marks.size());
    if (!placed.ok()) {
        f.failures = 1;
        for (std::size_t k = 0; k < n; ++k) f.errorsMs.push_back(1e9);
        return f;
    }
    f.medianCost.push_back(placed->medianCost);
    for (std::size_t k = 0; k < n; ++k) {
        const double truth = toSeconds(said.marks[k].at + kLead);
        f.errorsMs.push_back(1000 * std::abs(placed->times[k].sec - truth));
        f.signedMs.push_back(1000 * (placed->times[k].sec - truth));
        f.confidence.push_back(placed->times[k].confidence);
    }
    return f;
}

class AlignmentMeasured : public ::testing::TestWithParam<const char*> {};

// The issue's measure: at least 90% of the placed marks within 50 ms of
// the word onset the stand-in speaker really said, in each language.
TEST_P(AlignmentMeasured, MarksLandWithin50msOnADifferentVoiceInARoom) {
    const std::string lang = GetParam();
    const std::vector<Step> steps = bodyScanSteps(lang);
    int markCount = 0;
    for (const Step& s : steps) markCount += s.marks;
    ASSERT_GE(steps.size(), 8u);
    ASSERT_GE(markCount, 40);

    Figures all;
    std::uint32_t seed = 1;
    for (const Speaker& who : speakersFor(lang)) {
        Figures speaker;
        for (std::size_t i = 0; i < steps.size(); ++i) {
            const Figures f = measure(steps, lang, who, i, i, seed++);
            speaker.add(f);
            for (std::size_t k = 0; k < f.errorsMs.size(); ++k)
                if (f.errorsMs[k] > 50)
                    std::printf("  %s %s mark %zu off by %.0f ms (confidence %.2f)\n", who.label, steps[i].id.c_str(), k, f.errorsMs[k],
                                k < f.confidence.size() ? f.confidence[k] : 0.0);
        }
        std::printf("%s\n", speaker.line(who.label).c_str());
        EXPECT_EQ(speaker.failures, 0) << who.label;
        EXPECT_GE(speaker.within(50), 0.85) << who.label;
        all.add(speaker);
    }
    std::printf("%s\n", all.line(lang + " all").c_str());
    EXPECT_GE(all.within(50), 0.90) << lang;
}

// The same measure with each step's reference aligned against the NEXT
// step's recording: the marks must not land, so the measure above can fail.
TEST_P(AlignmentMeasured, AnotherTextDoesNotPass) {
    const std::string lang = GetParam();
    const std::vector<Step> steps = bodyScanSteps(lang);
    ASSERT_GE(steps.size(), 8u);
    const Speaker who = speakersFor(lang).front();
    Figures wrong, right;
    std::uint32_t seed = 1;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        right.add(measure(steps, lang, who, i, i, seed));
        wrong.add(measure(steps, lang, who, i, (i + 1) % steps.size(), seed++));
    }
    std::printf("%s\n", wrong.line(lang + " other text").c_str());
    EXPECT_LT(wrong.within(50), 0.5);
    // And the path's cost says so: each mismatched pair costs more than
    // the typical matched one.
    EXPECT_GT(Figures::pct(wrong.medianCost, 0.1), Figures::pct(right.medianCost, 0.9));
}

INSTANTIATE_TEST_SUITE_P(DutchAndEnglish, AlignmentMeasured, ::testing::Values("nl", "en"));

TEST(Alignment, TheVoiceAgainstItselfAtAnotherRateIsExact) {
    const Utterance& ref = spoken("Breng je aandacht naar je <mark name=\"a\"/>voeten. <break time=\"1s\"/> En dan naar je <mark name=\"b\"/>knieën.", "nl", 0);
    ASSERT_EQ(ref.marks.size(), 2u);
    // The same sound at 44.1 kHz with a second of quiet in front.
    std::vector<float> at441(44100, 0.0f);
    for (std::size_t i = 0; i * 48000 / 44100 < ref.pcm.size(); ++i) at441.push_back(ref.pcm[i * 48000 / 44100]);
    auto placed = alignMarks(ref, PcmView{at441, 44100});
    ASSERT_TRUE(placed.ok()) << placed.error().message;
    for (std::size_t k = 0; k < 2; ++k) {
        EXPECT_NEAR((*placed)[k].sec, toSeconds(ref.marks[k].at) + 1.0, 0.015) << k;
        EXPECT_GT((*placed)[k].confidence, 0.9);
    }
}

TEST(Alignment, EmptyOrSilentOrFarTooLongIsRefusedWithItsId) {
    const Utterance& ref = spoken("Je mag je <mark name=\"a\"/>schouders opmerken.", "nl", 0);
    const double t[] = {toSeconds(ref.marks.at(0).at)};
    auto empty = alignTimes(PcmView{ref.pcm, kMixRate}, PcmView{{}, kMixRate}, t);
    ASSERT_FALSE(empty.ok());
    EXPECT_EQ(empty.error().id, "align.empty");
    const std::vector<float> silence(kMixRate * 3, 0.0f);
    auto silent = alignTimes(PcmView{ref.pcm, kMixRate}, PcmView{silence, kMixRate}, t);
    ASSERT_FALSE(silent.ok());
    EXPECT_EQ(silent.error().id, "align.empty");
    // Three renditions in a row: three times as long as the text.
    std::vector<float> thrice;
    for (int i = 0; i < 3; ++i) {
        thrice.insert(thrice.end(), ref.pcm.begin(), ref.pcm.end());
        thrice.insert(thrice.end(), kMixRate / 2, 0.0f);
    }
    auto tooLong = alignTimes(PcmView{ref.pcm, kMixRate}, PcmView{thrice, kMixRate}, t);
    ASSERT_FALSE(tooLong.ok());
    EXPECT_EQ(tooLong.error().id, "align.mismatch");
    EXPECT_NE(tooLong.error().message.find("record"), std::string::npos);
}

// One take of a whole exercise, cut into its steps: the person pauses
// between steps as long as they like (here 2 to 5 s, the voice's own
// reference has 1 s), in a room, with noise.
TEST(Alignment, OneTakeOfTheWholeExerciseIsCutIntoItsSteps) {
    const std::vector<Step> steps = bodyScanSteps("en");
    ASSERT_GE(steps.size(), 6u);
    const Speaker who{"en+m7", 0.8, Noise::White, "en+m7 0.8x"};
    std::vector<Utterance> refs;
    std::vector<float> take(std::size_t(kLead), 0.0f);
    struct Truth { double start, end; std::vector<double> marks; };
    std::vector<Truth> truth;
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> pause(2.0, 5.0);
    for (std::size_t i = 0; i < 6; ++i) {
        refs.push_back(spoken(steps[i].text, "en", 0));
        const Utterance& said = spoken(steps[i].text, who.voice, int(std::lround(kRelaxedRateWpm * who.speed)));
        const double base = toSeconds(Samples(take.size()));
        // Where the step is first heard (the first word's event may come
        // before its sound) and where its last word ends.
        float peak = 0;
        for (float v : said.pcm) peak = std::max(peak, std::abs(v));
        Samples heard = said.words.front().start;
        while (heard < Samples(said.pcm.size()) && std::abs(said.pcm[std::size_t(heard)]) < 0.01f * peak) ++heard;
        Truth t{base + toSeconds(heard), base + toSeconds(said.words.back().end), {}};
        for (const MarkTiming& m : said.marks) t.marks.push_back(base + toSeconds(m.at));
        truth.push_back(std::move(t));
        take.insert(take.end(), said.pcm.begin(), said.pcm.end());
        take.insert(take.end(), std::size_t(fromSeconds(pause(rng))), 0.0f);
    }
    const std::vector<float> recording = inTheRoom(take, 0, kTail, Noise::Pink, 20, 99);
    auto cut = alignSteps(refs, PcmView{recording, kMixRate});
    ASSERT_TRUE(cut.ok()) << cut.error().message;
    ASSERT_EQ(cut->steps.size(), refs.size());
    Figures marks;
    marks.medianCost.push_back(cut->medianCost);
    double worstStartMs = 0, latestEndMs = -1e9;
    for (std::size_t i = 0; i < refs.size(); ++i) {
        const AlignedStep& s = cut->steps[i];
        worstStartMs = std::max(worstStartMs, 1000 * std::abs(s.startSec - truth[i].start));
        latestEndMs = std::max(latestEndMs, 1000 * (s.endSec - truth[i].end));
        EXPECT_NEAR(s.startSec, truth[i].start, 0.1) << steps[i].id;
        // The end may come late by the room's reverb tail (the cut keeps
        // it), never early (the cut would take the last word's end).
        EXPECT_GE(s.endSec, truth[i].end - 0.1) << steps[i].id;
        EXPECT_LE(s.endSec, truth[i].end + 0.4) << steps[i].id;
        ASSERT_EQ(s.marks.size(), truth[i].marks.size());
        for (std::size_t k = 0; k < s.marks.size(); ++k) {
            marks.errorsMs.push_back(1000 * std::abs(s.marks[k].sec - truth[i].marks[k]));
            marks.confidence.push_back(s.marks[k].confidence);
        }
        if (i > 0) {
            EXPECT_GT(s.startSec, cut->steps[i - 1].endSec) << "steps overlap";
        }
    }
    std::printf("%s  step starts within %.0f ms, ends at most %.0f ms late\n", marks.line("whole take (en)").c_str(), worstStartMs,
                latestEndMs);
    EXPECT_GE(marks.within(50), 0.9);
}

} // namespace
} // namespace soma
