#include "live/HeadsetSession.h"

#include "core/Log.h"
#include "render/GlInfo.h"
#include "render/Overlay.h"
#include "render/WorldPanel.h"

#include <glm/gtc/matrix_transform.hpp>

#include <SDL.h>

#include <algorithm>
#include <cmath>

namespace soma {
namespace {

constexpr double kFadeInSec = 3.0;  // from black at the start
constexpr double kFadeOutSec = 2.0; // to black at the end
constexpr float kNearM = 0.05f, kFarM = 100.0f;
// The caption panel: at reading distance, low (about 32 degrees down, as
// one reads a book), clear of the figure in front.
constexpr float kPanelDistanceM = 1.2f;
constexpr float kPanelBelowM = 0.75f;
constexpr float kPanelWidthM = 0.80f, kPanelHeightM = 0.25f;
constexpr int kPanelPxW = 1280, kPanelPxH = 400;
constexpr double kPanelFollowSec = 1.5; // the gaze's direction, reached this slowly (time constant)
constexpr double kPanelFadeSec = 0.6;
constexpr float kPi = 3.14159265358979f;

float ease(double x) { return float(0.5 - 0.5 * std::cos(kPi * std::clamp(x, 0.0, 1.0))); }

// The turn about +y that brings the head's forward (-z) closest to where it
// looks; nullopt looking (almost) straight up or down.
std::optional<float> yawOf(const glm::quat& head) {
    const glm::vec3 f = head * glm::vec3(0.0f, 0.0f, -1.0f);
    if (std::abs(f.y) > 0.95f) return std::nullopt;
    return std::atan2(-f.x, -f.z);
}

} // namespace

View headsetEyeView(const EyeView& eye, const glm::vec3& figureAt, int x, int width, int height) {
    View v;
    v.x = x;
    v.y = 0;
    v.width = width;
    v.height = height;
    const glm::mat4 localFromEye = glm::translate(glm::mat4(1.0f), eye.position) * glm::mat4_cast(eye.orientation);
    const glm::mat4 localFromWorld = glm::translate(glm::mat4(1.0f), figureAt);
    v.view = glm::inverse(localFromEye) * localFromWorld;
    v.projection = glm::frustum(std::tan(eye.angleLeft) * kNearM, std::tan(eye.angleRight) * kNearM, std::tan(eye.angleDown) * kNearM,
                                std::tan(eye.angleUp) * kNearM, kNearM, kFarM);
    v.eye = eye.position - figureAt;
    return v;
}

glm::vec3 figurePlacement(const std::string& pose) {
    if (pose == "supine" || pose == "constructive_rest") return {0.0f, -0.75f, -1.9f};
    return {0.0f, -1.2f, -2.2f};
}

glm::quat headInClientSpace(const glm::quat& localHead) {
    const glm::quat turn = glm::angleAxis(kPi, glm::vec3(0.0f, 1.0f, 0.0f));
    return turn * localHead * glm::inverse(turn);
}

struct HeadsetSession::Parts {
    std::unique_ptr<Renderer> renderer;
    std::unique_ptr<RenderTarget> eyes;  // both eyes side by side
    std::unique_ptr<Overlay> overlay;    // the panel's words, and the veil
    std::unique_ptr<RenderTarget> panel; // the panel's picture
    std::unique_ptr<WorldPanel> world;
    OverlayState panelShows;             // what the panel's picture holds now
    bool panelDrawn = false;
};

HeadsetSession::~HeadsetSession() = default;

Result<std::unique_ptr<HeadsetSession>> HeadsetSession::create(LiveSession& live, Headset& headset, const HeadsetSessionDesc& desc) {
    std::unique_ptr<HeadsetSession> h(new HeadsetSession());
    h->mLive = &live;
    h->mHeadset = &headset;
    h->mReducedMotion = desc.reducedMotion;
    h->mFigureAt = desc.figureAt ? *desc.figureAt : figurePlacement(live.sequencer().state().pose);
    h->mParts = std::make_unique<Parts>();
    Parts& p = *h->mParts;
    const RenderQuality q = chooseQuality(queryGlInfo());
    auto r = Renderer::create(RendererDesc::forQuality(q));
    if (!r) return r.error();
    p.renderer = std::move(*r);
    p.eyes = std::make_unique<RenderTarget>(RenderTargetDesc{2 * headset.eyeWidth(), headset.eyeHeight(), q.msaaSamples});
    auto o = Overlay::create();
    if (!o) return o.error();
    p.overlay = std::move(*o);
    p.panel = std::make_unique<RenderTarget>(RenderTargetDesc{kPanelPxW, kPanelPxH, 0});
    auto w = WorldPanel::create();
    if (!w) return w.error();
    p.world = std::move(*w);
    log::info("xr.session", "the session in the headset: {}x{} per eye, {}", headset.eyeWidth(), headset.eyeHeight(), q.describe());
    // The first words wait for the person to see: until the runtime first
    // shows Soma's frames, the session holds still.
    live.pause();
    h->mWaitingToBeSeen = true;
    return h;
}

Status HeadsetSession::step() {
    Headset& hs = *mHeadset;
    LiveSession& live = *mLive;
    hs.pollEvents();
    if (hs.stopping() && !mLiveStopped) {
        // The runtime asked (or the headset went away): end softly, as a
        // pause ends the voice; the log records where.
        log::info("xr.stopping", "the headset's runtime ends the session ({})", hs.lost() ? "lost" : headsetStateName(hs.state()));
        live.stop();
        mLiveStopped = true;
    }
    if (hs.over()) {
        mDone = true;
        return Ok{};
    }
    const bool focused = hs.focused();
    const bool seen = hs.state() == HeadsetState::Visible || focused;
    if (mWaitingToBeSeen && seen && !mLiveStopped) {
        live.resume();
        mWaitingToBeSeen = false;
    }
    if (mWasFocused && !focused && !mLiveStopped) {
        log::info("xr.focus_lost", "the headset lost focus: paused");
        live.pause();
    }
    mWasFocused = focused;
    // The window's frame: the mirror, and the audio fed.
    if (!mLiveStopped)
        if (auto s = live.frame(); !s) return s;
    if (!hs.running()) {
        if (!mLiveStopped && live.done() && !mExitAsked) {
            hs.requestExit(); // never began: nothing to fade
            mExitAsked = true;
        }
        SDL_Delay(5); // waiting for the runtime: no frames to pace the loop
        return Ok{};
    }
    auto f = hs.beginFrame();
    if (!f) {
        if (hs.lost()) return Ok{}; // the next step ends it
        return f.error();
    }
    const double dt = mLastTime > 0 ? std::clamp(double(f->displayTime - mLastTime) / 1e9, 0.0, 0.1) : 0.0;
    mLastTime = f->displayTime;

    if (!mLiveStopped && focused) {
        if (hs.selectPressed()) live.sequencer().paused() ? live.resume() : live.pause();
        if (hs.menuPressed()) live.easeOut();
    }
    if (f->headValid) live.setHeadOrientation(headInClientSpace(f->headOrientation));

    mFadeIn = std::min(1.0, mFadeIn + dt / kFadeInSec);
    if ((live.done() || mLiveStopped) && mFadeOut < 0.0) mFadeOut = live.endingVeil() >= 0.999f ? 1.0 : 0.0;
    if (mFadeOut >= 0.0) mFadeOut = std::min(1.0, mFadeOut + dt / kFadeOutSec);
    mVeil = std::max({1.0f - ease(mFadeIn), live.endingVeil(), mFadeOut >= 0.0 ? ease(mFadeOut) : 0.0f});

    if (f->shouldRender)
        if (auto s = drawFrame(*f, dt); !s) {
            (void)hs.endFrame(*f, nullptr);
            return s;
        }
    if (auto s = hs.endFrame(*f, f->shouldRender ? mParts->eyes.get() : nullptr); !s) {
        if (hs.lost()) return Ok{};
        return s;
    }
    if (f->shouldRender) ++mFramesShown;
    if (mFadeOut >= 1.0 && !mExitAsked) {
        if (!mLiveStopped) {
            live.stop();
            mLiveStopped = true;
        }
        hs.requestExit();
        mExitAsked = true;
    }
    return Ok{};
}

Status HeadsetSession::drawFrame(const HeadsetFrame& f, double dt) {
    Parts& p = *mParts;
    const int w = mHeadset->eyeWidth(), h = mHeadset->eyeHeight();
    const std::vector<View> views{headsetEyeView(f.eyes[0], mFigureAt, 0, w, h), headsetEyeView(f.eyes[1], mFigureAt, w, w, h)};
    if (auto s = p.renderer->draw(*p.eyes, mLive->bodyState(), views); !s) return s;

    // The panel: its words redrawn only when they change.
    // drawPanel reads the words alone (not the buttons or the sound panel).
    const OverlayState& shows = mLive->overlay();
    const bool hasWords = !shows.caption.empty() || shows.paused || !shows.status.empty();
    const bool changed = !p.panelDrawn || shows.caption != p.panelShows.caption || shows.paused != p.panelShows.paused ||
                         shows.status != p.panelShows.status || shows.pausedLabel != p.panelShows.pausedLabel;
    if (hasWords && changed) {
        p.overlay->drawPanel(*p.panel, shows);
        p.panel->resolve();
        p.panelShows = shows;
        p.panelDrawn = true;
    }
    const float step = float(dt / kPanelFadeSec);
    mPanelOpacity = std::clamp(mPanelOpacity + (hasWords ? step : -step), 0.0f, 1.0f);
    if (!mReducedMotion && f.headValid)
        if (auto yaw = yawOf(f.headOrientation)) {
            float d = *yaw - mPanelYaw;
            while (d > kPi) d -= 2.0f * kPi;
            while (d < -kPi) d += 2.0f * kPi;
            mPanelYaw += d * float(1.0 - std::exp(-dt / kPanelFollowSec));
        }
    if (mPanelOpacity > 0.0f && p.panelDrawn) {
        const glm::mat4 turn = glm::rotate(glm::mat4(1.0f), mPanelYaw, glm::vec3(0.0f, 1.0f, 0.0f));
        const glm::vec3 atLocal = glm::vec3(turn * glm::vec4(0.0f, -kPanelBelowM, -kPanelDistanceM, 1.0f));
        const float pitch = std::atan2(kPanelBelowM, kPanelDistanceM); // faces the eyes above it
        const glm::mat4 model = glm::translate(glm::mat4(1.0f), atLocal - mFigureAt) * turn *
                                glm::rotate(glm::mat4(1.0f), pitch, glm::vec3(1.0f, 0.0f, 0.0f)) *
                                glm::scale(glm::mat4(1.0f), glm::vec3(kPanelWidthM, kPanelHeightM, 1.0f));
        p.world->draw(*p.eyes, views, p.panel->colorTexture(), model, {kPanelWidthM, kPanelHeightM}, ease(mPanelOpacity) * (1.0f - mVeil));
    }
    if (mVeil > 0.0f) {
        OverlayState veil;
        veil.veil = mVeil;
        veil.pausedLabel.clear();
        p.overlay->draw(*p.eyes, veil);
    }
    return Ok{};
}

} // namespace soma
