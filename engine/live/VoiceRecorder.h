// live/VoiceRecorder: the therapist's own voice, recorded text by text on
// the recording screen (ui/RecordScreen) of therapist mode. It asks the
// exercise for its texts (session/OwnRecordings stepsToRead), opens at the
// first one not yet recorded (so a person goes on where they stopped),
// records from the microphone (audio/Capture) with a level meter, saves a
// take on a worker thread (trimmed, pauses put back, -18 LUFS, every moment
// the figure lights up placed on its word), plays it back through the
// program's audio engine, and lets a moment be moved by 10 or 50 ms while
// hearing it and seeing the figure light where it lights.
//
// Depends on audio/ (capture, engine), plugin/ (the exercises), session/
// (OwnRecordings) and ui/RecordScreen. Must never write anywhere but the
// person's recordings folder, and never keep a microphone open when not
// recording.
#pragma once

#include "audio/Capture.h"
#include "plugin/PluginRegistry.h"
#include "session/OwnRecordings.h"
#include "ui/RecordScreen.h"

#include <filesystem>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace soma {

class AudioEngine;

struct VoiceRecorderDesc {
    std::string lang = "en"; // the screen's language
    std::vector<std::pair<std::string, std::string>> exercises; // id, title: the choices, in order
    std::function<AudioEngine*()> audio;  // the engine that plays a take back (it may be replaced); none: silent
    std::filesystem::path recordings;     // the folder of all exercises' recordings; empty: userRecordingsDir()
    CaptureDesc capture;                  // the microphone
};

class VoiceRecorder {
public:
    explicit VoiceRecorder(VoiceRecorderDesc desc);
    ~VoiceRecorder();
    VoiceRecorder(const VoiceRecorder&) = delete;
    VoiceRecorder& operator=(const VoiceRecorder&) = delete;

    // Chooses what to record (empty keeps the current choice) and opens at
    // its first text not recorded for its current words.
    void choose(const std::string& exercise, const std::string& voiceLang, const std::string& variant);
    // Acts on a widget of ui/RecordScreen (ids there); "back" stops a take
    // without saving it.
    void act(const std::string& id);
    // Once a frame: moves what the microphone heard into the take, collects
    // a finished save. True when what the screen shows changed.
    bool update();

    ui::RecordState state() const;
    // The regions the figure lights now: those of the chosen moment.
    std::vector<std::string> litRegions() const;
    // The figure must be drawn again (the chosen moment changed).
    bool figureChanged() const { return mFigureChanged; }
    void figureDrawn() { mFigureChanged = false; }

    // For tests and the screen.
    const std::vector<StepToRead>& texts() const { return mTexts; }
    std::size_t index() const { return mIndex; }
    bool recording() const { return mCapture != nullptr; }
    bool saving() const { return mSaving.valid(); }
    double takeSeconds() const { return mCapture ? mCapture->seconds() : 0; }
    const OwnRecordings* recordings() const { return mOwn ? &*mOwn : nullptr; }
    const std::string& message() const { return mMessage; }
    const std::string& exercise() const { return mExercise; }

private:
    void load();
    void show(std::size_t index);
    void startTake();
    void stopTake();
    void listen(double fromSec, double lengthSec);
    void nudge(int ms);
    const MarkTiming* chosenMark() const;
    void hearChosen(); // plays the recording around the chosen moment
    AudioEngine* audio() const { return mDesc.audio ? mDesc.audio() : nullptr; }

    VoiceRecorderDesc mDesc;
    std::optional<PluginRegistry> mRegistry; // loaded on the first choice
    std::string mExercise, mVoiceLang = "nl", mVariant = "short";
    std::vector<StepToRead> mTexts;
    std::optional<OwnRecordings> mOwn;
    std::size_t mIndex = 0;
    std::unique_ptr<Capture> mCapture; // open only while recording
    bool mMicMissing = false;
    std::future<Result<SavedTake>> mSaving;
    std::optional<MarksFile> mMarks; // the shown text's saved moments
    std::string mChosen;             // the chosen moment
    std::string mMessage;
    bool mFigureChanged = true;
    float mShownPeak = -120;
};

} // namespace soma
