// session/Sequencer: plays a Session on the audio clock.
//
// evaluate(session, t) is the heart of it: a pure function from a sample
// time to the BodyState the renderer draws (pose and its eased transition,
// breath phase, region intensities with their fades and slow pulses, the
// caption, the camera and its slow move). The same t always gives the same
// state, so a frame can be rendered, tested and exported at any moment, and
// pause and seek are only a matter of which t is asked for.
//
// The Sequencer object adds the transport: the clock comes from an
// AudioEngine when one is attached (video follows audio), or from samples
// advanced by the caller (headless, tests). Pause, resume, seek and skip go
// to that clock. Plugin reactions go through react(), which rewrites only
// the future and logs it (session/SessionBuilder.h: applyReaction).
//
// The person's events and the exercise's answers also go to an observer
// when one is set (live/EventLog writes them down), and an export hands the
// logged events back through replayEvent() at their sample times, so it
// gives the live run's timeline. The person's own moves of the clock (skip
// to the next step, back to the previous one) are logged the same way and
// replayed by replaySeek() at the same sample: the export then plays what
// the person heard, and the exercise hears the same step events. The
// person's mix (SessionMix: voice and ambience level, the bed, the pacer)
// is the sequencer's to hand to the engine with the schedule; changes of
// level while it plays are logged and replayed (replayMix) alike.
// Step events are not logged: the export regenerates them from its clock
// (their sample time is when the clock was next looked at, so an exercise
// must not build ids or choices from a step event's time).
//
// Depends on session/Session, model/ (body state, events), audio/AudioEngine.
// Knows no exercise and no log file: the caller hands it a reactor and an
// observer. Must never read a wall clock: time only comes from the audio
// clock.
#pragma once

#include "audio/AudioEngine.h"
#include "core/Result.h"
#include "model/BodyState.h"
#include "model/ExerciseEvent.h"
#include "session/Session.h"
#include "session/SessionBuilder.h"

#include <functional>

namespace soma {

struct SequencerOptions {
    bool reducedMotion = false; // the camera never moves
    BodyBuild build = BodyBuild::Average;
    float heightM = 1.72f;
    float pulseDepth = 0.35f;   // how far a slow pulse dips, as a share of the intensity
};

// The state at t. Pure: depends only on its arguments.
BodyState evaluate(const Session& session, Samples t, const SequencerOptions& options = {});

// The breath phase at t, 0 = empty, 1 = full (eased in and out). Past
// the end of the session's breath (whole cycles, so it ends with empty
// lungs) the last cycle goes on: the figure keeps breathing after the
// session, on the closing screen.
float breathAt(const Session& session, Samples t);
// A highlight's intensity at t, fades and pulse applied (0 outside it).
// breath is breathAt(session, t), for a highlight that swells with it.
float highlightIntensity(const TimedHighlight& h, Samples t, float pulseDepth = 0.35f, float breath = 1.0f);

// The person's own mix (settings voice_volume, ambience_volume, ambience,
// breath_pacer). A live run writes it into its log, so an export replaying
// the run mixes the same.
struct SessionMix {
    float voiceVolume = 1.0f;          // 0..1, of the voice's own level
    float ambienceVolume = 1.0f;       // 0..1, of each exercise's own ambience level
    // "exercise": the beds the exercise chose; an ambience id: that bed
    // wherever the exercise has one (where it chose quiet, it stays quiet);
    // "none": no ambience at all.
    std::string ambience = "exercise";
    bool breathPacer = true;           // the pacing tones, where the exercise has them
    bool operator==(const SessionMix&) const = default;
};

// The ambience schedule a session plays with the person's choice of bed.
std::vector<AmbienceChange> ambienceFor(const Session& session, const std::string& choice);

// Hands the session's sound to an AudioEngine: narration clips, ambience
// schedule and the pacer's breath schedule (replacing what it had), with
// the person's bed and pacer choice (the levels are the engine's own:
// AudioEngine::setLevels).
void scheduleAudio(AudioEngine& audio, const Session& session, const SessionMix& mix = {});

// The person moved the clock (skip to the next step, back to the previous
// one): where it stood and where it went.
struct SeekRecord {
    Samples at = 0;      // the clock when the person asked
    Samples to = 0;      // the start of the step it went to
    int stepIndex = -1;  // the step playing at `at`
    std::string stepId;
};

// The person turned the voice or the ambience up or down while it played.
struct MixRecord {
    Samples at = 0;     // the clock when the person asked
    Samples from = 0;   // where the change starts to be heard (AudioEngine::setLevels), at or a little after `at`
    float voiceVolume = 1.0f;
    float ambienceVolume = 1.0f;
};

// Hears what happens while a session plays: the person's own events
// (pause, resume, grounding), their seeks and changes of level, and every
// reaction applied.
class SessionObserver {
public:
    virtual ~SessionObserver() = default;
    virtual void event(const ExerciseEvent& event) = 0;
    virtual void reaction(const ReactionRecord& record) = 0;
    virtual void seek(const SeekRecord&) {}
    virtual void mix(const MixRecord&) {}
};

// The exercise's answer to an event: changes to future steps only. Must be
// deterministic (an export replays the same events and expects the same
// answers).
using Reactor = std::function<Result<SessionChange>(const ExerciseEvent& event)>;

class Sequencer {
public:
    explicit Sequencer(Session session, SequencerOptions options = {});

    const Session& session() const { return mSession; }
    const SequencerOptions& options() const { return mOptions; }
    void setReducedMotion(bool on) { mOptions.reducedMotion = on; }

    // The person's mix, from the start (not logged: the log's header holds
    // it). Before attach(), or at any time (the sound is scheduled again).
    void setMix(SessionMix mix);
    const SessionMix& mix() const { return mMix; }
    // The person turns the voice or the ambience up or down while it plays
    // (0..1): ramps in calmly, logged.
    void setLevels(float voiceVolume, float ambienceVolume);
    // An export replaying a live run: the logged change, from its `from`.
    // Call it when the clock stands at `record.at`.
    void replayMix(const MixRecord& record);

    // Follows this engine's clock from now on and schedules the session on
    // it. Null detaches (the caller's advance() drives the clock again).
    void attach(AudioEngine* audio);

    Samples position() const;
    // The clock as it runs, past the end too (into the quiet after the
    // session); position() is this kept within the session.
    Samples clock() const;
    bool paused() const;
    bool finished() const { return position() >= mSession.duration; }

    void play();
    void pause();
    void resume() { play(); }
    void togglePause() { paused() ? play() : pause(); }
    // Moves the clock, and nothing else: no event, no log (the transport
    // itself; the person's moves are the two below).
    void seek(Samples t);
    // The person's moves, logged and heard by the exercise. Each first
    // reports the boundaries the clock has crossed, then, on arriving, the
    // step left as ended and the step arrived at as started (both at the
    // arrival), so the exercise always hears a step end before the next
    // one starts, also going back.
    // To the start of the step after the one playing; false at the last step.
    bool skipToNextStep();
    // Back, as a media player goes back: to the start of the step playing
    // when more than kRestartStepSec into it, else to the start of the one
    // before (the first step restarts). While grounding, never back into
    // the exercise that was left. False when the clock is already there.
    bool backToPreviousStep();
    static constexpr double kRestartStepSec = 3.0;

    // Without an attached engine: moves the clock on by `frames` when playing.
    void advance(Samples frames);

    BodyState state() const { return evaluate(mSession, position(), mOptions); }

    // The exercise that built the session hears its events (steps starting
    // and ending, pause, resume, grounding) through `reactor` and may change
    // future steps; `build` is how the changed steps are synthesised.
    void setReactor(Reactor reactor, SessionBuildOptions build = {});
    // Once a frame: reports the step boundaries crossed since the last call.
    void update();

    // Where the grounding way out leads (session/Grounding.h). The source is
    // asked once, when the person first leaves; a live run hands one that
    // is built ahead, so leaving waits for the voice only in the first
    // moment of a session (and then splices from what is about to be heard).
    using GroundingSource = std::function<Result<Session>()>;
    void setGroundingSource(GroundingSource source) { mGroundingSource = std::move(source); }
    // The person takes the grounding way out now: the exercise hears it (its
    // answer is logged), then the rest of the session becomes the grounding
    // sequence on the same clock (spliceGrounding) and the exercise hears no
    // more. False when already grounding or when there is no sequence to
    // go to (then the session pauses: the person still stops the exercise).
    bool leaveForGrounding();
    bool grounding() const { return mGrounded; }
    // Where the exercise was left, or -1.
    Samples leftAt() const { return mLeftAt; }

    // Applies a logged reaction (a live one, or one replayed by an export).
    Status apply(const ReactionRecord& record);

    // From now on the person's events (pause, resume, grounding) and every
    // reaction go to this observer (not owned; null: none).
    void setObserver(SessionObserver* observer) { mObserver = observer; }
    // An export replaying a live run: the exercise hears a logged person
    // event as it heard it live (same type, same sample time), without the
    // transport pausing; a logged grounding leaves for the grounding
    // sequence there, as it did live. Call it when the clock stands at
    // `event.at`.
    void replayEvent(const ExerciseEvent& event);
    // The same for a logged seek: the clock goes to `seek.to` and the
    // exercise hears what it heard live. Call it when the clock stands at
    // `seek.at`.
    void replaySeek(const SeekRecord& seek);

private:
    void report(ExerciseEvent::Type type, int stepIndex, Samples at);
    // The clock for something the person did now: never before what they
    // did last, so the log's times never go back (except by a seek).
    Samples personTime();
    bool personSeek(Samples to);
    void arriveAt(Samples to);
    bool ground(Samples at, int loggedStep, Session grounding);
    Result<Session> groundingSession();
    Samples mLastPersonAt = 0; // person events keep their order in time

    GroundingSource mGroundingSource;
    bool mGrounded = false;
    Samples mLeftAt = -1;

    SessionObserver* mObserver = nullptr;
    SessionMix mMix;

    Session mSession;
    SequencerOptions mOptions;
    AudioEngine* mAudio = nullptr;
    Samples mManualClock = 0;
    bool mManualPlaying = false;
    Reactor mReactor;
    SessionBuildOptions mBuild;
    int mLastStep = -1;
};

} // namespace soma
