// A person's own voice for an exercise (issue 15): the texts to read, a
// take of one saved as the exercise's recording (trimmed, its written
// pauses put back, loudness at -18 LUFS, every word and mark placed by
// alignment), and the session builder speaking it, or the built-in voice
// when the text has changed since.
//
// The person is a stand-in: espeak-ng with another variant at 0.8 times
// the narrator's pace, reading straight through (short pauses where the
// text has long ones), in a room with reverb and noise (support/StandIn).
// Its own marks are the truth.
#include "audio/AudioFileStream.h"
#include "audio/Loudness.h"
#include "audio/RecordedVoice.h"
#include "core/Log.h"
#include "live/SessionLoad.h"
#include "plugin/PluginRegistry.h"
#include "session/OwnRecordings.h"
#include "session/Session.h"
#include "session/SessionBuilder.h"
#include "support/StandIn.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>

namespace soma {
namespace {

namespace fs = std::filesystem;

SessionRequest bodyScan(const std::string& lang) {
    auto registry = PluginRegistry::loadDefault();
    auto exercise = findExercise(registry, "body-scan");
    EXPECT_TRUE(exercise);
    DescribeOptions o;
    o.lang = lang;
    o.variant = "short";
    auto rq = (*exercise)->describe(o);
    EXPECT_TRUE(rq) << rq.error().message;
    return rq ? *rq : SessionRequest{};
}

int markCount(const StepToRead& s) { return int(s.markup.marks().size()); }

bool hasPauseInside(const StepToRead& s) {
    bool word = false;
    for (const NarrationToken& t : s.markup.tokens) {
        if (t.kind == NarrationToken::Kind::Text) word = true;
        if (t.kind == NarrationToken::Kind::Break && word && t.breakSec >= 2) return true;
    }
    return false;
}

// The stand-in reads the step straight through: each written pause
// becomes the half second a reader takes to breathe.
Utterance readAloud(const StepToRead& step, const std::string& voice) {
    NarrationMarkup read = step.markup;
    for (NarrationToken& t : read.tokens)
        if (t.kind == NarrationToken::Kind::Break) t.breakSec = std::min(t.breakSec, 0.5);
    auto u = speak(toSsml(read), VoiceSettings{voice, int(std::lround(kRelaxedRateWpm * 0.8)), 0});
    EXPECT_TRUE(u) << (u ? "" : u.error().message);
    return u ? std::move(u).value() : Utterance{};
}

constexpr Samples kLead = kMixRate * 7 / 10;
constexpr Samples kTail = kMixRate;

std::vector<float> readBack(const fs::path& file) {
    auto stream = AudioFileStream::open(file);
    EXPECT_TRUE(stream) << (stream ? "" : stream.error().message);
    if (!stream) return {};
    std::vector<float> pcm(std::size_t((*stream)->length()));
    pcm.resize((*stream)->read(pcm.data(), pcm.size()));
    return pcm;
}

class OwnRecordingsTest : public ::testing::TestWithParam<const char*> {
protected:
    void TearDown() override { fs::remove_all(folder()); }
    fs::path folder() const { return fs::temp_directory_path() / fmt::format("soma-own-{}-{}", ::getpid(), GetParam()); }
};

// Saved takes of the steps with a pause inside and marks: the marks land on
// the stand-in's words in the saved file, the pauses are back as silence,
// the loudness is the built-in voice's, and the marks file says which text.
TEST_P(OwnRecordingsTest, ATakeIsSavedWithItsMarksOnItsWordsAndThePausesPutBack) {
    const std::string lang = GetParam();
    const std::string voice = lang == std::string("nl") ? "nl+f3" : "en+m7";
    const SessionRequest request = bodyScan(lang);
    const std::vector<StepToRead> steps = stepsToRead(request);
    ASSERT_GE(steps.size(), 5u);
    const OwnRecordings own(folder());

    std::vector<double> errorsMs;
    int saved = 0, withPauses = 0;
    for (const StepToRead& step : steps) {
        if (markCount(step) < 1) continue;
        ++saved;
        const Utterance said = readAloud(step, voice);
        const std::vector<float> take = test::inTheRoom(said.pcm, kLead, kTail, test::Noise::White, 20, 7u + unsigned(saved));
        auto ref = readingReference(step, lang, {});
        ASSERT_TRUE(ref) << ref.error().message;
        auto result = own.save(step, **ref, take, kMixRate);
        ASSERT_TRUE(result) << step.stepId << ": " << result.error().message;
        EXPECT_FALSE(result->doubtful) << step.stepId << " cost " << result->medianCost;
        EXPECT_EQ(own.state(step), RecordingState::Recorded);

        // Marks: placed against the stand-in's own, carried into the saved file.
        ASSERT_EQ(result->marks.size(), step.markup.marks().size()) << step.stepId;
        for (const AlignedMark& m : result->marks) {
            const MarkTiming* truth = said.mark(m.name);
            ASSERT_NE(truth, nullptr) << m.name;
            errorsMs.push_back(1000 * std::abs(m.sec - result->savedTime(toSeconds(truth->at + kLead))));
        }
        // The file as the builder will read it: its marks and words, the fingerprint.
        auto marks = own.marks(step.slot);
        ASSERT_TRUE(marks) << marks.error().message;
        EXPECT_EQ(marks->textFingerprint, step.fingerprint);
        EXPECT_EQ(marks->marks.size(), result->marks.size());
        EXPECT_EQ(marks->words.size(), result->words.size());
        EXPECT_EQ(marks->words.size(), said.words.size()) << "one cue per word of the text";

        // The pauses: as long as written, silent, where the reader paused.
        double written = 0;
        for (std::size_t i = 0, word = 0; i < step.markup.tokens.size(); ++i) {
            const NarrationToken& t = step.markup.tokens[i];
            if (t.kind == NarrationToken::Kind::Text) word = 1;
            if (t.kind == NarrationToken::Kind::Break && word && i + 1 < step.markup.tokens.size()) written += t.breakSec;
        }
        if (!hasPauseInside(step)) continue;
        ++withPauses;
        ASSERT_FALSE(result->pauses.empty());
        EXPECT_GT(result->pausesAddedSec, written - 1.2 * double(result->pauses.size()))
            << "the reader's own quiet counts towards the written pause";
        EXPECT_LT(result->pausesAddedSec, written);
        const std::vector<float> pcm = readBack(own.audioPath(step.slot));
        EXPECT_NEAR(toSeconds(Samples(pcm.size())), result->seconds, 0.01);
        double before = 0;
        for (const SavedTake::Pause& p : result->pauses) {
            const auto from = std::size_t(fromSeconds(p.atSec + before + 0.03));
            const auto to = std::size_t(fromSeconds(p.atSec + before + p.sec - 0.03));
            ASSERT_LE(to, pcm.size());
            float peak = 0;
            for (std::size_t i = from; i < to; ++i) peak = std::max(peak, std::abs(pcm[i]));
            EXPECT_LT(peak, 1e-3f) << step.stepId << ": the pause at " << p.atSec << " s is quiet";
            // It is put between words: no word reaches into it.
            const double quietFrom = p.atSec + before + 0.03, quietTo = p.atSec + before + p.sec - 0.03;
            for (const AlignedWord& w : result->words) {
                EXPECT_FALSE(w.startSec < quietTo && w.endSec > quietFrom) << w.text << " lies in the pause at " << p.atSec;
            }
            before += p.sec;
        }
        auto loud = integratedLoudness(pcm, kMixRate);
        ASSERT_TRUE(loud);
        EXPECT_NEAR(*loud, -18.0, 1.0);
    }
    EXPECT_GE(saved, 6);
    EXPECT_GE(withPauses, 3) << "the short body scan has steps with marks and a pause to test";
    std::sort(errorsMs.begin(), errorsMs.end());
    const double within = double(std::count_if(errorsMs.begin(), errorsMs.end(), [](double e) { return e <= 50; })) / double(errorsMs.size());
    std::printf("[ figures  ] %s saved takes: marks %zu, within 50 ms %.1f%%, median %.1f ms, max %.1f ms\n", lang.c_str(),
                errorsMs.size(), 100 * within, errorsMs[errorsMs.size() / 2], errorsMs.back());
    // The alignment itself is measured in audio/AlignmentTest (90% within
    // 50 ms there, with the long pauses read as written); here a reader who
    // hurries through the pauses, and the pipeline around it: trimming and
    // the quiet put back must not move a single mark by more than a syllable.
    EXPECT_GE(within, 0.8);
    EXPECT_LE(errorsMs.back(), 100.0);
}

// The state of each text as a recording screen shows it, and the builder:
// a saved take speaks its step with highlights on its marks; after the
// exercise's text changes the built-in voice speaks it, with a warning.
TEST_P(OwnRecordingsTest, ARecordingSpeaksItsStepUntilTheTextChanges) {
    const std::string lang = GetParam();
    SessionRequest request = bodyScan(lang);
    const std::vector<StepToRead> steps = stepsToRead(request);
    const OwnRecordings own(folder());
    EXPECT_EQ(own.firstToRecord(steps), 0u);
    std::size_t which = 0;
    while (which < steps.size() && markCount(steps[which]) == 0) ++which;
    ASSERT_LT(which, steps.size());
    const StepToRead& step = steps[which];
    EXPECT_EQ(own.state(step), RecordingState::None);

    const Utterance said = readAloud(step, lang == std::string("nl") ? "nl+m3" : "en+f2");
    auto ref = readingReference(step, lang, {});
    ASSERT_TRUE(ref);
    auto result = own.save(step, **ref, test::inTheRoom(said.pcm, kLead, kTail, test::Noise::Pink, 25, 3), kMixRate);
    ASSERT_TRUE(result) << result.error().message;
    EXPECT_EQ(own.state(step), RecordingState::Recorded);
    if (which == 0) {
        EXPECT_EQ(own.firstToRecord(steps), 1u);
    }

    SessionBuildOptions options;
    options.userRecordings = own.folder();
    {
        auto session = buildSession(request, options);
        ASSERT_TRUE(session) << session.error().message;
        const SessionStep* ours = nullptr;
        for (const SessionStep& st : session->steps)
            if (st.id == step.stepId) ours = &st;
        ASSERT_TRUE(ours && ours->clip >= 0);
        const NarrationClip& clip = session->clips[std::size_t(ours->clip)];
        EXPECT_EQ(clip.recording, own.audioPath(step.slot));
        int placed = 0;
        for (const TimedHighlight& h : session->highlights)
            if (h.step == step.stepId && !h.mark.empty()) {
                const auto m = std::find_if(result->marks.begin(), result->marks.end(), [&](const AlignedMark& a) { return a.name == h.mark; });
                ASSERT_NE(m, result->marks.end()) << h.mark;
                EXPECT_NEAR(toSeconds(h.start - clip.at), m->sec, 0.002) << h.mark;
                ++placed;
            }
        EXPECT_GT(placed, 0);
    }

    // A mark nudged by hand moves its highlight; the words stay.
    {
        auto marks = own.marks(step.slot);
        ASSERT_TRUE(marks);
        std::vector<MarkTiming> moved = marks->marks;
        moved[0].at += fromSeconds(0.25);
        ASSERT_TRUE(own.saveMarks(step, moved).ok());
        auto again = own.marks(step.slot);
        ASSERT_TRUE(again);
        EXPECT_EQ(again->marks[0].at, moved[0].at);
        EXPECT_EQ(again->words.size(), marks->words.size());
        EXPECT_EQ(own.state(step), RecordingState::Recorded);
    }

    // The exercise's text changes: stale, and the built-in voice speaks the step.
    for (StepRequest& s : request.steps)
        if (s.id == step.stepId) {
            s.narration += " Nog een zin erbij.";
        }
    const std::vector<StepToRead> changed = stepsToRead(request);
    const auto now = std::find_if(changed.begin(), changed.end(), [&](const StepToRead& s) { return s.slot == step.slot; });
    ASSERT_NE(now, changed.end());
    EXPECT_NE(now->fingerprint, step.fingerprint);
    EXPECT_EQ(own.state(*now), RecordingState::Stale);
    log::Capture logs;
    auto session = buildSession(request, options);
    ASSERT_TRUE(session) << session.error().message;
    EXPECT_TRUE(logs.has("recording.stale"));
    for (const SessionStep& st : session->steps)
        if (st.id == step.stepId) {
            EXPECT_TRUE(session->clips[std::size_t(st.clip)].recording.empty());
        }

    // Removed: not recorded, and nothing of it is left.
    ASSERT_TRUE(own.remove(step.slot).ok());
    EXPECT_EQ(own.state(step), RecordingState::None);
    EXPECT_FALSE(fs::exists(own.marksPath(step.slot)));
}

INSTANTIATE_TEST_SUITE_P(DutchAndEnglish, OwnRecordingsTest, ::testing::Values("nl", "en"));

TEST(OwnRecordings, AFingerprintIsTheWordsOnly) {
    EXPECT_EQ(textFingerprint("Adem rustig in."), textFingerprint("adem  rustig\nin"));
    EXPECT_EQ(textFingerprint("Laat je schouders zakken, als het goed voelt."), textFingerprint("laat je schouders zakken als het goed voelt"));
    EXPECT_NE(textFingerprint("Adem rustig in."), textFingerprint("Adem rustig uit."));
    EXPECT_NE(textFingerprint("voeten"), textFingerprint("voet en"));
    EXPECT_EQ(textFingerprint("x").size(), 16u);
}

// A take with no speech, or of the wrong length, is refused with its id and
// leaves the earlier recording as it was; a broken marks file is named.
TEST(OwnRecordings, ABadTakeIsRefusedAndTheEarlierRecordingKept) {
    const SessionRequest request = bodyScan("nl");
    const std::vector<StepToRead> steps = stepsToRead(request);
    ASSERT_FALSE(steps.empty());
    const StepToRead& step = steps.front();
    const OwnRecordings own(fs::temp_directory_path() / fmt::format("soma-own-bad-{}", ::getpid()));
    auto ref = readingReference(step, "nl", {});
    ASSERT_TRUE(ref);

    const std::vector<float> quiet(std::size_t(kMixRate * 4), 0.0f);
    auto silent = own.save(step, **ref, quiet, kMixRate);
    ASSERT_FALSE(silent);
    EXPECT_EQ(silent.error().id, "align.empty");
    EXPECT_EQ(own.state(step), RecordingState::None);

    const Utterance said = readAloud(step, "nl+f3");
    ASSERT_TRUE(own.save(step, **ref, said.pcm, kMixRate));
    const auto before = fs::file_size(own.audioPath(step.slot));
    std::vector<float> far(said.pcm);
    for (int i = 0; i < 6; ++i) far.insert(far.end(), said.pcm.begin(), said.pcm.end());
    auto tooLong = own.save(step, **ref, far, kMixRate);
    ASSERT_FALSE(tooLong);
    EXPECT_EQ(tooLong.error().id, "align.mismatch");
    EXPECT_EQ(fs::file_size(own.audioPath(step.slot)), before);
    EXPECT_EQ(own.state(step), RecordingState::Recorded);

    std::ofstream(own.marksPath(step.slot)) << "WEBVTT\n\n00:00:01.000 --> nonsense\nword\n";
    std::string why;
    EXPECT_EQ(own.state(step, &why), RecordingState::Broken);
    EXPECT_NE(why.find(own.marksPath(step.slot).string()), std::string::npos) << why;
    fs::remove_all(own.folder());
}

} // namespace
} // namespace soma
