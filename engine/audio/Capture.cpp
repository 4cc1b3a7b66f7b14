#include "audio/Capture.h"

#include "core/Log.h"
#include "core/Paths.h"

#include <SDL.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <utility>

namespace soma {

// The one place both threads touch. Indices count samples since open and
// only grow; their difference is what waits in the ring, so "full" and
// "empty" never look alike and need no spare slot.
class CaptureRing {
public:
    void resize(std::size_t minSamples) {
        std::size_t n = 1;
        while (n < minSamples) n *= 2;
        mData.assign(n, 0.f);
        mMask = n - 1;
    }
    std::size_t capacity() const { return mData.size(); }

    // Device thread: copies, one release store; never waits for the reader.
    void push(const float* in, std::size_t n) {
        const std::size_t w = mWritten.load(std::memory_order_relaxed);
        const std::size_t space = mData.size() - (w - mRead.load(std::memory_order_acquire));
        const std::size_t k = std::min(n, space);
        for (std::size_t i = 0; i < k; ++i) mData[(w + i) & mMask] = in[i];
        mWritten.store(w + k, std::memory_order_release);
        if (k < n) {
            mOverruns.fetch_add(1, std::memory_order_relaxed);
            mDropped.fetch_add(n - k, std::memory_order_relaxed);
        }
    }

    // UI thread.
    std::size_t pop(float* out, std::size_t max) {
        const std::size_t r = mRead.load(std::memory_order_relaxed);
        const std::size_t n = std::min(max, mWritten.load(std::memory_order_acquire) - r);
        for (std::size_t i = 0; i < n; ++i) out[i] = mData[(r + i) & mMask];
        mRead.store(r + n, std::memory_order_release);
        return n;
    }
    void discard() { mRead.store(mWritten.load(std::memory_order_acquire), std::memory_order_release); }

    std::size_t overruns() const { return mOverruns.load(std::memory_order_relaxed); }
    std::size_t dropped() const { return mDropped.load(std::memory_order_relaxed); }

private:
    std::vector<float> mData; // sized while the device is paused, never after
    std::size_t mMask = 0;
    // Apart, so the two threads do not share a cache line.
    alignas(64) std::atomic<std::size_t> mWritten{0};
    alignas(64) std::atomic<std::size_t> mRead{0};
    std::atomic<std::size_t> mOverruns{0};
    std::atomic<std::size_t> mDropped{0};
};

namespace {

constexpr int kDeviceSamples = 1024; // per callback: about 21 ms at 48 kHz
constexpr int kMeterMs = 50;
constexpr float kFullScale = 0.999f; // an int16 device tops out at 32767/32768
constexpr std::size_t kPullChunk = 4096;

void SDLCALL onDevice(void* ring, Uint8* bytes, int len) {
    // SDL converts whatever the device delivers to what was asked: mono float.
    static_cast<CaptureRing*>(ring)->push(reinterpret_cast<const float*>(bytes), std::size_t(len) / sizeof(float));
}

float toDb(double v) { return float(std::max(-120.0, 20.0 * std::log10(std::max(v, 1e-6)))); }

std::string sdlReason() {
    const char* e = SDL_GetError();
    return e && *e ? e : "SDL gave no reason";
}

Error failure(std::string id, std::string message) {
    log::warn(id, "{}", message);
    return Error{std::move(id), std::move(message)};
}

} // namespace

std::vector<std::string> Capture::devices() {
    std::vector<std::string> names;
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) return names;
    const int n = SDL_GetNumAudioDevices(1);
    for (int i = 0; i < n; ++i)
        if (const char* name = SDL_GetAudioDeviceName(i, 1)) names.emplace_back(name);
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
    return names;
}

Result<std::unique_ptr<Capture>> Capture::open(const CaptureDesc& desc) {
    const auto none = [](const std::string& reason) {
        // The way round a missing microphone is the one every recording
        // already has: a file in the person's recordings folder.
        return failure("capture.none",
                       fmt::format("no microphone was found ({}). Connect one and open the recording again, or record "
                                   "elsewhere and put the file in {}/<exercise>/<lang>/<step id>.wav",
                                   reason, (paths::dataHome() / "recordings").string()));
    };
    // SDL_AUDIODRIVER is read here, on the first initialisation only: an
    // app that already runs SDL audio keeps the driver it has.
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) return none(sdlReason());

    // Counted before opening: a driver that lists no microphone and cannot
    // open a default one has none, whatever its error says.
    const int listed = SDL_GetNumAudioDevices(1);
    auto ring = std::make_unique<CaptureRing>();
    SDL_AudioSpec want{};
    want.freq = desc.rate > 0 ? desc.rate : kMixRate;
    want.format = AUDIO_F32SYS;
    want.channels = 1;
    want.samples = kDeviceSamples;
    want.callback = onDevice;
    want.userdata = ring.get();
    SDL_AudioSpec have{};
    // The rate may change (we resample it ourselves, the same way as every
    // other voice); format and channels may not, so SDL mixes a stereo or
    // int16 microphone down to mono float on its own thread.
    const SDL_AudioDeviceID id = SDL_OpenAudioDevice(desc.device.empty() ? nullptr : desc.device.c_str(), 1, &want, &have,
                                                     SDL_AUDIO_ALLOW_FREQUENCY_CHANGE | SDL_AUDIO_ALLOW_SAMPLES_CHANGE);
    if (id == 0) {
        const std::string reason = sdlReason();
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
        if (desc.device.empty() && listed <= 0) return none(reason);
        const std::string shown = desc.device.empty() ? "the default microphone" : fmt::format("the microphone \"{}\"", desc.device);
        return failure("capture.open", fmt::format("{} could not be opened: {}. Check that it is connected and that no other "
                                                   "program holds it, or choose another",
                                                   shown, reason));
    }

    // SDL opens capture devices paused and never calls back while paused,
    // so the ring can still be sized for the rate the device really has.
    const double bufferSec = desc.bufferSec > 0 ? desc.bufferSec : CaptureDesc{}.bufferSec;
    ring->resize(std::max<std::size_t>(2 * std::size_t(have.samples), std::size_t(std::ceil(bufferSec * have.freq))));
    std::unique_ptr<Capture> c(new Capture(have.freq, std::move(ring)));
    c->mDevice = id;
    c->mName = desc.device;
    log::info("capture.device", "recording from {} through SDL's {} driver at {} Hz",
              desc.device.empty() ? "the default microphone" : fmt::format("\"{}\"", desc.device), SDL_GetCurrentAudioDriver(),
              have.freq);
    return c;
}

Capture::Capture(int deviceRate, std::unique_ptr<CaptureRing> ring)
    : mRing(std::move(ring)), mDeviceRate(deviceRate), mResampler(deviceRate, kMixRate),
      mScratch(mRing->capacity()), mMeterWindow(std::size_t(std::max(1, deviceRate * kMeterMs / 1000)), 0.f) {}

Capture::~Capture() {
    // Joins SDL's device thread, so the ring is no longer touched after it.
    SDL_CloseAudioDevice(mDevice);
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

void Capture::start() {
    if (mRunning) return;
    SDL_PauseAudioDevice(mDevice, 0);
    mRunning = true;
}

void Capture::stop() {
    if (!mRunning) return;
    // Pausing takes the lock SDL holds around the callback, so once this
    // returns no more samples arrive and one pump collects them all.
    SDL_PauseAudioDevice(mDevice, 1);
    mRunning = false;
    pump();
    // The stretch before the pause and the one after are not one signal:
    // let the resampler finish this one instead of filtering across the gap.
    mResampler.finish();
    drainResampler();
    mResampler.reset(0);
    resetMeter();
}

std::size_t Capture::pump() {
    const std::size_t n = mRing->pop(mScratch.data(), mScratch.size());
    const std::size_t overruns = mRing->overruns();
    if (overruns != mOverrunsSeen) {
        mOverrunsSeen = overruns;
        log::warn("capture.overrun", "{:.0f} ms of the recording are lost so far: the screen did not collect the microphone's "
                  "sound in time ({} times)",
                  1000.0 * double(mRing->dropped()) / mDeviceRate, overruns);
    }
    if (n == 0) return 0;
    meter(mScratch.data(), n);
    const std::size_t before = mTake.size();
    mResampler.push(mScratch.data(), n);
    drainResampler();
    return mTake.size() - before;
}

void Capture::drainResampler() {
    for (;;) {
        const std::size_t at = mTake.size();
        mTake.resize(at + kPullChunk);
        const std::size_t got = mResampler.pull(mTake.data() + at, kPullChunk);
        mTake.resize(at + got);
        if (got < kPullChunk) return;
    }
}

std::vector<float> Capture::release() {
    pump();
    return std::exchange(mTake, {});
}

void Capture::clear() {
    mRing->discard();
    mTake.clear();
    mResampler.reset(0);
    resetMeter();
}

std::size_t Capture::overruns() const { return mRing->overruns(); }

void Capture::meter(const float* in, std::size_t n) {
    const std::size_t size = mMeterWindow.size();
    if (n > size) { // only the newest window's worth can still be in it
        in += n - size;
        n = size;
    }
    for (std::size_t i = 0; i < n; ++i) {
        mMeterWindow[mMeterPos] = in[i];
        mMeterPos = mMeterPos + 1 == size ? 0 : mMeterPos + 1;
    }
    float peak = 0;
    double sum = 0;
    for (float x : mMeterWindow) {
        peak = std::max(peak, std::abs(x));
        sum += double(x) * x;
    }
    mLevel.peakDb = toDb(peak);
    mLevel.rmsDb = toDb(std::sqrt(sum / double(size)));
    mLevel.clipped = peak >= kFullScale;
}

void Capture::resetMeter() {
    std::fill(mMeterWindow.begin(), mMeterWindow.end(), 0.f);
    mMeterPos = 0;
    mLevel = CaptureLevel{};
}

} // namespace soma
