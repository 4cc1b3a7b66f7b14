// live/LiveSession: one guided session played in a window, in real time,
// with the person in control the whole time.
//
// The audio clock drives the sequencer and the picture follows it, as a
// media player keeps lips in sync. Input is the person's, never the
// session's: pause and resume (space, a tap or click anywhere, gamepad A),
// stop (Esc, the window's close, gamepad B or back, the Stop button), the
// grounding way out (G, gamepad Y, the visible button), skip to the next
// step (N or the right arrow, gamepad right shoulder or d-pad right, the
// Next button after Pause), back to the previous step (P or the left
// arrow, gamepad left shoulder or d-pad left, the Back button beside
// Pause; a step more than a few seconds in starts again), the voice's
// level (up and down arrows or + and -, gamepad d-pad up and down) and the
// ambience's (Page Up and Page Down, gamepad right and left trigger), each
// a tenth at a time and shown for a moment, F11 for fullscreen. A touch
// screen has no keys, so the Sound button (or V, gamepad X) opens a small
// panel under the buttons with both levels and a large - and + for each,
// which change them exactly as the keys do; a tap beside it, or on Sound
// again, closes it, and it never pauses anything. The screen says what is
// going on in the session's language: captions, the not-medical-treatment
// note at the start, "paused", and that there is no sound when there is
// none (the captions carry the words then).
//
// At the end there is no sudden cut: the controls fade out, the figure
// keeps breathing, and a closing word from the catalogue fades in with
// one button, Done (Enter, space, a tap anywhere or gamepad A also end
// it); after a long quiet while (closingSec) it ends by itself. Ending,
// the words fade out and a dark veil fades in over the picture while the
// ambience fades out; only then is the session done(). Every fade is slow
// (seconds, never a flash) and runs on the audio clock, which goes on
// past the end of the session.
//
// A live run writes its session log (live/EventLog.h) so that `soma
// export --replay` gives the same timeline.
//
// Depends on platform/Window, render/, audio/AudioEngine, session/,
// plugin/Exercise, live/EventLog and SDL (its events). Must
// never wait on anything slower than a frame while the session plays (the
// grounding sequence is synthesised ahead, on a thread of its own, from
// the first frame on; only a grounding asked for in the very first moment
// waits for it).
#pragma once

#include "audio/AudioEngine.h"
#include "core/Result.h"
#include "live/EventLog.h"
#include "plugin/Exercise.h"
#include "render/Image.h"
#include "render/Overlay.h"
#include "session/Sequencer.h"
#include "session/Session.h"

#include <SDL.h>

#include <glm/gtc/quaternion.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace soma {

class Window;

// What the screen says, in the session's language.
// The words on screen during a session, from the catalogue (catalog/).
struct LiveWords {
    std::string back;
    std::string next;
    std::string sound;          // the button that opens the sound panel
    std::string soundVoice;     // the panel's rows
    std::string soundAmbience;
    std::string soundPercent;   // with {percent} in it
    std::string soundDown;      // the panel's buttons: "-" and "+"
    std::string soundUp;
    std::string pause;
    std::string resume;
    std::string stop;
    std::string grounding;
    std::string paused;
    std::string silent;
    std::string groundingNow;
    std::string timeLeft;       // with {minutes} in it
    std::string lastMinute;
    std::string voiceLevel;     // with {percent} in it
    std::string ambienceLevel;  // with {percent} in it
    std::string closing;        // the closing words
    std::string done;           // the closing screen's button
};
LiveWords liveWordsFor(const std::string& lang);
// "nog 4 min" / "4 min left" (rounded up), "laatste minuut" / "last minute";
// empty at the end. Looked up once per session (liveWordsFor), not per frame.
std::string timeLeftText(const LiveWords& words, Samples left);

// The session's controls on a target of this size, as the person sees
// them (the layout tests draw exactly these): back, pause (resume when
// paused), next, sound (held down while its panel is open), the grounding
// way out and stop.
std::vector<OverlayButton> sessionButtons(const LiveWords& words, int width, int height, bool paused, bool soundOpen);
// The sound panel under those buttons: the voice's and the ambience's
// level in `mix`, each between its buttons "voice-down" and "voice-up",
// "ambience-down" and "ambience-up". Closed and transparent: the caller
// opens it and fades it.
OverlayPanel soundPanel(const LiveWords& words, int width, int height, const std::vector<OverlayButton>& buttons,
                        const SessionMix& mix);

struct LiveSessionDesc {
    Session session;
    Exercise* exercise = nullptr; // hears the session's events; may be null
    DescribeOptions describe;     // what the session was described with (its map must outlive the session)
    SessionBuildOptions build;    // how it was built (the voice's speed): reactions and the grounding way out are built alike
    bool reducedMotion = false;   // the camera never moves
    bool captions = true;         // the spoken words on screen (settings: captions)
    float captionScale = 1.0f;    // settings: caption_size (0.8, 1, 1.3)
    bool highContrast = false;    // settings: high_contrast
    bool writeLog = true;         // the session log, under $XDG_STATE_HOME/soma/sessions
    std::filesystem::path logDir; // empty: that default folder
    // How long the closing screen waits for the person before it ends by
    // itself (seconds); 0: no closing screen, done at the end.
    double closingSec = 60.0;
    SessionMix mix;               // settings voice_volume, ambience_volume, ambience, breath_pacer; the log keeps it
    // Side by side (a phone in a viewer, a 3D screen): the left eye on the
    // window's left half, the right eye on its right half, both from one
    // skinning of the figure, each with the whole overlay at its size (a
    // tap or click works in either half). Without multisampling.
    bool sideBySide = false;
    float ipdM = 0.063f;          // between the eyes, side by side
};

class LiveSession {
public:
    // Draws into `window` and plays on `audio` (both outlive it); starts
    // playing at once. Errors: the renderer's.
    static Result<std::unique_ptr<LiveSession>> create(Window& window, AudioEngine& audio, LiveSessionDesc desc);
    ~LiveSession();
    LiveSession(const LiveSession&) = delete;
    LiveSession& operator=(const LiveSession&) = delete;

    // Takes every waiting SDL event and acts on the person's.
    void pollInput();
    void handle(const SDL_Event& event);

    // One frame: the audio queue is refilled, the exercise hears what has
    // happened, the narrator moves, the picture and overlay are drawn and
    // shown.
    Status frame();

    // The person asked to stop, or the session ended and its closing
    // screen has faded out.
    bool done() const;
    // The closing screen is up (the session has ended).
    bool closing() const;
    bool stopRequested() const { return mStop; }
    // The sound panel is open (it may still be fading in).
    bool soundOpen() const { return mSoundOpen; }

    // Ends the session: the exercise does not hear it as a pause, and the
    // log records where it ended. Called by the destructor when not before.
    void stop();

    // Words the program around the session must say over it (a kiosk's
    // "are you still there?"): in place of "paused" while paused, else on
    // the status line. Empty: none.
    void setNotice(std::string notice) { mNotice = std::move(notice); }
    // Paused, as the person's Pause would (staff opening the PIN pad over it).
    void pause() {
        if (!mSeq->paused() && !closing()) togglePause();
    }
    void resume() {
        if (mSeq->paused() && !closing()) togglePause();
    }

    // A headset's head orientation in the client's space (live/NarratorSpace:
    // +z ahead, +y up): the listener turns with it from the next frame on.
    void setHeadOrientation(const glm::quat& head) { mHead = head; }
    // Ends the session softly: the voice stops as a pause stops it, the
    // ambience and the picture fade out, then done() (at the closing
    // screen, as its own end does). The person's way out in a headset (its
    // menu button), where a sudden cut to nothing would be a shock.
    void easeOut();
    // 0..1: how far the ending has faded the picture to dark.
    float endingVeil() const { return mOverlayState.veil; }

    Sequencer& sequencer() { return *mSeq; }
    const Sequencer& sequencer() const { return *mSeq; }
    const OverlayState& overlay() const { return mOverlayState; }
    // The last frame drawn, figure and overlay (for screenshots and tests).
    Image screenshot() const;
    // What the last frame drew.
    const BodyState& bodyState() const { return mState; }
    // The log being written, or null when there is none.
    const EventLog* eventLog() const { return mLog.get(); }

private:
    LiveSession() = default;
    void togglePause();
    void leaveForGrounding();
    void skip();
    void back();
    // One step of the voice's or the ambience's level, up (+1) or down (-1).
    void stepLevel(bool voice, int direction);
    void setSoundOpen(bool open);
    // The closing screen's end: fades out, then done.
    void endGently();
    // Seconds the clock has run past the end of the session (0 before it).
    double sinceEnd() const;
    void layout();

    struct Parts;
    std::unique_ptr<Parts> mParts;
    Window* mWindow = nullptr;
    AudioEngine* mAudio = nullptr;
    std::unique_ptr<Sequencer> mSeq;
    std::unique_ptr<EventLog> mLog;
    LiveWords mWords;
    bool mCaptions = true;
    float mCaptionScale = 1.0f;
    bool mHighContrast = false;
    OverlayState mOverlayState;
    BodyState mState;
    double mClosingSec = 60.0;
    bool mClosingShown = false;   // the closing words and Done are up (the controls have faded)
    Samples mEndingFrom = -1;     // the clock when the closing screen began to fade out
    Samples mEndingUntil = -1;    // ... and when it has, with the ambience
    bool mEnded = false;
    std::string mLevelShown;      // the level just changed, on screen for a moment
    std::uint64_t mLevelShownAtMs = 0;
    bool mTriggerDown[2] = {false, false}; // the gamepad's left and right trigger, pressed
    bool mSoundOpen = false;      // the sound panel, open
    double mSoundFade = 0.0;      // how far it has faded in, 0..1 (before easing)
    std::uint64_t mSoundTickMs = 0; // the frame before, for its fade
    bool mStop = false;
    bool mStopped = false;
    bool mSideBySide = false;
    float mIpdM = 0.063f;
    // The picture's size for the overlay and the buttons: one eye's side by side.
    int viewWidth() const;
    std::string mNotice;
    glm::quat mHead{1.0f, 0.0f, 0.0f, 0.0f};
    double mEaseOut = -1.0; // easing out before the end: how far, 0..1; < 0: not
};

} // namespace soma
