// The narrator's voice comes from the client's own side: a highlight on the
// left shoulder moves it to the client's left, measured in the loopback mix.
#include "anim/Poses.h"
#include "audio/AudioEngine.h"
#include "live/NarratorSpace.h"
#include "session/Sequencer.h"

#include <gtest/gtest.h>

#include <cmath>

namespace soma {
namespace {

TEST(NarratorSpace, LeansTowardsTheLitRegionOnTheClientsSide) {
    auto figure = loadFigure({});
    ASSERT_TRUE(figure) << figure.error().message;
    NarratorSpace space(**figure);
    const glm::vec3 head = space.listener().position;
    BodyState none;
    const glm::vec3 front = space.narratorPosition(none);
    EXPECT_GT(front.z, head.z + 1.0f);
    EXPECT_NEAR(front.x, head.x, 1e-4f);
    BodyState left;
    left.highlights.push_back({"shoulder_left", 1.0f});
    BodyState right;
    right.highlights.push_back({"shoulder_right", 1.0f});
    EXPECT_GT(space.narratorPosition(left).x, head.x + 0.3f); // +x is the client's own left
    EXPECT_LT(space.narratorPosition(right).x, head.x - 0.3f);
    // Half lit: half way between front and the region, so it never jumps.
    BodyState half;
    half.highlights.push_back({"shoulder_left", 0.5f});
    const float x = space.narratorPosition(half).x;
    EXPECT_GT(x, head.x + 0.05f);
    EXPECT_LT(x, space.narratorPosition(left).x);
}

double channelRms(const std::vector<float>& st, int ch) {
    double s = 0;
    for (size_t i = size_t(ch); i < st.size(); i += 2) s += double(st[i]) * st[i];
    return std::sqrt(s / double(st.size() / 2));
}

// Renders a short spoken session whose left (or right) shoulder is lit
// throughout, and returns left/right loudness of the narration.
double leftOverRight(const std::string& region) {
    SessionRequest rq;
    rq.lang = "en";
    rq.ambience = "none";
    StepRequest st;
    st.id = "x";
    st.narration = "Rest your attention on your shoulder, and let it soften.";
    HighlightRequest h;
    h.region = region;
    h.atSec = 0.0;
    h.fadeInSec = 0.5;
    st.highlights.push_back(h);
    rq.steps.push_back(st);
    auto s = buildSession(rq, {.note = false});
    EXPECT_TRUE(s) << s.error().message;
    auto figure = loadFigure({});
    EXPECT_TRUE(figure);
    NarratorSpace space(**figure);
    AudioEngineDesc d;
    d.audio.loopback = true;
    d.reverb = false;
    auto engine = AudioEngine::create(d);
    EXPECT_TRUE(engine) << engine.error().message;
    Sequencer seq(*s);
    seq.attach(engine->get());
    seq.play();
    std::vector<float> all, buf(4800 * 2);
    for (Samples at = 0; at < s->duration; at += 4800) {
        space.place(**engine, seq.state());
        (*engine)->render(buf.data(), 4800);
        if (at > fromSeconds(1.5)) all.insert(all.end(), buf.begin(), buf.end()); // fully lit from here
    }
    return channelRms(all, 0) / std::max(1e-12, channelRms(all, 1));
}

TEST(NarratorSpace, LeftShoulderIsHeardFromTheLeftInTheMix) {
    const double left = leftOverRight("shoulder_left");
    const double right = leftOverRight("shoulder_right");
    EXPECT_GT(left, 1.2);
    EXPECT_LT(right, 1.0 / 1.2);
}

} // namespace
} // namespace soma
