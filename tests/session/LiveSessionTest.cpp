// The windowed `soma run`: a live session in a real SDL window (the
// offscreen video driver, Mesa llvmpipe) on a real OpenAL Soft loopback
// engine, driven by real SDL events pushed into SDL's own queue, the way a
// keyboard, a touch screen, a mouse or a gamepad would: space and a tap
// pause and resume, the grounding button leaves for grounding, Esc stops,
// the Next button and the sound panel do by touch what keys do; the session
// log written on the way holds exactly what the person did.
#include "audio/AudioEngine.h"
#include "catalog/Catalog.h"
#include "live/EventLog.h"
#include "live/LiveSession.h"
#include "platform/Window.h"
#include "render/Image.h"
#include "plugin/PluginTestSupport.h"
#include "session/Grounding.h"
#include "session/Session.h"

#include <gtest/gtest.h>

#include <SDL.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace soma {
namespace {

SessionRequest request(const std::string& lang) {
    SessionRequest rq;
    rq.exercise = "live-test";
    rq.lang = lang;
    rq.ambience = "none";
    StepRequest a;
    a.id = "arrive";
    a.narration = lang == "nl" ? "Je mag rustig gaan liggen. <break time=\"1s\"/> Er hoeft nu niets."
                               : "You may lie down and rest. <break time=\"1s\"/> Nothing is needed now.";
    a.pauseAfterSec = 20.0;
    StepRequest b;
    b.id = "settle";
    b.narration = lang == "nl" ? "Blijf zo liggen." : "Stay as you are.";
    b.pauseAfterSec = 4.0;
    rq.steps = {a, b};
    return rq;
}

class LiveSessionTest : public ::testing::Test {
protected:
    bool mCaptions = true; // the person's setting, for the next start()
    bool mSideBySide = false; // both eyes side by side, for the next start()
    SessionMix mMix;       // the person's mix, for the next start()
    void start(const std::string& lang, double closingSec = 60.0, int width = 480, int height = 270) {
        mLive.reset(); // its GL objects go before their context
        mAudio.reset();
        mWindow.reset();
        WindowDesc wd;
        wd.width = width;
        wd.height = height;
        wd.headless = true;
        auto w = Window::create(wd);
        ASSERT_TRUE(w) << w.error().message;
        mWindow = std::move(*w);
        AudioEngineDesc ad;
        ad.audio.loopback = true;
        ad.reverb = false;
        auto a = AudioEngine::create(ad);
        ASSERT_TRUE(a) << a.error().message;
        mAudio = std::move(*a);
        auto s = buildSession(request(lang));
        ASSERT_TRUE(s) << s.error().message;
        LiveSessionDesc d;
        d.session = std::move(*s);
        d.describe.lang = lang;
        d.logDir = test::scratchDir("live-log");
        d.closingSec = closingSec;
        d.captions = mCaptions;
        d.mix = mMix;
        d.sideBySide = mSideBySide;
        auto live = LiveSession::create(*mWindow, *mAudio, std::move(d));
        ASSERT_TRUE(live) << live.error().message;
        mLive = std::move(*live);
        SDL_FlushEvents(SDL_FIRSTEVENT, SDL_LASTEVENT);
    }

    // Frames of a tenth of a second: the loopback device is mixed as far as
    // a sound card would have played, then the session takes its input and
    // draws.
    void frames(int n) {
        std::vector<float> buf(4800 * 2);
        for (int i = 0; i < n; ++i) {
            if (!mLive->sequencer().paused()) mAudio->render(buf.data(), 4800);
            mLive->pollInput();
            ASSERT_TRUE(mLive->frame());
        }
    }

    void key(SDL_Keycode k) {
        SDL_Event e{};
        e.type = SDL_KEYDOWN;
        e.key.keysym.sym = k;
        e.key.state = SDL_PRESSED;
        ASSERT_EQ(SDL_PushEvent(&e), 1) << SDL_GetError();
    }

    // The named on-screen button, in the row or in the sound panel.
    const OverlayButton* button(const std::string& id) const {
        for (const OverlayButton& o : mLive->overlay().buttons)
            if (o.id == id) return &o;
        for (const OverlayButton& o : mLive->overlay().panel.buttons)
            if (o.id == id) return &o;
        return nullptr;
    }

    // A finger at (x, y), in 0..1 of the window, as SDL reports touches.
    void tapAt(float x, float y) {
        SDL_Event e{};
        e.type = SDL_FINGERDOWN;
        e.tfinger.x = x;
        e.tfinger.y = y;
        ASSERT_EQ(SDL_PushEvent(&e), 1) << SDL_GetError();
    }

    // A finger on the centre of the named on-screen button.
    void tap(const std::string& id) {
        const OverlayButton* b = button(id);
        ASSERT_NE(b, nullptr) << id;
        tapAt((b->rect.x + b->rect.w / 2) / float(mWindow->width()), (b->rect.y + b->rect.h / 2) / float(mWindow->height()));
    }

    // The mouse's left button on the centre of the named button (the
    // window is as large as what it draws, so its points are pixels).
    void click(const std::string& id) {
        const OverlayButton* b = button(id);
        ASSERT_NE(b, nullptr) << id;
        SDL_Event e{};
        e.type = SDL_MOUSEBUTTONDOWN;
        e.button.button = SDL_BUTTON_LEFT;
        e.button.state = SDL_PRESSED;
        e.button.x = int(b->rect.x + b->rect.w / 2);
        e.button.y = int(b->rect.y + b->rect.h / 2);
        ASSERT_EQ(SDL_PushEvent(&e), 1) << SDL_GetError();
    }

    void gamepad(SDL_GameControllerButton button) {
        SDL_Event e{};
        e.type = SDL_CONTROLLERBUTTONDOWN;
        e.cbutton.button = Uint8(button);
        ASSERT_EQ(SDL_PushEvent(&e), 1) << SDL_GetError();
    }

    void trigger(SDL_GameControllerAxis axis, Sint16 value) {
        SDL_Event e{};
        e.type = SDL_CONTROLLERAXISMOTION;
        e.caxis.axis = Uint8(axis);
        e.caxis.value = value;
        ASSERT_EQ(SDL_PushEvent(&e), 1) << SDL_GetError();
    }

    std::string label(const std::string& id) const {
        for (const OverlayButton& o : mLive->overlay().buttons)
            if (o.id == id) return o.label;
        return {};
    }

    std::unique_ptr<Window> mWindow;
    std::unique_ptr<AudioEngine> mAudio;
    std::unique_ptr<LiveSession> mLive;
};

TEST_F(LiveSessionTest, ThePersonPausesLeavesForGroundingAndStops) {
    start("nl");
    frames(25);
    const Sequencer& seq = mLive->sequencer();
    EXPECT_FALSE(seq.paused());
    EXPECT_GT(seq.position(), fromSeconds(2.0));
    // The note that this is not medical treatment is on screen at the start.
    EXPECT_EQ(mLive->overlay().status, seq.session().note);
    EXPECT_FALSE(mLive->overlay().status.empty());
    EXPECT_EQ(label("pause"), "Pauze");

    key(SDLK_SPACE);
    frames(1);
    ASSERT_TRUE(seq.paused());
    const Samples pausedAt = seq.position();
    frames(10);
    EXPECT_EQ(seq.position(), pausedAt); // a paused clock stands still
    EXPECT_TRUE(mLive->overlay().paused);
    EXPECT_EQ(mLive->overlay().pausedLabel, "Gepauzeerd");
    EXPECT_EQ(label("pause"), "Verder");

    tap("pause"); // a finger on the button resumes
    frames(5);
    EXPECT_FALSE(seq.paused());
    EXPECT_GT(seq.position(), pausedAt);

    gamepad(SDL_CONTROLLER_BUTTON_A);
    frames(1);
    EXPECT_TRUE(seq.paused());
    gamepad(SDL_CONTROLLER_BUTTON_A);
    frames(1);
    EXPECT_FALSE(seq.paused());

    const Samples before = seq.position();
    tap("grounding");
    frames(5);
    ASSERT_TRUE(seq.grounding());
    EXPECT_GE(seq.leftAt(), before);
    EXPECT_EQ(mLive->overlay().status, "We ronden rustig af");
    EXPECT_EQ(seq.session().steps.back().id, "here-and-now");
    EXPECT_FALSE(mLive->done());

    key(SDLK_ESCAPE);
    frames(1);
    EXPECT_TRUE(mLive->done());
    const Samples end = seq.position();
    mLive->stop();

    // The log holds what the person did, in order, and where it ended.
    ASSERT_NE(mLive->eventLog(), nullptr);
    auto log = readEventLog(mLive->eventLog()->path());
    ASSERT_TRUE(log) << log.error().message;
    std::vector<ExerciseEvent::Type> types;
    for (const LoggedEvent& e : log->events) types.push_back(e.event.type);
    using T = ExerciseEvent::Type;
    EXPECT_EQ(types, (std::vector<T>{T::Paused, T::Resumed, T::Paused, T::Resumed, T::Grounding}));
    EXPECT_EQ(log->events[0].event.at, pausedAt);
    EXPECT_EQ(log->events[4].event.at, seq.leftAt());
    ASSERT_TRUE(log->endedAt);
    EXPECT_EQ(*log->endedAt, end);
}

TEST_F(LiveSessionTest, TheStopButtonAndTheGamepadStopInEnglish) {
    start("en");
    frames(3);
    EXPECT_EQ(label("pause"), "Pause");
    EXPECT_EQ(label("grounding"), "Ease out");
    EXPECT_EQ(label("stop"), "Stop");
    key(SDLK_g);
    frames(2);
    EXPECT_TRUE(mLive->sequencer().grounding());
    EXPECT_EQ(mLive->overlay().status, "Easing out");
    key(SDLK_g); // once is enough: a second press changes nothing
    frames(1);
    EXPECT_EQ(mLive->sequencer().session().steps.back().id, "here-and-now");
    EXPECT_FALSE(mLive->done());
    tap("stop");
    frames(1);
    EXPECT_TRUE(mLive->done());

    start("en");
    frames(2);
    gamepad(SDL_CONTROLLER_BUTTON_B);
    frames(1);
    EXPECT_TRUE(mLive->done());
}

TEST_F(LiveSessionTest, AtTheEndItLingersThenEndsButGroundingFromThereGoesOn) {
    start("en", 0.0);
    frames(2);
    mLive->sequencer().seek(mLive->sequencer().session().duration);
    frames(1);
    EXPECT_TRUE(mLive->sequencer().finished());
    EXPECT_TRUE(mLive->done()); // no closing screen asked for: done at the end

    start("en", 0.0);
    frames(2);
    mLive->sequencer().seek(mLive->sequencer().session().duration);
    frames(1);
    key(SDLK_g); // the person still wants to ground: the session goes on
    frames(2);
    EXPECT_TRUE(mLive->sequencer().grounding());
    EXPECT_FALSE(mLive->sequencer().finished());
    EXPECT_FALSE(mLive->done());
}

// The end of a session: the controls fade out, the figure goes on
// breathing, the closing words from the catalogue fade in with their one
// button; Done fades it all out under a veil, and only then is the
// session done. Every step of every fade is small: nothing flashes.
TEST_F(LiveSessionTest, AtTheEndACalmClosingScreenUntilDone) {
    start("nl");
    frames(2);
    mLive->sequencer().seek(mLive->sequencer().session().duration);
    std::vector<float> opacity, veil, breath;
    std::vector<std::string> closingWords;
    auto frameAndWatch = [&](int n) {
        for (int i = 0; i < n; ++i) {
            frames(1);
            opacity.push_back(mLive->overlay().opacity);
            veil.push_back(mLive->overlay().veil);
            breath.push_back(mLive->bodyState().breath);
            closingWords.push_back(mLive->overlay().closing);
        }
    };
    frameAndWatch(1);
    EXPECT_TRUE(mLive->closing());
    EXPECT_EQ(mLive->overlay().buttons.size(), 6u); // the controls, fading out
    frameAndWatch(14);
    EXPECT_LT(opacity.back(), 0.05f);
    frameAndWatch(110); // the closing words fade in; more than a whole breath goes by
    EXPECT_EQ(mLive->overlay().closing, "Dank je wel voor deze tijd. Er is geen haast: kom in je eigen tempo terug in de ruimte.");
    EXPECT_EQ(mLive->overlay().closing, uiText("nl", "session.closing"));
    ASSERT_EQ(mLive->overlay().buttons.size(), 1u);
    EXPECT_EQ(label("done"), "Klaar");
    EXPECT_GE(mLive->overlay().buttons[0].rect.h, 48.0f);
    EXPECT_FLOAT_EQ(opacity.back(), 1.0f);
    EXPECT_TRUE(mLive->overlay().caption.empty());
    EXPECT_LT(mLive->overlay().progress, 0.0f);
    EXPECT_FALSE(mLive->done()); // it waits for the person
    // The figure breathes on: in and out, smoothly.
    const auto [low, high] = std::minmax_element(breath.begin(), breath.end());
    EXPECT_LT(*low, 0.2f);
    EXPECT_GT(*high, 0.8f);
    for (size_t i = 1; i < breath.size(); ++i) EXPECT_LT(std::fabs(breath[i] - breath[i - 1]), 0.15f) << i;

    tap("done");
    frameAndWatch(1);
    EXPECT_FALSE(mLive->done()); // no sudden cut
    frameAndWatch(30);
    EXPECT_TRUE(mLive->done());
    EXPECT_GT(veil.back(), 0.95f);
    EXPECT_LT(opacity.back(), 0.05f);
    // Slow fades only: a tenth of a second never changes more than a small step.
    for (size_t i = 1; i < opacity.size(); ++i) {
        EXPECT_LE(std::fabs(opacity[i] - opacity[i - 1]), 0.2f) << "opacity at frame " << i;
        EXPECT_LE(std::fabs(veil[i] - veil[i - 1]), 0.2f) << "veil at frame " << i;
    }
    // The words fade in only once the controls have faded out.
    size_t firstWords = 0;
    while (firstWords < closingWords.size() && closingWords[firstWords].empty()) ++firstWords;
    ASSERT_GT(firstWords, 0u);
    EXPECT_LT(opacity[firstWords - 1], 0.05f);
    EXPECT_LT(opacity[firstWords], 0.1f);
}

// Enter, a tap anywhere and gamepad A end it too; after a long quiet while
// it ends by itself; the person can still go back or ease out from it.
TEST_F(LiveSessionTest, TheClosingScreenEndsByEnterATapTheGamepadOrByItself) {
    auto toClosing = [&](double closingSec) {
        start("en", closingSec);
        frames(2);
        mLive->sequencer().seek(mLive->sequencer().session().duration);
        frames(20);
        ASSERT_TRUE(mLive->closing());
        EXPECT_EQ(label("done"), "Done");
        EXPECT_EQ(mLive->overlay().closing, uiText("en", "session.closing"));
    };
    auto endsWithin = [&](int n) {
        for (int i = 0; i < n && !mLive->done(); ++i) frames(1);
        return mLive->done();
    };
    toClosing(60.0);
    key(SDLK_RETURN);
    frames(1);
    EXPECT_FALSE(mLive->done());
    EXPECT_TRUE(endsWithin(30));

    toClosing(60.0);
    SDL_Event e{};
    e.type = SDL_FINGERDOWN; // far from the button
    e.tfinger.x = 0.1f;
    e.tfinger.y = 0.1f;
    ASSERT_EQ(SDL_PushEvent(&e), 1);
    EXPECT_TRUE(endsWithin(30));

    toClosing(60.0);
    gamepad(SDL_CONTROLLER_BUTTON_A);
    EXPECT_TRUE(endsWithin(30));

    // Nobody there: after the quiet while, it ends by itself.
    toClosing(4.0);
    frames(10);
    EXPECT_FALSE(mLive->done());
    EXPECT_TRUE(endsWithin(40));

    // Back from the closing screen: the last step plays again.
    toClosing(60.0);
    key(SDLK_LEFT);
    frames(2);
    EXPECT_FALSE(mLive->closing());
    EXPECT_FALSE(mLive->sequencer().finished());
    EXPECT_EQ(mLive->overlay().buttons.size(), 6u);
    EXPECT_FLOAT_EQ(mLive->overlay().opacity, 1.0f);
    EXPECT_TRUE(mLive->overlay().closing.empty());
}

// Back and skip, by key, by gamepad and by the Back button beside Pause: a
// step just begun goes back to the one before, a step some seconds in
// starts again; every move is in the session log where it happened.
TEST_F(LiveSessionTest, BackAndSkipByKeysGamepadAndTheBackButton) {
    start("nl");
    frames(3);
    EXPECT_EQ(label("back"), "Terug");
    // Back sits right beside Pause, before it.
    const auto& buttons = mLive->overlay().buttons;
    ASSERT_GE(buttons.size(), 2u);
    EXPECT_EQ(buttons[0].id, "back");
    EXPECT_EQ(buttons[1].id, "pause");
    const Sequencer& seq = mLive->sequencer();
    const Session& s = seq.session();
    ASSERT_EQ(s.steps.size(), 3u); // the note, arrive, settle

    std::vector<Samples> moves; // where each went
    auto expectMove = [&](Samples to) {
        moves.push_back(to);
        EXPECT_EQ(seq.position(), to);
    };
    key(SDLK_RIGHT);
    frames(1);
    expectMove(s.steps[1].start);
    frames(50); // five seconds into "arrive"
    gamepad(SDL_CONTROLLER_BUTTON_LEFTSHOULDER);
    frames(1);
    expectMove(s.steps[1].start); // starts again
    frames(10);
    tap("back"); // a second in: the step before
    frames(1);
    expectMove(s.steps[0].start);
    EXPECT_FALSE(seq.paused()); // the tap went to the button, not to pause
    gamepad(SDL_CONTROLLER_BUTTON_DPAD_RIGHT);
    frames(1);
    expectMove(s.steps[1].start);
    gamepad(SDL_CONTROLLER_BUTTON_RIGHTSHOULDER);
    frames(1);
    expectMove(s.steps[2].start);
    key(SDLK_p);
    frames(1);
    expectMove(s.steps[1].start);
    gamepad(SDL_CONTROLLER_BUTTON_DPAD_LEFT);
    frames(1);
    expectMove(s.steps[0].start);
    key(SDLK_n);
    frames(1);
    expectMove(s.steps[1].start);
    frames(40);
    key(SDLK_LEFT);
    frames(1);
    expectMove(s.steps[1].start);
    key(SDLK_ESCAPE);
    frames(1);
    mLive->stop();

    auto log = readEventLog(mLive->eventLog()->path());
    ASSERT_TRUE(log) << log.error().message;
    ASSERT_EQ(log->seeks.size(), moves.size());
    for (size_t i = 0; i < moves.size(); ++i) {
        SCOPED_TRACE(i);
        EXPECT_EQ(log->seeks[i].seek.to, moves[i]);
        // Each was asked for a tenth of a second (one frame) or more after the move before.
        if (i > 0) {
            EXPECT_GE(log->seeks[i].seek.at, log->seeks[i - 1].seek.to + 4800);
        }
    }
    EXPECT_EQ(log->seeks[1].seek.at, s.steps[1].start + 51 * 4800);
    EXPECT_EQ(log->seeks[1].seek.stepId, "arrive");
}

// The voice's and the ambience's level, by keys and gamepad, a tenth at a
// time from the person's settings, shown for a moment in the session's
// language, played by the engine and kept in the log with the mix the
// session began with.
TEST_F(LiveSessionTest, VoiceAndAmbienceLevelsByKeysAndGamepad) {
    mMix.voiceVolume = 0.8f;
    mMix.ambienceVolume = 0.5f;
    mMix.ambience = "waves";
    start("nl");
    frames(2);
    const Sequencer& seq = mLive->sequencer();
    EXPECT_EQ(mAudio->levels(), (MixLevels{0.8f, 0.5f}));
    key(SDLK_DOWN);
    frames(1);
    EXPECT_FLOAT_EQ(seq.mix().voiceVolume, 0.7f);
    EXPECT_EQ(mLive->overlay().status, "Stem 70%");
    key(SDLK_KP_PLUS);
    key(SDLK_UP);
    key(SDLK_UP);
    key(SDLK_UP); // no further than full
    frames(1);
    EXPECT_FLOAT_EQ(seq.mix().voiceVolume, 1.0f);
    EXPECT_EQ(mLive->overlay().status, "Stem 100%");
    gamepad(SDL_CONTROLLER_BUTTON_DPAD_DOWN);
    frames(1);
    EXPECT_FLOAT_EQ(seq.mix().voiceVolume, 0.9f);
    key(SDLK_PAGEDOWN);
    frames(1);
    EXPECT_FLOAT_EQ(seq.mix().ambienceVolume, 0.4f);
    EXPECT_EQ(mLive->overlay().status, "Achtergrondgeluid 40%");
    // A trigger pressed in, trembling, then let go: one step.
    trigger(SDL_CONTROLLER_AXIS_TRIGGERRIGHT, 30000);
    trigger(SDL_CONTROLLER_AXIS_TRIGGERRIGHT, 20000);
    trigger(SDL_CONTROLLER_AXIS_TRIGGERRIGHT, 32000);
    trigger(SDL_CONTROLLER_AXIS_TRIGGERRIGHT, 0);
    frames(1);
    EXPECT_FLOAT_EQ(seq.mix().ambienceVolume, 0.5f);
    trigger(SDL_CONTROLLER_AXIS_TRIGGERLEFT, 32000);
    frames(1);
    EXPECT_FLOAT_EQ(seq.mix().ambienceVolume, 0.4f);
    EXPECT_EQ(mAudio->levels(), (MixLevels{0.9f, 0.4f}));
    EXPECT_EQ(seq.mix().ambience, "waves");
    mLive->stop();

    auto log = readEventLog(mLive->eventLog()->path());
    ASSERT_TRUE(log) << log.error().message;
    EXPECT_FLOAT_EQ(log->header.mix.voiceVolume, 0.8f);
    EXPECT_FLOAT_EQ(log->header.mix.ambienceVolume, 0.5f);
    EXPECT_EQ(log->header.mix.ambience, "waves");
    // Each press that changed a level, in order; the press past full did not.
    std::vector<std::pair<float, float>> levels;
    for (const LoggedMix& m : log->mixes) levels.push_back({m.mix.voiceVolume, m.mix.ambienceVolume});
    const std::vector<std::pair<float, float>> expected{{0.7f, 0.5f}, {0.8f, 0.5f}, {0.9f, 0.5f}, {1.0f, 0.5f},
                                                        {0.9f, 0.5f}, {0.9f, 0.4f}, {0.9f, 0.5f}, {0.9f, 0.4f}};
    ASSERT_EQ(levels.size(), expected.size());
    for (size_t i = 0; i < levels.size(); ++i) {
        EXPECT_NEAR(levels[i].first, expected[i].first, 1e-6) << i;
        EXPECT_NEAR(levels[i].second, expected[i].second, 1e-6) << i;
    }
}

// On a touch screen there are no keys: the Next button skips to the next
// step, by a finger and by the mouse, on a narrow kiosk screen; each skip
// is in the session log where it happened, and none of it pauses.
TEST_F(LiveSessionTest, TheNextButtonSkipsAStepByTouchAndMouse) {
    start("en", 60.0, 800, 480);
    frames(3);
    EXPECT_EQ(label("next"), "Next");
    const Sequencer& seq = mLive->sequencer();
    const Session& s = seq.session();
    ASSERT_EQ(s.steps.size(), 3u); // the note, arrive, settle
    tap("next");
    frames(1);
    EXPECT_EQ(seq.position(), s.steps[1].start);
    EXPECT_FALSE(seq.paused()); // the tap went to the button, not to pause
    frames(5);
    click("next");
    frames(1);
    EXPECT_EQ(seq.position(), s.steps[2].start);
    EXPECT_FALSE(seq.paused());
    mLive->stop();

    auto log = readEventLog(mLive->eventLog()->path());
    ASSERT_TRUE(log) << log.error().message;
    ASSERT_EQ(log->seeks.size(), 2u);
    EXPECT_EQ(log->seeks[0].seek.to, s.steps[1].start);
    EXPECT_EQ(log->seeks[1].seek.to, s.steps[2].start);
    EXPECT_EQ(log->seeks[1].seek.stepId, "arrive");
    EXPECT_EQ(log->seeks[1].seek.at, s.steps[1].start + 6 * 4800);
    EXPECT_TRUE(log->events.empty()) << "no pause, no grounding";
}

// The Sound button opens a small panel under the buttons: the voice and
// the background sound, each with its level and a large - and +, which
// change the levels exactly as the keys do (the same steps, played, shown
// and logged alike). It fades in and out in small steps; a tap beside it or
// on Sound again closes it, and nothing of it ever pauses; V and gamepad X
// open and close it too.
TEST_F(LiveSessionTest, TheSoundPanelByTouchChangesTheLevelsAsTheKeysDo) {
    mMix.voiceVolume = 0.8f;
    mMix.ambienceVolume = 0.5f;
    mMix.ambience = "waves";
    start("nl", 60.0, 800, 480);
    frames(3);
    const Sequencer& seq = mLive->sequencer();
    const OverlayState& os = mLive->overlay();
    EXPECT_EQ(label("sound"), "Geluid");
    EXPECT_FALSE(mLive->soundOpen());
    EXPECT_FALSE(os.panel.open);
    EXPECT_EQ(os.panel.opacity, 0.0f);

    std::vector<float> fade;
    auto fadeUntil = [&](float to) {
        fade = {os.panel.opacity};
        for (int i = 0; i < 300 && fade.back() != to; ++i) {
            frames(1);
            fade.push_back(os.panel.opacity);
        }
        EXPECT_EQ(fade.back(), to);
        // At least five frames, each a small step the same way: no flash.
        EXPECT_GE(fade.size(), 6u);
        for (size_t i = 1; i < fade.size(); ++i) {
            EXPECT_LE(std::fabs(fade[i] - fade[i - 1]), 0.35f) << i;
            EXPECT_GE((fade[i] - fade[i - 1]) * (to - fade.front()), 0.0f) << i;
        }
    };
    tap("sound");
    frames(1);
    ASSERT_TRUE(mLive->soundOpen());
    EXPECT_TRUE(os.panel.open);
    ASSERT_NE(button("sound"), nullptr);
    EXPECT_TRUE(button("sound")->active);
    EXPECT_FALSE(seq.paused());
    EXPECT_LT(os.panel.opacity, 0.5f);
    fadeUntil(1.0f);
    ASSERT_EQ(os.panel.rows.size(), 2u);
    EXPECT_EQ(os.panel.rows[0].label, "Stem");
    EXPECT_EQ(os.panel.rows[0].value, "80%");
    EXPECT_EQ(os.panel.rows[1].label, "Achtergrond");
    EXPECT_EQ(os.panel.rows[1].value, "50%");
    for (const char* id : {"voice-down", "voice-up", "ambience-down", "ambience-up"}) {
        ASSERT_NE(button(id), nullptr) << id;
        EXPECT_GE(button(id)->rect.w, 48.0f) << id;
        EXPECT_GE(button(id)->rect.h, 48.0f) << id;
    }

    tap("voice-up");
    frames(1);
    EXPECT_FLOAT_EQ(seq.mix().voiceVolume, 0.9f);
    EXPECT_EQ(os.panel.rows[0].value, "90%");
    EXPECT_EQ(os.status.find("90%"), std::string::npos) << "said once, in the panel: " << os.status;
    tap("ambience-down");
    tap("ambience-down");
    frames(1);
    EXPECT_FLOAT_EQ(seq.mix().ambienceVolume, 0.3f);
    EXPECT_EQ(os.panel.rows[1].value, "30%");
    click("ambience-up"); // the mouse as well
    frames(1);
    EXPECT_FLOAT_EQ(seq.mix().ambienceVolume, 0.4f);
    key(SDLK_DOWN); // the keys still work, and the panel follows them
    frames(1);
    EXPECT_FLOAT_EQ(seq.mix().voiceVolume, 0.8f);
    EXPECT_EQ(os.panel.rows[0].value, "80%");
    EXPECT_EQ(mAudio->levels(), (MixLevels{0.8f, 0.4f}));
    EXPECT_EQ(seq.mix().ambience, "waves");
    EXPECT_FALSE(seq.paused());
    EXPECT_TRUE(mLive->soundOpen());

    // On the panel between its buttons: nothing at all.
    const OverlayRect v = os.panel.rows[0].valueRect;
    tapAt((v.x + v.w / 2) / 800.0f, (v.y + v.h / 2) / 480.0f);
    frames(1);
    EXPECT_TRUE(mLive->soundOpen());
    EXPECT_FALSE(seq.paused());
    // Beside it, on the picture: it closes, and that is all.
    const Samples before = seq.position();
    tapAt(0.25f, 0.5f);
    frames(1);
    EXPECT_FALSE(mLive->soundOpen());
    EXPECT_FALSE(os.panel.open);
    EXPECT_FALSE(button("sound")->active);
    EXPECT_FALSE(seq.paused());
    EXPECT_GT(seq.position(), before);
    EXPECT_FLOAT_EQ(seq.mix().voiceVolume, 0.8f);
    EXPECT_FLOAT_EQ(seq.mix().ambienceVolume, 0.4f);
    fadeUntil(0.0f);
    // With it gone, a tap there pauses and resumes as it always did.
    tapAt(0.25f, 0.5f);
    frames(1);
    EXPECT_TRUE(seq.paused());
    tapAt(0.25f, 0.5f);
    frames(1);
    EXPECT_FALSE(seq.paused());

    // Sound again closes it; V and gamepad X open and close it.
    tap("sound");
    frames(1);
    EXPECT_TRUE(mLive->soundOpen());
    tap("sound");
    frames(1);
    EXPECT_FALSE(mLive->soundOpen());
    key(SDLK_v);
    frames(1);
    EXPECT_TRUE(mLive->soundOpen());
    gamepad(SDL_CONTROLLER_BUTTON_X);
    frames(1);
    EXPECT_FALSE(mLive->soundOpen());
    EXPECT_FALSE(seq.paused());
    mLive->stop();

    // Each change by the panel is logged as a key's is, in order; the one
    // pause is the tap on the picture after the panel had closed.
    auto log = readEventLog(mLive->eventLog()->path());
    ASSERT_TRUE(log) << log.error().message;
    std::vector<std::pair<float, float>> levels;
    for (const LoggedMix& m : log->mixes) levels.push_back({m.mix.voiceVolume, m.mix.ambienceVolume});
    const std::vector<std::pair<float, float>> expected{{0.9f, 0.5f}, {0.9f, 0.4f}, {0.9f, 0.3f}, {0.9f, 0.4f}, {0.8f, 0.4f}};
    ASSERT_EQ(levels.size(), expected.size());
    for (size_t i = 0; i < levels.size(); ++i) {
        EXPECT_NEAR(levels[i].first, expected[i].first, 1e-6) << i;
        EXPECT_NEAR(levels[i].second, expected[i].second, 1e-6) << i;
    }
    std::vector<ExerciseEvent::Type> types;
    for (const LoggedEvent& e : log->events) types.push_back(e.event.type);
    using T = ExerciseEvent::Type;
    EXPECT_EQ(types, (std::vector<T>{T::Paused, T::Resumed}));
}

// Captions off (a setting): the words are not on screen, and nothing else
// changes; on, the same moment shows them.
TEST_F(LiveSessionTest, CaptionsTurnedOffShowNoWords) {
    mCaptions = false;
    start("en");
    frames(30); // three seconds: the opening note is being spoken
    EXPECT_TRUE(mLive->overlay().caption.empty()) << mLive->overlay().caption;
    EXPECT_EQ(mLive->overlay().buttons.size(), 6u);
    mCaptions = true;
    start("en");
    frames(30);
    EXPECT_FALSE(mLive->overlay().caption.empty());
}

// A thin line for how far the session is, and the minutes left in words
// from the catalogue, rounded up; the last minute says so.
TEST_F(LiveSessionTest, ProgressAndTimeLeftFollowTheClock) {
    start("nl");
    frames(20);
    const float early = mLive->overlay().progress;
    EXPECT_GT(early, 0.0f);
    EXPECT_LT(early, 0.5f);
    const Session& s = mLive->sequencer().session();
    const int minutes = int(std::ceil(toSeconds(s.duration - mLive->sequencer().position()) / 60.0));
    if (minutes > 1) {
        EXPECT_EQ(mLive->overlay().timeLeft, "nog " + std::to_string(minutes) + " min");
    }
    EXPECT_EQ(timeLeftText(liveWordsFor("en"), fromSeconds(61.0)), "2 min left");
    EXPECT_EQ(timeLeftText(liveWordsFor("en"), fromSeconds(59.0)), "last minute");
    EXPECT_EQ(timeLeftText(liveWordsFor("nl"), fromSeconds(59.0)), "laatste minuut");
    EXPECT_EQ(timeLeftText(liveWordsFor("en"), 0), "");
    frames(20);
    EXPECT_GT(mLive->overlay().progress, early);
}

// `soma run --stereo sbs`: the left eye on the window's left half, the
// right eye on its right half, each with the whole overlay at its size;
// the eyes see the figure from 63 mm apart, and a tap on a button in
// either half works.
TEST_F(LiveSessionTest, SideBySideShowsBothEyesEachWithItsControls) {
    mSideBySide = true;
    start("nl", 60.0, 640, 200);
    if (HasFatalFailure()) return;
    frames(3);
    const Image im = mLive->screenshot();
    ASSERT_EQ(im.width, 640);
    (void)writePng(im, std::filesystem::path(SOMA_TEST_OUTPUT_DIR) / "live" / "side_by_side.png"); // to look at
    // The buttons are laid out for one eye's half.
    const OverlayButton* pause = button("pause");
    ASSERT_NE(pause, nullptr);
    EXPECT_LT(pause->rect.x + pause->rect.w, 320.0f) << "laid out in one eye's half";
    // Both halves carry the same controls at the same place, over
    // pictures that differ where the eyes see the figure differently.
    int same = 0, total = 0, differ = 0;
    for (int y = 0; y < 200; ++y)
        for (int x = 0; x < 320; ++x) {
            const auto* l = im.pixel(x, y);
            const auto* r = im.pixel(x + 320, y);
            const int d = std::max({std::abs(l[0] - r[0]), std::abs(l[1] - r[1]), std::abs(l[2] - r[2])});
            const bool inButton = pause->rect.contains(float(x), float(y));
            if (inButton) {
                ++total;
                same += d <= 8;
            }
            differ += d > 16;
        }
    EXPECT_GT(same, total * 9 / 10) << "the pause button in both halves";
    EXPECT_GT(differ, 20) << "the eyes see the figure from different places";
    // A tap on the right eye's pause button pauses, as the left one's would.
    tapAt((pause->rect.x + 320 + pause->rect.w / 2) / 640.0f, (pause->rect.y + pause->rect.h / 2) / 200.0f);
    frames(1);
    EXPECT_TRUE(mLive->sequencer().paused());
}

} // namespace
} // namespace soma
