// The person's mix (settings voice_volume, ambience_volume, ambience,
// breath_pacer), heard through OpenAL Soft's loopback device as a listener
// would: half the voice's level halves the voice, the ambience turned off
// or set to none is gone, its level scales it, the bed chosen for all
// replaces the exercise's but keeps its quiet, the pacer switched off
// leaves no tone; a change while it plays ramps in over a tenth of a
// second from where it is heard, and a seek keeps the level last asked
// for.
#include "audio/AudioEngine.h"
#include "session/Sequencer.h"
#include "session/Session.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace soma {
namespace {

// One step: spoken or silent, over an ambience bed or none, with or
// without the pacer's tones on a slow breath.
Session session(bool speak, const std::string& ambience, bool pacer) {
    SessionRequest rq;
    rq.exercise = "mix-test";
    rq.lang = "en";
    rq.ambience = ambience;
    rq.pacer = pacer;
    StepRequest st;
    st.id = "only";
    if (speak) st.narration = "Let your shoulders rest, and let the breath come and go on its own.";
    st.breath = BreathPattern{2.0, 0.0, 3.0, 0.0, 0};
    st.minDurationSec = 6.0;
    rq.steps = {st};
    SessionBuildOptions bo;
    bo.note = false;
    auto s = buildSession(rq, bo);
    EXPECT_TRUE(s) << s.error().message;
    return std::move(*s);
}

struct Played {
    std::vector<float> stereo; // interleaved L, R
    std::vector<MixRecord> changes;
};

class Changes : public SessionObserver {
public:
    void event(const ExerciseEvent&) override {}
    void reaction(const ReactionRecord&) override {}
    void mix(const MixRecord& r) override { records.push_back(r); }
    std::vector<MixRecord> records;
};

// Plays `seconds` of the session with the person's mix through a loopback
// engine; `during` may act on the sequencer at the start of a chunk.
template <class During>
Played play(const Session& s, const SessionMix& mix, double seconds, During during) {
    Played out;
    AudioEngineDesc ad;
    ad.audio.loopback = true;
    ad.reverb = false;
    auto engine = AudioEngine::create(ad);
    EXPECT_TRUE(engine) << engine.error().message;
    if (!engine) return out;
    Changes changes;
    Sequencer seq(s);
    seq.setObserver(&changes);
    seq.setMix(mix);
    seq.attach(engine->get());
    seq.play();
    const int chunk = 2400;
    std::vector<float> buf(size_t(chunk) * 2);
    for (Samples at = 0; at < fromSeconds(seconds); at += chunk) {
        during(seq, at);
        (*engine)->render(buf.data(), chunk);
        (*engine)->update();
        out.stereo.insert(out.stereo.end(), buf.begin(), buf.end());
    }
    out.changes = changes.records;
    return out;
}

Played play(const Session& s, const SessionMix& mix, double seconds) {
    return play(s, mix, seconds, [](Sequencer&, Samples) {});
}

double rms(const std::vector<float>& v, double fromSec = 0.0, double toSec = 1e9) {
    const size_t a = std::min(v.size(), size_t(fromSec * kMixRate) * 2), b = std::min(v.size(), size_t(toSec * kMixRate) * 2);
    double sum = 0;
    for (size_t i = a; i < b; ++i) sum += double(v[i]) * v[i];
    return b > a ? std::sqrt(sum / double(b - a)) : 0.0;
}

TEST(SessionMix, HalfTheVoiceVolumeHalvesTheVoice) {
    const Session s = session(true, "none", false);
    SessionMix full, half, silent;
    half.voiceVolume = 0.5f;
    silent.voiceVolume = 0.0f;
    const double a = rms(play(s, full, 5.0).stereo), b = rms(play(s, half, 5.0).stereo);
    ASSERT_GT(a, 1e-3) << "the voice is heard";
    EXPECT_NEAR(b / a, 0.5, 0.005);
    EXPECT_LT(rms(play(s, silent, 5.0).stereo), 1e-6);
}

TEST(SessionMix, TheAmbienceOffIsGoneAndItsVolumeScalesIt) {
    const Session s = session(false, "brown-noise", false);
    SessionMix full, half, none, off;
    half.ambienceVolume = 0.5f;
    none.ambience = "none";
    off.ambienceVolume = 0.0f;
    // After its six-second fade in.
    const double a = rms(play(s, full, 7.0).stereo, 6.0), b = rms(play(s, half, 7.0).stereo, 6.0);
    ASSERT_GT(a, 1e-3) << "the exercise's brown noise is heard";
    EXPECT_NEAR(b / a, 0.5, 0.005);
    EXPECT_LT(rms(play(s, none, 7.0).stereo), 1e-6);
    EXPECT_LT(rms(play(s, off, 7.0).stereo), 1e-6);
}

TEST(SessionMix, OneBedForAllReplacesTheExercisesButKeepsItsQuiet) {
    const Session brown = session(false, "brown-noise", false);
    SessionMix waves;
    waves.ambience = "waves";
    const Played own = play(brown, {}, 7.0), chosen = play(brown, waves, 7.0);
    ASSERT_GT(rms(chosen.stereo, 6.0), 1e-3) << "waves are heard";
    EXPECT_NE(own.stereo, chosen.stereo);
    // Exactly what an exercise with waves of its own sounds like.
    EXPECT_EQ(chosen.stereo, play(session(false, "waves", false), {}, 7.0).stereo);
    // Where the exercise chose quiet, the chosen bed stays quiet.
    const Session quiet = session(false, "none", false);
    EXPECT_LT(rms(play(quiet, waves, 7.0).stereo), 1e-6);
    std::vector<AmbienceChange> sched = ambienceFor(quiet, "waves");
    ASSERT_EQ(sched.size(), 1u);
    EXPECT_EQ(sched[0].bed, "none");
    EXPECT_EQ(ambienceFor(brown, "waves")[0].bed, "waves");
    EXPECT_EQ(ambienceFor(brown, "exercise")[0].bed, "brown-noise");
}

TEST(SessionMix, ThePacerSwitchedOffLeavesNoTone) {
    const Session s = session(false, "none", true);
    SessionMix off;
    off.breathPacer = false;
    EXPECT_GT(rms(play(s, {}, 5.0).stereo), 1e-3) << "the pacer sounds on the in- and out-breaths";
    EXPECT_LT(rms(play(s, off, 5.0).stereo), 1e-6);
}

// The ambience turned down while it plays: the same noise, scaled by a
// level that goes from 1 to 0.5 in a straight line over 100 ms from the
// sample the change reports, and nothing anywhere else.
TEST(SessionMix, AChangeWhilePlayingRampsInOverATenthOfASecond) {
    const Session s = session(false, "brown-noise", false);
    const Samples askAt = fromSeconds(1.0);
    const Played steady = play(s, {}, 3.0);
    const Played turned = play(s, {}, 3.0, [&](Sequencer& seq, Samples at) {
        if (at == askAt) seq.setLevels(1.0f, 0.5f);
    });
    ASSERT_EQ(turned.changes.size(), 1u);
    const MixRecord& r = turned.changes[0];
    EXPECT_EQ(r.at, askAt);
    EXPECT_GE(r.from, r.at); // heard from the first sample not yet queued ...
    EXPECT_LE(r.from, r.at + fromSeconds(0.5)); // ... which is soon
    EXPECT_FLOAT_EQ(r.ambienceVolume, 0.5f);
    const Samples ramp = Samples(AudioEngine::kLevelRampSec * kMixRate);
    ASSERT_EQ(steady.stereo.size(), turned.stereo.size());
    int checked = 0;
    for (size_t i = 0; i < steady.stereo.size(); ++i) {
        if (std::fabs(steady.stereo[i]) < 1e-3f) continue;
        const Samples t = Samples(i / 2);
        const double x = std::clamp(double(t - r.from) / double(ramp), 0.0, 1.0);
        const double want = 1.0 - 0.5 * x;
        ASSERT_NEAR(turned.stereo[i] / steady.stereo[i], want, 1e-3) << "at sample " << t;
        ++checked;
    }
    EXPECT_GT(checked, int(kMixRate)); // most of the samples

    // A seek keeps the level last asked for, at once.
    const Played back = play(s, {}, 3.0, [&](Sequencer& seq, Samples at) {
        if (at == askAt) seq.setLevels(1.0f, 0.5f);
        if (at == askAt + 2400) seq.seek(0);
    });
    const Played half = play(s, SessionMix{1.0f, 0.5f, "exercise", true}, 3.0);
    // From the seek on, the session from its start at the new level.
    const size_t seekedAt = size_t(askAt + 2400) * 2;
    double worst = 0;
    for (size_t k = 0; seekedAt + k < back.stereo.size(); ++k) worst = std::max(worst, double(std::fabs(back.stereo[seekedAt + k] - half.stereo[k])));
    EXPECT_LT(worst, 1e-6);
    EXPECT_GT(rms(half.stereo, 1.0), 1e-4);
}

} // namespace
} // namespace soma
