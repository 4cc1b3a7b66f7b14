#include "live/LiveSession.h"

#include "catalog/Catalog.h"

#include "anim/Poses.h"
#include "body/Figure.h"
#include "core/Log.h"
#include "live/NarratorSpace.h"
#include "platform/Window.h"
#include "render/Renderer.h"
#include "render/RenderTarget.h"
#include "render/Stereo.h"
#include "session/Grounding.h"

#include <algorithm>
#include <cmath>
#include <future>
#include <optional>
#include <system_error>

namespace soma {

std::string timeLeftText(const LiveWords& words, Samples left) {
    if (left <= 0) return {};
    const int minutes = int(std::ceil(toSeconds(left) / 60.0));
    if (minutes <= 1) return words.lastMinute;
    // The catalogue's {minutes} is replaced by hand: a translation that
    // lacks it, or spells it otherwise, never throws.
    std::string text = words.timeLeft;
    if (const auto at = text.find("{minutes}"); at != std::string::npos) text.replace(at, 9, std::to_string(minutes));
    return text;
}

LiveWords liveWordsFor(const std::string& lang) {
    LiveWords w;
    w.back = uiText(lang, "session.back");
    w.next = uiText(lang, "session.next");
    w.sound = uiText(lang, "session.sound");
    w.soundVoice = uiText(lang, "session.sound_voice");
    w.soundAmbience = uiText(lang, "session.sound_ambience");
    w.soundPercent = uiText(lang, "session.sound_percent");
    w.soundDown = uiText(lang, "session.sound_down");
    w.soundUp = uiText(lang, "session.sound_up");
    w.pause = uiText(lang, "session.pause");
    w.resume = uiText(lang, "session.resume");
    w.stop = uiText(lang, "session.stop");
    w.grounding = uiText(lang, "session.ground");
    w.paused = uiText(lang, "session.paused");
    w.silent = uiText(lang, "session.no_sound");
    w.groundingNow = uiText(lang, "session.grounding");
    w.timeLeft = uiText(lang, "session.time_left");
    w.lastMinute = uiText(lang, "session.time_left_last_minute");
    w.voiceLevel = uiText(lang, "session.voice_level");
    w.ambienceLevel = uiText(lang, "session.ambience_level");
    w.closing = uiText(lang, "session.closing");
    w.done = uiText(lang, "session.done");
    return w;
}

namespace {

// A catalogue text with {percent} replaced by hand (as {minutes} above).
std::string withPercent(std::string text, float level) {
    if (const auto at = text.find("{percent}"); at != std::string::npos)
        text.replace(at, 9, std::to_string(int(std::lround(level * 100.0f))));
    return text;
}

// How long a changed level stays on screen.
constexpr std::uint64_t kLevelShownMs = 2500;
// The sound panel fades in and out over this long, on the wall clock (it
// fades while paused too), and never more than 15% of the way in one
// frame: a frame that comes late on a busy machine cannot make it jump.
constexpr double kSoundFadeSec = 0.6;
constexpr double kSoundFadeMaxStep = 0.15;
// The closing screen: the controls fade out, then the closing words fade
// in; ending, they fade out under a veil. Slow, so nothing flashes.
constexpr double kHandOverSec = 1.5;
constexpr double kClosingFadeInSec = 3.0;
constexpr double kEndFadeSec = 2.0;

// Cosine ease: starts and ends at rest.
float ease(double x) { return float(0.5 - 0.5 * std::cos(3.14159265358979323846 * std::clamp(x, 0.0, 1.0))); }

} // namespace

std::vector<OverlayButton> sessionButtons(const LiveWords& words, int width, int height, bool paused, bool soundOpen) {
    // Back, pause and next together, as on any player; the sound between
    // them and the two ways out.
    auto buttons = layoutButtons(width, height, {"back", "pause", "next", "sound", "grounding", "stop"},
                                 {words.back, paused ? words.resume : words.pause, words.next, words.sound, words.grounding, words.stop});
    for (auto& b : buttons) b.active = b.id == "sound" && soundOpen;
    return buttons;
}

OverlayPanel soundPanel(const LiveWords& words, int width, int height, const std::vector<OverlayButton>& buttons,
                        const SessionMix& mix) {
    return layoutPanel(width, height, buttons,
                       {{words.soundVoice, withPercent(words.soundPercent, mix.voiceVolume), "voice-down", words.soundDown, "voice-up",
                         words.soundUp},
                        {words.soundAmbience, withPercent(words.soundPercent, mix.ambienceVolume), "ambience-down", words.soundDown,
                         "ambience-up", words.soundUp}},
                       withPercent(words.soundPercent, 1.0f));
}

struct LiveSession::Parts {
    RenderQuality quality;
    std::unique_ptr<Renderer> renderer;
    std::unique_ptr<Overlay> overlay; // null: no font, no captions on screen (logged)
    std::optional<RenderTarget> target;
    std::optional<RenderTarget> eye; // side by side: one eye's picture, for its overlay
    std::optional<NarratorSpace> space;
    // The grounding sequence, synthesised on a thread of its own once the
    // first frame is up (so it does not compete with starting), or at once
    // when the person leaves before that.
    std::string lang;
    SessionBuildOptions build;
    std::shared_future<Result<Session>> grounding;
    void prepareGrounding() {
        if (grounding.valid()) return;
        auto build = [l = lang, b = this->build] { return buildGroundingSession(l, b); };
        try {
            grounding = std::async(std::launch::async, build).share();
        } catch (const std::system_error&) {
            // No thread to be had: it is built when it is asked for.
            grounding = std::async(std::launch::deferred, build).share();
        }
    }
};

Result<std::unique_ptr<LiveSession>> LiveSession::create(Window& window, AudioEngine& audio, LiveSessionDesc desc) {
    std::unique_ptr<LiveSession> live(new LiveSession());
    live->mParts = std::make_unique<Parts>();
    Parts& p = *live->mParts;
    live->mWindow = &window;
    live->mAudio = &audio;
    live->mClosingSec = desc.closingSec;
    p.quality = chooseQuality(queryGlInfo());
    auto renderer = Renderer::create(RendererDesc::forQuality(p.quality));
    if (!renderer) return renderer.error();
    p.renderer = std::move(*renderer);
    if (auto overlay = Overlay::create()) p.overlay = std::move(*overlay);
    else log::warn(overlay.error().id, "no captions on screen: {}", overlay.error().message);
    live->mSideBySide = desc.sideBySide;
    live->mIpdM = desc.ipdM;
    // Side by side, each eye's overlay is drawn on a copy of its half: plain
    // copies need single-sampled targets.
    p.target.emplace(RenderTargetDesc{window.width(), window.height(), desc.sideBySide ? 0 : p.quality.msaaSamples});
    if (desc.sideBySide) p.eye.emplace(RenderTargetDesc{std::max(1, window.width() / 2), window.height(), 0});
    if (auto figure = loadFigure({})) p.space.emplace(**figure);
    else log::warn(figure.error().id, "the narrator stays in front: {}", figure.error().message);

    const std::string lang = desc.session.lang;
    live->mWords = liveWordsFor(lang);
    live->mCaptions = desc.captions;
    live->mCaptionScale = desc.captionScale;
    live->mHighContrast = desc.highContrast;
    SequencerOptions so;
    so.reducedMotion = desc.reducedMotion;
    live->mSeq = std::make_unique<Sequencer>(std::move(desc.session), so);
    Sequencer& seq = *live->mSeq;
    seq.setReactor(reactorFor(desc.exercise, desc.describe), desc.build);
    seq.setMix(desc.mix);
    if (desc.writeLog) {
        // Without a log the session still runs: it just cannot be replayed.
        EventLogDesc ld;
        ld.header.exercise = seq.session().exercise;
        ld.header.lang = desc.describe.lang;
        ld.header.variant = desc.describe.variant;
        ld.header.breathsPerMinute = desc.describe.breathsPerMinute;
        ld.header.voiceRateWpm = desc.build.rateWpm;
        ld.header.mix = desc.mix;
        if (desc.describe.tension) ld.header.tension = *desc.describe.tension;
        ld.dir = desc.logDir;
        if (auto l = EventLog::create(ld)) live->mLog = std::move(*l);
        else log::warn(l.error().id, "{}", l.error().message);
        seq.setObserver(live->mLog.get());
    }
    p.lang = lang;
    p.build = desc.build;
    seq.setGroundingSource([parts = &p] {
        parts->prepareGrounding();
        return parts->grounding.get();
    });
    seq.attach(&audio);
    seq.play();
    live->layout();
    return live;
}

LiveSession::~LiveSession() {
    if (mSeq) stop();
}

int LiveSession::viewWidth() const { return mSideBySide ? std::max(1, mWindow->width() / 2) : mWindow->width(); }

void LiveSession::layout() {
    const Window& w = *mWindow;
    const int width = viewWidth();
    if (mClosingShown) {
        mOverlayState.buttons = {closingButton(width, w.height(), "done", mWords.done)};
        mOverlayState.panel = {}; // it faded out with the controls
        return;
    }
    mOverlayState.buttons = sessionButtons(mWords, width, w.height(), mSeq->paused(), mSoundOpen);
    mOverlayState.panel = soundPanel(mWords, width, w.height(), mOverlayState.buttons, mSeq->mix());
    mOverlayState.panel.open = mSoundOpen;
    mOverlayState.panel.opacity = ease(mSoundFade);
}

void LiveSession::setSoundOpen(bool open) {
    if (open == mSoundOpen) return;
    mSoundOpen = open;
    // The panel shows the levels itself: the moment's line would say it twice.
    if (open) mLevelShownAtMs = 0;
    layout();
}

void LiveSession::skip() {
    if (!mSeq->skipToNextStep()) log::info("run.skip", "this is the last step: there is no next one to skip to");
    layout();
}

void LiveSession::back() {
    (void)mSeq->backToPreviousStep();
    layout();
}

void LiveSession::stepLevel(bool voice, int direction) {
    const SessionMix& m = mSeq->mix();
    // On the grid of tenths, whatever level the settings began with.
    auto next = [&](float level) { return std::clamp(std::round(level * 10.0f + float(direction)) / 10.0f, 0.0f, 1.0f); };
    const float v = voice ? next(m.voiceVolume) : m.voiceVolume;
    const float a = voice ? m.ambienceVolume : next(m.ambienceVolume);
    mSeq->setLevels(v, a);
    // With the panel open the new level is there, where the person looks.
    if (!mSoundOpen) {
        mLevelShown = voice ? withPercent(mWords.voiceLevel, v) : withPercent(mWords.ambienceLevel, a);
        mLevelShownAtMs = std::max<std::uint64_t>(1, SDL_GetTicks64());
    }
    layout();
}

void LiveSession::togglePause() {
    mSeq->togglePause();
    log::info(mSeq->paused() ? "run.paused" : "run.resumed", "{} at {:.2f} s", mSeq->paused() ? "paused" : "resumed",
              toSeconds(mSeq->position()));
    layout();
}

void LiveSession::leaveForGrounding() {
    // A person who paused and then leaves is met by the calm voice.
    if (mSeq->leaveForGrounding()) mSeq->play();
    layout();
}

bool LiveSession::closing() const { return mSeq->finished() && mClosingSec > 0; }

double LiveSession::sinceEnd() const { return mSeq->finished() ? toSeconds(mSeq->clock() - mSeq->session().duration) : 0.0; }

void LiveSession::endGently() {
    if (mEndingFrom >= 0 || mEnded) return;
    mEndingFrom = mSeq->clock();
    // The ambience fades with the picture, from the first sample not yet
    // queued: done() waits until it is quiet.
    const Samples quiet = mAudio->setAmbience("none", 0.0f, kEndFadeSec);
    mEndingUntil = std::max(mEndingFrom, quiet) + fromSeconds(kEndFadeSec);
    log::info("run.closing", "the closing screen ends {:.0f} s after the session", sinceEnd());
    // A clock that stands (paused at the very end) would never get there.
    if (mSeq->paused()) mEnded = true;
}

void LiveSession::easeOut() {
    if (closing()) {
        endGently();
        return;
    }
    if (mEaseOut >= 0.0 || done()) return;
    pause();
    mAudio->setAmbience("none", 0.0f, kEndFadeSec);
    mEaseOut = 0.0;
    log::info("run.easing_out", "easing out at {:.2f} s", toSeconds(mSeq->position()));
}

void LiveSession::pollInput() {
    SDL_Event e;
    while (SDL_PollEvent(&e)) handle(e);
}

void LiveSession::handle(const SDL_Event& e) {
    Window& w = *mWindow;
    // Fading out at the very end, or easing out: only a stop still counts.
    if (mEndingFrom >= 0 || mEaseOut >= 0.0) {
        const bool stop = e.type == SDL_QUIT ||
                          (e.type == SDL_KEYDOWN && (e.key.keysym.sym == SDLK_ESCAPE || e.key.keysym.sym == SDLK_AC_BACK)) ||
                          (e.type == SDL_CONTROLLERBUTTONDOWN &&
                           (e.cbutton.button == SDL_CONTROLLER_BUTTON_B || e.cbutton.button == SDL_CONTROLLER_BUTTON_BACK));
        if (stop) mStop = true;
        return;
    }
    // On the closing screen what pauses ends it: there is nothing left to pause.
    const bool atEnd = closing();
    switch (e.type) {
    case SDL_QUIT: mStop = true; break;
    case SDL_KEYDOWN:
        if (e.key.repeat) break; // a held key is one press
        switch (e.key.keysym.sym) {
        case SDLK_ESCAPE:
        case SDLK_AC_BACK: mStop = true; break;
        case SDLK_SPACE: atEnd ? endGently() : togglePause(); break;
        case SDLK_RETURN:
        case SDLK_KP_ENTER:
            if (atEnd) endGently();
            break;
        case SDLK_g: leaveForGrounding(); break;
        case SDLK_RIGHT:
        case SDLK_n: skip(); break;
        case SDLK_LEFT:
        case SDLK_p: back(); break;
        case SDLK_UP:
        case SDLK_PLUS:
        case SDLK_EQUALS: // + without shift on most layouts
        case SDLK_KP_PLUS: stepLevel(true, +1); break;
        case SDLK_DOWN:
        case SDLK_MINUS:
        case SDLK_KP_MINUS: stepLevel(true, -1); break;
        case SDLK_PAGEUP: stepLevel(false, +1); break;
        case SDLK_PAGEDOWN: stepLevel(false, -1); break;
        case SDLK_v:
            if (!atEnd) setSoundOpen(!mSoundOpen);
            break;
        case SDLK_F11: w.setFullscreen(!w.fullscreen()); break;
        default: break;
        }
        break;
    case SDL_CONTROLLERDEVICEADDED: SDL_GameControllerOpen(e.cdevice.which); break;
    case SDL_CONTROLLERBUTTONDOWN:
        if (e.cbutton.button == SDL_CONTROLLER_BUTTON_A) atEnd ? endGently() : togglePause();
        if (e.cbutton.button == SDL_CONTROLLER_BUTTON_B || e.cbutton.button == SDL_CONTROLLER_BUTTON_BACK) mStop = true;
        if (e.cbutton.button == SDL_CONTROLLER_BUTTON_Y) leaveForGrounding();
        if (e.cbutton.button == SDL_CONTROLLER_BUTTON_LEFTSHOULDER || e.cbutton.button == SDL_CONTROLLER_BUTTON_DPAD_LEFT) back();
        if (e.cbutton.button == SDL_CONTROLLER_BUTTON_RIGHTSHOULDER || e.cbutton.button == SDL_CONTROLLER_BUTTON_DPAD_RIGHT) skip();
        if (e.cbutton.button == SDL_CONTROLLER_BUTTON_DPAD_UP) stepLevel(true, +1);
        if (e.cbutton.button == SDL_CONTROLLER_BUTTON_DPAD_DOWN) stepLevel(true, -1);
        if (e.cbutton.button == SDL_CONTROLLER_BUTTON_X && !atEnd) setSoundOpen(!mSoundOpen);
        break;
    case SDL_CONTROLLERAXISMOTION:
        // A trigger is a step of the ambience each time it is pressed in
        // past halfway; it must come back out past a quarter first, so a
        // trembling finger is one press.
        if (e.caxis.axis == SDL_CONTROLLER_AXIS_TRIGGERLEFT || e.caxis.axis == SDL_CONTROLLER_AXIS_TRIGGERRIGHT) {
            const bool right = e.caxis.axis == SDL_CONTROLLER_AXIS_TRIGGERRIGHT;
            bool& down = mTriggerDown[right ? 1 : 0];
            if (!down && e.caxis.value > 16384) {
                down = true;
                stepLevel(false, right ? +1 : -1);
            } else if (down && e.caxis.value < 8192) {
                down = false;
            }
        }
        break;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_FINGERDOWN: {
        // Touch gives 0..1 of the window; the mouse gives window points.
        // Buttons live in drawable pixels.
        float x, y;
        if (e.type == SDL_FINGERDOWN) {
            x = e.tfinger.x * float(w.width());
            y = e.tfinger.y * float(w.height());
        } else {
            if (e.button.which == SDL_TOUCH_MOUSEID) break; // the finger event handles it
            int ww = 1, wh = 1;
            SDL_GetWindowSize(w.sdl(), &ww, &wh);
            x = float(e.button.x) * float(w.width()) / float(std::max(1, ww));
            y = float(e.button.y) * float(w.height()) / float(std::max(1, wh));
        }
        // Side by side, both halves show the same buttons.
        if (mSideBySide) x = std::fmod(x, float(viewWidth()));
        const OverlayButton* hit = Overlay::hit(mOverlayState, x, y);
        const std::string id = hit ? hit->id : "";
        // The sound panel's buttons: the same steps as the keys, logged alike.
        if (id == "voice-down" || id == "voice-up") stepLevel(true, id == "voice-up" ? +1 : -1);
        else if (id == "ambience-down" || id == "ambience-up") stepLevel(false, id == "ambience-up" ? +1 : -1);
        else if (id == "sound") setSoundOpen(!mSoundOpen);
        else if (mSoundOpen && id.empty()) {
            // A tap beside the open panel closes it and does nothing else (a
            // person reaching for it never pauses the session by a near miss);
            // one on the panel between its buttons does nothing at all.
            if (!mOverlayState.panel.rect.contains(x, y)) setSoundOpen(false);
        } else {
            // Another button does what it says, and the panel makes way.
            setSoundOpen(false);
            if (id == "stop") mStop = true;
            else if (id == "grounding") leaveForGrounding();
            else if (id == "back") back();
            else if (id == "next") skip();
            else if (atEnd) endGently(); // Done, or a tap anywhere
            else togglePause();          // the pause button, or a tap anywhere
        }
        break;
    }
    default: break;
    }
}

Image LiveSession::screenshot() const { return mParts->target->readPixels(); }

bool LiveSession::done() const {
    // Without a closing screen: done while it stands at the end (a
    // grounding taken from there goes on).
    return mStop || mStopped || mEnded || (mClosingSec <= 0 && mSeq->finished());
}

Status LiveSession::frame() {
    Parts& p = *mParts;
    Window& w = *mWindow;
    mAudio->update();
    mSeq->update();
    const Session& s = mSeq->session();
    // The closing screen is up only while the session stays at its end: a
    // grounding or a step back taken from there goes on.
    const bool atEnd = mSeq->finished();
    const double since = sinceEnd();
    if (closing() && since >= mClosingSec) endGently(); // a long quiet while: it ends by itself
    if (mEndingFrom >= 0 && mSeq->clock() >= mEndingUntil) mEnded = true;
    mClosingShown = closing() && since >= kHandOverSec;
    if (closing()) mSoundOpen = false; // it fades out with the controls
    const std::uint64_t now = SDL_GetTicks64();
    const double dt = mSoundTickMs > 0 ? double(now - mSoundTickMs) / 1000.0 : 0.0;
    mSoundTickMs = std::max<std::uint64_t>(1, now);
    const double fadeStep = std::min(dt / kSoundFadeSec, kSoundFadeMaxStep);
    mSoundFade = std::clamp(mSoundFade + (mSoundOpen ? fadeStep : -fadeStep), 0.0, 1.0);
    if (mClosingShown) mSoundFade = 0.0; // long gone with the controls' opacity: no step to see

    layout();
    p.target->resize(w.width(), w.height());
    // Past the end the figure goes on breathing, on the clock that runs on.
    mState = atEnd ? evaluate(s, mSeq->clock(), mSeq->options()) : mSeq->state();
    const BodyState& state = mState;
    if (p.space) p.space->place(*mAudio, state, mHead);
    if (mSideBySide) {
        auto mono = p.renderer->viewFor(state, viewWidth(), w.height());
        if (!mono) return mono.error();
        const auto eyes = eyePair(*mono, mIpdM);
        if (auto st = p.renderer->draw(*p.target, state, {eyes[0], eyes[1]}); !st) return st;
    } else if (auto st = p.renderer->draw(*p.target, state); !st) {
        return st;
    }
    OverlayState& os = mOverlayState;
    os.caption = mCaptions ? state.caption : std::string();
    os.captionScale = mCaptionScale;
    os.highContrast = mHighContrast;
    os.paused = mSeq->paused();
    os.pausedLabel = mWords.paused;
    os.progress = s.duration > 0 ? float(double(mSeq->position()) / double(s.duration)) : -1.0f;
    os.timeLeft = timeLeftText(mWords, s.duration - mSeq->position());
    const int step = s.stepAt(mSeq->position());
    if (mLevelShownAtMs > 0 && SDL_GetTicks64() - mLevelShownAtMs > kLevelShownMs) mLevelShownAtMs = 0;
    if (mLevelShownAtMs > 0) os.status = mLevelShown;
    else if (mAudio->mode() == AudioMode::Silent) os.status = mWords.silent;
    else if (mSeq->grounding()) os.status = mWords.groundingNow;
    else if (step >= 0 && (s.steps[size_t(step)].note || mSeq->position() < fromSeconds(10))) os.status = s.note;
    else os.status.clear();
    if (!mNotice.empty()) (os.paused ? os.pausedLabel : os.status) = mNotice;
    os.opacity = 1.0f;
    os.veil = 0.0f;
    os.closing.clear();
    if (closing()) {
        if (!mClosingShown) {
            os.opacity = 1.0f - ease(since / kHandOverSec); // the controls fade out ...
        } else {
            // ... then the closing words fade in, alone with their button
            // (and a level just changed).
            os.opacity = ease((since - kHandOverSec) / kClosingFadeInSec);
            os.closing = mWords.closing;
            os.caption.clear();
            os.progress = -1.0f;
            os.timeLeft.clear();
            os.paused = false;
            os.status = mLevelShownAtMs > 0 ? mLevelShown : mNotice;
        }
        if (mEndingFrom >= 0) {
            const float out = ease(toSeconds(mSeq->clock() - mEndingFrom) / kEndFadeSec);
            os.opacity *= 1.0f - out;
            os.veil = out;
        }
    }
    if (mEaseOut >= 0.0) {
        // On the wall clock (the session's stands, paused), never more
        // than a step a frame.
        mEaseOut = std::min(1.0, mEaseOut + std::min(dt / kEndFadeSec, kSoundFadeMaxStep));
        const float out = ease(mEaseOut);
        os.opacity *= 1.0f - out;
        os.veil = std::max(os.veil, out);
        if (mEaseOut >= 1.0) mEnded = true;
    }
    if (p.overlay && mSideBySide) {
        // Each eye's half out, its overlay over it, and back.
        const int half = viewWidth();
        p.eye->resize(half, w.height());
        for (int i = 0; i < 2; ++i) {
            p.target->copyTo(*p.eye, i * half, 0, half, w.height(), 0, 0);
            p.overlay->draw(*p.eye, os);
            p.eye->copyTo(*p.target, 0, 0, half, w.height(), i * half, 0);
        }
    } else if (p.overlay) {
        p.overlay->draw(*p.target, os);
    }
    p.target->present(w.width(), w.height());
    w.swap();
    p.prepareGrounding(); // after the first frame: leaving then never waits for the voice
    return Ok{};
}

void LiveSession::stop() {
    if (mStopped) return;
    mStopped = true;
    // Stopping is not a pause the exercise should answer, nor one to replay.
    mSeq->setObserver(nullptr);
    mSeq->pause();
    log::info("run.stopped", "stopped at {:.2f} s of {:.2f} s", toSeconds(mSeq->position()), toSeconds(mSeq->session().duration));
    if (mLog) mLog->end(mSeq->position());
}

} // namespace soma
