// A long recording streams: an hour of narration costs a file handle and a
// few buffers, never the whole file in memory.
#include "AudioTestUtil.h"

#include "audio/RecordedVoice.h"
#include "audio/WavWriter.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace soma {
namespace {

namespace fs = std::filesystem;
using namespace soma::test;

std::size_t residentBytes() {
    std::ifstream in("/proc/self/statm");
    std::size_t pages = 0, resident = 0;
    in >> pages >> resident;
    return resident * std::size_t(sysconf(_SC_PAGESIZE));
}

// 60 minutes of quiet with a 100 ms tone at the start of every minute, at
// 16 kHz like many voice recordings (so it is resampled as it streams): FLAC
// packs the silence into almost nothing, so the file is small and quick.
fs::path writeHour(int rate) {
    const char* cache = std::getenv("XDG_CACHE_HOME");
    const fs::path p = fs::path(cache ? cache : fs::temp_directory_path().c_str()) / "hour.flac";
    auto w = WavWriter::create(p, 1, rate, SampleFormat::Flac16);
    EXPECT_TRUE(w.ok());
    std::vector<float> second(std::size_t(rate), 0.f);
    for (int s = 0; s < 3600; ++s) {
        const bool tone = s % 60 == 0;
        for (int i = 0; i < rate / 10; ++i) second[std::size_t(i)] = tone ? 0.4f * float(std::sin(2 * M_PI * 400.0 * i / rate)) : 0.f;
        EXPECT_TRUE((*w)->write(second.data(), second.size()).ok());
    }
    EXPECT_TRUE((*w)->close().ok());
    return p;
}

TEST(Streaming, AnHourOfRecordingKeepsMemoryFlat) {
    const fs::path hour = writeHour(16000);
    auto v = RecordedVoice::open(hour);
    ASSERT_TRUE(v.ok()) << v.error().message;
    ASSERT_EQ(v->length(), Samples(3600) * kMixRate);
    // Decoded whole, this hour would be 3600 s * 48000 * 4 bytes = 691 MB.

    auto desc = loopbackDesc();
    desc.reverb = false;
    auto e = AudioEngine::create(desc);
    ASSERT_TRUE(e.ok());
    NarrationClip c;
    c.recording = v->audioPath();
    ASSERT_TRUE((*e)->addNarration(c).ok());
    (*e)->play();

    std::vector<float> block(std::size_t(kMixRate) * 2);
    std::size_t rssAfterFirstMinute = 0;
    int tonesHeard = 0;
    AudioEngineStats worst;
    for (int s = 0; s < 3600; ++s) {
        (*e)->render(block.data(), kMixRate);
        if (s % 60 == 0) {
            // The minute's tone is in the first 100 ms of this second, and
            // quiet follows it.
            tonesHeard += rms(block, 480, 4320) > 0.05 && rms(block, 9600, 48000) < 1e-4;
        }
        const AudioEngineStats st = (*e)->stats();
        worst.queuedBuffers = std::max(worst.queuedBuffers, st.queuedBuffers);
        worst.openStreams = std::max(worst.openStreams, st.openStreams);
        worst.streamBytes = std::max(worst.streamBytes, st.streamBytes);
        worst.bufferBytes = std::max(worst.bufferBytes, st.bufferBytes);
        if (s == 60) rssAfterFirstMinute = residentBytes();
    }
    const std::size_t rssAtEnd = residentBytes();
    EXPECT_EQ((*e)->clock(), Samples(3600) * kMixRate);
    EXPECT_EQ(tonesHeard, 60) << "the recording did not play through";
    EXPECT_LE(worst.openStreams, 1);
    EXPECT_LE(worst.queuedBuffers, 2 * 3);      // two sources, a few buffers each
    EXPECT_LT(worst.streamBytes, 256u * 1024);  // one decode block, not the file
    EXPECT_LT(worst.bufferBytes, 256u * 1024);
    EXPECT_LT(double(rssAtEnd) - double(rssAfterFirstMinute), 8.0 * 1024 * 1024)
        << "resident memory grew while streaming";
    EXPECT_EQ((*e)->stats().openStreams, 0) << "the file stays open after its end";
}

} // namespace
} // namespace soma
