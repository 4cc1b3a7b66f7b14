#include "live/Shell.h"

#include "catalog/Catalog.h"
#include "core/Files.h"
#include "core/Log.h"
#include "core/Paths.h"
#include "live/CardPictures.h"
#include "live/HeadsetSession.h"
#include "live/HomeWorker.h"
#include "live/SessionLoad.h"
#include "model/RegionAtlas.h"
#include "platform/Window.h"
#include "render/GlInfo.h"
#include "render/Painter.h"
#include "render/Renderer.h"
#include "render/RenderTarget.h"
#include "ui/SettingsScreen.h"
#include "xr/Headset.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <optional>

namespace soma {
namespace {

bool startsWith(const std::string& s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

// The language the screens speak: the setting, or the system's when it
// says "system" or names a language without a catalogue.
std::string screenLanguage(const Settings& s) {
    const auto langs = uiCatalog().languages();
    const std::string want = s.language == "system" ? systemLanguage() : s.language;
    return std::find(langs.begin(), langs.end(), want) != langs.end() ? want : std::string("en");
}

} // namespace

struct Shell::Parts {
    PluginRegistry registry;
    std::unique_ptr<Renderer> renderer; // the card pictures
    std::unique_ptr<Painter> painter;
    std::optional<RenderTarget> target; // the screens
    std::unique_ptr<CardPictures> pictures;
    std::unique_ptr<HomeWorker> worker;
    std::unique_ptr<PreparedSession> prepared; // what the live session plays
    std::vector<ExerciseInfo> infos;           // the cards' exercises, in order
    AudioEngineDesc audio;                     // what the sound was opened with
    Picture checkFigure;                       // the check-in's figure, lit where the person tapped
    BodyState checkState;                      // what it shows
    std::filesystem::path checkIns;            // where check-ins are kept
};

Result<std::unique_ptr<Shell>> Shell::create(Window& window, ShellDesc desc) {
    std::unique_ptr<Shell> shell(new Shell());
    shell->mParts = std::make_unique<Parts>();
    Parts& p = *shell->mParts;
    shell->mWindow = &window;
    shell->mSettings = std::move(desc.settings);
    shell->mDesc = std::move(desc);
    const ShellDesc& d = shell->mDesc;
    const Settings& settings = shell->mSettings.settings;

    auto painter = Painter::create();
    if (!painter) return painter.error();
    p.painter = std::move(*painter);
    auto renderer = Renderer::create(RendererDesc::forQuality(chooseQuality(queryGlInfo())));
    if (!renderer) return renderer.error();
    p.renderer = std::move(*renderer);
    p.target.emplace(RenderTargetDesc{window.width(), window.height(), 0});

    p.audio = d.audio;
    p.audio.audio.hrtf = settings.headphones;
    auto audio = AudioEngine::create(p.audio);
    if (!audio) return audio.error();
    shell->mAudio = std::move(*audio);

    p.registry = d.pluginDirs.empty() ? PluginRegistry::loadDefault() : PluginRegistry::load(d.pluginDirs);
    const std::filesystem::path cache = d.cacheDir.empty() ? paths::cacheHome() : d.cacheDir;
    p.pictures = std::make_unique<CardPictures>(cache / "cards");
    ui::HomeState& home = shell->mHome;
    home.lang = screenLanguage(settings);
    home.languages = uiCatalog().languages();
    // A headset runtime's manifest is enough to offer it; the runtime itself
    // starts only when the person chooses it.
    home.headset = !xrRuntimeManifest().empty();
    // Each exercise's picture is made before the worker starts: until then
    // this thread is the only one calling the plugins.
    for (Exercise* e : p.registry.exercises()) {
        const ExerciseInfo& info = e->info();
        ui::HomeCard card;
        card.id = info.id;
        for (const auto& v : info.variants) card.variants.push_back(v.id);
        DescribeOptions o;
        o.lang = info.languages.empty() ? "en" : info.languages.front();
        o.variant = card.variants.empty() ? "short" : card.variants.front();
        if (auto rq = e->describe(o)) card.picture = p.pictures->get(info.id, cardState(*rq), *p.renderer);
        else log::warn(rq.error().id, "no picture for '{}': {}", info.id, rq.error().message);
        p.infos.push_back(info);
        home.cards.push_back(std::move(card));
    }
    home.exercise = home.cards.empty() ? std::string() : home.cards.front().id;
    for (const auto& c : home.cards)
        if (c.id == d.exercise) home.exercise = c.id;
    shell->mFocus = home.exercise.empty() ? "settings" : "card:" + home.exercise;
    shell->refreshCards();
    p.checkIns = d.checkIns.empty() ? checkInFile() : d.checkIns;
    p.checkState.pose = "standing"; // the whole body, upright: easiest to tap
    p.checkState.camera = "whole_body";
    p.worker = std::make_unique<HomeWorker>(p.registry, cache / "lengths.tsv");
    shell->measureLengths();
    if (d.therapist) shell->openTherapist();
    log::info("home.ready", "home screen: {} exercises, {} card pictures drawn, language {}", home.cards.size(), p.pictures->drawn(),
              home.lang);
    return shell;
}

Shell::~Shell() {
    mNotify.stopping(); // a service manager waits for the soft end, not a restart
    if (mLive) mLive->stop();
    mLive.reset();
    if (mParts) mParts->worker.reset(); // before the registry it uses
}

bool Shell::workerIdle() const { return mParts->worker->idle(); }
int Shell::picturesDrawn() const { return mParts->pictures->drawn(); }
Image Shell::screenshot() const { return mParts->target->readPixels(); }
Painter& Shell::painter() { return *mParts->painter; }

void Shell::refreshCards() {
    for (size_t i = 0; i < mHome.cards.size(); ++i) {
        mHome.cards[i].title = inLanguage(mParts->infos[i].title, mHome.lang);
        mHome.cards[i].summary = inLanguage(mParts->infos[i].summary, mHome.lang);
    }
    mDirty = true;
}

void Shell::measureLengths() {
    // The chosen exercise first: its lengths are the ones read first.
    std::vector<SessionChoice> choices;
    auto add = [&](const ui::HomeCard& c) {
        for (const auto& v : c.variants) {
            if (c.seconds.count(v)) continue;
            SessionChoice ch;
            ch.exercise = c.id;
            ch.lang = mHome.lang;
            ch.variant = v;
            ch.voiceRateWpm = mSettings.settings.voiceRateWpm;
            choices.push_back(std::move(ch));
        }
    };
    for (const auto& c : mHome.cards)
        if (c.id == mHome.exercise) add(c);
    for (const auto& c : mHome.cards)
        if (c.id != mHome.exercise) add(c);
    mParts->worker->measure(std::move(choices));
}

void Shell::collect() {
    for (auto& f : mParts->worker->take()) {
        if (!f.prepared) {
            if (f.seconds <= 0 || f.choice.lang != mHome.lang || f.choice.voiceRateWpm != mSettings.settings.voiceRateWpm) continue;
            for (auto& c : mHome.cards)
                if (c.id == f.choice.exercise) c.seconds[f.choice.variant] = f.seconds;
            mDirty = true;
            continue;
        }
        // Wanted only while the person still waits for this very session:
        // they may have gone back home since, or begun another.
        const bool wanted = mHome.preparing && !mLive && f.choice.exercise == mRecord.exercise && f.choice.lang == mRecord.lang &&
                            f.choice.variant == mRecord.variant;
        mDirty = true;
        if (!wanted || !*f.prepared) {
            if (wanted) {
                log::error(f.prepared->error().id, "{}", f.prepared->error().message);
                mHome.message = uiText(mHome.lang, "home.cannot_start");
                mHome.preparing = false;
                if (mWhere == Where::CheckIn) backFromSession();
            }
            // A session playing now keeps the worker held until it ends.
            if (!mLive) mParts->worker->resume();
            continue;
        }
        mHome.preparing = false;
        mParts->prepared = std::move(**f.prepared);
        // Its real length is known now, whatever the worker had measured.
        for (auto& c : mHome.cards)
            if (c.id == f.choice.exercise) c.seconds[f.choice.variant] = toSeconds(mParts->prepared->session.duration);
        beginWhenReady();
    }
}

void Shell::beginWhenReady() {
    // The session begins once it is prepared and the person has answered
    // (or skipped) the check-in before it.
    if (!mParts->prepared || (mWhere == Where::CheckIn && !mBeforeDone)) return;
    const Settings& s = mSettings.settings;
    auto giveUp = [&](const Error& e) {
        log::error(e.id, "{}", e.message);
        mHome.message = uiText(mHome.lang, "home.cannot_start");
        mParts->prepared.reset();
        mParts->worker->resume();
        backFromSession();
    };
    if (mParts->audio.audio.hrtf != s.headphones) {
        // Headphones or speakers changed since the sound was opened.
        mParts->audio.audio.hrtf = s.headphones;
        mAudio.reset();
        auto audio = AudioEngine::create(mParts->audio);
        if (!audio) return giveUp(audio.error());
        mAudio = std::move(*audio);
    }
    PreparedSession& ps = *mParts->prepared;
    LiveSessionDesc ld;
    ld.session = ps.session;
    ld.exercise = ps.exercise;
    ld.describe = ps.describe;
    ld.build = ps.build;
    ld.captions = s.captions;
    ld.captionScale = captionScale(s.captionSize);
    ld.highContrast = s.highContrast;
    ld.reducedMotion = s.reducedMotion;
    // A client's log holds their map: it is written where only this user
    // reads it, on a memory-backed folder where there is one, and moved
    // into their encrypted record when the session ends.
    ld.logDir = mClientId.empty() ? mDesc.logDir : clientLogDir();
    ld.closingSec = mDesc.sessionClosingSec;
    ld.mix = {float(s.voiceVolume), float(s.ambienceVolume), s.ambience, s.breathPacer};
    auto live = LiveSession::create(*mWindow, *mAudio, std::move(ld));
    if (!live) return giveUp(live.error());
    mLive = std::move(*live);
    mWhere = Where::Session;
    if (mHeadsetNext) openHeadset();
    log::info("home.session", "'{}' ({}, {}) started from the home screen", ps.describe.lang.empty() ? "" : mRecord.exercise,
              ps.describe.lang, ps.describe.variant);
}

void Shell::openHeadset() {
    auto headset = Headset::create();
    if (headset) {
        mHeadset = std::move(*headset);
        HeadsetSessionDesc hd;
        hd.reducedMotion = mSettings.settings.reducedMotion;
        auto in = HeadsetSession::create(*mLive, *mHeadset, hd);
        if (in) {
            mInHeadset = std::move(*in);
            log::info("home.headset", "the session plays in the headset ({})", mHeadset->runtimeName());
            return;
        }
        log::warn(in.error().id, "{}", in.error().message);
        mHeadset.reset();
    } else {
        log::warn(headset.error().id, "{}", headset.error().message);
    }
    // It goes on where the person is: on the screen, saying why.
    mLive->setNotice(uiText(mHome.lang, "home.headset_unreachable"));
}

void Shell::startSession() {
    if (mHome.exercise.empty()) return;
    SessionChoice c;
    c.exercise = mHome.exercise;
    c.lang = mHome.lang;
    c.variant = mHome.variant;
    startSession(std::move(c), {});
}

void Shell::startSession(SessionChoice c, std::string clientId) {
    if (mHome.preparing) return;
    mHome.preparing = true;
    mHome.message.clear();
    mClientId = std::move(clientId);
    c.voiceRateWpm = mSettings.settings.voiceRateWpm;
    mRecord = CheckIn{};
    mRecord.when = mDesc.clock ? mDesc.clock() : localTimeNow();
    mRecord.exercise = c.exercise;
    mRecord.lang = c.lang;
    mRecord.variant = c.variant;
    mParts->worker->prepare(std::move(c));
    // The question comes while the session is being prepared.
    if (mSettings.settings.checkIn) openCheckIn(false);
    mDirty = true;
}

void Shell::openCheckIn(bool after) {
    mCheck = ui::CheckInState{};
    mCheck.lang = mHome.lang;
    mCheck.after = after;
    mCheck.figure = &mParts->checkFigure;
    mParts->checkState.highlights.clear();
    mParts->checkFigure = Picture{}; // drawn at the size the layout gives it
    mBeforeDone = after;
    mWhere = Where::CheckIn;
    mFocus = "level:0";
    mDirty = true;
}

void Shell::finishCheckIn(bool answered) {
    if (answered && mCheck.level) {
        const std::string region = mParts->checkState.highlights.empty() ? std::string() : mParts->checkState.highlights.front().region;
        (mCheck.after ? mRecord.after : mRecord.before) = mCheck.level;
        (mCheck.after ? mRecord.afterRegion : mRecord.beforeRegion) = region;
    }
    mDirty = true;
    if (mCheck.after) {
        keepCheckIn();
        backFromSession();
        return;
    }
    mBeforeDone = true;
    mCheck.waiting = true; // until the session is prepared
    beginWhenReady();
}

void Shell::backFromSession() {
    // A client's session ends where the therapist began it.
    if (!mClientId.empty() && mTherapist) {
        mWhere = Where::Therapist;
        mFocus = mTherapist->firstFocus();
    } else {
        mWhere = Where::Home;
        mFocus = "start";
    }
    mClientId.clear();
    mDirty = true;
}

void Shell::keepCheckIn() {
    if (!mClientId.empty() && mTherapist) {
        // A client's session and answers go into their encrypted record,
        // with the session's log; nothing of it stays in the plain folders.
        if (!mRecord.log.empty() && mRecord.answered())
            if (auto st = appendCheckInToLog(mRecord.log, mRecord); !st) log::warn(st.error().id, "{}", st.error().message);
        mTherapist->sessionEnded(mRecord);
        mRecord = CheckIn{};
        return;
    }
    if (!mRecord.answered()) return;
    if (auto st = appendCheckIn(mParts->checkIns, mRecord); !st) log::error(st.error().id, "{}", st.error().message);
    if (!mRecord.log.empty())
        if (auto st = appendCheckInToLog(mRecord.log, mRecord); !st) log::warn(st.error().id, "{}", st.error().message);
    log::info("home.check_in", "check-in kept: {} before, {} after", mRecord.before ? std::to_string(*mRecord.before) : "-",
              mRecord.after ? std::to_string(*mRecord.after) : "-");
    mRecord = CheckIn{};
}

void Shell::renderCheckFigure(int width, int height) {
    RenderTarget target({width, height, 4});
    if (auto st = mParts->renderer->draw(target, mParts->checkState); !st) {
        log::warn(st.error().id, "no figure to tap: {}", st.error().message);
        return;
    }
    mParts->checkFigure = Painter::upload(target.readPixels());
}

void Shell::pickOnFigure(float x, float y) {
    const ui::Widget* fig = mScreen.find("figure");
    const Picture& pic = mParts->checkFigure;
    if (!fig || !pic) return;
    // The picture was drawn at the widget's size: its pixels are the widget's.
    auto view = mParts->renderer->viewFor(mParts->checkState, pic.width, pic.height);
    if (!view) return;
    const auto hit = mParts->renderer->pickRegion(mParts->checkState, *view, (x - fig->rect.x) * float(pic.width) / fig->rect.w,
                                                  (y - fig->rect.y) * float(pic.height) / fig->rect.h);
    if (!hit) return;
    const Region& r = regions()[size_t(*hit)];
    mParts->checkState.highlights = {{r.id, 1.0f, {1.0f, 0.72f, 0.45f}}};
    mCheck.regionName = mCheck.lang == "nl" ? r.nameNl : r.nameEn;
    mParts->checkFigure = Picture{}; // drawn again, lit there
    mDirty = true;
}

void Shell::openHistory() {
    mHistory = ui::HistoryState{};
    mHistory.lang = mHome.lang;
    auto all = readCheckIns(mParts->checkIns);
    if (!all) log::error(all.error().id, "{}", all.error().message);
    for (size_t i = 0; i < mHome.cards.size(); ++i) {
        ui::HistorySeries series;
        series.exercise = mHome.cards[i].id;
        series.title = mHome.cards[i].title;
        if (all)
            for (const CheckIn& c : *all) {
                if (c.exercise != series.exercise) continue;
                ui::HistoryPoint p;
                std::sscanf(c.when.c_str(), "%d-%d-%d", &p.year, &p.month, &p.day);
                p.before = c.before;
                p.after = c.after;
                series.points.push_back(p);
            }
        if (!series.points.empty()) mHistory.series.push_back(std::move(series));
    }
    mHistory.chosen = mHistory.series.empty() ? std::string() : mHistory.series.front().exercise;
    for (const auto& series : mHistory.series)
        if (series.exercise == mHome.exercise) mHistory.chosen = series.exercise;
    mWhere = Where::History;
    mFocus = mHistory.series.empty() ? "back" : "series:" + mHistory.chosen;
    mDirty = true;
}

std::filesystem::path Shell::clientLogDir() const {
    const auto dir = paths::runtimeDir() / "client-session";
    if (auto st = makePrivateFolder(dir); !st) log::warn(st.error().id, "{}", st.error().message);
    return dir;
}

void Shell::openTherapist() {
    if (!mTherapist) {
        TherapistDesc td;
        td.practiceDir = mDesc.practiceDir;
        td.kdf = mDesc.practiceKdf;
        td.now = mDesc.clock;
        td.exportDir = mDesc.exportDir;
        // The exercises made for a client's map. (By id for now: a
        // plugin cannot yet say that it takes a map.)
        for (const auto& c : mHome.cards) td.exerciseTitles[c.id] = c.title;
        for (size_t i = 0; i < mHome.cards.size(); ++i)
            if (mHome.cards[i].id == "pendulation" || mHome.cards[i].id == "personal-scan")
                td.personalSessions.push_back({mHome.cards[i].id, mHome.cards[i].title});
        td.lang = mHome.lang;
        td.audio = [this] { return mAudio.get(); };
        mTherapist = std::make_unique<Therapist>(*mParts->renderer, std::move(td));
    }
    mWhere = Where::Therapist;
    mFocus = mTherapist->firstFocus();
    mDirty = true;
}

void Shell::endSession() {
    mInHeadset.reset(); // the headset lets go before the session it shows
    mHeadset.reset();
    mLive->stop();
    if (const EventLog* log = mLive->eventLog()) mRecord.log = log->path();
    mLive.reset();
    mParts->prepared.reset();
    mParts->worker->resume();
    mDirty = true;
    if (mSettings.settings.checkIn) {
        openCheckIn(true);
        return;
    }
    keepCheckIn();
    backFromSession();
}

void Shell::chooseLanguage(const std::string& lang) {
    if (lang != mSettings.settings.language) {
        // A language chosen on the home screen is the person's setting.
        Settings s = mSettings.settings;
        s.language = lang;
        if (auto st = saveSettings(mSettings, s); !st) log::error(st.error().id, "{}", st.error().message);
        mSettings.settings = s;
    }
    if (lang == mHome.lang) return;
    mHome.lang = lang;
    for (auto& c : mHome.cards) c.seconds.clear();
    refreshCards();
    measureLengths();
}

void Shell::leaveSettings() {
    const Settings before = mSettings.settings;
    if (mEditing != before) {
        if (auto st = saveSettings(mSettings, mEditing); !st) {
            log::error(st.error().id, "{}", st.error().message);
        } else {
            // The person's file is new now: what was wrong with it is gone.
            std::erase_if(mSettings.problems, [&](const Diagnostic& d) { return d.where.file == mSettings.files.user.string(); });
        }
        mSettings.settings = mEditing;
    }
    const Settings& now = mSettings.settings;
    if (now.fullscreen != before.fullscreen) mWindow->setFullscreen(now.fullscreen);
    const std::string lang = screenLanguage(now);
    if (lang != mHome.lang || now.voiceRateWpm != before.voiceRateWpm) {
        mHome.lang = lang;
        for (auto& c : mHome.cards) c.seconds.clear();
        refreshCards();
        measureLengths();
    }
    mWhere = Where::Home;
    mFocus = "settings";
    mDirty = true;
}

void Shell::focusMoved() {
    if (mWhere != Where::Home || !startsWith(mFocus, "card:")) return;
    // The panel beside the cards follows the focus: looking is choosing.
    mHome.exercise = mFocus.substr(5);
    for (const auto& c : mHome.cards)
        if (c.id == mHome.exercise && !c.variants.empty() &&
            std::find(c.variants.begin(), c.variants.end(), mHome.variant) == c.variants.end())
            mHome.variant = c.variants.front();
    mHome.message.clear();
}

void Shell::activate(const std::string& id, bool byPoint) {
    if (startsWith(id, "card:")) {
        const std::string ex = id.substr(5);
        if (!byPoint && ex == mHome.exercise) mFocus = "length:" + mHome.variant; // Enter again: on to its length
        else {
            mFocus = id;
            focusMoved();
        }
    } else if (startsWith(id, "length:")) {
        mHome.variant = id.substr(7);
        if (!byPoint) mFocus = "start";
    } else if (id == "start" || id == "start-headset") {
        mHeadsetNext = id == "start-headset";
        startSession();
    } else if (startsWith(id, "lang:")) {
        chooseLanguage(id.substr(5));
    } else if (id == "settings") {
        mEditing = mSettings.settings;
        mWhere = Where::Settings;
        mFocus = "setting:" + settingKeys().front();
    } else if (startsWith(id, "setting:")) {
        (void)stepSetting(mEditing, id.substr(8), +1);
    } else if (startsWith(id, "less:") || startsWith(id, "more:")) {
        (void)stepSetting(mEditing, id.substr(5), startsWith(id, "more:") ? +1 : -1);
    } else if (id == "done") {
        leaveSettings();
    } else if (startsWith(id, "level:")) {
        mCheck.level = std::atoi(id.c_str() + 6);
        if (!byPoint) mFocus = "continue";
    } else if (id == "skip") {
        finishCheckIn(false);
    } else if (id == "continue") {
        if (!mCheck.waiting) finishCheckIn(true);
    } else if (id == "history") {
        openHistory();
    } else if (id == "therapist") {
        openTherapist();
    } else if (startsWith(id, "series:")) {
        mHistory.chosen = id.substr(7);
    } else if (id == "back") {
        mWhere = Where::Home;
        mFocus = "history";
    }
    mDirty = true;
}

void Shell::act(const ui::Input& in) {
    using ui::Action;
    if (mWhere == Where::Therapist && in.action != Action::Fullscreen) {
        if (in.action == Action::Quit) mQuit = true;
        if (!mTherapist->act(in, mScreen, mFocus)) {
            // Out of therapist mode, locked; the language may be another next time.
            mTherapist.reset();
            mWhere = Where::Home;
            mFocus = "therapist";
        } else if (auto rq = mTherapist->takeSessionRequest()) {
            startSession(std::move(rq->choice), rq->clientId);
            // Without a check-in the session is being prepared: say so where the therapist is.
        }
        mDirty = true;
        return;
    }
    switch (in.action) {
    case Action::Text:
    case Action::Drag:
    case Action::Zoom:
    case Action::Release: return; // nothing to type or turn here
    case Action::Erase: return act(ui::Input{Action::Back});
    case Action::Quit: mQuit = true; return;
    case Action::Fullscreen: mWindow->setFullscreen(!mWindow->fullscreen()); return;
    case Action::Point:
        if (const ui::Widget* w = mScreen.at(in.x, in.y)) {
            if (w->id == "figure") return pickOnFigure(in.x, in.y);
            const std::string id = w->id; // the screen changes under it
            if (w->focusable) mFocus = id;
            activate(id, true);
        }
        return;
    case Action::Activate: activate(mFocus, false); return;
    case Action::Back:
        if (mWhere == Where::Settings) leaveSettings();
        else if (mWhere == Where::History) activate("back", false);
        else if (mWhere == Where::CheckIn && mCheck.after) finishCheckIn(false);
        else if (mWhere == Where::CheckIn) {
            // Not now, after all: back home, and the session prepared (or
            // still being prepared) is not played.
            if (mParts->prepared) {
                mParts->prepared.reset();
                mParts->worker->resume();
            }
            mHome.preparing = false;
            mRecord = CheckIn{};
            backFromSession();
        } else if (mFocus != "card:" + mHome.exercise && !mHome.exercise.empty()) mFocus = "card:" + mHome.exercise;
        else mQuit = true;
        mDirty = true;
        return;
    case Action::Up:
    case Action::Down:
    case Action::Left:
    case Action::Right: break;
    }
    const bool vertical = in.action == Action::Up || in.action == Action::Down;
    if (mWhere == Where::Settings) {
        if (!vertical) {
            // Left and right change the value of the row in focus.
            if (startsWith(mFocus, "setting:")) (void)stepSetting(mEditing, mFocus.substr(8), in.action == Action::Right ? +1 : -1);
        } else {
            // Up and down read the rows in order, through both columns.
            std::vector<std::string> order;
            for (const auto& w : mScreen.widgets)
                if (w.focusable && w.id != "done") order.push_back(w.id);
            order.insert(order.begin(), "done");
            auto it = std::find(order.begin(), order.end(), mFocus);
            const long at = it == order.end() ? 0 : long(it - order.begin());
            const long next = std::clamp(at + (in.action == Action::Down ? 1L : -1L), 0L, long(order.size()) - 1);
            mFocus = order[size_t(next)];
        }
        mDirty = true;
        return;
    }
    const ui::Move move = in.action == Action::Up ? ui::Move::Up : in.action == Action::Down ? ui::Move::Down
                          : in.action == Action::Left ? ui::Move::Left : ui::Move::Right;
    mFocus = ui::moveFocus(mScreen, mFocus, move);
    focusMoved();
    mDirty = true;
}

void Shell::handle(const SDL_Event& e) {
    if (mWhere == Where::Session) {
        // Closing the window closes the program, session and all; every
        // other way out of a session comes back home.
        if (e.type == SDL_QUIT) mQuit = true;
        else mLive->handle(e);
        return;
    }
    int ww = 1, wh = 1;
    SDL_GetWindowSize(mWindow->sdl(), &ww, &wh);
    const float scale = float(mWindow->width()) / float(std::max(1, ww));
    if (auto in = mInput.read(e, mWindow->width(), mWindow->height(), scale)) act(*in);
}

void Shell::pollInput(int idleWaitMs) {
    SDL_Event e;
    if (idleWaitMs > 0 && mWhere != Where::Session && !mDirty && !mHome.preparing && workerIdle()) {
        if (SDL_WaitEventTimeout(&e, idleWaitMs)) handle(e);
    }
    while (SDL_PollEvent(&e)) handle(e);
}

void Shell::relayout() {
    const int w = mWindow->width(), h = mWindow->height();
    const TextRenderer& fonts = mParts->painter->fonts();
    if (mWhere == Where::Settings) {
        std::string problem;
        if (!mSettings.problems.empty()) {
            const Diagnostic& d = mSettings.problems.front();
            problem = fillIn(uiText(screenLanguage(mEditing), "settings.problem"), "where", fmt::format("{}:{}", d.where.file, d.where.line));
        }
        mScreen = ui::layoutSettings(mEditing, screenLanguage(mEditing), problem, w, h, fonts);
        mScreen.highContrast = mEditing.highContrast;
    } else if (mWhere == Where::CheckIn) {
        mScreen = ui::layoutCheckIn(mCheck, w, h, fonts);
        // The figure is drawn at the size its place on the screen has.
        if (const ui::Widget* fig = mScreen.find("figure");
            fig && (!mParts->checkFigure || mParts->checkFigure.width != int(fig->rect.w) || mParts->checkFigure.height != int(fig->rect.h)))
            renderCheckFigure(int(fig->rect.w), int(fig->rect.h));
        mScreen.highContrast = mSettings.settings.highContrast;
    } else if (mWhere == Where::History) {
        mScreen = ui::layoutHistory(mHistory, w, h, fonts);
        mScreen.highContrast = mSettings.settings.highContrast;
    } else if (mWhere == Where::Therapist) {
        mScreen = mTherapist->layout(w, h, fonts, mFocus);
        mScreen.highContrast = mSettings.settings.highContrast;
    } else {
        mScreen = ui::layoutHome(mHome, w, h, fonts);
        mScreen.highContrast = mSettings.settings.highContrast;
    }
    if (!mScreen.find(mFocus)) mFocus = ui::moveFocus(mScreen, "", ui::Move::Down);
    mScreen.focus = mFocus;
    mDirty = false;
}

Status Shell::frame() {
    Status st = drawFrame();
    // Shown, or still and shown before: the loop is alive (the watchdog),
    // and the first time, Soma is ready.
    mNotify.frameShown();
    return st;
}

Status Shell::drawFrame() {
    collect();
    if (mWhere == Where::Session) {
        // In the headset its loop runs the session's frame too (the window mirrors it).
        if (auto st = mInHeadset ? mInHeadset->step() : mLive->frame(); !st) {
            log::error(st.error().id, "{}", st.error().message);
            endSession();
            return Ok{};
        }
        if (mInHeadset ? mInHeadset->done() : mLive->done()) endSession();
        return Ok{};
    }
    mAudio->update();
    const int w = mWindow->width(), h = mWindow->height();
    if (w != mScreen.width || h != mScreen.height || mFocus != mScreen.focus) mDirty = true;
    // A still screen is not drawn again, only refreshed now and then for a
    // window system that lost it: an unattended kiosk idles.
    // A take-home export moves its bar on its own.
    if (mWhere == Where::Therapist && mTherapist && mTherapist->takeMoved()) mDirty = true;
    // So does the recording screen's meter, and a take once it is saved.
    if (mWhere == Where::Therapist && mTherapist && mTherapist->update()) mDirty = true;
    const std::uint64_t now = SDL_GetTicks64();
    if (!mDirty && mDrawnAtMs > 0 && now - mDrawnAtMs < 1000) return Ok{};
    mDrawnAtMs = std::max<std::uint64_t>(1, now);
    ++mScreensDrawn;
    if (mDirty) relayout();
    mParts->target->resize(w, h);
    ui::drawScreen(*mParts->painter, *mParts->target, mScreen);
    mParts->target->present(w, h);
    mWindow->swap();
    return Ok{};
}

} // namespace soma
