// live/Kiosk: Soma on a wellness centre's touch screen, unattended for
// weeks (`soma kiosk`, docs/kiosk.md). A visitor meets the attract screen
// (the figure breathing slowly, "touch the screen to begin"), chooses one
// of the exercises and lengths the centre's config names on large cards,
// and the session plays with every control a session has (pause, stop,
// the grounding way out). After `idle_seconds` without a touch, on the
// cards or in a session that is paused (one that plays is never cut
// short; one that ended has closed itself), a calm "are you still there?"
// counts down `warning_seconds`, and then the kiosk starts again at the
// attract screen, in the config's first language.
//
// Only staff leave kiosk mode: a long press of 5 s in the top-left corner
// opens the PIN pad (the config's Argon2id hash; five wrong PINs in a row
// wait a minute), or the service manager stops it. Esc, F11 and the
// window's close do nothing. Nothing of a visitor is kept: no check-ins,
// no session logs, no maps; only, when the config asks, anonymous counts
// per exercise and length (how many, how many ended early, minutes
// played). Only the system's plugin folders are read, and a native plugin
// loads only when signed with a key the config trusts.
//
// Depends on live/ (the worker, card pictures, the session), ui/, render/,
// audio/, plugin/, settings/KioskConfig, platform/ServiceNotify. Must never
// end on its own and never keep a visitor's data.
#pragma once

#include "audio/AudioEngine.h"
#include "core/Result.h"
#include "live/LiveSession.h"
#include "platform/ServiceNotify.h"
#include "plugin/PluginRegistry.h"
#include "render/Image.h"
#include "settings/KioskConfig.h"
#include "ui/KioskScreens.h"
#include "ui/Screen.h"

#include <SDL.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace soma {

class Window;

struct KioskDesc {
    KioskConfig config;
    std::vector<std::filesystem::path> pluginDirs; // empty: paths::systemPluginDirs()
    RegistryOptions registry;                      // the signature rule is set here, from the config
    AudioEngineDesc audio;
    std::filesystem::path cacheDir;   // lengths and card pictures; empty: $XDG_CACHE_HOME/soma
    std::filesystem::path countsFile; // the anonymous counts; empty: $XDG_STATE_HOME/soma/kiosk-counts.tsv
    double closingSec = 20.0;         // a session's closing screen, before it closes itself
    double cornerHoldSec = 5.0;       // the long press that opens the PIN pad
    // Seconds on a steady clock; empty: SDL's ticks. The soak run drives
    // the kiosk in fast time with its own.
    std::function<double()> clock;
    // Once loaded, only warnings and errors go to stderr (the journal):
    // what goes wrong, not what visitors do. `soma kiosk` sets it.
    bool quietJournal = false;
};

// Anonymous counts, one row per exercise and length.
struct KioskCount {
    std::string exercise, length;
    long sessions = 0, endedEarly = 0;
    double minutes = 0;
};
std::vector<KioskCount> readKioskCounts(const std::filesystem::path& file);

class Kiosk {
public:
    static Result<std::unique_ptr<Kiosk>> create(Window& window, KioskDesc desc);
    ~Kiosk();
    Kiosk(const Kiosk&) = delete;
    Kiosk& operator=(const Kiosk&) = delete;

    // Takes every waiting SDL event (on a still screen, waits up to
    // `idleWaitMs` for one first).
    void pollInput(int idleWaitMs = 0);
    void handle(const SDL_Event& event);
    Status frame();
    // Staff left kiosk mode with the PIN.
    bool done() const { return mDone; }

    enum class Where { Attract, Choose, Session, Pin };
    Where where() const { return mWhere; }
    bool warning() const { return mWarningLeft >= 0; } // "are you still there?" is up
    const ui::Screen& screen() const { return mScreen; }
    const ui::KioskState& state() const { return mState; }
    LiveSession* session() { return mLive.get(); }
    AudioEngine& audio() { return *mAudio; }
    const PluginRegistry& plugins() const; // empty until loaded()
    // The plugins, the sound and the cards have loaded (a few frames after the first).
    bool loaded() const { return mLoaded; }
    const ServiceNotify& serviceNotify() const { return mNotify; }
    bool workerIdle() const;
    Image screenshot() const; // the last screen drawn (not a session's)
    long resets() const { return mResets; } // times the idle warning ran out

private:
    Kiosk() = default;
    double now() const;
    void touched();
    void act(const std::string& id);
    void point(float x, float y);
    void begin(const std::string& exercise, const std::string& variant);
    void collect();
    void endSession(bool early);
    void reset();
    void openPin();
    void pinKey(const std::string& id);
    void chooseLanguage(const std::string& lang);
    void measureLengths();
    void relayout();
    void drawFigure();
    bool inCorner(float x, float y) const;
    Status drawFrame();
    Status loadRest(); // the plugins, the sound and the cards, a step a frame after the first

    struct Parts;
    std::unique_ptr<Parts> mParts;
    Window* mWindow = nullptr;
    KioskDesc mDesc;
    std::unique_ptr<AudioEngine> mAudio;
    ServiceNotify mNotify;
    std::unique_ptr<LiveSession> mLive;
    ui::KioskState mState;
    ui::Screen mScreen;
    Where mWhere = Where::Attract;
    Where mBeforePin = Where::Attract;
    std::string mPin;                 // the digits typed, wiped when the pad closes
    int mWrongPins = 0;
    bool mPinPaused = false;          // the pad paused a playing session
    double mPinLockedUntil = -1;
    double mLastTouch = 0;
    int mWarningLeft = -1;            // seconds, while the warning is up
    bool mCornerPending = false;      // a press in the corner, held back until it lifts
    SDL_Event mCornerDown{};          // ... as it came (a session hears it then)
    double mCornerSince = -1;         // ... held there since (-1: slid away)
    bool mCornerSwallow = false;      // ... and it opened the pad: its lift is not a tap
    float mCornerX = 0, mCornerY = 0;
    bool mDirty = true;
    bool mDone = false;
    bool mShownFirst = false, mLoaded = false;
    double mDrawnAt = -1;
    double mFadeInFrom = -1;          // the screen fades in from dark since (after a session, a reset)
    long mResets = 0;
};

} // namespace soma
