// Building a session with the real voice (espeak-ng) and playing it with
// the sequencer: a pure function of t, highlights on their marks, pause,
// resume, seek and skip, reduced motion, slow pulses, and reactions that
// change only the future.
#include "audio/AudioEngine.h"
#include "plugin/script/ScriptExercise.h"
#include "session/Grounding.h"
#include "session/Sequencer.h"
#include "session/Session.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <map>

namespace soma {
namespace {

namespace fs = std::filesystem;

Session buildFixture(const std::string& lang, SessionBuildOptions build = {}) {
    auto ex = loadScriptExercise(fs::path(SOMA_FIXTURE_DIR) / "scripts" / "good");
    EXPECT_TRUE(ex) << ex.error().message;
    DescribeOptions o;
    o.lang = lang;
    auto rq = (*ex)->describe(o);
    EXPECT_TRUE(rq) << rq.error().message;
    auto s = buildSession(*rq, build);
    EXPECT_TRUE(s) << s.error().message;
    return std::move(*s);
}

// Field by field, so a difference says where it is.
void expectSameState(const BodyState& a, const BodyState& b) {
    EXPECT_EQ(a.pose, b.pose);
    EXPECT_EQ(a.fromPose, b.fromPose);
    EXPECT_EQ(a.poseBlend, b.poseBlend);
    EXPECT_EQ(a.breath, b.breath);
    EXPECT_EQ(a.camera, b.camera);
    EXPECT_EQ(a.fromCamera, b.fromCamera);
    EXPECT_EQ(a.cameraBlend, b.cameraBlend);
    EXPECT_EQ(a.caption, b.caption);
    EXPECT_EQ(a.timeSec, b.timeSec);
    ASSERT_EQ(a.highlights.size(), b.highlights.size());
    for (size_t i = 0; i < a.highlights.size(); ++i) {
        EXPECT_EQ(a.highlights[i].region, b.highlights[i].region);
        EXPECT_EQ(a.highlights[i].intensity, b.highlights[i].intensity);
    }
}

float intensityOf(const BodyState& b, const std::string& region) {
    for (auto& h : b.highlights)
        if (h.region == region) return h.intensity;
    return 0.0f;
}

TEST(SessionBuilder, LaysStepsMarksAndCaptionsOnOneTimeline) {
    Session s = buildFixture("en");
    ASSERT_EQ(s.steps.size(), 3u); // the note, then the two steps
    EXPECT_TRUE(s.steps[0].note);
    EXPECT_NE(s.steps[0].text.find("not medical treatment"), std::string::npos);
    EXPECT_EQ(s.steps[1].id, "feet");
    for (size_t i = 1; i < s.steps.size(); ++i) EXPECT_EQ(s.steps[i].start, s.steps[i - 1].end);
    EXPECT_EQ(s.duration, s.steps.back().end);
    // The rest step is carried by two 5-second breath cycles.
    EXPECT_GE(s.steps[2].end - s.steps[2].start, fromSeconds(10.0));
    // Marks lie inside their step's speech, in spoken order.
    const SessionMark* left = s.mark("feet", "left");
    const SessionMark* right = s.mark("feet", "right");
    ASSERT_TRUE(left && right);
    EXPECT_GT(left->at, s.steps[1].speechStart);
    EXPECT_LT(right->at, s.steps[1].speechEnd);
    EXPECT_GT(right->at - left->at, fromSeconds(1.0)); // a 1 s break lies between them
    // Each mark-anchored highlight starts exactly on its mark.
    int anchored = 0;
    for (auto& h : s.highlights) {
        if (h.mark.empty()) continue;
        ++anchored;
        EXPECT_EQ(h.start, s.mark(h.step, h.mark)->at) << h.region;
    }
    EXPECT_EQ(anchored, 2);
    // Captions come from the words and cover the speech.
    ASSERT_FALSE(s.captions.empty());
    EXPECT_GE(s.captions.front().start, s.steps[0].speechStart);
    EXPECT_GT(s.spokenWords(), 10);
    EXPECT_LT(s.spokenWords(), 30);
    ASSERT_FALSE(s.breath.empty());
    EXPECT_EQ(s.breath.front().start, 0);
}

// A kiosk goes through every exercise for days: the cache keeps to its
// limit by dropping the oldest clips, and a session keeps what it holds.
TEST(SessionBuilder, NarrationCacheStaysWithinItsLimit) {
    clearNarrationCache();
    Session nl = buildFixture("nl");
    const size_t oneLanguage = narrationCacheBytes();
    ASSERT_GT(oneLanguage, 0u);
    setNarrationCacheLimit(oneLanguage + oneLanguage / 2);
    Session en = buildFixture("en");
    EXPECT_LE(narrationCacheBytes(), oneLanguage + oneLanguage / 2);
    EXPECT_LT(narrationCacheSize(), 6u) << "the oldest (Dutch) clips were dropped";
    // What the Dutch session holds is still whole.
    for (const auto& c : nl.clips) {
        if (c.speech) {
            EXPECT_FALSE(c.speech->pcm.empty());
        }
    }
    // Built again (synthesised anew: espeak-ng may differ by a few hundred
    // samples between runs in one process), the Dutch session has the same
    // steps and words.
    Session again = buildFixture("nl");
    EXPECT_EQ(again.clips.size(), nl.clips.size());
    EXPECT_EQ(again.spokenWords(), nl.spokenWords());
    setNarrationCacheLimit(std::size_t(256) << 20);
    clearNarrationCache();
}

TEST(SessionBuilder, NarrationIsCachedAndIdentical) {
    clearNarrationCache();
    Session a = buildFixture("nl");
    const size_t n = narrationCacheSize();
    EXPECT_EQ(n, 3u);
    Session b = buildFixture("nl");
    EXPECT_EQ(narrationCacheSize(), n);
    ASSERT_EQ(a.clips.size(), b.clips.size());
    EXPECT_EQ(a.clips[1].speech.get(), b.clips[1].speech.get());
    EXPECT_EQ(a.duration, b.duration);
    // Another language is another clip.
    Session e = buildFixture("en");
    EXPECT_GT(narrationCacheSize(), n);
    EXPECT_NE(e.duration, a.duration);
}

TEST(SessionBuilder, RefusesAMarkTheNarrationLacks) {
    SessionRequest rq;
    rq.lang = "en";
    StepRequest st;
    st.id = "x";
    st.narration = "Feel your <mark name=\"belly\"/>belly.";
    HighlightRequest h;
    h.region = "belly";
    h.mark = "chest";
    st.highlights.push_back(h);
    rq.steps.push_back(st);
    auto s = buildSession(rq);
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().id, "session.mark");
    EXPECT_NE(s.error().message.find("chest"), std::string::npos);
}

// Steps each within their limits (a native plugin's as a script's) that
// add up to days: refused at the step that passes the limit, before any
// breath of it is laid out.
TEST(SessionBuilder, RefusesASessionThatWouldLastDays) {
    SessionRequest rq;
    rq.lang = "en";
    for (int i = 0; i < 4; ++i) {
        StepRequest st;
        st.id = "s" + std::to_string(i);
        st.breath = BreathPattern{30.0, 0.0, 30.0, 0.0, 300}; // 5 hours of slow breaths
        st.pauseAfterSec = 600;
        rq.steps.push_back(st);
    }
    auto s = buildSession(rq);
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().id, "session.too_long");
    EXPECT_NE(s.error().message.find("'s2'"), std::string::npos) << s.error().message;
}

TEST(Sequencer, SameTimeSameStateAndSeekEqualsEvaluate) {
    Session s = buildFixture("en");
    Sequencer seq(s);
    for (double sec : {0.0, 1.3, 3.7, 5.25, 9.0, 12.5, toSeconds(s.duration) - 0.01}) {
        const Samples t = fromSeconds(sec);
        BodyState first = evaluate(s, t);
        // Other moments in between must not change what t gives.
        (void)evaluate(s, t / 2);
        (void)evaluate(s, s.duration);
        expectSameState(first, evaluate(s, t));
        seq.seek(t);
        expectSameState(first, seq.state());
    }
    // And the states differ over time (the test could fail).
    EXPECT_NE(evaluate(s, fromSeconds(1.0)).breath, evaluate(s, fromSeconds(3.0)).breath);
}

TEST(Sequencer, HighlightStartsOnItsMarkAndFadesSmoothly) {
    Session s = buildFixture("en");
    const SessionMark* m = s.mark("feet", "left");
    ASSERT_TRUE(m);
    EXPECT_EQ(intensityOf(evaluate(s, m->at - 1), "foot_left"), 0.0f);
    const float early = intensityOf(evaluate(s, m->at + fromSeconds(0.2)), "foot_left");
    const float mid = intensityOf(evaluate(s, m->at + fromSeconds(0.5)), "foot_left");
    const float full = intensityOf(evaluate(s, m->at + fromSeconds(1.5)), "foot_left");
    EXPECT_GT(early, 0.0f);
    EXPECT_LT(early, mid);
    EXPECT_FLOAT_EQ(full, 0.8f);
    // hold = 2 s after a 1 s fade-in, then a 1 s fade-out: gone at 4 s.
    EXPECT_EQ(intensityOf(evaluate(s, m->at + fromSeconds(4.01)), "foot_left"), 0.0f);
    // No frame-to-frame jump anywhere in the session (30 fps steps).
    float worst = 0;
    for (const std::string region : {"foot_left", "foot_right", "belly"}) {
        float prev = 0;
        for (Samples t = 0; t < s.duration; t += kMixRate / 30) {
            float v = intensityOf(evaluate(s, t), region);
            worst = std::max(worst, std::abs(v - prev));
            prev = v;
        }
    }
    EXPECT_LT(worst, 0.1f);
}

TEST(Sequencer, PulseIsClampedToHalfAHertz) {
    SessionRequest rq;
    rq.lang = "en";
    StepRequest st;
    st.id = "x";
    st.minDurationSec = 22.0;
    HighlightRequest h;
    h.region = "belly";
    h.pulseHz = 4.0; // a native plugin may ask for anything; the host clamps
    h.fadeInSec = 0.0; // and fades shorter than half a second become half a second
    st.highlights.push_back(h);
    rq.steps.push_back(st);
    auto s = buildSession(rq, {.note = false});
    ASSERT_TRUE(s) << s.error().message;
    EXPECT_DOUBLE_EQ(s->highlights[0].pulseHz, 0.5);
    EXPECT_EQ(s->highlights[0].fadeIn, fromSeconds(0.5));
    // Count the dips of the intensity over 20 s: at most 0.5 Hz gives at most 10.
    int minima = 0;
    float a = -1, b = -1;
    for (Samples t = fromSeconds(1.0); t < fromSeconds(21.0); t += kMixRate / 100) {
        float c = intensityOf(evaluate(*s, t), "belly");
        if (a >= 0 && b < a && b < c) ++minima;
        a = b, b = c;
    }
    EXPECT_GE(minima, 9);
    EXPECT_LE(minima, 10);
}

TEST(Sequencer, ReducedMotionKeepsTheCameraFixed) {
    Session s = buildFixture("en");
    ASSERT_FALSE(s.cameras.empty()); // the fixture moves the camera
    bool moved = false;
    for (Samples t = 0; t < s.duration; t += kMixRate / 4) {
        BodyState still = evaluate(s, t, {.reducedMotion = true});
        EXPECT_EQ(still.camera, s.initialCamera);
        EXPECT_EQ(still.cameraBlend, 1.0f);
        EXPECT_TRUE(still.fromCamera.empty());
        BodyState normal = evaluate(s, t);
        moved |= normal.camera != s.initialCamera;
        // Poses and highlights are the same either way.
        EXPECT_EQ(still.pose, normal.pose);
        EXPECT_EQ(still.highlights.size(), normal.highlights.size());
    }
    EXPECT_TRUE(moved);
}

TEST(Sequencer, CameraAndPoseMoveSlowlyAndBreathNeverJumps) {
    Session s = buildFixture("en");
    ASSERT_FALSE(s.poses.empty());
    const PresetChange& p = s.poses.front();
    EXPECT_GE(p.length, fromSeconds(5.0));
    BodyState half = evaluate(s, p.at + p.length / 2);
    EXPECT_EQ(half.fromPose, "supine");
    EXPECT_EQ(half.pose, "constructive_rest");
    EXPECT_NEAR(half.poseBlend, 0.5f, 0.01f);
    float worst = 0, prev = evaluate(s, 0).breath;
    for (Samples t = 0; t < s.duration; t += kMixRate / 30) {
        float v = evaluate(s, t).breath;
        worst = std::max(worst, std::abs(v - prev));
        prev = v;
    }
    EXPECT_LT(worst, 0.05f); // a 2 s inhale moves at most ~0.04 a frame
}

TEST(Sequencer, PauseAndResumeKeepTheAudioClockContinuous) {
    Session s = buildFixture("en");
    AudioEngineDesc d;
    d.audio.loopback = true;
    d.reverb = false;
    auto audio = AudioEngine::create(d);
    ASSERT_TRUE(audio) << audio.error().message;
    Sequencer seq(s);
    seq.attach(audio->get());
    seq.play();
    std::vector<float> buf(2 * 4800);
    for (int i = 0; i < 10; ++i) (*audio)->render(buf.data(), 4800);
    const Samples atPause = seq.position();
    EXPECT_EQ(atPause, 10 * 4800);
    seq.pause();
    EXPECT_TRUE(seq.paused());
    for (int i = 0; i < 5; ++i) (*audio)->render(buf.data(), 4800);
    EXPECT_EQ(seq.position(), atPause);
    const BodyState still = seq.state();
    seq.resume();
    EXPECT_EQ(seq.position(), atPause);
    expectSameState(still, seq.state());
    (*audio)->render(buf.data(), 4800);
    EXPECT_EQ(seq.position(), atPause + 4800);
}

TEST(Sequencer, SkipGoesToTheNextStepsStart) {
    Session s = buildFixture("en");
    Sequencer seq(s);
    seq.seek(s.steps[1].start + fromSeconds(0.7));
    ASSERT_TRUE(seq.skipToNextStep());
    EXPECT_EQ(seq.position(), s.steps[2].start);
    EXPECT_FALSE(seq.skipToNextStep()); // the last step has no next
    EXPECT_EQ(seq.position(), s.steps[2].start);
    // The manual clock only runs while playing.
    seq.seek(0);
    seq.advance(1000);
    EXPECT_EQ(seq.position(), 0);
    seq.play();
    seq.advance(1000);
    EXPECT_EQ(seq.position(), 1000);
}

// Back, as a media player goes back: a step just begun gives the one
// before, a step some seconds in starts again; the first step only starts
// again; while grounding, never back into the exercise that was left.
TEST(Sequencer, BackGoesToThePreviousStepOrStartsThisOneAgain) {
    Session s = buildFixture("en");
    Sequencer seq(s);
    const Samples fewSeconds = fromSeconds(Sequencer::kRestartStepSec);
    seq.seek(s.steps[2].start + fewSeconds + 1);
    ASSERT_TRUE(seq.backToPreviousStep());
    EXPECT_EQ(seq.position(), s.steps[2].start); // some seconds in: this step again
    ASSERT_TRUE(seq.backToPreviousStep());
    EXPECT_EQ(seq.position(), s.steps[1].start); // just begun: the one before
    seq.seek(s.steps[1].start + fewSeconds);
    ASSERT_TRUE(seq.backToPreviousStep());
    EXPECT_EQ(seq.position(), s.steps[0].start);
    EXPECT_FALSE(seq.backToPreviousStep()); // already at the very start
    seq.seek(fromSeconds(1.0));
    ASSERT_TRUE(seq.backToPreviousStep());
    EXPECT_EQ(seq.position(), 0);
    // From the end of the session: the last step again.
    seq.seek(s.duration);
    ASSERT_TRUE(seq.backToPreviousStep());
    EXPECT_EQ(seq.position(), s.steps.back().start);

    // Grounding: back stays within the grounding sequence.
    Sequencer g(s);
    g.setGroundingSource([] { return buildGroundingSession("en"); });
    g.seek(s.steps[2].start + fromSeconds(1.0));
    ASSERT_TRUE(g.leaveForGrounding());
    const Session& out = g.session();
    int first = 0;
    while (out.steps[size_t(first)].start < g.leftAt()) ++first;
    g.seek(out.steps[size_t(first)].start + fromSeconds(1.0));
    ASSERT_TRUE(g.backToPreviousStep());
    EXPECT_EQ(g.position(), out.steps[size_t(first)].start);
    EXPECT_FALSE(g.backToPreviousStep());
    EXPECT_GE(g.position(), g.leftAt());
}

// After the session the figure keeps breathing (the closing screen): its
// last whole cycle goes on, joining without a jump.
TEST(Sequencer, TheBreathGoesOnPastTheEnd) {
    const Session s = buildFixture("en");
    ASSERT_FALSE(s.breath.empty());
    const Samples end = s.breath.back().start + s.breath.back().length;
    EXPECT_GE(end, s.duration);
    Samples cycleStart = 0;
    for (const BreathPhase& p : s.breath)
        if (p.kind == BreathKind::Inhale) cycleStart = p.start;
    const Samples cycle = end - cycleStart;
    ASSERT_GT(cycle, 0);
    float low = 1.0f, high = 0.0f, jump = 0.0f;
    constexpr Samples kFrame = kMixRate / 60;
    for (Samples t = end - cycle; t < end + 3 * cycle; t += kFrame) {
        const float b = breathAt(s, t);
        low = std::min(low, b);
        high = std::max(high, b);
        jump = std::max(jump, std::fabs(breathAt(s, t + kFrame) - b));
        if (t >= end) {
            EXPECT_FLOAT_EQ(b, breathAt(s, t - cycle)) << t;
        }
    }
    EXPECT_LT(low, 0.01f);
    EXPECT_GT(high, 0.99f);
    EXPECT_LT(jump, 0.05f); // a sixtieth of a second never moves the chest far
    EXPECT_FLOAT_EQ(evaluate(s, end + cycle / 3).breath, breathAt(s, end - cycle + cycle / 3));
}

// What the log is told of the person's seeks.
class HearingObserver : public SessionObserver {
public:
    void event(const ExerciseEvent&) override {}
    void reaction(const ReactionRecord&) override {}
    void seek(const SeekRecord& r) override { seeks.push_back(r); }
    std::vector<SeekRecord> seeks;
};

// An exercise that answers a step starting again with one more step
// after it, and writes down every event it hears.
class RepeatingExercise : public Exercise {
public:
    const ExerciseInfo& info() const override { return mInfo; }
    Result<SessionRequest> describe(const DescribeOptions&) override { return SessionRequest{}; }
    Result<SessionChange> onEvent(const ExerciseEvent& e, const DescribeOptions&) override {
        heard.push_back(std::string(toString(e.type)) + " " + e.stepId + " " + std::to_string(e.at));
        SessionChange c;
        if (e.type == ExerciseEvent::Type::StepStarted && started[e.stepId]++ == 1) {
            StepRequest st;
            st.id = "once-more-" + e.stepId;
            st.narration = "Once more, slowly.";
            c.insertSteps.push_back(st);
        }
        return c;
    }
    ExerciseInfo mInfo;
    std::vector<std::string> heard;
    std::map<std::string, int> started;
};

// The person goes back into a step; the exercise hears it end and start
// again, in order, and answers. The seek is handed to the observer (the
// log), and a replay that seeks at the same sample hears the same events
// and ends with the same session.
TEST(Sequencer, ASeekBackIsLoggedAndItsReplayHearsTheSameAndEndsTheSame) {
    const Session s = buildFixture("en");
    const Samples into = s.steps[1].start + fromSeconds(Sequencer::kRestartStepSec) + 4321;
    auto play = [&](Sequencer& seq, Samples until) {
        while (seq.position() < until) {
            seq.update();
            seq.advance(std::min<Samples>(4800, until - seq.position()));
        }
        seq.update();
    };
    RepeatingExercise liveEx;
    HearingObserver log;
    Sequencer live(s);
    live.setReactor(reactorFor(&liveEx, {}));
    live.setObserver(&log);
    live.play();
    play(live, into);
    ASSERT_TRUE(live.backToPreviousStep());
    EXPECT_EQ(live.position(), s.steps[1].start);
    play(live, live.session().duration);

    ASSERT_EQ(log.seeks.size(), 1u);
    EXPECT_EQ(log.seeks[0].at, into);
    EXPECT_EQ(log.seeks[0].to, s.steps[1].start);
    EXPECT_EQ(log.seeks[0].stepId, "feet");
    // Each step the exercise was told started ends before another starts.
    std::vector<std::string> steps;
    for (const std::string& h : liveEx.heard) steps.push_back(h.substr(0, h.rfind(' ')));
    const std::vector<std::string> expected{"step_started soma-note", "step_ended soma-note", "step_started feet",
                                            "step_ended feet",        "step_started feet",   "step_ended feet",
                                            "step_started once-more-feet", "step_ended once-more-feet",
                                            "step_started rest",      "step_ended rest"};
    EXPECT_EQ(steps, expected);
    // Going back is heard at the sample arrived at.
    EXPECT_EQ(liveEx.heard[3], "step_ended feet " + std::to_string(s.steps[1].start));
    ASSERT_EQ(live.session().reactions.size(), 1u);

    // The replay: the same sequencer, the seek handed back at its sample.
    RepeatingExercise replayEx;
    Sequencer replay(s);
    replay.setReactor(reactorFor(&replayEx, {}));
    replay.play();
    play(replay, log.seeks[0].at);
    replay.replaySeek(log.seeks[0]);
    play(replay, replay.session().duration);
    EXPECT_EQ(replayEx.heard, liveEx.heard);
    ASSERT_EQ(replay.session().steps.size(), live.session().steps.size());
    for (size_t i = 0; i < live.session().steps.size(); ++i) {
        EXPECT_EQ(replay.session().steps[i].id, live.session().steps[i].id);
        EXPECT_EQ(replay.session().steps[i].start, live.session().steps[i].start);
    }

    // Without the seek, the exercise never hears its step start again.
    RepeatingExercise plainEx;
    Sequencer plain(s);
    plain.setReactor(reactorFor(&plainEx, {}));
    plain.play();
    play(plain, plain.session().duration);
    EXPECT_NE(plainEx.heard, liveEx.heard);
    EXPECT_TRUE(plain.session().reactions.empty());
}

// An exercise that adds a step each time its first step ends.
class ReactingExercise : public Exercise {
public:
    const ExerciseInfo& info() const override { return mInfo; }
    Result<SessionRequest> describe(const DescribeOptions&) override { return SessionRequest{}; }
    Result<SessionChange> onEvent(const ExerciseEvent& e, const DescribeOptions&) override {
        SessionChange c;
        if (e.type == ExerciseEvent::Type::StepEnded && e.stepId == "feet") {
            StepRequest st;
            st.id = "extra";
            st.narration = "One more breath.";
            c.insertSteps.push_back(st);
        }
        return c;
    }
    ExerciseInfo mInfo;
};

TEST(Sequencer, ReactionsChangeOnlyTheFutureAndReplayTheSame) {
    Session s = buildFixture("en");
    const Session before = s;
    Sequencer seq(s);
    ReactingExercise ex;
    seq.setReactor(reactorFor(&ex, {}));
    seq.play();
    seq.update();
    seq.seek(s.steps[2].start + 10);
    seq.update();
    const Session& after = seq.session();
    ASSERT_EQ(after.reactions.size(), 1u);
    EXPECT_EQ(after.reactions[0].event.type, ExerciseEvent::Type::StepEnded);
    EXPECT_EQ(after.reactions[0].at(), s.steps[2].start + 10);
    ASSERT_EQ(after.steps.size(), 4u);
    EXPECT_EQ(after.steps[3].id, "extra");
    // Everything up to the end of the step playing is unchanged.
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(after.steps[size_t(i)].start, before.steps[size_t(i)].start);
        EXPECT_EQ(after.steps[size_t(i)].end, before.steps[size_t(i)].end);
    }
    for (Samples t = 0; t < before.duration; t += kMixRate / 2) expectSameState(evaluate(before, t), evaluate(after, t));

    // Replaying the log on a fresh build gives the same session.
    Session replay = before;
    for (auto& r : after.reactions) ASSERT_TRUE(applyReaction(replay, r));
    ASSERT_EQ(replay.duration, after.duration);
    for (Samples t = 0; t < replay.duration; t += kMixRate / 2) expectSameState(evaluate(replay, t), evaluate(after, t));

    // The past cannot be changed.
    ReactionRecord late;
    late.event.at = after.steps[2].start + 10;
    late.change.removeSteps.push_back("feet");
    Session copy = after;
    auto st = applyReaction(copy, late);
    ASSERT_FALSE(st);
    EXPECT_EQ(st.error().id, "session.reaction");
}

TEST(Grounding, ShortCalmAndInBothLanguages) {
    for (const char* lang : {"nl", "en"}) {
        SCOPED_TRACE(lang);
        auto s = buildSession(groundingRequest(lang));
        ASSERT_TRUE(s) << s.error().message;
        EXPECT_EQ(s->lang, lang);
        EXPECT_GE(s->spokenWords(), 80);
        EXPECT_LE(s->spokenWords(), 160);
        EXPECT_LT(s->duration, fromSeconds(120));
        EXPECT_TRUE(s->cameras.empty()); // nothing moves while someone steadies themselves
        EXPECT_TRUE(s->steps.front().note);
        ASSERT_EQ(s->highlights.size(), 2u); // the feet, softly
        for (auto& h : s->highlights) EXPECT_LE(h.intensity, 0.5f);
    }
    EXPECT_NE(groundingRequest("nl").steps[0].narration, groundingRequest("en").steps[0].narration);
}

} // namespace
} // namespace soma
