// The grounding way out as one operation on the session (spliceGrounding),
// shared by the live run and by an export replaying its log: the past is
// untouched; from the moment the person leaves, the voice fades instead of
// stopping mid-word, lit regions dim slowly, the breath finishes its
// out-breath, the pose stays and the camera eases back; then the calm
// grounding sequence follows on the same clock. A live run that left for
// grounding, replayed by `soma export --replay`, gives the same timeline.
#include "audio/AudioEngine.h"
#include "Json.h"
#include "live/EventLog.h"
#include "plugin/PluginTestSupport.h"
#include "session/Grounding.h"
#include "session/Sequencer.h"
#include "session/Session.h"
#include "support/LoopbackRun.h"
#include "support/RunProgram.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <optional>
#include <sstream>

namespace soma {
namespace {

namespace fs = std::filesystem;
using test::Json;

constexpr Samples kFrame = kMixRate / 30;

// Three steps with everything that has to let go: speech, a lit region, a
// breath pattern, a camera move and a pose that is not the grounding's own.
SessionRequest exerciseRequest() {
    SessionRequest rq;
    rq.exercise = "test-exercise";
    rq.lang = "en";
    rq.pose = "constructive_rest";
    rq.ambience = "none";
    StepRequest a;
    a.id = "arrive";
    a.narration = "Let your body rest on the floor. <break time=\"1s\"/> There is nothing you need to do.";
    a.breath = BreathPattern{4.0, 0.0, 6.0, 0.0, 0};
    StepRequest b;
    b.id = "shoulders";
    b.camera = "torso";
    b.narration = "Now your attention may go to your <mark name=\"sh\"/>shoulders, and rest there for a while. "
                  "Notice how they feel, without changing anything, and let the breath come and go in its own time. "
                  "Perhaps they soften a little, perhaps they do not, and both are fine.";
    b.breath = BreathPattern{4.0, 1.0, 6.0, 1.0, 0};
    HighlightRequest h;
    h.region = "shoulder_left";
    h.mark = "sh";
    h.fadeInSec = 1.5;
    h.holdSec = 20.0;
    b.highlights.push_back(h);
    StepRequest c;
    c.id = "close";
    c.narration = "Slowly you may come back to the room.";
    c.pauseAfterSec = 3.0;
    rq.steps = {a, b, c};
    return rq;
}

struct Spliced {
    Session exercise;
    Session grounding;
    Session out;
    Samples at = 0;
};

const Spliced& spliced() {
    static const Spliced s = [] {
        Spliced r;
        auto ex = buildSession(exerciseRequest());
        EXPECT_TRUE(ex) << ex.error().message;
        r.exercise = std::move(*ex);
        auto g = buildGroundingSession("en");
        EXPECT_TRUE(g) << g.error().message;
        r.grounding = std::move(*g);
        // Mid-sentence, with the shoulder lit and the camera on its way.
        const SessionMark* m = r.exercise.mark("shoulders", "sh");
        EXPECT_NE(m, nullptr);
        r.at = (m ? m->at : 0) + fromSeconds(4.0) + 7;
        r.out = spliceGrounding(r.exercise, r.at, r.grounding);
        return r;
    }();
    return s;
}

float intensityOf(const BodyState& b, const std::string& region) {
    for (auto& h : b.highlights)
        if (h.region == region) return h.intensity;
    return 0.0f;
}

// The largest change of the breath from one frame to the next.
float largestBreathStep(const Session& s, Samples from, Samples to) {
    float most = 0.0f;
    for (Samples t = from; t + kFrame < to; t += kFrame) most = std::max(most, std::fabs(breathAt(s, t + kFrame) - breathAt(s, t)));
    return most;
}

TEST(Grounding, WhatWasSeenBeforeLeavingIsUnchanged) {
    const Spliced& s = spliced();
    ASSERT_GT(s.at, fromSeconds(5.0));
    for (Samples t = 0; t < s.at; t += kFrame / 3) {
        const BodyState a = evaluate(s.exercise, t), b = evaluate(s.out, t);
        ASSERT_EQ(a.pose, b.pose) << t;
        ASSERT_EQ(a.poseBlend, b.poseBlend) << t;
        ASSERT_EQ(a.camera, b.camera) << t;
        ASSERT_EQ(a.cameraBlend, b.cameraBlend) << t;
        ASSERT_EQ(a.breath, b.breath) << t;
        ASSERT_EQ(a.caption, b.caption) << t;
        ASSERT_EQ(intensityOf(a, "shoulder_left"), intensityOf(b, "shoulder_left")) << t;
    }
}

TEST(Grounding, TheExerciseLetsGoSlowly) {
    const Spliced& s = spliced();
    const Samples at = s.at;
    // The shoulder was lit when the person left; it dims, never brightens,
    // and is dark after the light's fade.
    const float lit = intensityOf(evaluate(s.out, at), "shoulder_left");
    ASSERT_GT(lit, 0.5f);
    float last = lit;
    for (Samples t = at + kFrame; t < at + fromSeconds(kGroundingLightFadeSec) + kFrame; t += kFrame) {
        const float v = intensityOf(evaluate(s.out, t), "shoulder_left");
        EXPECT_LE(v, last + 1e-6f) << toSeconds(t - at);
        // No faster than the fade: at most a cosine's steepest slope per frame.
        EXPECT_LE(last - v, lit * 3.1416f / 2.0f * float(toSeconds(kFrame) / kGroundingLightFadeSec) + 1e-4f) << toSeconds(t - at);
        last = v;
    }
    EXPECT_EQ(intensityOf(evaluate(s.out, at + fromSeconds(kGroundingLightFadeSec) + kFrame), "shoulder_left"), 0.0f);
    // In the exercise itself it would have stayed lit.
    EXPECT_GT(intensityOf(evaluate(s.exercise, at + fromSeconds(kGroundingLightFadeSec) + kFrame), "shoulder_left"), 0.5f);

    // The breath never jumps: no frame-to-frame step larger than the
    // exercise's or the grounding's own breathing has.
    const float own = std::max(largestBreathStep(s.exercise, 0, s.exercise.duration), largestBreathStep(s.grounding, 0, s.grounding.duration));
    EXPECT_LE(largestBreathStep(s.out, 0, s.out.duration), own + 1e-4f);
    // The breath phases still cover the whole session, end to end.
    for (size_t i = 1; i < s.out.breath.size(); ++i) ASSERT_EQ(s.out.breath[i].start, s.out.breath[i - 1].start + s.out.breath[i - 1].length);

    // The figure keeps the person's pose to the end.
    for (Samples t = at; t < s.out.duration; t += fromSeconds(1.0)) {
        const BodyState b = evaluate(s.out, t);
        EXPECT_EQ(b.pose, "constructive_rest");
        EXPECT_EQ(b.poseBlend, 1.0f);
    }
    // The camera eases back to the whole body: one slow move, begun no
    // earlier than the move that was under way had ended.
    ASSERT_FALSE(s.out.cameras.empty());
    const PresetChange& back = s.out.cameras.back();
    EXPECT_EQ(back.to, "whole_body");
    EXPECT_EQ(back.from, "torso");
    EXPECT_GE(back.length, fromSeconds(6.0));
    ASSERT_GE(s.out.cameras.size(), 2u);
    const PresetChange& before = s.out.cameras[s.out.cameras.size() - 2];
    EXPECT_GE(back.at, std::max(at, before.at + before.length));
    EXPECT_EQ(evaluate(s.out, s.out.duration - 1).camera, "whole_body");
}

TEST(Grounding, TheGroundingSequenceFollowsOnTheSameClock) {
    const Spliced& s = spliced();
    const Samples at = s.at;
    const Samples shift = at + fromSeconds(kGroundingQuietSec);
    EXPECT_EQ(s.out.duration, shift + s.grounding.duration);
    // The steps: the exercise's up to the one playing, ending where the
    // person left, then the grounding's, contiguous.
    ASSERT_EQ(s.out.steps.size(), size_t(s.exercise.stepAt(at) + 1) + s.grounding.steps.size());
    const SessionStep& left = s.out.steps[size_t(s.exercise.stepAt(at))];
    EXPECT_EQ(left.id, "shoulders");
    EXPECT_EQ(left.end, at);
    for (size_t i = 1; i < s.out.steps.size(); ++i) ASSERT_EQ(s.out.steps[i].start, s.out.steps[i - 1].end) << i;
    EXPECT_EQ(s.out.steps.back().id, s.grounding.steps.back().id);
    EXPECT_EQ(s.out.steps.back().end, s.out.duration);
    // Nobody speaks in the quiet before the grounding voice; then every
    // word is the grounding's, at its own time after the quiet.
    std::vector<std::string> after;
    for (const WordTiming& w : s.out.words) {
        EXPECT_FALSE(w.start >= at && w.start < shift) << w.text;
        if (w.start >= shift) after.push_back(w.text);
    }
    ASSERT_EQ(after.size(), s.grounding.words.size());
    for (size_t i = 0; i < after.size(); ++i) EXPECT_EQ(after[i], s.grounding.words[i].text);
    // The grounding's soft light on the feet lands on its mark, moved by the shift.
    ASSERT_EQ(s.grounding.highlights.size(), 2u);
    EXPECT_EQ(s.out.highlights.back().start, s.grounding.highlights.back().start + shift);
    // The clip that was speaking fades from the moment the person left.
    int speaking = 0;
    for (const NarrationClip& c : s.out.clips) {
        if (c.at < at && c.speech && c.at + c.speech->length() > at) {
            ++speaking;
            EXPECT_EQ(c.fadeOutAt, at);
            EXPECT_EQ(c.heardLength(c.speech->length()), at - c.at + fromSeconds(kGroundingVoiceFadeSec));
        }
    }
    EXPECT_EQ(speaking, 1);
}

// Leaving just before a light would have faded on its own: it takes the
// lower of its own fade and the release, so it never snaps to dark.
TEST(Grounding, ALightAboutToFadeOnItsOwnNeverSnaps) {
    const Spliced& s = spliced();
    const TimedHighlight* h = nullptr;
    for (const TimedHighlight& k : s.exercise.highlights)
        if (k.region == "shoulder_left") h = &k;
    ASSERT_NE(h, nullptr);
    const Samples at = h->holdEnd - fromSeconds(0.1);
    const Session out = spliceGrounding(s.exercise, at, s.grounding);
    float last = intensityOf(evaluate(out, at), "shoulder_left");
    ASSERT_GT(last, 0.5f);
    for (Samples t = at + kFrame; t < at + fromSeconds(kGroundingLightFadeSec) + kFrame; t += kFrame) {
        const float v = intensityOf(evaluate(out, t), "shoulder_left");
        EXPECT_LE(last - v, 0.06f) << "a snap at " << toSeconds(t - at) << " s";
        EXPECT_LE(v, last + 1e-6f);
        last = v;
    }
    EXPECT_EQ(last, 0.0f);
}

// Leaving while the breath is held: the hold ends there and the out-breath
// follows; nobody is asked to go on holding their breath.
TEST(Grounding, AHeldBreathIsLetGoAtOnce) {
    const Spliced& s = spliced();
    const BreathPhase* hold = nullptr;
    for (const BreathPhase& p : s.exercise.breath)
        if (p.kind == BreathKind::HoldIn && p.start > fromSeconds(5.0) && p.length > kFrame * 4) {
            hold = &p;
            break;
        }
    ASSERT_NE(hold, nullptr) << "the shoulders step holds after each in-breath";
    const Samples at = hold->start + hold->length / 2;
    const Session out = spliceGrounding(s.exercise, at, s.grounding);
    EXPECT_FLOAT_EQ(breathAt(out, at - 1), 1.0f);
    EXPECT_LT(breathAt(out, at + kFrame * 3), 1.0f); // the out-breath has begun
    float last = 1.0f;
    for (Samples t = at; t < at + fromSeconds(6.5); t += kFrame) { // the exercise exhales over 6 s
        const float v = breathAt(out, t);
        EXPECT_LE(v, last + 1e-6f) << toSeconds(t - at);
        last = v;
    }
    EXPECT_EQ(last, 0.0f);
    for (size_t i = 1; i < out.breath.size(); ++i) ASSERT_EQ(out.breath[i].start, out.breath[i - 1].start + out.breath[i - 1].length);
}

// The mix around the moment of leaving, through the loopback device.
std::vector<float> mix(const Session& s, Samples from, Samples frames) {
    AudioEngineDesc d;
    d.audio.loopback = true;
    d.reverb = false;
    auto engine = AudioEngine::create(d);
    EXPECT_TRUE(engine) << engine.error().message;
    scheduleAudio(**engine, s);
    (*engine)->setPacerEnabled(false);
    (*engine)->seek(from);
    (*engine)->play();
    std::vector<float> out(size_t(frames) * 2);
    for (Samples done = 0; done < frames;) {
        const int n = int(std::min<Samples>(4800, frames - done));
        (*engine)->render(out.data() + done * 2, n);
        (*engine)->update();
        done += n;
    }
    return out;
}

double rms(const std::vector<float>& stereo, Samples from, Samples to) {
    double sum = 0;
    for (Samples i = from * 2; i < to * 2; ++i) sum += double(stereo[size_t(i)]) * stereo[size_t(i)];
    return std::sqrt(sum / double(std::max<Samples>(1, (to - from) * 2)));
}

TEST(Grounding, TheVoiceFadesOutInsteadOfStoppingMidWord) {
    const Spliced& s = spliced();
    const Samples start = s.at - fromSeconds(0.5), frames = fromSeconds(3.0);
    const std::vector<float> plain = mix(s.exercise, start, frames), left = mix(s.out, start, frames);
    const Samples at = s.at - start, fade = fromSeconds(kGroundingVoiceFadeSec), quiet = fromSeconds(kGroundingQuietSec);
    // The exercise goes on speaking over the whole window, so the quiet is the splice's doing.
    ASSERT_GT(rms(plain, at + fade, at + quiet), 0.01);
    EXPECT_LT(rms(left, at + fade, at + quiet), 1e-4);
    // Up to the moment of leaving, the same sound; then the same voice
    // under the fade's gain, sample by sample (a dry mix is linear).
    const NarrationClip* clip = nullptr;
    for (const NarrationClip& c : s.out.clips)
        if (c.fadeOutAt == s.at) clip = &c;
    ASSERT_NE(clip, nullptr);
    double worst = 0;
    for (Samples i = 0; i < at + fade; ++i) {
        const float g = clip->gainAt(start + i) / clip->gain;
        for (int ch = 0; ch < 2; ++ch)
            worst = std::max(worst, double(std::fabs(left[size_t(i * 2 + ch)] - g * plain[size_t(i * 2 + ch)])));
    }
    EXPECT_LT(worst, 2e-3);
}

// The whole new schedule reaches the mixer as one change: each restart
// stops every source for a moment, which a device can let through as a tick.
TEST(Grounding, TheNewScheduleRestartsTheMixerOnce) {
    const Spliced& s = spliced();
    AudioEngineDesc d;
    d.audio.loopback = true;
    d.reverb = false;
    auto engine = AudioEngine::create(d);
    ASSERT_TRUE(engine) << engine.error().message;
    scheduleAudio(**engine, s.exercise);
    (*engine)->play();
    std::vector<float> buf(4800 * 2);
    for (int i = 0; i < 5; ++i) (*engine)->render(buf.data(), 4800);
    const int before = (*engine)->stats().restarts;
    scheduleAudio(**engine, s.out);
    EXPECT_EQ((*engine)->stats().restarts - before, 1);
    // Without the batch the same changes would restart it several times.
    const int unbatched = (*engine)->stats().restarts;
    (*engine)->clearNarration();
    for (const NarrationClip& c : s.out.clips) ASSERT_TRUE((*engine)->addNarration(c));
    (*engine)->setAmbienceSchedule(s.out.ambience);
    (*engine)->setBreathSchedule(s.out.pacerSchedule());
    EXPECT_GT((*engine)->stats().restarts - unbatched, 2);
}

std::string readText(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

struct StepStart {
    std::string step;
    Samples start;
    bool operator==(const StepStart& o) const { return step == o.step && start == o.start; }
};
std::ostream& operator<<(std::ostream& os, const StepStart& s) { return os << s.step << "@" << s.start; }

std::vector<StepStart> narrationOf(const Json& timeline) {
    std::vector<StepStart> out;
    for (const Json& c : timeline["cues"].array)
        if (c["type"].string == "narration") out.push_back({c["step"].string, Samples(std::llround(c["start"].number * kMixRate))});
    return out;
}

// The shipped pendulation plugin's short session in `lang`, built as `soma
// run` and `soma export` build it (app/SessionCommon.cpp).
struct Shipped {
    explicit Shipped(const std::string& lang)
        : reg(PluginRegistry::load({test::shippedNatives()}, test::registryOptions(test::scratchDir("checks") / "checks.toml"))) {
        exercise = reg.find("pendulation");
        if (!exercise) return;
        describe.lang = lang;
        describe.variant = "short";
        auto rq = exercise->describe(describe);
        if (!rq) return;
        rq->exercise = "pendulation";
        rq->lang = lang;
        rq->variant = "short";
        if (auto s = buildSession(*rq)) session = std::move(*s);
    }
    PluginRegistry reg;
    Exercise* exercise = nullptr;
    DescribeOptions describe;
    std::optional<Session> session;
};

// A live run of a real plugin that the person leaves for grounding, and its
// log replayed by the real `soma export`.
TEST(Grounding, AnExportReplayingALiveRunLeavesWhereThePersonLeft) {
    Shipped shipped("nl");
    ASSERT_TRUE(shipped.session) << "the pendulation plugin builds its nl session";
    Exercise* exercise = shipped.exercise;
    const DescribeOptions& describe = shipped.describe;
    auto& session = shipped.session;
    const Samples leaveAt = session->steps[2].speechStart + fromSeconds(3.0) + 11; // not on a chunk boundary

    test::LoopbackRun run(*session, exercise, describe, {"pendulation", "nl", "short", 0.0, std::nullopt},
                          test::scratchDir("sessions"));
    Sequencer& seq = run.seq();
    seq.setGroundingSource([] { return buildGroundingSession("nl"); });
    run.playTo(leaveAt);
    ASSERT_EQ(seq.position(), leaveAt);
    ASSERT_TRUE(seq.leaveForGrounding());
    run.playTo(seq.session().duration);
    EXPECT_TRUE(seq.finished());
    EXPECT_FALSE(seq.leaveForGrounding()); // once is enough
    EXPECT_EQ(seq.leftAt(), leaveAt);
    run.end();
    const Session& live = seq.session();
    ASSERT_EQ(live.steps.back().id, "here-and-now");
    std::vector<StepStart> liveSteps;
    for (const SessionStep& s : live.steps)
        if (s.clip >= 0) liveSteps.push_back({s.id, s.speechStart});

    const fs::path replayed = test::scratchDir("replayed"), plain = test::scratchDir("plain");
    auto r = test::runSoma({"export", "pendulation", "--lang", "nl", "--variant", "short", "--no-reverb", "--out",
                            replayed.string(), "--replay", run.logFile().string()});
    ASSERT_EQ(r.exitCode, 0) << r.out;
    const Json t = Json::parse(readText(replayed / "timeline.json"));
    EXPECT_EQ(narrationOf(t), liveSteps);
    EXPECT_NEAR(t["duration"].number, toSeconds(live.duration), 1e-5);

    // Without the log the exercise plays on and nobody leaves.
    auto p = test::runSoma({"export", "pendulation", "--lang", "nl", "--variant", "short", "--no-reverb", "--max-seconds",
                            fmt::format("{:.3f}", toSeconds(live.duration)), "--out", plain.string()});
    ASSERT_EQ(p.exitCode, 0) << p.out;
    const std::vector<StepStart> plainSteps = narrationOf(Json::parse(readText(plain / "timeline.json")));
    EXPECT_TRUE(std::none_of(plainSteps.begin(), plainSteps.end(), [](const StepStart& s) { return s.step == "here-and-now"; }));
}

// Grounding taken in the quiet after the end: the live run goes on into the
// grounding sequence, and so does the export that replays its log.
TEST(Grounding, LeavingAtTheVeryEndIsReplayedToo) {
    Shipped shipped("en");
    ASSERT_TRUE(shipped.session) << "the pendulation plugin builds its en session";
    Exercise* exercise = shipped.exercise;
    const DescribeOptions& describe = shipped.describe;
    auto& session = shipped.session;

    test::LoopbackRun run(*session, exercise, describe, {"pendulation", "en", "short", 0.0, std::nullopt}, test::scratchDir("sessions"));
    Sequencer& seq = run.seq();
    seq.setGroundingSource([] { return buildGroundingSession("en"); });
    run.playTo(session->duration);
    ASSERT_TRUE(seq.finished());
    ASSERT_TRUE(seq.leaveForGrounding());
    EXPECT_EQ(seq.leftAt(), session->duration);
    EXPECT_FALSE(seq.finished());
    run.playTo(seq.session().duration);
    run.end();
    std::vector<StepStart> liveSteps;
    for (const SessionStep& s : seq.session().steps)
        if (s.clip >= 0) liveSteps.push_back({s.id, s.speechStart});
    ASSERT_EQ(liveSteps.back().step, "here-and-now");

    const fs::path out = test::scratchDir("replayed-end");
    auto r = test::runSoma({"export", "--replay", run.logFile().string(), "--no-reverb", "--out", out.string()});
    ASSERT_EQ(r.exitCode, 0) << r.out;
    const Json t = Json::parse(readText(out / "timeline.json"));
    EXPECT_EQ(narrationOf(t), liveSteps);
}

} // namespace
} // namespace soma
