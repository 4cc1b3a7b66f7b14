// `soma record EXERCISE --in FILE` end to end, through the real program
// (issue 15 item 5): one file of the whole short body scan read aloud by a
// stand-in (another espeak-ng variant, slower, in a room, pausing between
// texts), cut into its texts and saved; then `soma export` speaks every
// step with it: the recording is in voice.wav where the timeline says, and
// each highlight starts on its mark in the recording, on its word.
#include "Json.h"
#include "audio/AudioFileStream.h"
#include "audio/Resampler.h"
#include "audio/RecordedVoice.h"
#include "audio/WavWriter.h"
#include "live/SessionLoad.h"
#include "plugin/PluginRegistry.h"
#include "session/OwnRecordings.h"
#include "support/RunProgram.h"
#include "support/StandIn.h"

#include <gtest/gtest.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace soma {
namespace {

namespace fs = std::filesystem;
using test::Json;

std::vector<float> readMono(const fs::path& p) {
    auto s = AudioFileStream::open(p);
    EXPECT_TRUE(s) << p;
    if (!s) return {};
    std::vector<float> pcm(std::size_t((*s)->length()));
    pcm.resize((*s)->read(pcm.data(), pcm.size()));
    return pcm;
}

struct Folder {
    fs::path dir = fs::temp_directory_path() / fmt::format("soma-record-cli-{}", ::getpid());
    Folder() { fs::create_directories(dir); }
    ~Folder() { fs::remove_all(dir); }
};

TEST(RecordCommand, OneFileOfTheWholeExerciseIsCutSavedAndSpokenInTheExport) {
    const Folder f;
    const std::string dataHome = "XDG_DATA_HOME=" + (f.dir / "data").string();

    // The texts, as the program will see them.
    auto registry = PluginRegistry::loadDefault();
    auto exercise = findExercise(registry, "body-scan");
    ASSERT_TRUE(exercise);
    SessionChoice choice;
    choice.exercise = "body-scan";
    choice.lang = "nl";
    DescribeOptions describe;
    auto request = describeChoice(**exercise, choice, describe);
    ASSERT_TRUE(request) << request.error().message;
    const std::vector<StepToRead> texts = stepsToRead(*request);
    ASSERT_GE(texts.size(), 5u);

    // The stand-in reads them all, 1.5 s between texts, at 44.1 kHz.
    std::vector<float> take;
    for (const StepToRead& t : texts) {
        NarrationMarkup read = t.markup;
        for (NarrationToken& tok : read.tokens)
            if (tok.kind == NarrationToken::Kind::Break) tok.breakSec = std::min(tok.breakSec, 0.6);
        auto said = speak(toSsml(read), VoiceSettings{"nl+f3", 120, 0});
        ASSERT_TRUE(said) << said.error().message;
        take.insert(take.end(), said->pcm.begin(), said->pcm.end());
        take.insert(take.end(), std::size_t(kMixRate * 3 / 2), 0.0f);
    }
    take = test::inTheRoom(take, kMixRate / 2, 0, test::Noise::Pink, 25, 11);
    const fs::path wav = f.dir / "voorgelezen.wav";
    {
        std::vector<float> at44 = Resampler::convert(take, kMixRate, 44100);
        auto w = WavWriter::create(wav, 1, 44100);
        ASSERT_TRUE(w);
        ASSERT_TRUE((*w)->write(at44.data(), at44.size()).ok());
        ASSERT_TRUE((*w)->close().ok());
    }

    auto listed = test::runSoma({"record", "body-scan", "--lang", "nl", "--list"}, {dataHome});
    ASSERT_EQ(listed.exitCode, 0) << listed.out;
    EXPECT_NE(listed.out.find(texts.front().slot), std::string::npos);
    EXPECT_NE(listed.out.find("not recorded"), std::string::npos);

    auto r = test::runSoma({"record", "body-scan", "--lang", "nl", "--in", wav.string()}, {dataHome});
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_NE(r.out.find(fmt::format("saved {} of {}", texts.size(), texts.size())), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("listen again"), std::string::npos) << "no text looks doubtful:\n" << r.out;
    const OwnRecordings own(f.dir / "data" / "soma" / "recordings" / "body-scan" / "nl");
    EXPECT_EQ(own.firstToRecord(texts), texts.size());

    // Each saved text holds its own words only: as long as the stand-in's
    // rendition of it (pauses put back aside), not a neighbour's too.
    for (const StepToRead& t : texts) {
        auto marks = own.marks(t.slot);
        ASSERT_TRUE(marks) << marks.error().message;
        ASSERT_FALSE(marks->words.empty());
        EXPECT_EQ(marks->words.size(), std::size_t(t.markup.wordCount())) << t.slot;
        // The first word starts near the start: no other text before it.
        EXPECT_LT(toSeconds(marks->words.front().start), 1.0) << t.slot;
    }

    // The export speaks every step with the person's voice.
    const fs::path out = f.dir / "export";
    auto e = test::runSoma({"export", "body-scan", "--lang", "nl", "--no-reverb", "--out", out.string()}, {dataHome});
    ASSERT_EQ(e.exitCode, 0) << e.out;
    std::ifstream in(out / "timeline.json");
    std::stringstream ss;
    ss << in.rdbuf();
    const Json timeline = Json::parse(ss.str());
    const std::vector<float> voice = readMono(out / "voice.wav");
    int recorded = 0, highlights = 0;
    for (const Json& cue : timeline["cues"].array) {
        if (cue["type"].string != "narration" || cue["recording"].isNull()) continue;
        ++recorded;
        const std::string slot = cue["step"].string;
        EXPECT_EQ(cue["recording"].string, slot + ".flac");
        const std::vector<float> file = readMono(own.audioPath(slot));
        auto marks = own.marks(slot);
        ASSERT_TRUE(marks);
        // The recording starts where its narration cue does.
        const double clipAt = cue["start"].number;
        const auto from = std::size_t(std::max(0.0, clipAt) * kMixRate);
        ASSERT_LT(from + file.size() / 2, voice.size());
        const std::span<const float> there(voice.data() + from, std::min(file.size(), voice.size() - from));
        EXPECT_GT(test::envelopeCorrelation(file, there), 0.95) << slot << ": the recording plays where the timeline says";
        // Its highlights start on its marks, on the words that follow them.
        for (const Json& h : timeline["cues"].array) {
            if (h["type"].string != "highlight" || h["step"].string != cue["step"].string || h["mark"].isNull()) continue;
            const auto m = std::find_if(marks->marks.begin(), marks->marks.end(), [&](const MarkTiming& x) { return x.name == h["mark"].string; });
            ASSERT_NE(m, marks->marks.end()) << h["mark"].string;
            EXPECT_NEAR(h["start"].number, clipAt + toSeconds(m->at), 0.002) << slot << " " << m->name;
            const auto word = std::find_if(marks->words.begin(), marks->words.end(), [&](const WordTiming& w) { return w.end > m->at; });
            ASSERT_NE(word, marks->words.end());
            EXPECT_EQ(h["word"].string, word->text) << slot << " " << m->name;
            ++highlights;
        }
    }
    EXPECT_EQ(recorded, int(texts.size())) << "every text the person read is spoken by them";
    EXPECT_GT(highlights, 10);
}

TEST(RecordCommand, AFileThatCannotBeUsedIsNamedAndNothingIsSaved) {
    const Folder f;
    const std::string dataHome = "XDG_DATA_HOME=" + (f.dir / "data").string();
    auto missing = test::runSoma({"record", "body-scan", "--lang", "en", "--in", (f.dir / "nope.wav").string()}, {dataHome});
    EXPECT_EQ(missing.exitCode, 1);
    EXPECT_NE(missing.out.find("nope.wav"), std::string::npos) << missing.out;
    const fs::path quiet = f.dir / "stil.wav";
    {
        const std::vector<float> silence(std::size_t(kMixRate * 5), 0.0f);
        auto w = WavWriter::create(quiet, 1);
        ASSERT_TRUE(w);
        ASSERT_TRUE((*w)->write(silence.data(), silence.size()).ok());
        ASSERT_TRUE((*w)->close().ok());
    }
    auto silent = test::runSoma({"record", "body-scan", "--lang", "en", "--in", quiet.string()}, {dataHome});
    EXPECT_EQ(silent.exitCode, 1) << silent.out;
    EXPECT_NE(silent.out.find("stil.wav"), std::string::npos) << silent.out;
    auto wrongText = test::runSoma({"record", "body-scan", "--lang", "en", "--in", quiet.string(), "--text", "elbow"}, {dataHome});
    EXPECT_EQ(wrongText.exitCode, 1);
    EXPECT_NE(wrongText.out.find("has no text 'elbow'"), std::string::npos) << wrongText.out;
    std::error_code ec;
    EXPECT_TRUE(fs::is_empty(f.dir / "data" / "soma" / "recordings" / "body-scan" / "en", ec) || ec) << "nothing saved";
}

} // namespace
} // namespace soma
