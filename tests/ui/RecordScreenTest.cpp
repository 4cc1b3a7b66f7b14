// The therapist records their own voice (issue 15): from therapist mode,
// the recording screen, driven by real SDL events into a real offscreen
// window; the microphone is SDL's `disk` audio driver reading files of a
// stand-in reader (another espeak-ng voice, slower, in a room). Three texts
// are recorded, one of them again, a moment is moved by hand, the screen is
// left and opened again where it stopped, and the exercise's export speaks
// the recordings with the highlights on their words.
#include "session/Json.h"
#include "TherapistFixture.h"
#include "audio/AudioFileStream.h"
#include "session/OwnRecordings.h"
#include "support/ImageCheck.h"
#include "support/RunProgram.h"
#include "support/StandIn.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace soma {
namespace {

class RecordScreenTest : public TherapistTest {
protected:
    const VoiceRecorder& recorder() { return *therapist().recorder(); }

    // The stand-in reads text `i` as a person would: straight through.
    std::vector<float> reading(std::size_t i, const char* voice) {
        NarrationMarkup read = recorder().texts()[i].markup;
        for (NarrationToken& t : read.tokens)
            if (t.kind == NarrationToken::Kind::Break) t.breakSec = std::min(t.breakSec, 0.5);
        auto said = speak(toSsml(read), VoiceSettings{voice, 110, 0});
        EXPECT_TRUE(said) << said.error().message;
        return test::inTheRoom(said ? said->pcm : std::vector<float>{}, kMixRate / 2, kMixRate / 2, test::Noise::Pink, 25, unsigned(i) + 5);
    }

    // Points the microphone at `pcm` (the disk driver reads float32 mono at
    // the rate asked, 1024 samples every 2 ms) and records it: Record,
    // until it is all heard, Stop and save, until saved.
    void record(const std::vector<float>& pcm, const std::string& name) {
        const fs::path raw = tempDir("mic") / (name + ".raw");
        std::ofstream(raw, std::ios::binary).write(reinterpret_cast<const char*>(pcm.data()), std::streamsize(pcm.size() * sizeof(float)));
        ::setenv("SDL_AUDIODRIVER", "disk", 1);
        ::setenv("SDL_DISKAUDIOFILEIN", raw.c_str(), 1);
        ::setenv("SDL_DISKAUDIODELAY", "2", 1);
        tap("rec:record");
        ASSERT_TRUE(recorder().recording()) << recorder().message();
        const double seconds = toSeconds(Samples(pcm.size()));
        bool metered = false;
        ASSERT_TRUE(until([&] {
            if (const ui::Widget* level = shell->screen().find("rec:level"))
                metered = metered || level->rect.w > shell->screen().find("rec:meter")->rect.w * 0.4f;
            return recorder().takeSeconds() >= seconds + 0.2;
        }, 60));
        EXPECT_TRUE(metered) << "the level meter showed the voice";
        tap("rec:record");
        ASSERT_FALSE(recorder().recording());
        ASSERT_TRUE(until([&] { return !recorder().saving(); }, 60));
        frames(1);
        ::unsetenv("SDL_DISKAUDIOFILEIN");
    }

    RecordingState stateOf(std::size_t i) { return recorder().recordings()->state(recorder().texts()[i]); }
};

std::string readText(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::vector<float> readMono(const fs::path& p) {
    auto s = AudioFileStream::open(p);
    if (!s) return {};
    std::vector<float> pcm(std::size_t((*s)->length()));
    pcm.resize((*s)->read(pcm.data(), pcm.size()));
    return pcm;
}

TEST_F(RecordScreenTest, ThreeTextsRecordedOneAgainAMomentMovedAndTheExportSpeaksThem) {
    open();
    unlock();
    tap("own_voice");
    ASSERT_EQ(therapist().page(), Therapist::Page::Record);
    ASSERT_EQ(recorder().exercise(), "body-scan");
    tap("rec:lang:nl");
    ASSERT_GE(recorder().texts().size(), 4u);
    EXPECT_EQ(recorder().index(), 0u);
    {
        // The text to read is shown, a word at a time.
        std::istringstream text(recorder().texts()[0].text);
        std::string a, b, c;
        text >> a >> b >> c;
        EXPECT_NE(words().find(a + "\n" + b + "\n" + c + "\n"), std::string::npos) << words();
    }

    // Three texts, each recorded and then Next.
    for (std::size_t i = 0; i < 3; ++i) {
        SCOPED_TRACE(i);
        ASSERT_EQ(recorder().index(), i);
        record(reading(i, "nl+f3"), "take" + std::to_string(i));
        EXPECT_EQ(stateOf(i), RecordingState::Recorded) << recorder().message();
        EXPECT_NE(recorder().message().find("Saved"), std::string::npos) << recorder().message();
        tap("rec:next");
    }
    // The second again, in another voice: it replaces the first take.
    tap("rec:prev");
    tap("rec:prev");
    ASSERT_EQ(recorder().index(), 1u);
    const fs::path second = recorder().recordings()->audioPath(recorder().texts()[1].slot);
    const std::vector<float> before = readMono(second);
    record(reading(1, "nl+m3"), "again1");
    const std::vector<float> after = readMono(second);
    EXPECT_NE(before.size(), after.size()) << "the new take replaced the old";
    EXPECT_EQ(stateOf(1), RecordingState::Recorded);

    // A moment of it, chosen and moved 50 ms later: the figure lights its
    // region, the marks file has it moved.
    const StepToRead& first = recorder().texts()[1];
    auto marks = recorder().recordings()->marks(first.slot);
    ASSERT_TRUE(marks);
    const MarkTiming moved = [&] {
        for (const MarkTiming& m : marks->marks)
            if (first.markRegions.count(m.name)) return m;
        return MarkTiming{};
    }();
    ASSERT_FALSE(moved.name.empty()) << "the second text lights a region";
    {
        tap("rec:mark:" + moved.name);
        EXPECT_FALSE(therapist().recorder()->litRegions().empty());
        EXPECT_EQ(recorder().state().chosen, moved.name);
        tap("rec:nudge:50");
        auto again = recorder().recordings()->marks(first.slot);
        ASSERT_TRUE(again);
        for (const MarkTiming& m : again->marks) {
            if (m.name == moved.name) {
                EXPECT_EQ(m.at, moved.at + fromSeconds(0.05));
            }
        }
    }

    // Away and back later: it opens at the first text not recorded.
    tap("back");
    tap("lock");
    unlock();
    tap("own_voice");
    tap("rec:lang:nl");
    EXPECT_EQ(recorder().index(), 3u) << "where the person stopped";

    // The export of the exercise speaks the three recordings, each where
    // the timeline says, its highlights on its own moments.
    const fs::path out = tempDir("export");
    auto e = test::runSoma({"export", "body-scan", "--lang", "nl", "--no-reverb", "--out", out.string()});
    ASSERT_EQ(e.exitCode, 0) << e.out;
    const test::Json timeline = test::Json::parse(readText(out / "timeline.json"));
    const std::vector<float> voice = readMono(out / "voice.wav");
    int recorded = 0, onMarks = 0;
    for (const test::Json& cue : timeline["cues"].array) {
        if (cue["type"].string != "narration" || cue["recording"].isNull()) continue;
        ++recorded;
        const std::string slot = cue["step"].string;
        const std::vector<float> file = readMono(recorder().recordings()->audioPath(slot));
        const auto from = std::size_t(cue["start"].number * kMixRate);
        ASSERT_LT(from, voice.size());
        EXPECT_GT(test::envelopeCorrelation(file, std::span(voice).subspan(from, std::min(file.size(), voice.size() - from))), 0.95) << slot;
        auto m = recorder().recordings()->marks(slot);
        ASSERT_TRUE(m);
        for (const test::Json& h : timeline["cues"].array)
            if (h["type"].string == "highlight" && h["step"].string == slot && !h["mark"].isNull())
                for (const MarkTiming& mk : m->marks)
                    if (mk.name == h["mark"].string) {
                        EXPECT_NEAR(h["start"].number, cue["start"].number + toSeconds(mk.at), 0.002) << slot << " " << mk.name;
                        ++onMarks;
                    }
    }
    EXPECT_EQ(recorded, 3);
    EXPECT_GT(onMarks, 2);
}

// The screen in both languages, new and after a text with moments is
// recorded and its second moment chosen (the figure lit where it lights).
TEST_F(RecordScreenTest, TheRecordingScreenInBothLanguagesMatchesItsGolden) {
    for (const char* lang : {"nl", "en"}) {
        SCOPED_TRACE(lang);
        fs::remove_all(practice);
        fs::remove_all(userRecordingsDir());
        open();
        tap(std::string("lang:") + lang);
        unlock();
        EXPECT_TRUE(test::matchesGolden(shell->screenshot(), std::string("therapist_clients_empty_") + lang, {12, 0.01}));
        tap("own_voice");
        tap(std::string("rec:lang:") + lang);
        EXPECT_TRUE(test::matchesGolden(shell->screenshot(), std::string("record_new_") + lang, {12, 0.01}));
        tap("rec:next");
        record(reading(1, lang == std::string("nl") ? "nl+f3" : "en+m7"), std::string("golden-") + lang);
        ASSERT_FALSE(recorder().state().moments.empty());
        tap("rec:mark:" + recorder().state().moments[1].name);
        EXPECT_TRUE(test::matchesGolden(shell->screenshot(), std::string("record_saved_") + lang, {12, 0.01}));
        tap("back");
        tap("lock");
    }
}

} // namespace
} // namespace soma
