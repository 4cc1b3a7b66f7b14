// live/Shell: the program a person opens. The home screen (choose an
// exercise, its length, the language; Begin), the settings, and the
// session itself, one after another in one window, for as long as the
// person wants: a session started here ends back here, never by closing
// the program.
//
// Screens are ui/ data drawn by render/Painter; the session is a
// live/LiveSession. What is slow (real lengths, preparing the session) is
// done by live/HomeWorker off the frame loop; the card pictures are made
// once (live/CardPictures). Settings changed here are saved once, when the
// person leaves the settings screen. Depends on everything live/ does plus
// ui/. Must never exit the program on its own: only the person closes it.
#pragma once

#include "audio/AudioEngine.h"
#include "core/Result.h"
#include "live/CheckIns.h"
#include "live/HeadsetSession.h"
#include "live/LiveSession.h"
#include "live/SessionLoad.h"
#include "live/Therapist.h"
#include "platform/ServiceNotify.h"
#include "render/Image.h"
#include "render/Painter.h"
#include "settings/Settings.h"
#include "ui/CheckInScreen.h"
#include "ui/HistoryScreen.h"
#include "ui/HomeScreen.h"
#include "ui/Input.h"
#include "ui/Screen.h"

#include <SDL.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace soma {

class Window;

struct ShellDesc {
    LoadedSettings settings;            // what the person chose, and where it is saved
    std::string exercise = "body-scan"; // focused first
    std::vector<std::filesystem::path> pluginDirs; // empty: the program's
    AudioEngineDesc audio;              // its hrtf follows the headphones setting
    std::filesystem::path logDir;       // sessions' logs; empty: the default
    std::filesystem::path cacheDir;     // lengths and card pictures; empty: $XDG_CACHE_HOME/soma
    std::filesystem::path checkIns;     // the check-ins kept; empty: checkInFile()
    double sessionClosingSec = 60.0;    // the closing screen's quiet before it ends by itself (LiveSessionDesc::closingSec)
    std::filesystem::path practiceDir;  // the therapist's client records; empty: Practice::defaultFolder()
    KdfCost practiceKdf;                // how hard their passphrase is stretched (tests lower it)
    bool therapist = false;             // open in therapist mode (`soma therapist`)
    std::filesystem::path exportDir;    // a client's readable export; empty: paths::documentsDir()
    std::function<std::string()> clock; // local time, as CheckIn::when writes it; empty: localTimeNow() (tests fix it)
};

class Shell {
public:
    static Result<std::unique_ptr<Shell>> create(Window& window, ShellDesc desc);
    ~Shell();
    Shell(const Shell&) = delete;
    Shell& operator=(const Shell&) = delete;

    // Takes every waiting SDL event (on a screen that is still, waits up
    // to `idleWaitMs` for one first, so an unattended home screen sleeps).
    void pollInput(int idleWaitMs = 0);
    void handle(const SDL_Event& event);
    Status frame();
    // A service manager's view (systemd notify), for tests.
    const ServiceNotify& serviceNotify() const { return mNotify; }
    bool done() const { return mQuit; } // the person closed the program

    enum class Where { Home, Settings, CheckIn, History, Session, Therapist };
    Where where() const { return mWhere; }
    const ui::Screen& screen() const { return mScreen; } // what the last frame showed (home, settings)
    const ui::HomeState& home() const { return mHome; }
    const ui::CheckInState& checkIn() const { return mCheck; }
    const ui::HistoryState& history() const { return mHistory; }
    Therapist* therapist() { return mTherapist.get(); }
    const Settings& settings() const { return mSettings.settings; }
    LiveSession* session() { return mLive.get(); }
    AudioEngine& audio() { return *mAudio; }
    // Nothing being measured or prepared (tests wait for it).
    bool workerIdle() const;
    int picturesDrawn() const; // card pictures drawn this run (not found cached)
    Image screenshot() const;  // the last screen drawn (home, settings)
    int screensDrawn() const { return mScreensDrawn; } // frames that drew a screen (a still one is not drawn again)
    Painter& painter();        // what the screens are drawn with

private:
    Status drawFrame(); // frame() without the service manager
    Shell() = default;
    void act(const ui::Input& input);
    void activate(const std::string& id, bool byPoint);
    void focusMoved();
    void chooseLanguage(const std::string& lang);
    void leaveSettings();
    void startSession();
    void openHeadset(); // the session just begun, in the headset too
    void startSession(SessionChoice choice, std::string clientId);
    void backFromSession();
    std::filesystem::path clientLogDir() const;
    void beginWhenReady();
    void endSession();
    void openCheckIn(bool after);
    void finishCheckIn(bool answered);
    void pickOnFigure(float x, float y);
    void renderCheckFigure(int width, int height);
    void openHistory();
    void openTherapist();
    void keepCheckIn();
    void refreshCards();
    void measureLengths();
    void collect();
    void relayout();

    struct Parts;
    std::unique_ptr<Parts> mParts;
    Window* mWindow = nullptr;
    ShellDesc mDesc;
    LoadedSettings mSettings;
    Settings mEditing; // on the settings screen: the values being chosen
    std::unique_ptr<AudioEngine> mAudio;
    ServiceNotify mNotify; // the service manager, when one started Soma (a kiosk)
    std::unique_ptr<LiveSession> mLive;
    std::unique_ptr<Headset> mHeadset;            // a session chosen "in the headset"
    std::unique_ptr<HeadsetSession> mInHeadset;
    bool mHeadsetNext = false;                    // the session being prepared goes to the headset
    std::unique_ptr<Therapist> mTherapist;
    std::string mClientId; // the session playing is this client's (begun in therapist mode)
    ui::HomeState mHome;
    ui::CheckInState mCheck;
    ui::HistoryState mHistory;
    CheckIn mRecord;          // this session's check-ins, kept when the last is answered
    bool mBeforeDone = false; // the check-in before has been answered or skipped
    ui::Screen mScreen;
    ui::InputReader mInput;
    Where mWhere = Where::Home;
    std::string mFocus;
    bool mQuit = false;
    bool mDirty = true;
    std::uint64_t mDrawnAtMs = 0; // SDL ticks of the last screen drawn
    int mScreensDrawn = 0;
};

} // namespace soma
