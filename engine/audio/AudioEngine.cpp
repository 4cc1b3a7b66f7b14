#include "audio/AudioEngine.h"

#include "audio/Ambience.h"
#include "audio/AudioFileStream.h"
#include "audio/BreathPacer.h"
#include "core/Log.h"

#include <AL/al.h>
#include <AL/alc.h>
#include <AL/alext.h>
#include <AL/efx.h>

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <map>

namespace soma {
namespace {

// Narration sources. Clips that overlap in time take the next lane; most
// sessions never overlap, and each lane costs a spatial (HRTF) mix.
constexpr int kMaxLanes = 4;

// One streaming OpenAL source and the buffers it owns.
struct StreamSource {
    ALuint source = 0;
    bool stereo = false;
    std::deque<ALuint> queued;
    std::vector<ALuint> spare;
    Samples consumed = 0; // samples of unqueued (finished) buffers since the segment start

    void create(bool isStereo) {
        stereo = isStereo;
        alGenSources(1, &source);
    }
    void destroy() {
        if (!source) return;
        alSourceStop(source);
        alSourcei(source, AL_BUFFER, 0);
        alDeleteSources(1, &source);
        for (ALuint b : queued) alDeleteBuffers(1, &b);
        for (ALuint b : spare) alDeleteBuffers(1, &b);
        queued.clear();
        spare.clear();
        source = 0;
    }
    // Takes back the buffers the mixer has finished with.
    void reclaim(int bufferFrames) {
        ALint done = 0;
        alGetSourcei(source, AL_BUFFERS_PROCESSED, &done);
        while (done-- > 0 && !queued.empty()) {
            ALuint b = queued.front();
            alSourceUnqueueBuffers(source, 1, &b);
            queued.pop_front();
            spare.push_back(b);
            consumed += bufferFrames;
        }
    }
    void queue(const float* data, int frames) {
        ALuint b = 0;
        if (spare.empty()) alGenBuffers(1, &b);
        else {
            b = spare.back();
            spare.pop_back();
        }
        alBufferData(b, stereo ? AL_FORMAT_STEREO_FLOAT32 : AL_FORMAT_MONO_FLOAT32, data,
                     ALsizei(frames * (stereo ? 2 : 1) * sizeof(float)), kMixRate);
        alSourceQueueBuffers(source, 1, &b);
        queued.push_back(b);
    }
    // Drops the whole queue (the source must be stopped).
    void clearQueue() {
        alSourceStop(source);
        alSourcei(source, AL_BUFFER, 0);
        for (ALuint b : queued) spare.push_back(b);
        queued.clear();
        consumed = 0;
    }
};

struct Efx {
    LPALGENEFFECTS genEffects = nullptr;
    LPALDELETEEFFECTS deleteEffects = nullptr;
    LPALEFFECTI effecti = nullptr;
    LPALEFFECTF effectf = nullptr;
    LPALGENAUXILIARYEFFECTSLOTS genSlots = nullptr;
    LPALDELETEAUXILIARYEFFECTSLOTS deleteSlots = nullptr;
    LPALAUXILIARYEFFECTSLOTI sloti = nullptr;
    LPALAUXILIARYEFFECTSLOTF slotf = nullptr;
    ALuint effect = 0, slot = 0;
};

template <class Fn>
Fn alProc(const char* name) {
    return reinterpret_cast<Fn>(alGetProcAddress(name));
}

// One of the person's levels over session time: `base`, then each change
// ramping linearly from wherever the level was to its target. A seek
// settles it (the last target becomes the base), so the level is a pure
// function of the time between seeks, and an export that makes the same
// changes at the same samples hears the same.
struct LevelRamp {
    float base = 1.0f;
    std::vector<std::pair<Samples, float>> changes; // (start, target), by start

    float target() const { return changes.empty() ? base : changes.back().second; }
    void settle() {
        base = target();
        changes.clear();
    }
    void add(Samples at, float to) {
        auto it = std::upper_bound(changes.begin(), changes.end(), at, [](Samples v, const auto& c) { return v < c.first; });
        changes.insert(it, {at, to});
    }
    float at(Samples t, Samples ramp) const {
        float from = base, to = base;
        Samples start = std::numeric_limits<Samples>::min();
        auto value = [&](Samples x) {
            if (start == std::numeric_limits<Samples>::min() || x - start >= ramp) return to;
            return from + (to - from) * float(double(x - start) / double(ramp));
        };
        for (const auto& [when, level] : changes) {
            if (when > t) break;
            from = value(when);
            to = level;
            start = when;
        }
        return value(t);
    }
    // The same level over [t0, t1): no ramp under way there.
    bool steady(Samples t0, Samples t1, Samples ramp) const {
        for (const auto& c : changes)
            if (c.first < t1 && c.first + ramp > t0) return false;
        return true;
    }
    // Scales `frames` frames of `channels` interleaved samples from t0.
    void apply(Samples t0, float* data, int frames, int channels, Samples ramp) const {
        if (steady(t0, t0 + frames, ramp)) {
            const float g = at(t0, ramp);
            if (g != 1.0f)
                for (int i = 0; i < frames * channels; ++i) data[i] *= g;
            return;
        }
        for (int i = 0; i < frames; ++i) {
            const float g = at(t0 + i, ramp);
            for (int c = 0; c < channels; ++c) data[i * channels + c] *= g;
        }
    }
};

struct Clip {
    NarrationClip desc;
    Samples length = 0;
    int lane = 0;
    std::unique_ptr<AudioFileStream> stream; // open only while it is being heard
    Samples streamNext = -1;                 // clip-relative sample the stream reads next
};

} // namespace

struct AudioEngine::Impl {
    AudioEngineDesc desc;
    std::unique_ptr<AudioDevice> device;
    AudioMode mode = AudioMode::Loopback;
    std::string silentReason;

    // ----- the timeline: plain data, the source of every buffer
    std::map<ClipId, Clip> clips;
    ClipId nextClip = 1;
    glm::vec3 narrator{0.f, 0.f, -1.f};
    glm::vec3 listenerPos{0.f}, listenerFwd{0.f, 0.f, -1.f}, listenerUp{0.f, 1.f, 0.f};
    Ambience ambience;
    BreathPacer pacer;
    bool pacerOn = true;
    float masterGain = 1.0f;
    LevelRamp voiceLevel, ambienceLevel; // the person's
    Samples levelRamp() const { return Samples(kLevelRampSec * kMixRate); }

    // ----- transport
    bool playing = false;
    bool started = false;    // sources hold a queue that starts at segmentStart
    int batch = 0;           // open ChangeBatches
    bool pending = false;    // a change came in during the batch
    Samples pendingFrom = 0, pendingTo = 0;
    int restarts = 0;
    Samples segmentStart = 0;
    Samples queueEnd = 0;    // session time where the queued audio ends
    Samples pausedAt = 0;    // the clock while not playing
    mutable Samples lastClock = 0;
    // Silent: our own pacer.
    std::chrono::steady_clock::time_point silentSince{};
    Samples silentBase = 0;
    std::chrono::steady_clock::time_point nextReopen{};
    double reopenDelaySec = 3.0;

    // ----- OpenAL objects (none in Silent)
    std::vector<StreamSource> lanes; // narration, mono, placed in the space
    int laneCount = 1;               // lanes the clips need
    // Ambience and pacer tones together, stereo, straight to the output
    // (AL_SOFT_direct_channels): they surround the listener rather than come
    // from a place, and skip the HRTF filters a spatial source would cost.
    StreamSource bed;
    Efx efx;
    bool reverbOn = false;
    LPALGETSOURCEI64VSOFT getSourcei64 = nullptr;
    int rebuilds = 0;
    int underruns = 0;

    // ----- staging
    std::vector<float> mono, stereo, scratch;

    bool hasSources() const { return mode != AudioMode::Silent && !lanes.empty(); }
    // AL calls go to the current context; two engines alive at once (an
    // export beside a preview, tests comparing runs) must not cross.
    void current() const {
        if (device && alcGetCurrentContext() != device->alcContext()) alcMakeContextCurrent(device->alcContext());
    }
    int bufferFrames() const { return desc.bufferFrames; }

    Status openDevice();
    void buildSources();
    void addLane();
    void destroySources();
    void goSilent(const std::string& reason);
    void fillLane(int lane, Samples t0, float* out, int frames);
    void refill(Samples mustCover);
    void restartAt(Samples t);
    Samples computeClock() const;
    Samples mixPosition() const;
    void timelineChanged(Samples from, Samples to);
    void applyListener();
    void placeLanes(Samples t);
    std::vector<ALuint> allSources() const;
};

// ---------------------------------------------------------------- device

Status AudioEngine::Impl::openDevice() {
    AudioDesc ad = desc.audio;
    ad.fallbackToSilent = false;
    auto dev = AudioDevice::open(ad);
    if (!dev) return dev.error();
    device = std::move(*dev);
    mode = device->mode();
    buildSources();
    return Ok{};
}

void AudioEngine::Impl::buildSources() {
    lanes.clear();
    bed.create(true);
    getSourcei64 = alIsExtensionPresent("AL_SOFT_source_latency") ? alProc<LPALGETSOURCEI64VSOFT>("alGetSourcei64vSOFT") : nullptr;

    // A narrator that follows the attended region moves without lurching:
    // see addLane() for the distances.
    alDistanceModel(AL_INVERSE_DISTANCE_CLAMPED);
    alSourcei(bed.source, AL_SOURCE_RELATIVE, AL_TRUE);
    alSource3f(bed.source, AL_POSITION, 0.f, 0.f, 0.f);
    if (alIsExtensionPresent("AL_SOFT_direct_channels")) alSourcei(bed.source, AL_DIRECT_CHANNELS_SOFT, AL_TRUE);

    reverbOn = false;
    if (desc.reverb && alcIsExtensionPresent(device->alcDevice(), "ALC_EXT_EFX")) {
        efx.genEffects = alProc<LPALGENEFFECTS>("alGenEffects");
        efx.deleteEffects = alProc<LPALDELETEEFFECTS>("alDeleteEffects");
        efx.effecti = alProc<LPALEFFECTI>("alEffecti");
        efx.effectf = alProc<LPALEFFECTF>("alEffectf");
        efx.genSlots = alProc<LPALGENAUXILIARYEFFECTSLOTS>("alGenAuxiliaryEffectSlots");
        efx.deleteSlots = alProc<LPALDELETEAUXILIARYEFFECTSLOTS>("alDeleteAuxiliaryEffectSlots");
        efx.sloti = alProc<LPALAUXILIARYEFFECTSLOTI>("alAuxiliaryEffectSloti");
        efx.slotf = alProc<LPALAUXILIARYEFFECTSLOTF>("alAuxiliaryEffectSlotf");
        if (efx.genEffects && efx.genSlots && efx.effecti && efx.sloti) {
            alGetError();
            efx.genEffects(1, &efx.effect);
            efx.effecti(efx.effect, AL_EFFECT_TYPE, AL_EFFECT_REVERB);
            // A small, soft room: short decay, damped highs, no slap-back.
            efx.effectf(efx.effect, AL_REVERB_DECAY_TIME, 1.1f);
            efx.effectf(efx.effect, AL_REVERB_DECAY_HFRATIO, 0.6f);
            efx.effectf(efx.effect, AL_REVERB_DENSITY, 0.8f);
            efx.effectf(efx.effect, AL_REVERB_DIFFUSION, 1.0f);
            efx.effectf(efx.effect, AL_REVERB_GAIN, 0.5f);
            efx.effectf(efx.effect, AL_REVERB_GAINHF, 0.6f);
            efx.effectf(efx.effect, AL_REVERB_REFLECTIONS_GAIN, 0.2f);
            efx.effectf(efx.effect, AL_REVERB_LATE_REVERB_GAIN, 0.8f);
            efx.genSlots(1, &efx.slot);
            efx.sloti(efx.slot, AL_EFFECTSLOT_EFFECT, ALint(efx.effect));
            efx.slotf(efx.slot, AL_EFFECTSLOT_GAIN, desc.reverbGain);
            reverbOn = alGetError() == AL_NO_ERROR;
            if (!reverbOn) log::info("audio.reverb", "the device refused the EFX reverb; narration plays dry");
        }
    }
    while (int(lanes.size()) < laneCount) addLane();
    alListenerf(AL_GAIN, masterGain);
    applyListener();
    started = false;
}

void AudioEngine::Impl::addLane() {
    StreamSource l;
    l.create(false);
    // Distances are metres around the client's head. Within 1.5 m nothing
    // gets louder, and further away the voice fades only gently.
    alSourcef(l.source, AL_REFERENCE_DISTANCE, 1.5f);
    alSourcef(l.source, AL_ROLLOFF_FACTOR, 0.5f);
    if (reverbOn) alSource3i(l.source, AL_AUXILIARY_SEND_FILTER, ALint(efx.slot), 0, AL_FILTER_NULL);
    lanes.push_back(l);
}

void AudioEngine::Impl::destroySources() {
    for (auto& l : lanes) l.destroy();
    lanes.clear();
    bed.destroy();
    if (efx.slot && efx.deleteSlots) efx.deleteSlots(1, &efx.slot);
    if (efx.effect && efx.deleteEffects) efx.deleteEffects(1, &efx.effect);
    efx.slot = efx.effect = 0;
    reverbOn = false;
    started = false;
}

void AudioEngine::Impl::goSilent(const std::string& reason) {
    const Samples at = playing ? lastClock : pausedAt;
    if (device) destroySources();
    device.reset();
    for (auto& [id, c] : clips) c.stream.reset();
    mode = AudioMode::Silent;
    silentReason = reason;
    silentBase = at;
    pausedAt = at;
    silentSince = std::chrono::steady_clock::now();
    reopenDelaySec = desc.reopenEverySec;
    nextReopen = silentSince + std::chrono::milliseconds(int(reopenDelaySec * 1000));
    log::warn("audio.silent", "{}: the session goes on silently, with captions. Connect headphones or speakers to hear the voice.", reason);
}

void AudioEngine::Impl::applyListener() {
    const float ori[6] = {listenerFwd.x, listenerFwd.y, listenerFwd.z, listenerUp.x, listenerUp.y, listenerUp.z};
    alListener3f(AL_POSITION, listenerPos.x, listenerPos.y, listenerPos.z);
    alListenerfv(AL_ORIENTATION, ori);
}

std::vector<ALuint> AudioEngine::Impl::allSources() const {
    std::vector<ALuint> s;
    for (auto& l : lanes) s.push_back(l.source);
    s.push_back(bed.source);
    return s;
}

// ---------------------------------------------------------------- generation

void AudioEngine::Impl::fillLane(int lane, Samples t0, float* out, int frames) {
    std::fill(out, out + frames, 0.f);
    const Samples t1 = t0 + frames;
    for (auto& [id, c] : clips) {
        if (c.lane != lane) continue;
        const Samples a = std::max(t0, c.desc.at), b = std::min(t1, c.desc.at + c.length);
        if (a >= b) {
            // Past its end: let go of the file and its buffers.
            if (c.stream && t0 >= c.desc.at + c.length) c.stream.reset();
            continue;
        }
        float* dst = out + (a - t0);
        const Samples from = a - c.desc.at, n = b - a;
        const float g = c.desc.gain;
        const bool fading = c.desc.fadeOutAt >= 0 && b > c.desc.fadeOutAt;
        if (c.desc.speech) {
            const float* src = c.desc.speech->pcm.data() + from;
            if (fading)
                for (Samples i = 0; i < n; ++i) dst[i] += c.desc.gainAt(a + i) * src[i];
            else
                for (Samples i = 0; i < n; ++i) dst[i] += g * src[i];
            continue;
        }
        if (!c.stream) {
            auto s = AudioFileStream::open(c.desc.recording);
            if (!s) { // this clip stays silent, captions carry it
                log::warn(s.error().id, "{}", s.error().message);
                continue;
            }
            c.stream = std::move(*s);
            c.streamNext = -1;
        }
        if (c.streamNext != from) c.stream->seek(from);
        scratch.resize(std::size_t(n)); // at most one buffer, reused
        const std::size_t got = c.stream->read(scratch.data(), std::size_t(n));
        for (std::size_t i = 0; i < got; ++i) dst[i] += (fading ? c.desc.gainAt(a + Samples(i)) : g) * scratch[i];
        c.streamNext = from + Samples(got);
        if (from + n >= c.length) c.stream.reset();
    }
}

void AudioEngine::Impl::refill(Samples mustCover) {
    const int B = bufferFrames();
    mono.resize(std::size_t(B));
    stereo.resize(std::size_t(B) * 2);
    for (auto& l : lanes) l.reclaim(B);
    bed.reclaim(B);
    // Lock-step: every source gets buffer k for the same session samples.
    const int ahead = mode == AudioMode::Loopback ? 2 : std::max(2, desc.buffersAhead);
    while (int(lanes[0].queued.size()) < ahead || queueEnd < mustCover) {
        for (std::size_t l = 0; l < lanes.size(); ++l) {
            fillLane(int(l), queueEnd, mono.data(), B);
            voiceLevel.apply(queueEnd, mono.data(), B, 1, levelRamp());
            lanes[l].queue(mono.data(), B);
        }
        ambience.generate(queueEnd, stereo.data(), B);
        ambienceLevel.apply(queueEnd, stereo.data(), B, 2, levelRamp());
        pacer.generate(queueEnd, mono.data(), B, pacerOn);
        for (int i = 0; i < B; ++i) {
            // The tone sits in the middle, at equal power in both ears.
            stereo[std::size_t(2 * i)] += 0.7071f * mono[std::size_t(i)];
            stereo[std::size_t(2 * i + 1)] += 0.7071f * mono[std::size_t(i)];
        }
        bed.queue(stereo.data(), B);
        queueEnd += B;
    }
}

void AudioEngine::Impl::restartAt(Samples t) {
    ++restarts;
    pausedAt = t;
    lastClock = t;
    if (mode == AudioMode::Silent) {
        silentBase = t;
        silentSince = std::chrono::steady_clock::now();
        return;
    }
    for (auto& l : lanes) l.clearQueue();
    bed.clearQueue();
    ambience.reset(t);
    pacer.reset(t);
    segmentStart = t;
    queueEnd = t;
    refill(t);
    placeLanes(t);
    started = true;
    if (playing) {
        auto srcs = allSources();
        alSourcePlayv(ALsizei(srcs.size()), srcs.data());
    }
}

void AudioEngine::Impl::placeLanes(Samples t) {
    for (std::size_t l = 0; l < lanes.size(); ++l) {
        glm::vec3 p = narrator;
        for (auto& [id, c] : clips)
            if (c.lane == int(l) && c.desc.position && t >= c.desc.at && t < c.desc.at + c.length) p = *c.desc.position;
        alSource3f(lanes[l].source, AL_POSITION, p.x, p.y, p.z);
    }
}

// Where the mixer is: the first sample not yet mixed (the clock plus the
// device's latency). Equal to the clock in loopback.
Samples AudioEngine::Impl::mixPosition() const {
    if (!hasSources() || !started) return pausedAt;
    ALint off = 0;
    alGetSourcei(lanes[0].source, AL_SAMPLE_OFFSET, &off);
    return segmentStart + lanes[0].consumed + off;
}

// Buffers already queued cannot be changed: when an edit touches the part of
// the timeline they hold, queue again from where the mixer is.
void AudioEngine::Impl::timelineChanged(Samples from, Samples to) {
    if (!hasSources() || !started) return;
    if (batch > 0) {
        pendingFrom = pending ? std::min(pendingFrom, from) : from;
        pendingTo = pending ? std::max(pendingTo, to) : to;
        pending = true;
        return;
    }
    const Samples mixAt = mixPosition();
    if (to <= mixAt || from >= queueEnd) return;
    const Samples heard = playing ? std::max(lastClock, computeClock()) : pausedAt;
    const Samples keepClock = heard;
    restartAt(mixAt);
    // restartAt() set the clock to the mix position; what is heard is
    // still the device's latency behind it.
    lastClock = std::min(lastClock, keepClock);
    pausedAt = playing ? pausedAt : keepClock;
}

Samples AudioEngine::Impl::computeClock() const {
    if (!playing) return pausedAt;
    if (mode == AudioMode::Silent) {
        const auto dt = std::chrono::steady_clock::now() - silentSince;
        return silentBase + Samples(std::chrono::duration_cast<std::chrono::microseconds>(dt).count()) * kMixRate / 1'000'000;
    }
    const StreamSource& ref = lanes[0];
    ALint state = 0;
    alGetSourcei(ref.source, AL_SOURCE_STATE, &state);
    if (state != AL_PLAYING) return lastClock; // stopped by a lost device or an underrun; update() handles it
    Samples pos = 0, latency = 0;
    if (getSourcei64) {
        ALint64SOFT v[2] = {0, 0};
        getSourcei64(ref.source, AL_SAMPLE_OFFSET_LATENCY_SOFT, v);
        pos = Samples(v[0] >> 32);
        if (mode == AudioMode::Device) latency = Samples(v[1]) * kMixRate / 1'000'000'000;
    } else {
        ALint off = 0;
        alGetSourcei(ref.source, AL_SAMPLE_OFFSET, &off);
        pos = off;
    }
    return segmentStart + ref.consumed + pos - latency;
}

// ---------------------------------------------------------------- public

Result<std::unique_ptr<AudioEngine>> AudioEngine::create(const AudioEngineDesc& desc) {
    std::unique_ptr<AudioEngine> e(new AudioEngine());
    e->mImpl = std::make_unique<Impl>();
    Impl& m = *e->mImpl;
    m.desc = desc;
    m.desc.bufferFrames = std::clamp(desc.bufferFrames, 256, kMixRate);
    if (auto s = m.openDevice(); !s) {
        if (s.error().id != "audio.no_device" || desc.audio.loopback) return s.error();
        m.goSilent("no audio output device could be opened");
    }
    if (m.mode != AudioMode::Silent)
        log::info("audio.engine", "audio engine on \"{}\": {}, reverb {}", m.device->deviceName(), m.device->hrtfStatus(),
                  m.reverbOn ? "on" : "off");
    return e;
}

AudioEngine::~AudioEngine() {
    if (mImpl && mImpl->device) {
        mImpl->current();
        mImpl->destroySources();
    }
}

Result<ClipId> AudioEngine::addNarration(NarrationClip clip) {
    Impl& m = *mImpl;
    m.current();
    Clip c;
    if (clip.speech) {
        c.length = clip.speech->length();
    } else {
        auto s = AudioFileStream::open(clip.recording);
        if (!s) return s.error();
        c.length = (*s)->length();
    }
    c.length = clip.heardLength(c.length);
    c.desc = std::move(clip);
    // The first lane free over the whole clip; overlapping clips share the last.
    c.lane = kMaxLanes - 1;
    for (int l = 0; l < kMaxLanes; ++l) {
        bool busy = false;
        for (auto& [id, o] : m.clips)
            busy |= o.lane == l && o.desc.at < c.desc.at + c.length && c.desc.at < o.desc.at + o.length;
        if (!busy) { c.lane = l; break; }
    }
    const int lane = c.lane;
    const Samples from = c.desc.at, to = c.desc.at + c.length;
    const ClipId id = m.nextClip++;
    m.clips.emplace(id, std::move(c));
    if (lane >= m.laneCount) {
        m.laneCount = lane + 1;
        if (m.hasSources()) {
            while (int(m.lanes.size()) < m.laneCount) m.addLane();
            // A new lane joins the lock-step by starting everything again
            // from what is heard now.
            if (m.started && m.batch > 0) m.timelineChanged(0, std::numeric_limits<Samples>::max());
            else if (m.started) m.restartAt(m.playing ? m.mixPosition() : m.pausedAt);
            return id;
        }
    }
    m.timelineChanged(from, to);
    return id;
}

void AudioEngine::removeNarration(ClipId id) {
    Impl& m = *mImpl;
    m.current();
    auto it = m.clips.find(id);
    if (it == m.clips.end()) return;
    const Samples from = it->second.desc.at, to = from + it->second.length;
    m.clips.erase(it);
    m.timelineChanged(from, to);
}

void AudioEngine::clearNarration() {
    mImpl->current();
    mImpl->clips.clear();
    mImpl->timelineChanged(0, std::numeric_limits<Samples>::max());
}

void AudioEngine::setNarratorPosition(const glm::vec3& pos) {
    mImpl->current();
    mImpl->narrator = pos;
    if (mImpl->hasSources()) mImpl->placeLanes(clock());
}

void AudioEngine::setAmbienceSchedule(std::vector<AmbienceChange> changes) {
    mImpl->current();
    mImpl->ambience.setSchedule(std::move(changes));
    mImpl->timelineChanged(0, std::numeric_limits<Samples>::max());
}

Samples AudioEngine::setAmbience(const std::string& bed, float gain, double fadeSec) {
    Impl& m = *mImpl;
    m.current();
    const Samples at = m.hasSources() && m.started ? m.queueEnd : clock();
    m.ambience.add({at, bed, gain, fadeSec});
    return at;
}

void AudioEngine::setBreathSchedule(std::vector<BreathPhase> phases) {
    mImpl->current();
    mImpl->pacer.setSchedule(std::move(phases));
    mImpl->timelineChanged(0, std::numeric_limits<Samples>::max());
}

void AudioEngine::setPacerEnabled(bool on) {
    mImpl->current();
    if (mImpl->pacerOn == on) return;
    mImpl->pacerOn = on;
    // The client's switch acts now, not a queue's length later.
    mImpl->timelineChanged(0, std::numeric_limits<Samples>::max());
}
bool AudioEngine::pacerEnabled() const { return mImpl->pacerOn; }
void AudioEngine::setPacerGain(float gain) { mImpl->pacer.setGain(gain); }

void AudioEngine::setMasterGain(float gain) {
    mImpl->current();
    mImpl->masterGain = gain;
    if (mImpl->hasSources()) alListenerf(AL_GAIN, gain);
}

Samples AudioEngine::setLevels(MixLevels levels, Samples from) {
    Impl& m = *mImpl;
    m.current();
    levels.voice = std::clamp(std::isfinite(levels.voice) ? levels.voice : 1.0f, 0.0f, 1.0f);
    levels.ambience = std::clamp(std::isfinite(levels.ambience) ? levels.ambience : 1.0f, 0.0f, 1.0f);
    const bool queued = m.hasSources() && m.started;
    if (from < 0) from = queued ? m.queueEnd : clock();
    if (levels.voice != m.voiceLevel.target()) m.voiceLevel.add(from, levels.voice);
    if (levels.ambience != m.ambienceLevel.target()) m.ambienceLevel.add(from, levels.ambience);
    if (!m.started) {
        // Nothing heard yet: the session starts at these levels.
        m.voiceLevel.settle();
        m.ambienceLevel.settle();
    }
    m.timelineChanged(from, std::numeric_limits<Samples>::max());
    return from;
}

MixLevels AudioEngine::levels() const { return {mImpl->voiceLevel.target(), mImpl->ambienceLevel.target()}; }

void AudioEngine::setListener(const glm::vec3& position, const glm::vec3& forward, const glm::vec3& up) {
    Impl& m = *mImpl;
    m.current();
    m.listenerPos = position;
    m.listenerFwd = forward;
    m.listenerUp = up;
    if (m.hasSources()) m.applyListener();
}

void AudioEngine::play() {
    Impl& m = *mImpl;
    m.current();
    if (m.playing) return;
    m.playing = true;
    if (m.mode == AudioMode::Silent) {
        m.silentBase = m.pausedAt;
        m.silentSince = std::chrono::steady_clock::now();
        return;
    }
    if (!m.started) {
        m.restartAt(m.pausedAt);
        return;
    }
    // Paused sources keep their queues and offsets: resuming them together
    // continues the lock-step exactly where it stopped.
    auto srcs = m.allSources();
    alSourcePlayv(ALsizei(srcs.size()), srcs.data());
}

void AudioEngine::pause() {
    Impl& m = *mImpl;
    m.current();
    if (!m.playing) return;
    // Freeze the clock at what was last heard; after resuming, the clock
    // never reports less (the device's latency refills first).
    m.pausedAt = std::max(m.lastClock, m.computeClock());
    m.lastClock = m.pausedAt;
    m.playing = false;
    if (m.hasSources() && m.started) {
        auto srcs = m.allSources();
        alSourcePausev(ALsizei(srcs.size()), srcs.data());
    }
}

void AudioEngine::seek(Samples t) {
    Impl& m = *mImpl;
    m.current();
    t = std::max<Samples>(0, t);
    for (auto& [id, c] : m.clips) c.streamNext = -1;
    m.voiceLevel.settle();
    m.ambienceLevel.settle();
    m.restartAt(t);
}

bool AudioEngine::playing() const { return mImpl->playing; }

AudioEngine::ChangeBatch::ChangeBatch(AudioEngine& engine) : mEngine(engine) { ++mEngine.mImpl->batch; }

AudioEngine::ChangeBatch::~ChangeBatch() {
    Impl& m = *mEngine.mImpl;
    if (--m.batch > 0 || !m.pending) return;
    m.pending = false;
    m.current();
    m.timelineChanged(m.pendingFrom, m.pendingTo);
}

Samples AudioEngine::mixedUntil() const {
    Impl& m = *mImpl;
    m.current();
    const Samples heard = clock();
    if (!m.hasSources() || !m.started || !m.playing) return heard;
    return std::max(heard, m.mixPosition());
}

Samples AudioEngine::clock() const {
    Impl& m = *mImpl;
    m.current();
    const Samples c = m.computeClock();
    // Monotonic while playing: a latency estimate that shrinks must not
    // move the session backwards.
    if (m.playing) m.lastClock = std::max(m.lastClock, c);
    return m.playing ? m.lastClock : c;
}

void AudioEngine::render(float* out, int frames) {
    Impl& m = *mImpl;
    m.current();
    if (m.mode != AudioMode::Loopback) {
        std::fill(out, out + std::size_t(frames) * 2, 0.f);
        return;
    }
    const int B = m.bufferFrames();
    int done = 0;
    while (done < frames) {
        const int n = std::min(B, frames - done);
        if (m.playing && m.started) {
            // The queue must hold everything this chunk will mix.
            const Samples now = m.computeClock();
            m.refill(now + n);
            m.placeLanes(now);
        }
        m.device->render(out + std::size_t(done) * 2, n);
        done += n;
    }
    if (m.playing) m.lastClock = std::max(m.lastClock, m.computeClock());
}

void AudioEngine::update() {
    Impl& m = *mImpl;
    m.current();
    if (m.mode == AudioMode::Silent) {
        const auto now = std::chrono::steady_clock::now();
        if (now < m.nextReopen || m.desc.audio.loopback) return;
        const Samples at = clock();
        if (auto s = m.openDevice(); s) {
            ++m.rebuilds;
            log::info("audio.device_back", "audio is back on \"{}\"; continuing at {:.2f} s", m.device->deviceName(), toSeconds(at));
            m.silentReason.clear();
            m.restartAt(at);
            return;
        }
        // Each failed try costs ALSA's complaints; look less often over time.
        m.reopenDelaySec = std::min(60.0, m.reopenDelaySec * 2);
        m.nextReopen = now + std::chrono::milliseconds(int(m.reopenDelaySec * 1000));
        return;
    }
    if (!m.device->connected()) {
        m.lastClock = std::max(m.lastClock, m.computeClock());
        m.goSilent("the audio device was disconnected");
        return;
    }
    if (m.mode == AudioMode::Loopback || !m.playing || !m.started) return;
    ALint state = 0;
    alGetSourcei(m.lanes[0].source, AL_SOURCE_STATE, &state);
    if (state != AL_PLAYING) {
        // Ran dry (the program stalled longer than the queue): start again,
        // all sources together, from what was heard last.
        ++m.underruns;
        log::warn("audio.underrun", "audio ran out of queued sound at {:.2f} s; resuming there", toSeconds(m.lastClock));
        m.restartAt(m.lastClock);
        return;
    }
    const Samples now = clock();
    m.refill(now);
    m.placeLanes(now);
}

AudioMode AudioEngine::mode() const { return mImpl->mode; }
std::string AudioEngine::silentReason() const { return mImpl->silentReason; }
std::string AudioEngine::hrtfStatus() const {
    return mImpl->device ? mImpl->device->hrtfStatus() : "no audio device (silent, with captions)";
}
bool AudioEngine::hrtfEnabled() const { return mImpl->device && mImpl->device->hrtfEnabled(); }
bool AudioEngine::reverbActive() const { return mImpl->reverbOn; }

AudioEngineStats AudioEngine::stats() const {
    const Impl& m = *mImpl;
    AudioEngineStats s;
    if (m.hasSources()) {
        s.sources = int(m.lanes.size()) + 1;
        for (auto& l : m.lanes) s.queuedBuffers += int(l.queued.size());
        s.queuedBuffers += int(m.bed.queued.size());
    }
    for (auto& [id, c] : m.clips)
        if (c.stream) {
            ++s.openStreams;
            s.streamBytes += c.stream->bufferBytes();
        }
    s.bufferBytes = (m.mono.capacity() + m.stereo.capacity() + m.scratch.capacity()) * sizeof(float);
    s.rebuilds = m.rebuilds;
    s.underruns = m.underruns;
    s.restarts = m.restarts;
    return s;
}

} // namespace soma
