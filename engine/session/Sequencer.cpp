#include "session/Sequencer.h"

#include "core/Log.h"
#include "model/Limits.h"
#include "session/Grounding.h"

#include <algorithm>
#include <cmath>

namespace soma {
namespace {

constexpr double kPi = 3.14159265358979323846;

// Cosine ease: starts and ends at rest, so nothing ever starts or stops moving abruptly.
float ease(double x) {
    x = std::clamp(x, 0.0, 1.0);
    return float(0.5 - 0.5 * std::cos(kPi * x));
}

const PresetChange* lastChange(const std::vector<PresetChange>& list, Samples t) {
    auto it = std::upper_bound(list.begin(), list.end(), t, [](Samples v, const PresetChange& c) { return v < c.at; });
    if (it == list.begin()) return nullptr;
    return &*std::prev(it);
}

void applyPreset(const std::vector<PresetChange>& list, Samples t, const std::string& initial, std::string& current,
                 std::string& from, float& blend) {
    const PresetChange* c = lastChange(list, t);
    current = c ? c->to : initial;
    from.clear();
    blend = 1.0f;
    if (c && c->length > 0 && t < c->at + c->length) {
        from = c->from;
        blend = ease(double(t - c->at) / double(c->length));
    }
}

} // namespace

float breathAt(const Session& s, Samples t) {
    if (s.breath.empty()) return 0.0f;
    const Samples end = s.breath.back().start + s.breath.back().length;
    if (t >= end) {
        // The last whole cycle, again and again.
        auto in = std::find_if(s.breath.rbegin(), s.breath.rend(), [](const BreathPhase& p) { return p.kind == BreathKind::Inhale; });
        const Samples cycleStart = in == s.breath.rend() ? s.breath.back().start : in->start;
        const Samples cycle = end - cycleStart;
        if (cycle > 0) t = cycleStart + (t - cycleStart) % cycle;
    }
    auto it = std::upper_bound(s.breath.begin(), s.breath.end(), t, [](Samples v, const BreathPhase& p) { return v < p.start; });
    if (it == s.breath.begin()) return 0.0f;
    const BreathPhase& p = *std::prev(it);
    const double x = p.length > 0 ? double(t - p.start) / double(p.length) : 1.0;
    switch (p.kind) {
    case BreathKind::Inhale: return ease(x);
    case BreathKind::HoldIn: return 1.0f;
    case BreathKind::Exhale: return 1.0f - ease(x);
    case BreathKind::HoldOut: return 0.0f;
    }
    return 0.0f;
}

float highlightIntensity(const TimedHighlight& h, Samples t, float pulseDepth, float breath) {
    if (t < h.start || t >= h.end()) return 0.0f;
    if (h.releaseAt >= 0 && t > h.releaseAt) {
        // Released: from the level it had then, eased down to nothing.
        TimedHighlight held = h;
        held.releaseAt = -1;
        const double x = double(t - h.releaseAt) / double(std::max<Samples>(1, h.releaseLength));
        const float released = highlightIntensity(held, h.releaseAt, pulseDepth, breath) * (1.0f - ease(x));
        // A highlight already about to fade out on its own keeps the lower
        // of the two: both reach nothing by end(), so neither snaps.
        return std::min(released, highlightIntensity(held, t, pulseDepth, breath));
    }
    double level;
    if (t < h.start + h.fadeIn) level = ease(double(t - h.start) / double(std::max<Samples>(1, h.fadeIn)));
    else if (t < h.holdEnd) level = 1.0;
    else level = 1.0 - ease(double(t - h.holdEnd) / double(std::max<Samples>(1, h.fadeOut)));
    double v = level * h.intensity;
    const double hz = std::clamp(h.pulseHz, 0.0, kMaxPulseHz);
    if (hz > 0) {
        // Starts at full (phase 0), so the pulse joins the fade-in without a step.
        const double phase = 2.0 * kPi * hz * toSeconds(t - h.start);
        v *= 1.0 - double(pulseDepth) * (0.5 - 0.5 * std::cos(phase));
    } else if (h.withBreath) {
        // On the breath's own clock: it rises while the lungs fill and
        // softens while they empty, in whatever rhythm the session breathes.
        v *= 1.0 - double(pulseDepth) * (1.0 - double(std::clamp(breath, 0.0f, 1.0f)));
    }
    return float(std::clamp(v, 0.0, 1.0));
}

BodyState evaluate(const Session& s, Samples t, const SequencerOptions& o) {
    BodyState b;
    b.build = o.build;
    b.heightM = o.heightM;
    b.timeSec = toSeconds(t);
    applyPreset(s.poses, t, s.initialPose, b.pose, b.fromPose, b.poseBlend);
    if (o.reducedMotion) {
        b.camera = s.initialCamera;
        b.fromCamera.clear();
        b.cameraBlend = 1.0f;
    } else {
        applyPreset(s.cameras, t, s.initialCamera, b.camera, b.fromCamera, b.cameraBlend);
    }
    b.breath = breathAt(s, t);
    for (const TimedHighlight& h : s.highlights) {
        if (h.start > t) break; // sorted by start
        const float v = highlightIntensity(h, t, o.pulseDepth, b.breath);
        if (v <= 0.0f) continue;
        auto same = std::find_if(b.highlights.begin(), b.highlights.end(), [&](const RegionHighlight& r) { return r.region == h.region; });
        if (same == b.highlights.end()) b.highlights.push_back({h.region, v, h.color});
        else if (v > same->intensity) *same = {h.region, v, h.color};
    }
    if (const CaptionCue* c = activeCaption(s.captions, t)) b.caption = c->text();
    return b;
}

std::vector<AmbienceChange> ambienceFor(const Session& s, const std::string& choice) {
    std::vector<AmbienceChange> out = s.ambience;
    if (choice.empty() || choice == "exercise") return out;
    // The exercise's quiet is kept: the grounding sequence, for one, listens
    // to the real room.
    for (AmbienceChange& c : out)
        if (c.bed != "none") c.bed = choice;
    return out;
}

void scheduleAudio(AudioEngine& audio, const Session& s, const SessionMix& mix) {
    const AudioEngine::ChangeBatch batch(audio); // one restart for the whole schedule
    audio.clearNarration();
    for (const NarrationClip& c : s.clips) {
        auto id = audio.addNarration(c);
        if (!id) log::warn(id.error().id, "{}", id.error().message);
    }
    audio.setAmbienceSchedule(ambienceFor(s, mix.ambience));
    audio.setBreathSchedule(s.pacerSchedule());
    const bool anyPacer = std::any_of(s.pacer.begin(), s.pacer.end(), [](const PacerChange& p) { return p.on; });
    audio.setPacerEnabled(anyPacer && mix.breathPacer);
}

Sequencer::Sequencer(Session session, SequencerOptions options) : mSession(std::move(session)), mOptions(options) {}

void Sequencer::attach(AudioEngine* audio) {
    if (mAudio == audio) return;
    const Samples at = position();
    const bool wasPlaying = !paused();
    mAudio = audio;
    if (mAudio) {
        scheduleAudio(*mAudio, mSession, mMix);
        (void)mAudio->setLevels({mMix.voiceVolume, mMix.ambienceVolume});
        mAudio->seek(at);
        if (wasPlaying) mAudio->play();
        else mAudio->pause();
    } else {
        mManualClock = at;
        mManualPlaying = wasPlaying;
    }
}

void Sequencer::setMix(SessionMix mix) {
    mix.voiceVolume = std::clamp(mix.voiceVolume, 0.0f, 1.0f);
    mix.ambienceVolume = std::clamp(mix.ambienceVolume, 0.0f, 1.0f);
    const bool sound = mix.ambience != mMix.ambience || mix.breathPacer != mMix.breathPacer;
    mMix = std::move(mix);
    if (!mAudio) return;
    if (sound) scheduleAudio(*mAudio, mSession, mMix);
    (void)mAudio->setLevels({mMix.voiceVolume, mMix.ambienceVolume});
}

void Sequencer::setLevels(float voiceVolume, float ambienceVolume) {
    MixRecord r;
    r.at = personTime();
    r.voiceVolume = std::clamp(voiceVolume, 0.0f, 1.0f);
    r.ambienceVolume = std::clamp(ambienceVolume, 0.0f, 1.0f);
    if (r.voiceVolume == mMix.voiceVolume && r.ambienceVolume == mMix.ambienceVolume) return;
    mMix.voiceVolume = r.voiceVolume;
    mMix.ambienceVolume = r.ambienceVolume;
    r.from = mAudio ? mAudio->setLevels({r.voiceVolume, r.ambienceVolume}) : r.at;
    log::info("sequencer.levels", "voice {:.0f}%, ambience {:.0f}% from {:.2f} s", r.voiceVolume * 100, r.ambienceVolume * 100,
              toSeconds(r.from));
    if (mObserver) mObserver->mix(r);
}

void Sequencer::replayMix(const MixRecord& r) {
    mMix.voiceVolume = std::clamp(r.voiceVolume, 0.0f, 1.0f);
    mMix.ambienceVolume = std::clamp(r.ambienceVolume, 0.0f, 1.0f);
    if (mAudio) (void)mAudio->setLevels({mMix.voiceVolume, mMix.ambienceVolume}, std::max<Samples>(0, r.from));
}

Samples Sequencer::position() const { return std::clamp<Samples>(mAudio ? mAudio->clock() : mManualClock, 0, mSession.duration); }

Samples Sequencer::clock() const { return std::max<Samples>(0, mAudio ? mAudio->clock() : mManualClock); }

bool Sequencer::paused() const { return mAudio ? !mAudio->playing() : !mManualPlaying; }

void Sequencer::play() {
    const bool was = paused();
    if (mAudio) mAudio->play();
    else mManualPlaying = true;
    if (was && mLastStep >= 0) report(ExerciseEvent::Type::Resumed, mSession.stepAt(position()), position());
}

void Sequencer::pause() {
    const bool was = !paused();
    if (mAudio) mAudio->pause();
    else mManualPlaying = false;
    if (was && mLastStep >= 0) report(ExerciseEvent::Type::Paused, mSession.stepAt(position()), position());
}

void Sequencer::seek(Samples t) {
    t = std::clamp<Samples>(t, 0, mSession.duration);
    if (mAudio) mAudio->seek(t);
    else mManualClock = t;
}

bool Sequencer::skipToNextStep() {
    update();
    const int i = mSession.stepAt(position());
    if (i < 0 || i + 1 >= int(mSession.steps.size())) return false;
    return personSeek(mSession.steps[size_t(i) + 1].start);
}

bool Sequencer::backToPreviousStep() {
    update();
    const Samples now = position();
    const int i = mSession.stepAt(now);
    if (i < 0) return false;
    // The grounding sequence's first step starts where the exercise was
    // left: going back stops there, never returning to the exercise.
    int first = 0;
    if (mGrounded)
        while (first < i && mSession.steps[size_t(first)].start < mLeftAt) ++first;
    Samples to = mSession.steps[size_t(i)].start;
    // Just begun: the person means the step before, as with a media player.
    if (now - to <= fromSeconds(kRestartStepSec) && i > first) to = mSession.steps[size_t(i) - 1].start;
    if (to == now) return false;
    return personSeek(to);
}

Samples Sequencer::personTime() { return std::max(position(), mLastPersonAt); }

bool Sequencer::personSeek(Samples to) {
    SeekRecord r;
    r.at = personTime();
    r.to = std::clamp<Samples>(to, 0, mSession.duration);
    r.stepIndex = mSession.stepAt(r.at);
    if (r.stepIndex >= 0) r.stepId = mSession.steps[size_t(r.stepIndex)].id;
    log::info("sequencer.seek", "from {:.2f} s to {:.2f} s (the start of step {})", toSeconds(r.at), toSeconds(r.to),
              mSession.stepAt(r.to));
    // Logged before the exercise hears of it: the log lists the cause first.
    if (mObserver) mObserver->seek(r);
    arriveAt(r.to);
    return true;
}

void Sequencer::replaySeek(const SeekRecord& logged) {
    const int step = mSession.stepAt(logged.at);
    if (step != logged.stepIndex)
        log::warn("sequencer.replay_step", "a replayed seek at sample {} falls in step {} here, step {} in the live run", logged.at,
                  step, logged.stepIndex);
    arriveAt(std::clamp<Samples>(logged.to, 0, mSession.duration));
}

// Live and replayed alike: the same events at the same samples.
void Sequencer::arriveAt(Samples to) {
    seek(to);
    // A later pause is logged at its own time, even when that is earlier
    // in the session than the moment the person went back from.
    mLastPersonAt = to;
    const int left = mLastStep;
    const int arrived = mSession.stepAt(to);
    if (arrived < 0) return;
    // The step the exercise was told started has ended (at the end of the
    // session every step has already ended); the one arrived at starts,
    // also when it is the same step starting again.
    if (left >= 0 && left < int(mSession.steps.size())) report(ExerciseEvent::Type::StepEnded, left, to);
    mLastStep = arrived;
    report(ExerciseEvent::Type::StepStarted, arrived, to);
}

void Sequencer::advance(Samples frames) {
    if (!mAudio && mManualPlaying) mManualClock = std::min(mSession.duration, mManualClock + std::max<Samples>(0, frames));
}

void Sequencer::setReactor(Reactor reactor, SessionBuildOptions build) {
    mReactor = std::move(reactor);
    mBuild = build;
    mLastStep = -1;
}

void Sequencer::update() {
    // Followed with or without an exercise: the person's pauses are logged
    // once the session has begun, whoever listens to them.
    const int now = finished() ? int(mSession.steps.size()) : mSession.stepAt(position());
    if (now == mLastStep) return;
    // A seek backwards reports nothing: events are about the session moving on.
    if (now > mLastStep) {
        for (int i = mLastStep; i < now; ++i) {
            if (i >= 0) report(ExerciseEvent::Type::StepEnded, i, position());
            if (i + 1 < int(mSession.steps.size())) report(ExerciseEvent::Type::StepStarted, i + 1, position());
        }
    }
    mLastStep = now;
}

bool Sequencer::leaveForGrounding() {
    if (mGrounded) return false;
    // The sequence first: should it still be on its way, the moment of
    // leaving is read only once it is here, so the fade starts from what
    // is really about to be heard.
    auto grounding = groundingSession();
    if (!grounding) {
        // Not reported as a grounding (an export could not follow it); the
        // person still stops the exercise.
        pause();
        return false;
    }
    // At the end the clock has run on into the quiet; leave from the end.
    if (finished()) seek(mSession.duration);
    // From the first sample not yet mixed: what is already queued for the
    // device is heard as it is, and the voice fades from there.
    const Samples at = mAudio ? std::clamp<Samples>(mAudio->mixedUntil(), 0, mSession.duration) : position();
    return ground(at, -1, std::move(*grounding));
}

Result<Session> Sequencer::groundingSession() {
    auto grounding = mGroundingSource ? mGroundingSource()
                                      : Result<Session>(Error{"sequencer.grounding", "no grounding sequence was set"});
    if (!grounding)
        log::error(grounding.error().id, "the grounding sequence cannot start, so the session pauses instead: {}",
                   grounding.error().message);
    return grounding;
}

bool Sequencer::ground(Samples at, int loggedStep, Session grounding) {
    if (mGrounded) return false;
    const int step = mSession.stepAt(at);
    if (loggedStep >= 0 && step != loggedStep)
        log::warn("sequencer.replay_step", "a replayed grounding at sample {} falls in step {} here, step {} in the live run", at,
                  step, loggedStep);
    report(ExerciseEvent::Type::Grounding, step, at);
    mGrounded = true;
    mLeftAt = at;
    mReactor = nullptr; // the exercise is over: it changes nothing from here
    mSession = spliceGrounding(mSession, at, grounding);
    log::info("sequencer.grounding", "left '{}' at {:.1f} s for the grounding sequence ({:.0f} s)", mSession.exercise,
              toSeconds(at), toSeconds(mSession.duration - at));
    if (mAudio) scheduleAudio(*mAudio, mSession, mMix);
    return true;
}

void Sequencer::replayEvent(const ExerciseEvent& logged) {
    if (logged.type == ExerciseEvent::Type::Grounding) {
        if (mGrounded) return;
        if (auto grounding = groundingSession()) (void)ground(logged.at, logged.stepIndex, std::move(*grounding));
        return;
    }
    // The step is found again from the session as it stands now: it is the
    // live one when the earlier reactions were the same.
    const int step = mSession.stepAt(logged.at);
    if (step != logged.stepIndex)
        log::warn("sequencer.replay_step", "a replayed {} at sample {} falls in step {} here, step {} in the live run",
                  toString(logged.type), logged.at, step, logged.stepIndex);
    report(logged.type, step, logged.at);
}

void Sequencer::report(ExerciseEvent::Type type, int stepIndex, Samples at) {
    ExerciseEvent e;
    e.type = type;
    e.at = at;
    e.stepIndex = stepIndex;
    if (stepIndex >= 0 && stepIndex < int(mSession.steps.size())) e.stepId = mSession.steps[size_t(stepIndex)].id;
    // The person's own events are logged whether or not anyone reacts: they
    // are what an export replays. A grounding is timed at the mix position,
    // a little ahead of the clock, so a pause right after it is logged no
    // earlier than it: the log's times never go back.
    if (isPersonEvent(type)) {
        e.at = std::max(e.at, mLastPersonAt);
        mLastPersonAt = e.at;
        if (mObserver) mObserver->event(e);
    }
    if (!mReactor) return;
    auto change = mReactor(e);
    if (!change) {
        log::error(change.error().id, "the exercise's answer to {} was refused: {}", toString(type), change.error().message);
        return;
    }
    if (change->empty()) return;
    (void)apply({e, *change});
}

Status Sequencer::apply(const ReactionRecord& record) {
    if (auto st = applyReaction(mSession, record, mBuild); !st) {
        log::error(st.error().id, "{}", st.error().message);
        return st;
    }
    // Only what lies ahead changed; the clips already heard are the same
    // bytes at the same times, so rescheduling does not disturb the sound.
    if (mObserver) mObserver->reaction(record);
    if (mAudio) scheduleAudio(*mAudio, mSession, mMix);
    return Ok{};
}

} // namespace soma
