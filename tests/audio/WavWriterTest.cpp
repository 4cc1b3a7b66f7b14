#include "audio/WavWriter.h"

#include <sndfile.h>

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <vector>

namespace soma {
namespace {

namespace fs = std::filesystem;

fs::path out(const char* name) {
    const char* cache = std::getenv("XDG_CACHE_HOME");
    fs::path d = fs::path(cache ? cache : fs::temp_directory_path().c_str()) / "wav";
    fs::create_directories(d);
    return d / name;
}

TEST(WavWriter, WritesA48kStereoWavThatReadsBack) {
    const fs::path p = out("stereo.wav");
    std::vector<float> frames(2 * 24000);
    for (std::size_t i = 0; i < 24000; ++i) {
        frames[2 * i] = 0.5f * float(std::sin(2 * M_PI * 440.0 * double(i) / 48000));
        frames[2 * i + 1] = -frames[2 * i];
    }
    {
        auto w = WavWriter::create(p, 2);
        ASSERT_TRUE(w.ok()) << w.error().message;
        ASSERT_TRUE((*w)->write(frames.data(), 10000).ok());
        ASSERT_TRUE((*w)->write(frames.data() + 20000, 14000).ok());
        EXPECT_EQ((*w)->framesWritten(), 24000);
        ASSERT_TRUE((*w)->close().ok());
    }
    SF_INFO info{};
    SNDFILE* f = sf_open(p.c_str(), SFM_READ, &info);
    ASSERT_NE(f, nullptr);
    EXPECT_EQ(info.samplerate, 48000);
    EXPECT_EQ(info.channels, 2);
    EXPECT_EQ(info.frames, 24000);
    EXPECT_EQ(info.format & SF_FORMAT_TYPEMASK, SF_FORMAT_WAV);
    std::vector<float> back(frames.size());
    EXPECT_EQ(sf_readf_float(f, back.data(), 24000), 24000);
    sf_close(f);
    for (std::size_t i = 0; i < back.size(); ++i) ASSERT_NEAR(back[i], frames[i], 1.0 / 16000) << i;
}

TEST(WavWriter, LoudSamplesClipInsteadOfWrapping) {
    const fs::path p = out("loud.wav");
    std::vector<float> loud = {1.7f, -1.9f, 0.25f};
    {
        auto w = WavWriter::create(p, 1);
        ASSERT_TRUE(w.ok());
        ASSERT_TRUE((*w)->write(loud.data(), loud.size()).ok());
        ASSERT_TRUE((*w)->close().ok());
    }
    SF_INFO info{};
    SNDFILE* f = sf_open(p.c_str(), SFM_READ, &info);
    ASSERT_NE(f, nullptr);
    std::vector<float> back(3);
    sf_readf_float(f, back.data(), 3);
    sf_close(f);
    EXPECT_GT(back[0], 0.99f);
    EXPECT_LT(back[1], -0.99f);
    EXPECT_NEAR(back[2], 0.25f, 1e-3);
}

TEST(WavWriter, AWriterDroppedBeforeCloseLeavesTheOldFileAndNoOther) {
    const fs::path p = out("kept.wav");
    std::vector<float> quiet(480, 0.1f), other(960, -0.2f);
    {
        auto w = WavWriter::create(p, 1);
        ASSERT_TRUE(w.ok());
        ASSERT_TRUE((*w)->write(quiet.data(), quiet.size()).ok());
        ASSERT_TRUE((*w)->close().ok());
    }
    const auto before = fs::file_size(p);
    {
        auto w = WavWriter::create(p, 1);
        ASSERT_TRUE(w.ok());
        ASSERT_TRUE((*w)->write(other.data(), other.size()).ok());
        // Half way: the old file is still what a reader sees.
        EXPECT_EQ(fs::file_size(p), before);
    }
    EXPECT_EQ(fs::file_size(p), before);
    for (const auto& e : fs::directory_iterator(p.parent_path()))
        EXPECT_EQ(e.path().filename().string().find("kept.wav."), std::string::npos) << e.path();
}

TEST(WavWriter, AnUnwritablePlaceIsAClearError) {
    auto w = WavWriter::create(out("no-such-dir") / "x" / "out.wav", 2);
    ASSERT_FALSE(w.ok());
    EXPECT_EQ(w.error().id, "audio.write_open");
    EXPECT_NE(w.error().message.find("out.wav"), std::string::npos);
}

} // namespace
} // namespace soma
