// A person's own recording of a step (issue 15 item 3, where recordings
// live): in $XDG_DATA_HOME/soma/recordings/<exercise>/<lang>/<step>.wav
// with <step>.vtt beside it, it speaks that step of a real exercise, and
// the step's highlights start on the recording's own marks; the steps it
// does not cover keep the built-in voice.
#include "audio/Voice.h"
#include "audio/WavWriter.h"
#include "core/Paths.h"
#include "live/SessionLoad.h"
#include "model/Narration.h"
#include "plugin/PluginRegistry.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

namespace soma {
namespace {

namespace fs = std::filesystem;

std::string vttTime(Samples t) {
    const double s = double(t) / double(kMixRate);
    const int h = int(s / 3600), m = int(std::fmod(s, 3600.0) / 60), ms = int(std::lround(std::fmod(s, 60.0) * 1000.0));
    return fmt::format("{:02d}:{:02d}:{:02d}.{:03d}", h, m, ms / 1000, ms % 1000);
}

} // namespace

TEST(UserRecordings, AStepRecordedByThePersonIsSpokenByItWithItsOwnMarks) {
    // The body scan in Dutch: its first step whose narration lights a region on a mark.
    auto registry = PluginRegistry::loadDefault();
    auto exercise = findExercise(registry, "body-scan");
    ASSERT_TRUE(exercise);
    DescribeOptions o;
    o.lang = "nl";
    o.variant = "short";
    auto rq = (*exercise)->describe(o);
    ASSERT_TRUE(rq) << rq.error().message;
    const StepRequest* step = nullptr;
    for (const StepRequest& s : rq->steps)
        for (const HighlightRequest& h : s.highlights)
            if (!step && !h.mark.empty() && !s.narration.empty()) step = &s;
    ASSERT_NE(step, nullptr);
    std::string mark;
    for (const HighlightRequest& h : step->highlights)
        if (mark.empty() && !h.mark.empty()) mark = h.mark;

    // The "person": another voice, faster, standing in for a recording.
    NarrationMarkup markup;
    NarrationError err;
    ASSERT_TRUE(parseNarration(step->narration, markup, err)) << err.message;
    auto spoken = speak(toSsml(markup), VoiceSettings{"nl+f3", 170, 0});
    ASSERT_TRUE(spoken) << spoken.error().message;
    ASSERT_NE(spoken->mark(mark), nullptr);
    const fs::path dir = userRecordingsDir() / "body-scan" / "nl";
    fs::create_directories(dir);
    {
        auto wav = WavWriter::create(dir / (step->id + ".wav"), 1);
        ASSERT_TRUE(wav);
        ASSERT_TRUE((*wav)->write(spoken->pcm.data(), spoken->pcm.size()).ok());
        ASSERT_TRUE((*wav)->close().ok());
        std::ofstream vtt(dir / (step->id + ".vtt"));
        vtt << "WEBVTT\n";
        for (const MarkTiming& m : spoken->marks) vtt << "\n" << vttTime(m.at) << " --> " << vttTime(m.at) << "\nmark:" << m.name << "\n";
        for (const WordTiming& w : spoken->words) vtt << "\n" << vttTime(w.start) << " --> " << vttTime(w.end) << "\n" << w.text << "\n";
    }

    SessionChoice c;
    c.exercise = "body-scan";
    c.lang = "nl";
    c.variant = "short";
    auto loaded = loadSession(c);
    ASSERT_TRUE(loaded) << loaded.error().message;
    const Session& s = (*loaded)->session;
    int recorded = 0, builtIn = 0;
    const SessionStep* ours = nullptr;
    for (const SessionStep& st : s.steps) {
        if (st.clip < 0) continue;
        const NarrationClip& clip = s.clips[size_t(st.clip)];
        if (st.id == step->id) ours = &st;
        (clip.recording.empty() ? builtIn : recorded)++;
    }
    ASSERT_NE(ours, nullptr);
    const NarrationClip& clip = s.clips[size_t(ours->clip)];
    EXPECT_EQ(clip.recording, dir / (step->id + ".wav")) << "the person's recording speaks the step";
    EXPECT_EQ(recorded, 1);
    EXPECT_GT(builtIn, 3) << "the other steps keep the built-in voice";
    // The highlight starts on the recording's own mark (the words, the captions too).
    bool found = false;
    for (const TimedHighlight& h : s.highlights)
        if (h.step == step->id && h.mark == mark) {
            found = true;
            EXPECT_NEAR(double(h.start - clip.at) / kMixRate, double(spoken->mark(mark)->at) / kMixRate, 0.03);
        }
    EXPECT_TRUE(found);
    fs::remove_all(userRecordingsDir());
}

} // namespace soma
