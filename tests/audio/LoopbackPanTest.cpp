#include "audio/AudioDevice.h"

#include <AL/al.h>
#include <AL/alc.h>
#include <AL/alext.h>

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace soma {
namespace {

struct EarEnergy {
    double left = 0, right = 0;
};

// Plays a 440 Hz tone from (x, 0, -0.5) relative to a listener at the origin
// facing -Z, and measures what reaches each ear.
EarEnergy renderToneAt(AudioDevice& dev, float x) {
    std::vector<std::int16_t> tone(kMixRate);
    for (size_t i = 0; i < tone.size(); ++i) tone[i] = std::int16_t(12000 * std::sin(2 * M_PI * 440.0 * double(i) / kMixRate));
    ALuint buf = 0, src = 0;
    alGenBuffers(1, &buf);
    alBufferData(buf, AL_FORMAT_MONO16, tone.data(), ALsizei(tone.size() * 2), kMixRate);
    alGenSources(1, &src);
    alSourcei(src, AL_BUFFER, ALint(buf));
    alSource3f(src, AL_POSITION, x, 0.f, -0.5f);
    alSourcePlay(src);

    std::vector<float> out(4800 * 2);
    EarEnergy e;
    for (int block = 0; block < 5; ++block) {
        dev.render(out.data(), 4800);
        if (block == 0) continue; // skip the onset
        for (size_t i = 0; i < out.size(); i += 2) {
            e.left += double(out[i]) * out[i];
            e.right += double(out[i + 1]) * out[i + 1];
        }
    }
    alSourceStop(src);
    alDeleteSources(1, &src);
    alDeleteBuffers(1, &buf);
    EXPECT_EQ(alGetError(), AL_NO_ERROR);
    return e;
}

class LoopbackPan : public ::testing::TestWithParam<bool> {};

TEST_P(LoopbackPan, SourceOnTheLeftIsLouderInTheLeftEar) {
    AudioDesc desc;
    desc.loopback = true;
    desc.hrtf = GetParam();
    auto dev = AudioDevice::open(desc);
    ASSERT_TRUE(dev.ok()) << dev.error().message;
    ASSERT_EQ((*dev)->mode(), AudioMode::Loopback);
    EXPECT_EQ((*dev)->hrtfEnabled(), GetParam()) << (*dev)->hrtfStatus();

    EarEnergy left = renderToneAt(**dev, -2.f);
    EarEnergy right = renderToneAt(**dev, 2.f);
    ASSERT_GT(left.left + left.right, 1.0) << "nothing was heard";
    // At least 3 dB between the ears, in the right direction each time.
    EXPECT_GT(left.left, 2.0 * left.right);
    EXPECT_GT(right.right, 2.0 * right.left);
}

INSTANTIATE_TEST_SUITE_P(WithAndWithoutHrtf, LoopbackPan, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "Hrtf" : "Panning"; });

TEST(Loopback, ClockCountsRenderedSamplesExactly) {
    AudioDesc desc;
    desc.loopback = true;
    auto dev = AudioDevice::open(desc);
    ASSERT_TRUE(dev.ok());
    std::vector<float> out(1000 * 2);
    EXPECT_EQ((*dev)->clock(), 0);
    (*dev)->render(out.data(), 1000);
    (*dev)->render(out.data(), 333);
    EXPECT_EQ((*dev)->clock(), 1333);
}

} // namespace
} // namespace soma
