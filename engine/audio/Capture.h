// audio/Capture: records from a microphone, for the narration a therapist
// records inside Soma. Whatever the device gives, a take is mono float at
// kMixRate, ready to be written or played like any other voice.
//
// Two threads meet here. SDL's device thread hands over samples in its
// callback; the UI thread calls pump() once a frame to move them into the
// take. Between them is a single-producer, single-consumer ring at the
// device's rate: the device thread only copies into it and moves an atomic
// index. When the UI thread falls so far behind that the ring is full, what
// does not fit is dropped and counted as an overrun, and pump() says so.
//
// Depends on SDL2's audio subsystem (capture only: playback stays with
// OpenAL Soft) and audio/Resampler. Must never allocate, lock or log on the
// device thread, and never leave SDL's audio subsystem initialised once the
// Capture is gone: it initialises it on open and quits it in its destructor,
// so an app that also uses SDL for video or its own audio keeps its count.
#pragma once

#include "audio/Resampler.h"
#include "core/Result.h"
#include "core/Time.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace soma {

class CaptureRing;

// Over the last 50 ms captured, at the device's rate, in dBFS.
struct CaptureLevel {
    float peakDb = -120;
    float rmsDb = -120;
    bool clipped = false; // a sample reached full scale: the voice is too loud for the input
};

struct CaptureDesc {
    std::string device;       // a name from Capture::devices(); empty: the system's default microphone
    int rate = kMixRate;      // Hz asked of the device; it may give another, which is converted
    double bufferSec = 2.0;   // how far the device may get ahead of pump() before an overrun
};

class Capture {
public:
    // The capture devices SDL sees, by name, for a chooser. Empty when none.
    static std::vector<std::string> devices();

    // Opens the microphone, paused. Errors: "capture.none" (no microphone
    // at all), "capture.open" (this one could not be opened: SDL's reason).
    static Result<std::unique_ptr<Capture>> open(const CaptureDesc& desc = {});
    ~Capture();
    Capture(const Capture&) = delete;
    Capture& operator=(const Capture&) = delete;

    // Begins a take, or resumes it where stop() left it.
    void start();
    // Pauses the device and moves everything it captured into the take.
    // Sound while paused is not recorded: a resumed take joins the two
    // stretches directly.
    void stop();
    bool running() const { return mRunning; }

    // UI thread, once a frame: moves what the device captured into the take
    // and updates the level. Returns the samples added to the take.
    std::size_t pump();

    const std::vector<float>& take() const { return mTake; } // mono, kMixRate
    // Pumps, then gives the take away and leaves it empty; a running
    // capture goes on into the next take.
    std::vector<float> release();
    // Forgets the take and whatever was captured but not yet pumped.
    void clear();

    CaptureLevel level() const { return mLevel; }
    double seconds() const { return toSeconds(Samples(mTake.size())); }
    // Times the device found the ring full (samples were lost).
    std::size_t overruns() const;
    int deviceRate() const { return mDeviceRate; }
    const std::string& deviceName() const { return mName; } // empty: the default

private:
    Capture(int deviceRate, std::unique_ptr<CaptureRing> ring);
    void meter(const float* in, std::size_t n);
    void resetMeter();
    void drainResampler();

    std::unique_ptr<CaptureRing> mRing; // touched by the device thread: outlives the device
    std::uint32_t mDevice = 0;   // SDL_AudioDeviceID
    std::string mName;
    int mDeviceRate;
    bool mRunning = false;
    Resampler mResampler;
    std::vector<float> mScratch; // what one pump takes from the ring
    std::vector<float> mTake;
    std::vector<float> mMeterWindow; // the last 50 ms at the device's rate
    std::size_t mMeterPos = 0;
    CaptureLevel mLevel;
    std::size_t mOverrunsSeen = 0;
};

} // namespace soma
