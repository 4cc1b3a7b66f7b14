// audio/AudioEngine: the session's sound, and the clock everything follows.
//
// All sound is streamed in lock-step: every source plays from the same
// moment, and buffer k of every source covers the same session samples
// [k*B, (k+1)*B). The sources: one narration lane, placed in the space
// (clips that overlap in time get another lane), and one stereo bed that
// carries the ambience and the breath-pacing tones straight to the ears.
// The session timeline is data (clips at absolute sample times, ambience
// changes, breath phases), and each buffer is generated from it for the
// samples it covers, so seeking, pausing, exporting and rebuilding after a
// lost device are all "generate from position t".
//
// The clock is what the listener hears now, as a 64-bit sample count:
//  - Device:   the first lane's sample offset minus the device latency
//              (AL_SOFT_source_latency) where present;
//  - Loopback: the samples rendered while playing (exact, repeatable);
//  - Silent:   our own steady-clock pacer, so a session without a device (or
//              one whose device vanished) goes on, with captions; update()
//              looks for a device now and then and, when one is back,
//              rebuilds device, context, sources and buffers from the
//              timeline at the current clock.
// Pause/resume keep it continuous; seek moves it exactly.
//
// The person's own levels for the voice and the ambience (setLevels) are
// applied as buffers are generated, ramping from the first sample not yet
// queued, so a change is heard a queue's length later and never clicks.
//
// Space: the listener is the client's head in the figure's pose
// (setListener); narration comes from the narrator position (or its clip's
// own), which can follow the attended region. HRTF (AudioDesc::hrtf) or
// plain panning; a gentle EFX reverb on narration where the device has it.
//
// Threading: one thread (the session's) calls everything.
// Depends on OpenAL Soft, audio/ (device, voice data, file streams), GLM.
// Must never block on synthesis or file decoding beyond one buffer, and never
// stop the session because a device failed.
#pragma once

#include "audio/AudioDevice.h"
#include "audio/Schedule.h"
#include "audio/Utterance.h"
#include "core/Result.h"
#include "core/Time.h"

#include <glm/vec3.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace soma {

using ClipId = int;

struct AudioEngineDesc {
    AudioDesc audio;                  // loopback / hrtf / rate
    bool reverb = true;               // EFX room reverb where available
    float reverbGain = 0.18f;         // gentle
    int bufferFrames = 4800;          // 100 ms per streaming buffer
    int buffersAhead = 4;             // queued per source (device mode)
    double reopenEverySec = 3.0;      // how often a lost device is looked for
};

// The person's own levels, 0..1: the voice (every narration lane) and the
// ambience bed, each times its own level in the session.
struct MixLevels {
    float voice = 1.0f;
    float ambience = 1.0f;
    bool operator==(const MixLevels&) const = default;
};

struct AudioEngineStats {
    int sources = 0;           // OpenAL sources alive (narration lanes + the bed)
    int queuedBuffers = 0;     // over all sources
    int openStreams = 0;       // recordings being read
    std::size_t streamBytes = 0; // memory held by open recording streams
    std::size_t bufferBytes = 0; // memory held by our staging buffers
    int rebuilds = 0;          // device rebuilds after a loss/return
    int underruns = 0;         // a source ran dry (device mode; should stay 0)
    int restarts = 0;          // the mixer queued again from a changed timeline
};

class AudioEngine {
public:
    static Result<std::unique_ptr<AudioEngine>> create(const AudioEngineDesc& desc = {});
    ~AudioEngine();
    AudioEngine(const AudioEngine&) = delete;
    AudioEngine& operator=(const AudioEngine&) = delete;

    // ----- the timeline. It may change at any time: an edit that touches
    // audio already queued re-queues everything from the mixer's position
    // (exact in loopback; on a device it leaves a seam of at most one mixer
    // period).
    // Best: hand the whole session over before play(), as exports do.
    // A recording that cannot be read gives "recording.open".
    Result<ClipId> addNarration(NarrationClip clip);
    void removeNarration(ClipId id);
    void clearNarration();
    void setNarratorPosition(const glm::vec3& pos);

    void setAmbienceSchedule(std::vector<AmbienceChange> changes);
    // From the next sample generated (i.e. about now); returns that sample.
    Samples setAmbience(const std::string& bed, float gain, double fadeSec = 6.0);

    void setBreathSchedule(std::vector<BreathPhase> phases);
    void setPacerEnabled(bool on);          // the client's switch
    bool pacerEnabled() const;
    void setPacerGain(float gain);          // default 0.08: soft
    void setMasterGain(float gain);

    // The person turns the voice or the ambience up or down. A change
    // ramps, linearly over kLevelRampSec, from the first sample not yet
    // queued (so it is heard without a seam and never clicks), or from
    // `from` when given (an export replaying a log: sound already queued
    // from there is queued again). Returns the sample the ramp starts at.
    // The levels belong to the person, not to the timeline: a seek takes
    // the last ones asked for as they are, wherever it goes.
    static constexpr double kLevelRampSec = 0.1;
    Samples setLevels(MixLevels levels, Samples from = -1);
    MixLevels levels() const; // the last asked for

    // The listener: the client's head. forward and up need not be unit.
    void setListener(const glm::vec3& position, const glm::vec3& forward, const glm::vec3& up);

    // Several timeline changes as one: while a batch is open, changes to
    // what is queued are gathered, and the mixer starts again once, when
    // the last batch closes. Each restart stops every source for a moment,
    // which a device can let through as a tick: a whole new schedule (a
    // reaction, the grounding way out) must cost one restart, not five.
    class ChangeBatch {
    public:
        explicit ChangeBatch(AudioEngine& engine);
        ~ChangeBatch();
        ChangeBatch(const ChangeBatch&) = delete;
        ChangeBatch& operator=(const ChangeBatch&) = delete;

    private:
        AudioEngine& mEngine;
    };

    // ----- transport
    void play();                 // from the current position
    void pause();
    void resume() { play(); }
    void seek(Samples t);        // exact; keeps playing when it was
    bool playing() const;

    Samples clock() const;       // what the listener hears now
    // The first sample not yet handed to the mixer (the clock plus the
    // device's latency while playing): a change of the timeline from here
    // on is heard without a seam.
    Samples mixedUntil() const;

    // Loopback only: mixes the next `frames` stereo frames (interleaved L, R).
    // Paused, it renders silence and the clock stands still.
    void render(float* out, int frames);

    // Once a frame: refills streams, checks ALC_CONNECTED, retries a lost
    // device. Cheap when nothing is due.
    void update();

    // Device, Silent (no device or it was lost) or Loopback.
    AudioMode mode() const;
    std::string silentReason() const;
    std::string hrtfStatus() const;
    bool hrtfEnabled() const;
    bool reverbActive() const;
    AudioEngineStats stats() const;

    struct Impl;

private:
    AudioEngine() = default;

    std::unique_ptr<Impl> mImpl;
};

} // namespace soma
