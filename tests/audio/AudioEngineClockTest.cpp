// The clock everything follows: what the listener hears now, in samples.
// Through the loopback device it is the count of samples rendered while
// playing, so these tests can hold it to the sample.
#include "AudioTestUtil.h"

#include "audio/Voice.h"

#include <gtest/gtest.h>

namespace soma {
namespace {

using namespace soma::test;

std::unique_ptr<AudioEngine> makeEngine(AudioEngineDesc d = loopbackDesc()) {
    auto e = AudioEngine::create(d);
    EXPECT_TRUE(e.ok());
    return e.ok() ? std::move(*e) : nullptr;
}

double maxAbsDiff(const std::vector<float>& a, const std::vector<float>& b, std::size_t fromFrame) {
    double worst = 0;
    for (std::size_t i = fromFrame * 2; i < std::min(a.size(), b.size()); ++i) worst = std::max(worst, double(std::abs(a[i] - b[i])));
    return worst;
}

TEST(Clock, TheWordAfterATwoSecondBreakIsHeardWithin20msOfItsMark) {
    auto u = speak("Breathe in, and let it go. <break time=\"2s\"/><mark name=\"now\"/>Now rest.", {});
    ASSERT_TRUE(u.ok()) << u.error().message;
    const MarkTiming* mark = u->mark("now");
    ASSERT_NE(mark, nullptr);
    auto e = makeEngine();
    ASSERT_TRUE(e);
    NarrationClip c;
    c.speech = std::make_shared<Utterance>(*u);
    c.at = fromMillis(250);
    ASSERT_TRUE(e->addNarration(c).ok());
    e->play();

    // Render in small blocks, noting what the clock says as each begins.
    constexpr int kBlock = 240;
    const Samples total = c.at + u->length() + fromMillis(200);
    std::vector<float> out(std::size_t(total) * 2);
    std::vector<Samples> clockAt;
    for (Samples done = 0; done < total; done += kBlock) {
        clockAt.push_back(e->clock());
        e->render(out.data() + done * 2, int(std::min<Samples>(kBlock, total - done)));
    }
    const Samples markClock = c.at + mark->at; // where the session expects the word

    // The audible onset: the first 2.5 ms window, after the silence of the
    // break has begun, louder than a tenth of the loudest window.
    constexpr std::size_t kWin = 120;
    double loudest = 0;
    for (std::size_t f = 0; f + kWin < std::size_t(total); f += kWin) loudest = std::max(loudest, rms(out, f, f + kWin));
    ASSERT_GT(loudest, 0.01);
    const std::size_t searchFrom = std::size_t(markClock - fromMillis(1000));
    // The break really is quiet where the search begins.
    ASSERT_LT(rms(out, searchFrom, searchFrom + kWin), 0.1 * loudest);
    std::size_t onset = 0;
    for (std::size_t f = searchFrom; f + kWin < std::size_t(total); f += kWin / 4)
        if (rms(out, f, f + kWin) > 0.1 * loudest) {
            onset = f;
            break;
        }
    ASSERT_GT(onset, 0u) << "no onset found";
    const std::size_t block = onset / kBlock;
    const Samples heardAt = clockAt[block] + Samples(onset % kBlock);
    RecordProperty("onset_minus_mark_us", int(1e6 * toSeconds(heardAt - markClock)));
    EXPECT_LE(std::abs(heardAt - markClock), fromMillis(20))
        << "onset heard at " << toSeconds(heardAt) << " s, mark at " << toSeconds(markClock) << " s";
}

TEST(Clock, PauseAndResumeLeaveNoJump) {
    // Dry, so that "silent while paused" is not the room ringing on.
    auto desc = loopbackDesc();
    desc.reverb = false;
    auto e = makeEngine(desc);
    NarrationClip c;
    c.speech = toneUtterance(300, 4.0);
    ASSERT_TRUE(e->addNarration(c).ok());
    EXPECT_EQ(e->clock(), 0);
    e->play();
    renderFor(*e, kMixRate);
    EXPECT_EQ(e->clock(), kMixRate);

    e->pause();
    EXPECT_EQ(e->clock(), kMixRate);
    auto quiet = renderFor(*e, kMixRate / 2);
    EXPECT_EQ(e->clock(), kMixRate) << "the clock ran while paused";
    EXPECT_LT(rms(quiet, 480, kMixRate / 2), 1e-4) << "sound while paused";

    e->resume();
    EXPECT_EQ(e->clock(), kMixRate);
    auto after = renderFor(*e, kMixRate / 2);
    EXPECT_EQ(e->clock(), kMixRate + kMixRate / 2);

    // What follows the pause is what a straight run hears at the same clock.
    auto straight = makeEngine(desc);
    ASSERT_TRUE(straight->addNarration(c).ok());
    straight->play();
    renderFor(*straight, kMixRate);
    auto expected = renderFor(*straight, kMixRate / 2);
    EXPECT_GT(rms(after, 480, kMixRate / 2), 0.05);
    EXPECT_LT(maxAbsDiff(after, expected, 480), 0.02);
}

TEST(Clock, SeekMovesItExactly) {
    auto e = makeEngine();
    NarrationClip c;
    c.speech = toneUtterance(300, 6.0);
    c.at = fromMillis(500);
    ASSERT_TRUE(e->addNarration(c).ok());
    e->seek(fromSeconds(3.0));
    EXPECT_EQ(e->clock(), fromSeconds(3.0));
    e->play();
    auto fromSeek = renderFor(*e, kMixRate / 2, 1000);
    EXPECT_EQ(e->clock(), fromSeconds(3.5));

    // Seeking while playing, backwards.
    e->seek(fromSeconds(1.25));
    EXPECT_EQ(e->clock(), fromSeconds(1.25));
    EXPECT_TRUE(e->playing());
    renderFor(*e, 777);
    EXPECT_EQ(e->clock(), fromSeconds(1.25) + 777);

    auto straight = makeEngine();
    ASSERT_TRUE(straight->addNarration(c).ok());
    straight->play();
    renderFor(*straight, fromSeconds(3.0));
    auto expected = renderFor(*straight, kMixRate / 2);
    EXPECT_GT(rms(fromSeek, 480, kMixRate / 2), 0.05);
    EXPECT_LT(maxAbsDiff(fromSeek, expected, 480), 0.02);
}

TEST(Clock, ClipsStartOnTheirSample) {
    auto e = makeEngine();
    auto click = std::make_shared<Utterance>();
    click->pcm.assign(48, 0.8f);
    NarrationClip c;
    c.speech = click;
    c.at = 12345; // not on a buffer boundary
    ASSERT_TRUE(e->addNarration(c).ok());
    e->play();
    auto out = renderFor(*e, 24000, 1000);
    std::size_t first = 0;
    for (std::size_t f = 0; f < 24000; ++f)
        if (std::abs(out[2 * f]) + std::abs(out[2 * f + 1]) > 0.01f) {
            first = f;
            break;
        }
    // Panning has no delay; allow the mixer a few samples of filter spread.
    EXPECT_NEAR(double(first), 12345.0, 4.0);
}

// The timeline may change while it plays: a clip added 20 ms ahead (inside
// what is already queued) is still heard whole and on its sample.
TEST(Clock, AClipAddedWhilePlayingIsHeardOnTime) {
    auto e = makeEngine();
    e->play();
    renderFor(*e, 10000, 1000);
    auto click = std::make_shared<Utterance>();
    click->pcm.assign(48, 0.8f);
    NarrationClip c;
    c.speech = click;
    c.at = e->clock() + fromMillis(20);
    ASSERT_TRUE(e->addNarration(c).ok());
    const Samples start = e->clock();
    auto out = renderFor(*e, 9600, 1000);
    std::size_t first = 0;
    for (std::size_t f = 0; f < 9600; ++f)
        if (std::abs(out[2 * f]) + std::abs(out[2 * f + 1]) > 0.01f) {
            first = f;
            break;
        }
    EXPECT_NEAR(double(start + Samples(first)), double(c.at), 4.0);
}

// A 10-minute render: a tone that runs across every buffer boundary (ten
// one-minute clips, whole cycles each, so the tone itself never breaks) over
// brown noise. A gap, a repeated or skipped buffer, or a click shows as a
// step larger than the tone and the bed can make on their own.
TEST(Clock, TenMinutesRenderWithoutGapsOrClicks) {
    auto desc = loopbackDesc();
    desc.reverb = false;
    const double hz = 250; // 15000 whole cycles a minute
    auto tone = toneUtterance(hz, 60.0, 0.3f);

    // What each part can do alone: the tone's peak, and the bed's largest step.
    double tonePeak = 0, bedStep = 0;
    {
        auto e = makeEngine(desc);
        NarrationClip c;
        c.speech = tone;
        ASSERT_TRUE(e->addNarration(c).ok());
        e->play();
        auto out = renderFor(*e, kMixRate);
        for (std::size_t i = 9600; i < out.size(); ++i) tonePeak = std::max(tonePeak, double(std::abs(out[i])));
        auto b = makeEngine(desc);
        b->setAmbienceSchedule({{0, "brown-noise", 0.05f, 0.0}});
        b->play();
        auto bed = renderFor(*b, 10 * kMixRate);
        for (std::size_t i = 2; i < bed.size(); ++i) bedStep = std::max(bedStep, double(std::abs(bed[i] - bed[i - 2])));
    }
    ASSERT_GT(tonePeak, 0.05);
    const double maxStep = tonePeak * 2 * M_PI * hz / kMixRate * 1.02 + bedStep * 1.5;

    auto e = makeEngine(desc);
    for (int minute = 0; minute < 10; ++minute) {
        NarrationClip c;
        c.speech = tone;
        c.at = Samples(minute) * 60 * kMixRate;
        ASSERT_TRUE(e->addNarration(c).ok());
    }
    e->setAmbienceSchedule({{0, "brown-noise", 0.05f, 0.0}});
    e->play();
    constexpr int kChunk = 1999; // never aligned with the engine's buffers
    std::vector<float> block(kChunk * 2);
    float prev[2] = {0, 0};
    double worstStep = 0, quietest = 1e9;
    Samples worstAt = 0;
    const Samples total = Samples(10) * 60 * kMixRate;
    double winEnergy = 0;
    int winCount = 0;
    for (Samples done = 0; done < total; done += kChunk) {
        const int n = int(std::min<Samples>(kChunk, total - done));
        e->render(block.data(), n);
        for (int f = 0; f < n; ++f) {
            for (int ch = 0; ch < 2; ++ch) {
                const float x = block[std::size_t(2 * f + ch)];
                if (done + f > 480) {
                    const double step = std::abs(double(x) - prev[ch]);
                    if (step > worstStep) {
                        worstStep = step;
                        worstAt = done + f;
                    }
                }
                prev[ch] = x;
                winEnergy += double(x) * x;
            }
            // 10 ms windows: the tone never drops out.
            if (++winCount == 480) {
                if (done + f > 960) quietest = std::min(quietest, std::sqrt(winEnergy / 960.0));
                winEnergy = 0;
                winCount = 0;
            }
        }
    }
    EXPECT_EQ(e->clock(), total);
    EXPECT_LE(worstStep, maxStep) << "a click at " << toSeconds(worstAt) << " s";
    EXPECT_GT(quietest, 0.5 * tonePeak / std::sqrt(2.0)) << "a gap in the sound";
}

} // namespace
} // namespace soma
