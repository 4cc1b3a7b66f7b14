// Where a listener hears things: left and right ears, with HRTF (headphones)
// and with plain panning (speakers), for a still and a moving narrator, and
// with the listener's head turned.
#include "AudioTestUtil.h"

#include <gtest/gtest.h>

namespace soma {
namespace {

using namespace soma::test;

class Space : public ::testing::TestWithParam<bool> {
protected:
    std::unique_ptr<AudioEngine> engine() {
        auto e = AudioEngine::create(loopbackDesc(GetParam()));
        EXPECT_TRUE(e.ok()) << (e.ok() ? "" : e.error().message);
        if (!e.ok()) return nullptr;
        EXPECT_EQ((*e)->hrtfEnabled(), GetParam()) << (*e)->hrtfStatus();
        return std::move(*e);
    }
    // A 1 s tone from `pos` around a listener at the origin facing -Z.
    Ears hear(const glm::vec3& pos, const glm::vec3& forward = {0, 0, -1}) {
        auto e = engine();
        if (!e) return {};
        e->setListener({0, 0, 0}, forward, {0, 1, 0});
        NarrationClip c;
        c.speech = toneUtterance(440, 1.0);
        c.position = pos;
        EXPECT_TRUE(e->addNarration(c).ok());
        e->play();
        auto out = renderFor(*e, kMixRate);
        return energy(out, 4800, 43200); // skip the onset and the tail
    }
};

TEST_P(Space, ASourceOnTheLeftIsLouderInTheLeftEar) {
    const Ears left = hear({-2, 0, -0.5f});
    const Ears right = hear({2, 0, -0.5f});
    ASSERT_GT(left.left + left.right, 1.0) << "nothing was heard";
    // At least 3 dB between the ears, each time on the source's side.
    EXPECT_GT(left.ratio(), 2.0);
    EXPECT_LT(right.ratio(), 0.5);
}

// The listener is the client's head: turned to face +Z, the client's left
// is +X, so the same source at x = +2 is now on the left.
TEST_P(Space, TheSpaceTurnsWithTheClientsHead) {
    const Ears facingAway = hear({2, 0, 0.5f}, {0, 0, 1});
    EXPECT_GT(facingAway.ratio(), 2.0);
}

TEST_P(Space, ANarratorMovingFromLeftToRightMovesInTheOutput) {
    auto e = engine();
    ASSERT_TRUE(e);
    NarrationClip c;
    c.speech = toneUtterance(440, 4.0);
    ASSERT_TRUE(e->addNarration(c).ok());
    e->play();
    // Eight steps of half a second from x = -2 to x = +2.
    // Balance: +1 all left, -1 all right.
    std::vector<double> balance;
    for (int step = 0; step < 8; ++step) {
        e->setNarratorPosition({-2.f + 4.f * float(step) / 7.f, 0.f, -0.5f});
        auto out = renderFor(*e, kMixRate / 2, 480);
        const Ears ears = energy(out, 2400, 24000);
        balance.push_back((ears.left - ears.right) / (ears.left + ears.right));
    }
    EXPECT_GT(balance.front(), 0.33); // left at least twice the right
    EXPECT_LT(balance.back(), -0.33);
    for (std::size_t i = 1; i < balance.size(); ++i) EXPECT_LT(balance[i], balance[i - 1] + 0.01) << "step " << i;
    EXPECT_GT(balance[2], balance[5] + 0.2) << "it jumps instead of moving";
}

INSTANTIATE_TEST_SUITE_P(HrtfAndPanning, Space, ::testing::Values(true, false),
                         [](const auto& info) { return info.param ? "Hrtf" : "Panning"; });

// Two engines alive at once (an export beside a preview) keep their own
// sources: each is heard where it was placed, renders interleaved.
TEST(Space, TwoEnginesAtOnceDoNotCross) {
    auto a = AudioEngine::create(loopbackDesc());
    auto b = AudioEngine::create(loopbackDesc());
    ASSERT_TRUE(a.ok() && b.ok());
    NarrationClip left, right;
    left.speech = right.speech = toneUtterance(440, 2.0);
    left.position = glm::vec3(-2, 0, -0.5f);
    right.position = glm::vec3(2, 0, -0.5f);
    ASSERT_TRUE((*a)->addNarration(left).ok());
    ASSERT_TRUE((*b)->addNarration(right).ok());
    (*a)->play();
    (*b)->play();
    std::vector<float> outA, outB;
    for (int i = 0; i < 10; ++i) {
        auto x = renderFor(**a, 4800);
        auto y = renderFor(**b, 4800);
        outA.insert(outA.end(), x.begin(), x.end());
        outB.insert(outB.end(), y.begin(), y.end());
    }
    EXPECT_EQ((*a)->clock(), 48000);
    EXPECT_EQ((*b)->clock(), 48000);
    EXPECT_GT(energy(outA, 4800, 43200).ratio(), 2.0);
    EXPECT_LT(energy(outB, 4800, 43200).ratio(), 0.5);
}

TEST(Space, ReverbIsOnWhereTheDeviceHasEfx) {
    auto e = AudioEngine::create(loopbackDesc());
    ASSERT_TRUE(e.ok());
    // OpenAL Soft always offers ALC_EXT_EFX.
    EXPECT_TRUE((*e)->reverbActive());
    // A short click leaves a tail in the room; a dry engine leaves none.
    auto click = std::make_shared<Utterance>();
    click->pcm.assign(480, 0.5f);
    auto tailEnergy = [&](bool reverb) {
        auto d = loopbackDesc();
        d.reverb = reverb;
        auto eng = AudioEngine::create(d);
        NarrationClip c;
        c.speech = click;
        EXPECT_TRUE((*eng)->addNarration(c).ok());
        (*eng)->play();
        auto out = renderFor(**eng, kMixRate / 2);
        return rms(out, 4800, 19200); // 100..400 ms after the click
    };
    EXPECT_GT(tailEnergy(true), 10 * tailEnergy(false) + 1e-6);
}

} // namespace
} // namespace soma
