#include "audio/AudioDevice.h"

#include "core/Log.h"

#include <AL/al.h>
#include <AL/alc.h>
#include <AL/alext.h>

#include <chrono>
#include <vector>

namespace soma {
namespace {

template <class Fn>
Fn alcProc(ALCdevice* dev, const char* name) {
    return reinterpret_cast<Fn>(alcGetProcAddress(dev, name));
}

} // namespace

const char* toString(AudioMode mode) {
    switch (mode) {
    case AudioMode::Device: return "device";
    case AudioMode::Silent: return "silent";
    case AudioMode::Loopback: return "loopback";
    }
    return "?";
}

Result<std::unique_ptr<AudioDevice>> AudioDevice::open(const AudioDesc& desc) {
    std::unique_ptr<AudioDevice> a(new AudioDevice());
    a->mRate = desc.sampleRate;

    if (desc.loopback) {
        a->mMode = AudioMode::Loopback;
        if (auto s = a->openLoopback(desc.hrtf); !s) return s.error();
        return a;
    }

    a->mDevice = alcOpenDevice(nullptr);
    if (a->mDevice) {
        std::vector<ALCint> attrs = {ALC_FREQUENCY, desc.sampleRate, ALC_HRTF_SOFT, desc.hrtf ? ALC_TRUE : ALC_FALSE, 0};
        a->mContext = alcCreateContext(a->mDevice, attrs.data());
        if (a->mContext && alcMakeContextCurrent(a->mContext)) {
            a->mMode = AudioMode::Device;
            if (const ALCchar* n = alcGetString(a->mDevice, ALC_ALL_DEVICES_SPECIFIER)) a->mName = n;
            else if (const ALCchar* n2 = alcGetString(a->mDevice, ALC_DEVICE_SPECIFIER)) a->mName = n2;
            log::info("audio.device", "audio on \"{}\", {}", a->mName, a->hrtfStatus());
            return a;
        }
        if (a->mContext) alcDestroyContext(a->mContext);
        alcCloseDevice(a->mDevice);
        a->mContext = nullptr;
        a->mDevice = nullptr;
    }

    if (!desc.fallbackToSilent)
        return Error{"audio.no_device", "no audio output device could be opened"};

    // No output: keep the clock running through a loopback device paced by
    // our own thread. The session goes on, silent, with captions.
    a->mMode = AudioMode::Silent;
    a->mSilentReason = "no audio output device could be opened";
    if (auto s = a->openLoopback(desc.hrtf); !s) return s.error();
    a->startPacer();
    log::warn("audio.silent", "{}: running silently, with captions. Connect headphones or speakers and restart to hear the voice.",
              a->mSilentReason);
    return a;
}

Status AudioDevice::openLoopback(bool hrtf) {
    if (!alcIsExtensionPresent(nullptr, "ALC_SOFT_loopback"))
        return Error{"audio.no_loopback", "this OpenAL has no ALC_SOFT_loopback; install OpenAL Soft (libopenal1)"};
    auto openLb = alcProc<LPALCLOOPBACKOPENDEVICESOFT>(nullptr, "alcLoopbackOpenDeviceSOFT");
    mDevice = openLb(nullptr);
    if (!mDevice) return Error{"audio.loopback_open", "the OpenAL Soft loopback device could not be opened"};
    const ALCint attrs[] = {
        ALC_FORMAT_CHANNELS_SOFT, ALC_STEREO_SOFT,
        ALC_FORMAT_TYPE_SOFT, ALC_FLOAT_SOFT,
        ALC_FREQUENCY, mRate,
        ALC_HRTF_SOFT, hrtf ? ALC_TRUE : ALC_FALSE,
        0,
    };
    mContext = alcCreateContext(mDevice, attrs);
    if (!mContext || !alcMakeContextCurrent(mContext))
        return Error{"audio.loopback_context", "the OpenAL Soft loopback device refused 48 kHz stereo float"};
    mName = "OpenAL Soft loopback";
    return Ok{};
}

void AudioDevice::startPacer() {
    // Renders 10 ms at a time against the steady clock. Sleeping until an
    // absolute deadline keeps the average rate exact even when one wake-up
    // is late.
    mPacer = std::thread([this] {
        constexpr int kChunk = 480;
        std::vector<float> scratch(kChunk * 2);
        auto render = alcProc<LPALCRENDERSAMPLESSOFT>(mDevice, "alcRenderSamplesSOFT");
        const auto start = std::chrono::steady_clock::now();
        Samples done = 0;
        while (!mPacerStop.load()) {
            render(mDevice, scratch.data(), kChunk);
            done += kChunk;
            mRendered.store(done);
            std::this_thread::sleep_until(start + std::chrono::microseconds(done * 1'000'000 / mRate));
        }
    });
}

AudioDevice::~AudioDevice() {
    mPacerStop.store(true);
    if (mPacer.joinable()) mPacer.join();
    if (alcGetCurrentContext() == mContext) alcMakeContextCurrent(nullptr);
    if (mContext) alcDestroyContext(mContext);
    if (mDevice) alcCloseDevice(mDevice);
}

void AudioDevice::render(float* out, int frames) {
    if (mMode != AudioMode::Loopback || frames <= 0) return;
    static auto renderFn = alcProc<LPALCRENDERSAMPLESSOFT>(mDevice, "alcRenderSamplesSOFT");
    renderFn(mDevice, out, frames);
    mRendered.fetch_add(frames);
}

Samples AudioDevice::clock() const {
    if (mMode != AudioMode::Device) return mRendered.load();
    if (alcIsExtensionPresent(mDevice, "ALC_SOFT_device_clock")) {
        auto get64 = alcProc<LPALCGETINTEGER64VSOFT>(mDevice, "alcGetInteger64vSOFT");
        ALCint64SOFT ns = 0;
        get64(mDevice, ALC_DEVICE_CLOCK_SOFT, 1, &ns);
        return Samples(ns) * mRate / 1'000'000'000;
    }
    return 0;
}

bool AudioDevice::connected() const {
    if (mMode != AudioMode::Device || !alcIsExtensionPresent(mDevice, "ALC_EXT_disconnect")) return true;
    ALCint c = ALC_TRUE;
    alcGetIntegerv(mDevice, ALC_CONNECTED, 1, &c);
    return c == ALC_TRUE;
}

bool AudioDevice::hrtfEnabled() const {
    ALCint on = ALC_FALSE;
    alcGetIntegerv(mDevice, ALC_HRTF_SOFT, 1, &on);
    return on == ALC_TRUE;
}

int AudioDevice::hrtfCount() const {
    ALCint n = 0;
    alcGetIntegerv(mDevice, ALC_NUM_HRTF_SPECIFIERS_SOFT, 1, &n);
    return n;
}

std::string AudioDevice::hrtfStatus() const {
    ALCint status = 0;
    alcGetIntegerv(mDevice, ALC_HRTF_STATUS_SOFT, 1, &status);
    const int n = hrtfCount();
    std::string avail = n > 0 ? fmt::format("HRTF available ({} data set{})", n, n == 1 ? "" : "s")
                              : "HRTF not available (install libopenal-data)";
    switch (status) {
    case ALC_HRTF_ENABLED_SOFT: return avail + ", on (headphones)";
    case ALC_HRTF_HEADPHONES_DETECTED_SOFT: return avail + ", on (headphones detected)";
    case ALC_HRTF_DENIED_SOFT: return avail + ", off (denied by configuration)";
    case ALC_HRTF_REQUIRED_SOFT: return avail + ", on (required by configuration)";
    case ALC_HRTF_UNSUPPORTED_FORMAT_SOFT: return avail + ", off (output format not stereo)";
    default: return avail + ", off (speaker panning)";
    }
}

} // namespace soma
