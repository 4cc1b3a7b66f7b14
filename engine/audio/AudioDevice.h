// audio/AudioDevice: the OpenAL Soft device everything audible goes through.
//
// Three ways to have one:
//  - Device:   the system's default output, mixed in real time by OpenAL.
//  - Silent:   no output could be opened; a loopback device that our own
//              thread renders into nothing at real-time pace, so the session
//              clock keeps running and captions carry the words.
//  - Loopback: headless rendering; the caller pulls samples as fast as it
//              likes (exports, tests). Byte-identical run to run.
// OpenAL Soft 1.19 chooses one backend per process at the first ALC call, so
// "try the null backend next" cannot work; the loopback device needs no
// backend at all, which is why it is the fallback.
//
// Depends on OpenAL Soft. Must never block the caller on a missing device.
#pragma once

#include "core/Result.h"
#include "core/Time.h"

#include <atomic>
#include <memory>
#include <string>
#include <thread>

typedef struct ALCdevice_struct ALCdevice;
typedef struct ALCcontext_struct ALCcontext;

namespace soma {

enum class AudioMode { Device, Silent, Loopback };

const char* toString(AudioMode mode);

struct AudioDesc {
    bool loopback = false;   // headless: pull samples with render()
    bool hrtf = false;       // binaural rendering for headphones
    int sampleRate = kMixRate;
    // No output device: fall back to Silent (a paced loopback device). The
    // AudioEngine says false and keeps its own silent clock instead; open()
    // then gives Error "audio.no_device".
    bool fallbackToSilent = true;
};

class AudioDevice {
public:
    // Opens the default device; when there is none, falls back to Silent and
    // says so in the log. Only a broken OpenAL installation gives an Error.
    static Result<std::unique_ptr<AudioDevice>> open(const AudioDesc& desc);
    ~AudioDevice();
    AudioDevice(const AudioDevice&) = delete;
    AudioDevice& operator=(const AudioDevice&) = delete;

    AudioMode mode() const { return mMode; }
    int sampleRate() const { return mRate; }
    const std::string& deviceName() const { return mName; }
    bool hrtfEnabled() const;
    std::string hrtfStatus() const; // a sentence for `soma doctor`
    int hrtfCount() const;          // HRTF data sets the device offers

    // Loopback only: mixes `frames` stereo frames of float into `out`
    // (interleaved L, R) and advances the clock by as many samples.
    void render(float* out, int frames);

    // Samples mixed so far: in Loopback and Silent the exact count rendered;
    // for a Device, the device clock (ALC_SOFT_device_clock) in samples.
    Samples clock() const;

    // False once a real device has gone away (ALC_EXT_disconnect); always
    // true for loopback and silent devices.
    bool connected() const;

    // Why the device is silent, when it is (for the screen and the log).
    const std::string& silentReason() const { return mSilentReason; }

    ALCdevice* alcDevice() const { return mDevice; }
    ALCcontext* alcContext() const { return mContext; }

private:
    AudioDevice() = default;
    Status openLoopback(bool hrtf);
    void startPacer();

    AudioMode mMode = AudioMode::Device;
    int mRate = kMixRate;
    std::string mName;
    std::string mSilentReason;
    ALCdevice* mDevice = nullptr;
    ALCcontext* mContext = nullptr;
    std::atomic<Samples> mRendered{0};
    std::atomic<bool> mPacerStop{false};
    std::thread mPacer;
};

} // namespace soma
