// A therapist's own recording: files that work, and files that do not, each
// with an error that names the file (and the line, for marks).
#include "AudioTestUtil.h"

#include "audio/RecordedVoice.h"
#include "audio/WavWriter.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace soma {
namespace {

namespace fs = std::filesystem;
using namespace soma::test;

fs::path fixture(const char* name) { return fs::path(SOMA_FIXTURE_DIR) / "audio" / name; }

// Inside the per-process XDG folder that support/TestMain.cpp removes.
fs::path scratch(const std::string& name) {
    const char* cache = std::getenv("XDG_CACHE_HOME");
    const fs::path dir = fs::path(cache ? cache : fs::temp_directory_path().c_str()) / "recordings";
    fs::create_directories(dir);
    return dir / name;
}

void writeText(const fs::path& p, const std::string& text) {
    std::ofstream(p, std::ios::binary) << text;
}

// A recording of silence with 50 ms tone bursts at the given seconds.
fs::path writeBursts(const std::string& name, int rate, int channels, const std::vector<double>& at, double lengthSec,
                     SampleFormat fmt = SampleFormat::Pcm16) {
    const fs::path p = scratch(name);
    auto w = WavWriter::create(p, channels, rate, fmt);
    EXPECT_TRUE(w.ok());
    std::vector<float> data(std::size_t(lengthSec * rate) * std::size_t(channels), 0.f);
    for (double s : at)
        for (int i = 0; i < rate / 20; ++i)
            for (int c = 0; c < channels; ++c)
                data[(std::size_t(s * rate) + std::size_t(i)) * std::size_t(channels) + std::size_t(c)] =
                    0.5f * float(std::sin(2 * M_PI * 500.0 * i / rate));
    EXPECT_TRUE((*w)->write(data.data(), data.size() / std::size_t(channels)).ok());
    EXPECT_TRUE((*w)->close().ok());
    return p;
}

void expectErrorNaming(const Result<RecordedVoice>& r, const char* id, const std::string& what) {
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().id, id) << r.error().message;
    EXPECT_NE(r.error().message.find(what), std::string::npos) << r.error().message;
}

TEST(RecordedVoice, ABrokenFileIsRefusedByName) {
    expectErrorNaming(RecordedVoice::open(fixture("broken.wav")), "recording.open", "broken.wav");
}

TEST(RecordedVoice, ATruncatedWavIsRefusedByName) {
    expectErrorNaming(RecordedVoice::open(fixture("truncated.wav")), "recording.truncated", "truncated.wav");
}

TEST(RecordedVoice, ATruncatedFlacIsRefusedByName) {
    expectErrorNaming(RecordedVoice::open(fixture("truncated.flac")), "recording.truncated", "truncated.flac");
}

TEST(RecordedVoice, AMissingFileIsRefusedByName) {
    expectErrorNaming(RecordedVoice::open(scratch("no-such-recording.flac")), "recording.open", "no-such-recording.flac");
}

TEST(RecordedVoice, AMalformedWebVttNamesFileAndLine) {
    const fs::path audio = writeBursts("for-marks.wav", 16000, 1, {0.5}, 3.0);
    expectErrorNaming(RecordedVoice::open(audio, fixture("malformed.vtt")), "marks.syntax", "malformed.vtt:8:");
}

TEST(RecordedVoice, AMalformedLabelTrackNamesFileAndLine) {
    const fs::path audio = writeBursts("for-labels.wav", 16000, 1, {0.5}, 3.0);
    expectErrorNaming(RecordedVoice::open(audio, fixture("malformed-labels.txt")), "marks.syntax", "malformed-labels.txt:3:");
}

TEST(RecordedVoice, AMarkPastTheEndIsRefused) {
    const fs::path audio = writeBursts("short.wav", 16000, 1, {0.5}, 1.0);
    const fs::path marks = scratch("late.txt");
    writeText(marks, "0.2\t0.4\tFeel\n5.0\t5.0\tmark:late\n");
    expectErrorNaming(RecordedVoice::open(audio, marks), "marks.syntax", "late.txt:2:");
}

TEST(RecordedVoice, WebVttGivesWordsAndMarks) {
    const fs::path audio = writeBursts("vtt.wav", 44100, 2, {0.5, 1.5}, 2.5);
    const fs::path marks = scratch("vtt.vtt");
    writeText(marks,
              "WEBVTT\n\nNOTE made by hand\n\n1\n00:00:00.500 --> 00:00:00.900\nFeel\n\n"
              "00:00:01.500 --> 00:00:01.500\nmark:belly\n\n00:01.500 --> 00:02.000\nyour belly\n");
    auto v = RecordedVoice::open(audio, marks);
    ASSERT_TRUE(v.ok()) << v.error().message;
    EXPECT_EQ(v->fileRate(), 44100);
    EXPECT_EQ(v->fileChannels(), 2);
    EXPECT_NEAR(double(v->length()), 2.5 * kMixRate, 2.0);
    const Utterance& t = v->timing();
    ASSERT_EQ(t.words.size(), 3u);
    EXPECT_EQ(t.words[0].text, "Feel");
    EXPECT_EQ(t.words[0].start, fromMillis(500));
    EXPECT_EQ(t.words[0].end, fromMillis(900));
    EXPECT_EQ(t.words[1].text, "your");
    EXPECT_EQ(t.words[2].text, "belly");
    EXPECT_EQ(t.words[2].end, fromMillis(2000));
    ASSERT_EQ(t.marks.size(), 1u);
    EXPECT_EQ(t.marks[0].name, "belly");
    EXPECT_EQ(t.marks[0].at, fromMillis(1500));
}

TEST(RecordedVoice, AudacityLabelsGiveWordsAndMarks) {
    const fs::path audio = writeBursts("labels.flac", 22050, 1, {0.25}, 2.0, SampleFormat::Flac16);
    const fs::path marks = scratch("labels.txt");
    writeText(marks, "0.250000\t0.600000\tBreathe\n\\\t100.0\t2000.0\n1.000000\t1.000000\tmark:out\r\n1.000000\t1.400000\tout.\n");
    auto v = RecordedVoice::open(audio, marks);
    ASSERT_TRUE(v.ok()) << v.error().message;
    ASSERT_EQ(v->timing().words.size(), 2u);
    EXPECT_EQ(v->timing().words[1].text, "out.");
    ASSERT_EQ(v->timing().marks.size(), 1u);
    EXPECT_EQ(v->timing().marks[0].at, fromSeconds(1.0));
}

// The recording plays on the session's clock: a burst at 1.5 s into a
// 44.1 kHz file placed at 0.3 s is heard at 1.8 s, to the millisecond.
TEST(RecordedVoice, PlaysThroughTheEngineOnTime) {
    const fs::path audio = writeBursts("timed.wav", 44100, 1, {1.5}, 2.5);
    auto v = RecordedVoice::open(audio);
    ASSERT_TRUE(v.ok()) << v.error().message;
    auto desc = loopbackDesc();
    desc.reverb = false;
    auto e = AudioEngine::create(desc);
    ASSERT_TRUE(e.ok());
    NarrationClip c;
    c.recording = v->audioPath();
    c.at = fromMillis(300);
    ASSERT_TRUE((*e)->addNarration(c).ok());
    (*e)->play();
    auto out = renderFor(**e, fromSeconds(2.5), 1234);
    std::size_t first = 0;
    for (std::size_t f = 0; f < out.size() / 2; ++f)
        if (std::abs(out[2 * f]) > 0.02f) {
            first = f;
            break;
        }
    EXPECT_NEAR(toSeconds(Samples(first)), 1.8, 0.001);
    EXPECT_LT(rms(out, 0, std::size_t(fromSeconds(1.7))), 1e-4);
}

TEST(RecordedVoice, AnUnreadableRecordingIsRefusedByTheEngine) {
    auto e = AudioEngine::create(loopbackDesc());
    ASSERT_TRUE(e.ok());
    NarrationClip c;
    c.recording = fixture("broken.wav");
    auto id = (*e)->addNarration(c);
    ASSERT_FALSE(id.ok());
    EXPECT_NE(id.error().message.find("broken.wav"), std::string::npos);
}

// Hostile times (issue 19): an 11-digit hour once threw std::out_of_range
// through session building; a time past a day, or seconds near the
// largest double, are refused as typing errors, by file and line.
TEST(RecordedVoice, AbsurdTimesAreRefusedByLineNotThrown) {
    const fs::path audio = writeBursts("absurd.wav", 16000, 1, {0.5}, 1.0);
    const fs::path vtt = scratch("absurd.vtt");
    writeText(vtt, "WEBVTT\n\n00:00:00.100 --> 00:00:00.300\nFeel\n\n99999999999:00:00.100 --> 99999999999:00:00.200\nmark:x\n");
    expectErrorNaming(RecordedVoice::open(audio, vtt), "marks.syntax", "absurd.vtt:6:");
    const fs::path day = scratch("day.vtt");
    writeText(day, "WEBVTT\n\n25:00:00.000 --> 25:00:00.100\nFeel\n");
    expectErrorNaming(RecordedVoice::open(audio, day), "marks.syntax", "day.vtt:3:");
    const fs::path labels = scratch("huge.txt");
    writeText(labels, "0.1\t0.2\tFeel\n1e300\t1e300\tmark:x\n");
    expectErrorNaming(RecordedVoice::open(audio, labels), "marks.syntax", "huge.txt:2:");
}

} // namespace
} // namespace soma
