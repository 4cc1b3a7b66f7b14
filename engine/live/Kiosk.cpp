#include "live/Kiosk.h"

#include "catalog/Catalog.h"
#include "core/Files.h"
#include "core/Log.h"
#include "core/Paths.h"
#include "live/CardPictures.h"
#include "live/HomeWorker.h"
#include "live/SessionLoad.h"
#include "platform/Window.h"
#include "render/GlInfo.h"
#include "render/Painter.h"
#include "render/Renderer.h"
#include "render/RenderTarget.h"
#include "settings/Settings.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <fstream>
#include <optional>
#include <sstream>
#include <thread>

namespace soma {
namespace {

namespace fs = std::filesystem;

constexpr double kBreathSec = 10.0;       // the attract figure: six slow breaths a minute
constexpr double kAttractFrameSec = 1.0 / 15.0; // enough for a breath that slow; an idle kiosk stays cool
constexpr double kFadeInSec = 2.0;        // a screen after a session or a reset, from dark
constexpr int kPinTries = 5;              // wrong PINs in a row before the pad waits
constexpr double kPinWaitSec = 60.0;

bool startsWith(const std::string& s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

Status writeKioskCounts(const fs::path& file, const std::vector<KioskCount>& counts) {
    std::string out = "# Soma kiosk: anonymous counts (no times, no people)\n# exercise\tlength\tsessions\tended_early\tminutes\n";
    for (const auto& c : counts)
        out += fmt::format("{}\t{}\t{}\t{}\t{:.1f}\n", c.exercise, c.length, c.sessions, c.endedEarly, c.minutes);
    std::error_code ec;
    fs::create_directories(file.parent_path(), ec);
    return writeFileAtomically(file, out);
}

} // namespace

std::vector<KioskCount> readKioskCounts(const fs::path& file) {
    std::vector<KioskCount> counts;
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream row(line);
        KioskCount c;
        if (std::getline(row, c.exercise, '\t') && std::getline(row, c.length, '\t') && row >> c.sessions >> c.endedEarly >> c.minutes)
            counts.push_back(std::move(c));
    }
    return counts;
}

struct Kiosk::Parts {
    PluginRegistry registry;
    std::unique_ptr<Renderer> renderer;
    std::unique_ptr<Painter> painter;
    std::optional<RenderTarget> target;       // the screens
    std::optional<RenderTarget> figureTarget; // the attract figure, drawn anew each frame
    Picture figure;
    std::unique_ptr<CardPictures> pictures;
    std::unique_ptr<HomeWorker> worker;
    std::unique_ptr<PreparedSession> prepared;
    std::vector<ExerciseInfo> infos; // the cards' exercises
    std::string playing;             // "exercise\tlength" of the session playing
    std::thread loader;              // loads the registry after the first frame
    std::atomic<bool> registryLoaded{false};
    size_t nextCard = 0;             // the config's next exercise to make a card of
};

Result<std::unique_ptr<Kiosk>> Kiosk::create(Window& window, KioskDesc desc) {
    std::unique_ptr<Kiosk> k(new Kiosk());
    k->mParts = std::make_unique<Parts>();
    Parts& p = *k->mParts;
    k->mWindow = &window;
    k->mDesc = std::move(desc);
    const KioskDesc& d = k->mDesc;
    const KioskConfig& config = d.config;

    auto painter = Painter::create();
    if (!painter) return painter.error();
    p.painter = std::move(*painter);
    auto renderer = Renderer::create(RendererDesc::forQuality(chooseQuality(queryGlInfo())));
    if (!renderer) return renderer.error();
    p.renderer = std::move(*renderer);
    p.target.emplace(RenderTargetDesc{window.width(), window.height(), 0});
    ui::KioskState& s = k->mState;
    s.languages = config.languages;
    s.lang = config.languages.front();
    s.anonymousCounts = config.anonymousCounts;
    k->mLastTouch = k->now();
    return k;
}

Status Kiosk::loadRest() {
    // After the first frame, in steps short enough that the frame loop (and
    // the service manager's watchdog) keeps turning: the plugins on a thread
    // of their own (a native's check in a child may take seconds), then the
    // sound, then one card a frame, then the worker.
    if (mLoaded) return Ok{};
    Parts& p = *mParts;
    const KioskDesc& d = mDesc;
    const KioskConfig& config = d.config;
    if (!p.loader.joinable() && !p.registryLoaded) {
        // The system's folders only; a native plugin, signed by a trusted key only.
        RegistryOptions ro = d.registry;
        ro.signedNativesOnly = true;
        for (const auto& key : config.trustedKeys)
            if (auto parsed = parseMinisignKey(key)) ro.trustedKeys.push_back(*parsed);
        auto dirs = d.pluginDirs.empty() ? paths::systemPluginDirs() : d.pluginDirs;
        p.loader = std::thread([&p, dirs = std::move(dirs), ro = std::move(ro)] {
            p.registry = PluginRegistry::load(dirs, ro);
            p.registryLoaded = true;
        });
        return Ok{};
    }
    if (!p.registryLoaded) return Ok{};
    if (p.loader.joinable()) p.loader.join();
    if (!mAudio) {
        auto audio = AudioEngine::create(d.audio);
        if (!audio) return audio.error();
        mAudio = std::move(*audio);
        return Ok{};
    }
    const fs::path cache = d.cacheDir.empty() ? paths::cacheHome() : d.cacheDir;
    if (!p.pictures) {
        p.pictures = std::make_unique<CardPictures>(cache / "cards");
        return Ok{};
    }
    ui::KioskState& s = mState;
    if (p.nextCard < config.exercises.size()) {
        const KioskExercise& want = config.exercises[p.nextCard++];
        Exercise* e = p.registry.find(want.id);
        if (!e) {
            log::warn("kiosk.exercise_missing", "{}: exercise '{}' is not among the plugins that loaded (`soma plugins` says why); it is left out",
                      config.file.string(), want.id);
            return Ok{};
        }
        const ExerciseInfo& info = e->info();
        ui::HomeCard card;
        card.id = info.id;
        for (const auto& v : info.variants)
            if (std::find(want.lengths.begin(), want.lengths.end(), v.id) != want.lengths.end()) card.variants.push_back(v.id);
        if (card.variants.empty()) {
            log::warn("kiosk.lengths_missing", "{}: exercise '{}' has none of the lengths the config names; it is left out", config.file.string(),
                      want.id);
            return Ok{};
        }
        DescribeOptions o;
        o.lang = info.languages.empty() ? "en" : info.languages.front();
        o.variant = card.variants.front();
        if (auto rq = e->describe(o)) card.picture = p.pictures->get(info.id, cardState(*rq), *p.renderer);
        p.infos.push_back(info);
        s.cards.push_back(std::move(card));
        return Ok{};
    }
    p.worker = std::make_unique<HomeWorker>(p.registry, cache / "lengths.tsv");
    mLoaded = true;
    chooseLanguage(s.lang);
    log::info("kiosk.ready", "kiosk: {} exercises from {}, languages {}, idle {} s + {} s warning, {}", s.cards.size(), config.file.string(),
              fmt::join(config.languages, " "), config.idleSeconds, config.warningSeconds,
              config.anonymousCounts ? "anonymous counts kept" : "nothing kept");
    // From here on the journal hears what goes wrong, not what visitors do.
    if (d.quietJournal) log::setStderrLevel(log::Level::Warn);
    return Ok{};
}

Kiosk::~Kiosk() {
    mNotify.stopping();
    if (mLive) endSession(true);
    if (!mParts) return;
    if (mParts->loader.joinable()) mParts->loader.join(); // its plugin checks end within their timeout
    mParts->worker.reset(); // before the registry it uses
}

const PluginRegistry& Kiosk::plugins() const { return mParts->registry; }
bool Kiosk::workerIdle() const { return mParts->worker && mParts->worker->idle(); }
Image Kiosk::screenshot() const { return mParts->target->readPixels(); }

double Kiosk::now() const { return mDesc.clock ? mDesc.clock() : double(SDL_GetTicks64()) / 1000.0; }

void Kiosk::touched() {
    mLastTouch = now();
    if (mWarningLeft >= 0) mDirty = true;
    mWarningLeft = -1;
}

void Kiosk::chooseLanguage(const std::string& lang) {
    mState.lang = lang;
    for (size_t i = 0; i < mState.cards.size(); ++i) {
        mState.cards[i].title = inLanguage(mParts->infos[i].title, lang);
        mState.cards[i].summary = inLanguage(mParts->infos[i].summary, lang);
    }
    mState.message = mLoaded && mState.cards.empty() ? uiText(lang, "home.no_exercises") : std::string();
    measureLengths();
    mDirty = true;
}

void Kiosk::measureLengths() {
    if (!mParts->worker) return;
    std::vector<SessionChoice> choices;
    for (const auto& c : mState.cards)
        for (const auto& v : c.variants) {
            if (c.seconds.count(mState.lang + ":" + v)) continue;
            SessionChoice ch;
            ch.exercise = c.id;
            ch.lang = mState.lang;
            ch.variant = v;
            choices.push_back(std::move(ch));
        }
    mParts->worker->measure(std::move(choices));
}

void Kiosk::collect() {
    if (!mParts->worker) return;
    for (auto& f : mParts->worker->take()) {
        if (!f.prepared) {
            if (f.seconds <= 0 || f.choice.lang != mState.lang) continue;
            for (auto& c : mState.cards)
                if (c.id == f.choice.exercise) c.seconds[f.choice.variant] = f.seconds;
            mDirty = true;
            continue;
        }
        const bool wanted = mWhere == Where::Choose && !mLive && mState.preparing == f.choice.exercise + ":" + f.choice.variant;
        mDirty = true;
        // Not wanted any more (back to the attract screen, the PIN pad): the
        // buttons take a choice again.
        if (!wanted && mState.preparing == f.choice.exercise + ":" + f.choice.variant) mState.preparing.clear();
        if (!wanted || !*f.prepared) {
            if (wanted) {
                log::error(f.prepared->error().id, "{}", f.prepared->error().message);
                mState.message = uiText(mState.lang, "home.cannot_start");
                mState.preparing.clear();
            }
            mParts->worker->resume();
            continue;
        }
        mState.preparing.clear();
        mParts->prepared = std::move(**f.prepared);
        PreparedSession& ps = *mParts->prepared;
        const Settings defaults;
        LiveSessionDesc ld;
        ld.session = ps.session;
        ld.exercise = ps.exercise;
        ld.describe = ps.describe;
        ld.build = ps.build;
        ld.writeLog = false; // nothing of a visitor is kept
        ld.closingSec = mDesc.closingSec;
        ld.mix = {float(defaults.voiceVolume), float(defaults.ambienceVolume), defaults.ambience, defaults.breathPacer};
        auto live = LiveSession::create(*mWindow, *mAudio, std::move(ld));
        if (!live) {
            log::error(live.error().id, "{}", live.error().message);
            mState.message = uiText(mState.lang, "home.cannot_start");
            mParts->prepared.reset();
            mParts->worker->resume();
            continue;
        }
        mLive = std::move(*live);
        mParts->playing = f.choice.exercise + "\t" + f.choice.variant;
        mWhere = Where::Session;
        log::info("kiosk.session", "'{}' ({}, {}) started", f.choice.exercise, f.choice.lang, f.choice.variant);
    }
}

void Kiosk::begin(const std::string& exercise, const std::string& variant) {
    if (!mState.preparing.empty() || mLive) return;
    SessionChoice c;
    c.exercise = exercise;
    c.lang = mState.lang;
    c.variant = variant;
    mState.preparing = exercise + ":" + variant;
    mState.message.clear();
    mParts->worker->prepare(std::move(c));
    mDirty = true;
}

void Kiosk::endSession(bool early) {
    const bool finished = mLive->sequencer().finished();
    const double minutes = toSeconds(mLive->sequencer().position()) / 60.0;
    mLive->stop();
    mLive.reset();
    mParts->prepared.reset();
    mParts->worker->resume();
    if (mDesc.config.anonymousCounts && !mParts->playing.empty()) {
        const fs::path file = mDesc.countsFile.empty() ? paths::stateHome() / "kiosk-counts.tsv" : mDesc.countsFile;
        auto counts = readKioskCounts(file);
        const auto tab = mParts->playing.find('\t');
        const std::string exercise = mParts->playing.substr(0, tab), length = mParts->playing.substr(tab + 1);
        auto it = std::find_if(counts.begin(), counts.end(), [&](const KioskCount& c) { return c.exercise == exercise && c.length == length; });
        if (it == counts.end()) it = counts.insert(counts.end(), KioskCount{exercise, length});
        ++it->sessions;
        if (early || !finished) ++it->endedEarly;
        it->minutes += minutes;
        if (auto st = writeKioskCounts(file, counts); !st) log::warn(st.error().id, "{}", st.error().message);
    }
    mParts->playing.clear();
    mWhere = Where::Choose;
    mDirty = true;
    mFadeInFrom = now();
    touched(); // idle counts from the end of the session
}

void Kiosk::reset() {
    ++mResets;
    if (mLive) endSession(true);
    if (mParts->prepared) {
        mParts->prepared.reset();
        mParts->worker->resume();
    }
    mState.preparing.clear();
    mPin.clear();
    mState.pinDigits = 0;
    mState.pinMessage.clear();
    mWhere = Where::Attract;
    mFadeInFrom = now();
    if (mState.lang != mDesc.config.languages.front()) chooseLanguage(mDesc.config.languages.front());
    mState.message = mLoaded && mState.cards.empty() ? uiText(mState.lang, "home.no_exercises") : std::string();
    touched();
    mDirty = true;
    log::info("kiosk.reset", "no touch for {} s: back to the attract screen", mDesc.config.idleSeconds + mDesc.config.warningSeconds);
}

void Kiosk::openPin() {
    if (mDesc.config.pinHash.empty()) {
        log::info("kiosk.no_pin", "the PIN pad was asked for, but {} has no pin: kiosk mode is left from the service manager",
                  mDesc.config.file.string());
        return;
    }
    if (mWhere == Where::Pin) return;
    // A session playing waits, paused, and plays on if the pad is cancelled.
    mPinPaused = mLive && !mLive->sequencer().paused() && !mLive->closing();
    if (mLive) mLive->pause();
    mBeforePin = mWhere;
    mWhere = Where::Pin;
    mPin.clear();
    mState.pinDigits = 0;
    mState.pinMessage.clear();
    mDirty = true;
}

void Kiosk::pinKey(const std::string& id) {
    const double t = now();
    if (mPinLockedUntil > t && id != "pin-cancel") {
        mState.pinMessage = fillIn(uiText(mState.lang, "kiosk.pin.wait"), "seconds", std::to_string(int(std::ceil(mPinLockedUntil - t))));
        return;
    }
    if (startsWith(id, "digit:")) {
        if (mPin.size() < 12) mPin += id.substr(6);
        mState.pinMessage.clear();
    } else if (id == "erase") {
        if (!mPin.empty()) mPin.pop_back();
    } else if (id == "pin-cancel") {
        std::fill(mPin.begin(), mPin.end(), '\0');
        mPin.clear();
        mWhere = mLive ? Where::Session : mBeforePin == Where::Session ? Where::Choose : mBeforePin;
        if (mLive && mPinPaused) mLive->resume();
        mPinPaused = false;
    } else if (id == "pin-ok" && !mPin.empty()) {
        const bool right = kioskPinMatches(mDesc.config, mPin);
        std::fill(mPin.begin(), mPin.end(), '\0');
        mPin.clear();
        if (right) {
            log::info("kiosk.left", "kiosk mode left with the PIN");
            mDone = true;
        } else {
            ++mWrongPins;
            log::warn("kiosk.wrong_pin", "a wrong PIN ({} in a row)", mWrongPins);
            mState.pinMessage = uiText(mState.lang, "kiosk.pin.wrong");
            if (mWrongPins >= kPinTries) {
                mWrongPins = 0;
                mPinLockedUntil = t + kPinWaitSec;
                mState.pinMessage = fillIn(uiText(mState.lang, "kiosk.pin.wait"), "seconds", std::to_string(int(kPinWaitSec)));
            }
        }
    }
    mState.pinDigits = int(mPin.size());
}

void Kiosk::act(const std::string& id) {
    if (startsWith(id, "lang:")) chooseLanguage(id.substr(5));
    else if (mWhere == Where::Pin) pinKey(id);
    else if (id == "back") mWhere = Where::Attract;
    else if (startsWith(id, "begin:")) {
        const std::string rest = id.substr(6);
        const auto colon = rest.rfind(':');
        begin(rest.substr(0, colon), rest.substr(colon + 1));
    }
    mDirty = true;
}

void Kiosk::point(float x, float y) {
    const ui::Widget* w = mScreen.at(x, y);
    if (mWhere == Where::Attract && (!w || w->id == "figure")) {
        // A touch anywhere but a language begins.
        mWhere = Where::Choose;
        mDirty = true;
        return;
    }
    if (w) act(w->id);
}

bool Kiosk::inCorner(float x, float y) const {
    const float side = std::max(ui::screenMetrics(mWindow->width(), mWindow->height()).target * 1.5f,
                                0.08f * float(std::min(mWindow->width(), mWindow->height())));
    return x < side && y < side;
}

void Kiosk::handle(const SDL_Event& e) {
    // Kiosk mode is left with the PIN or by the service manager only.
    if (e.type == SDL_QUIT || (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_CLOSE)) return;
    if (e.type == SDL_KEYDOWN || e.type == SDL_KEYUP) {
        const SDL_Keycode k = e.key.keysym.sym;
        if (k == SDLK_ESCAPE || k == SDLK_F11 || k == SDLK_AC_BACK) return;
    }
    // Where a press is, in the target's pixels (a finger's from 0..1; the
    // mouse's from window points; SDL's mouse copy of a touch is not a second press).
    bool down = false, up = false, moved = false;
    float x = 0, y = 0;
    const float W = float(mWindow->width()), H = float(mWindow->height());
    int ww = 1, wh = 1;
    SDL_GetWindowSize(mWindow->sdl(), &ww, &wh);
    const float scale = W / float(std::max(1, ww));
    switch (e.type) {
    case SDL_FINGERDOWN:
    case SDL_FINGERUP:
    case SDL_FINGERMOTION:
        x = e.tfinger.x * W;
        y = e.tfinger.y * H;
        down = e.type == SDL_FINGERDOWN, up = e.type == SDL_FINGERUP, moved = e.type == SDL_FINGERMOTION;
        break;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
        if (e.button.which == SDL_TOUCH_MOUSEID || e.button.button != SDL_BUTTON_LEFT) return;
        x = float(e.button.x) * scale;
        y = float(e.button.y) * scale;
        down = e.type == SDL_MOUSEBUTTONDOWN, up = e.type == SDL_MOUSEBUTTONUP;
        break;
    case SDL_MOUSEMOTION:
        if (e.motion.which == SDL_TOUCH_MOUSEID) return;
        x = float(e.motion.x) * scale, y = float(e.motion.y) * scale, moved = (e.motion.state & SDL_BUTTON_LMASK) != 0;
        break;
    case SDL_KEYDOWN:
    case SDL_CONTROLLERBUTTONDOWN: touched(); break;
    default: break;
    }
    if (!down && !up && !moved) {
        if (mWhere == Where::Session && mLive) mLive->handle(e);
        return;
    }
    const bool warned = mWarningLeft >= 0;
    if (down) touched();
    if (moved && mCornerSince >= 0 && !inCorner(x, y)) mCornerSince = -1; // slid away: not a long press
    if (warned && down) return; // the touch that answers "are you still there?" does nothing else
    if (down && inCorner(x, y)) {
        // Held back until it lifts: a long press there is staff's, not a tap.
        mCornerPending = true;
        mCornerSince = now();
        mCornerSwallow = false;
        mCornerX = x, mCornerY = y;
        mCornerDown = e;
        return;
    }
    if (up && mCornerPending) {
        // A corner press is a tap like any other when it lifts, unless it opened the PIN pad.
        if (!mCornerSwallow) {
            if (mWhere == Where::Session && mLive) {
                mLive->handle(mCornerDown);
                mLive->handle(e);
            } else {
                point(mCornerX, mCornerY);
            }
        }
        mCornerPending = false;
        mCornerSince = -1;
        mCornerSwallow = false;
        return;
    }
    if (mWhere == Where::Session && mLive) {
        mLive->handle(e);
        return;
    }
    if (down) point(x, y);
}

void Kiosk::pollInput(int idleWaitMs) {
    SDL_Event e;
    // A still screen waits for a touch; the attract screen until its next
    // breath frame is due: an unattended kiosk idles, never spins.
    if (idleWaitMs > 0 && mLoaded && mWhere != Where::Session && !mDirty && workerIdle()) {
        int wait = idleWaitMs;
        if (mWhere == Where::Attract) wait = std::clamp(int(std::ceil((mDrawnAt + kAttractFrameSec - now()) * 1000.0)), 1, idleWaitMs);
        if (SDL_WaitEventTimeout(&e, wait)) handle(e);
    }
    while (SDL_PollEvent(&e)) handle(e);
}

void Kiosk::drawFigure() {
    // The figure standing, breathing slowly, the whole body in view.
    const ui::Widget* w = mScreen.find("figure");
    if (!w) return;
    const int fw = std::max(1, int(w->rect.w)), fh = std::max(1, int(w->rect.h));
    if (!mParts->figureTarget) mParts->figureTarget.emplace(RenderTargetDesc{fw, fh, 4});
    mParts->figureTarget->resize(fw, fh);
    BodyState state;
    state.pose = "standing";
    state.camera = "whole_body";
    state.breath = float(0.5 - 0.5 * std::cos(2.0 * M_PI * std::fmod(now(), kBreathSec) / kBreathSec));
    if (auto st = mParts->renderer->draw(*mParts->figureTarget, state); !st) {
        log::warn(st.error().id, "no figure on the attract screen: {}", st.error().message);
        return;
    }
    Painter::replace(mParts->figure, mParts->figureTarget->readPixels());
}

void Kiosk::relayout() {
    const int w = mWindow->width(), h = mWindow->height();
    const TextRenderer& fonts = mParts->painter->fonts();
    mState.figure = mParts->figure ? &mParts->figure : nullptr;
    switch (mWhere) {
    case Where::Attract: mScreen = ui::layoutAttract(mState, w, h, fonts); break;
    case Where::Choose:
    case Where::Session:
        if (!mLoaded) {
            // Touched in the moment the cards are still loading.
            ui::KioskState loading = mState;
            loading.message = uiText(mState.lang, "home.preparing");
            mScreen = ui::layoutKioskCards(loading, w, h, fonts);
        } else {
            mScreen = ui::layoutKioskCards(mState, w, h, fonts);
        }
        break;
    case Where::Pin: mScreen = ui::layoutPinPad(mState, w, h, fonts); break;
    }
    if (mWarningLeft >= 0) ui::addIdleWarning(mScreen, mState.lang, mWarningLeft, fonts);
    mDirty = false;
}

Status Kiosk::frame() {
    Status st = drawFrame();
    mNotify.frameShown();
    mShownFirst = true;
    return st;
}

Status Kiosk::drawFrame() {
    if (mShownFirst)
        if (auto st = loadRest(); !st) return st;
    collect();
    const double t = now();
    if (mCornerSince >= 0 && t - mCornerSince >= mDesc.cornerHoldSec) {
        mCornerSince = -1;
        mCornerSwallow = true;
        openPin();
    }
    // Idle counts on the cards, on the PIN pad, and in a paused session.
    const bool counting = mWhere == Where::Choose || mWhere == Where::Pin ||
                          (mWhere == Where::Session && mLive && mLive->sequencer().paused() && !mLive->closing());
    if (!counting) {
        if (mWarningLeft >= 0) mDirty = true;
        mWarningLeft = -1;
        if (mWhere == Where::Session) mLastTouch = t; // a playing session is someone there
    } else {
        const double idle = t - mLastTouch;
        const KioskConfig& c = mDesc.config;
        if (idle >= c.idleSeconds + c.warningSeconds) {
            reset();
        } else if (idle >= c.idleSeconds) {
            const int left = int(std::ceil(c.idleSeconds + c.warningSeconds - idle));
            if (left != mWarningLeft) mDirty = true;
            mWarningLeft = left;
        }
    }
    if (mWhere == Where::Session && mLive) {
        mLive->setNotice(mWarningLeft >= 0 ? uiText(mState.lang, "kiosk.still_there") + " " +
                                                 fillIn(uiText(mState.lang, "kiosk.warning"), "seconds", std::to_string(mWarningLeft))
                                           : std::string());
        if (auto st = mLive->frame(); !st) {
            log::error(st.error().id, "{}", st.error().message);
            endSession(true);
            return Ok{};
        }
        if (mLive->done()) endSession(mLive->stopRequested());
        return Ok{};
    }
    if (mAudio) mAudio->update();
    const int w = mWindow->width(), h = mWindow->height();
    if (w != mScreen.width || h != mScreen.height) mDirty = true;
    // The attract figure breathes; every other screen is drawn when it changes.
    const bool breathing = mWhere == Where::Attract && mWarningLeft < 0;
    // After a session or a reset the screen comes up slowly from the calm
    // dark the session ended in: no sudden change of light.
    const bool fading = mFadeInFrom >= 0 && t - mFadeInFrom < kFadeInSec + kAttractFrameSec;
    const double since = mDrawnAt < 0 ? 1e9 : t - mDrawnAt;
    if (!mDirty && !((breathing || fading) && since >= kAttractFrameSec) && since < 1.0) return Ok{};
    mDrawnAt = t;
    if (breathing || mDirty) relayout();
    if (breathing) {
        drawFigure();
        mState.figure = &mParts->figure;
        for (auto& widget : mScreen.widgets)
            if (widget.id == "figure") widget.picture = &mParts->figure;
    }
    mParts->target->resize(w, h);
    ui::drawScreen(*mParts->painter, *mParts->target, mScreen);
    if (fading) ui::drawVeil(*mParts->painter, *mParts->target, mScreen, 1.0f - float(std::clamp((t - mFadeInFrom) / kFadeInSec, 0.0, 1.0)));
    mParts->target->present(w, h);
    mWindow->swap();
    return Ok{};
}

} // namespace soma
