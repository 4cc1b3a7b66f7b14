#include "live/Therapist.h"

#include "catalog/Catalog.h"
#include "core/Files.h"
#include "core/Log.h"
#include "core/Paths.h"
#include "core/Process.h"
#include "core/Text.h"
#include "live/CheckIns.h"
#include "model/TensionColour.h"
#include "plugin/script/TensionMapFile.h"
#include "render/Camera.h"
#include "render/RenderTarget.h"
#include "report/Report.h"
#include "ui/HistoryScreen.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

namespace soma {
namespace {

bool startsWith(const std::string& s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

const std::vector<std::string>& markPoses() {
    static const std::vector<std::string> poses{"standing", "seated", "supine"};
    return poses;
}

// "7 dec 2026, 10:15" from "2026-12-07T10:15:00", the months as the
// catalogue spells them.
std::string dateText(const std::string& lang, const std::string& when, bool withTime = true) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0;
    if (std::sscanf(when.c_str(), "%d-%d-%dT%d:%d", &y, &mo, &d, &h, &mi) < 3) return when;
    std::istringstream in(uiText(lang, "history.months"));
    std::vector<std::string> months;
    for (std::string m; in >> m;) months.push_back(m);
    const std::string month = mo >= 1 && mo <= int(months.size()) ? months[size_t(mo - 1)] : std::to_string(mo);
    char time[16];
    std::snprintf(time, sizeof time, ", %02d:%02d", h, mi);
    return std::to_string(d) + " " + month + " " + std::to_string(y) + (withTime ? time : "");
}

std::string regionName(const std::string& id, const std::string& lang) {
    const auto i = regionIndex(id);
    if (!i) return id;
    const Region& r = regions()[size_t(*i)];
    std::string name = lang == "nl" ? r.nameNl : r.nameEn;
    if (!name.empty() && name[0] >= 'a' && name[0] <= 'z') name[0] = char(name[0] - 'a' + 'A');
    return name;
}

void eraseLastCharacter(std::string& s) {
    while (!s.empty()) {
        const unsigned char c = static_cast<unsigned char>(s.back());
        s.pop_back();
        if ((c & 0xC0) != 0x80) break; // the first byte of a UTF-8 character
    }
}

bool isField(const std::string& id) { return id == "passphrase" || id == "repeat" || id == "current" || id == "name" || id == "note"; }

} // namespace

// A take-home export running: the child's progress lines, read on its
// own thread, and how it ended.
struct Therapist::Take {
    std::thread thread;
    std::atomic<int> hundredths{0};
    std::atomic<bool> done{false};
    std::mutex mutex;
    std::string problem; // empty: it went well
    std::filesystem::path out, mapFile;
};

Therapist::Therapist(Renderer& renderer, TherapistDesc desc) : mRenderer(renderer), mDesc(std::move(desc)) {
    if (mDesc.practiceDir.empty()) mDesc.practiceDir = Practice::defaultFolder();
    mState.pose = "standing";
    mState.camera = "whole_body";
}

Therapist::~Therapist() {
    // An export still running goes on by itself (leaving therapist mode
    // must not wait minutes for a video); its thread holds what it needs.
    if (mTake && mTake->thread.joinable()) mTake->thread.detach();
    forgetTyped();
}

bool Therapist::busy() const { return mTake != nullptr; } // until its end is collected and said
bool Therapist::takeMoved() const { return mTake && (mTake->done || mTake->hundredths != mShownHundredths); }
std::filesystem::path Therapist::takenTo() const { return mTakenTo; }

void Therapist::startTake() {
    if (!mRecord || mRecord->maps.empty() || busy() || mTakeExercise.empty()) return;
    const std::string& lang = mDesc.lang;
    const auto dir = mDesc.exportDir.empty() ? paths::documentsDir() : mDesc.exportDir;
    const std::string base = fileNamePart(mRecord->name) + "-" + mRecord->maps.back().when.substr(0, 10) + "-" + mTakeExercise + "-" + mTakeVariant;
    std::filesystem::path out = dir / base;
    std::error_code ec;
    for (int n = 2; std::filesystem::exists(out, ec); ++n) out = dir / (base + "-" + std::to_string(n));
    // The map goes to the child as a file, in the same private folder a
    // client's session log uses, and is removed when the child is done.
    const std::filesystem::path privateDir = paths::runtimeDir() / "client-session";
    if (auto st = makePrivateFolder(privateDir); !st) log::warn(st.error().id, "{}", st.error().message);
    auto take = std::make_shared<Take>();
    take->out = out;
    take->mapFile = privateDir / ("map-" + std::to_string(::getpid()) + ".toml");
    if (auto st = writeTensionMap(mRecord->maps.back().map, take->mapFile); !st) {
        log::error(st.error().id, "{}", st.error().message);
        mMessage = uiText(lang, "unlock.problem");
        return;
    }
    ProcessDesc p;
    p.program = mDesc.soma.empty() ? paths::executableDir() / "soma" : mDesc.soma;
    p.args = {"export", mTakeExercise, "--lang", lang, "--variant", mTakeVariant, "--tension", take->mapFile.string(), "--out", out.string(),
              "--for-home", mTakeForm, "--progress"};
    p.stderrTo = ProcessDesc::Output::Capture;
    Take* t = take.get();
    p.onLine = [t](std::string_view line) { // runs on the thread, which holds `take`
        if (line.rfind("progress: ", 0) == 0) t->hundredths = int(std::atof(std::string(line.substr(10)).c_str()) * 100.0 + 0.5);
    };
    take->thread = std::thread([take, t, p] {
        auto run = runProcess(p);
        std::error_code ec;
        std::filesystem::remove(t->mapFile, ec);
        std::lock_guard lock(t->mutex);
        if (!run) t->problem = run.error().message;
        else if (run->end != ProcessOutcome::End::Exited || run->exitCode != 0)
            t->problem = fmt::format("soma export ended with {}: {}", run->exitCode, run->output.substr(run->output.size() > 600 ? run->output.size() - 600 : 0));
        t->done = true;
    });
    mTake = std::move(take);
    mMessage.clear();
    (void)mPractice->noteAccess(mRecord->id, "exported " + mTakeExercise + " for home");
}

void Therapist::collectTake() {
    if (!mTake || !mTake->done) return;
    if (mTake->thread.joinable()) mTake->thread.join();
    std::string problem;
    {
        std::lock_guard lock(mTake->mutex);
        problem = mTake->problem;
    }
    if (problem.empty()) {
        mTakenTo = mTake->out;
        mMessage = fillIn(uiText(mDesc.lang, "take.done"), "path", mTake->out.string());
    } else {
        log::error("therapist.take", "the session for home could not be made in {}: {}", mTake->out.string(), problem);
        mMessage = uiText(mDesc.lang, "take.failed");
    }
    mTake.reset();
}

std::string Therapist::firstFocus() const {
    switch (mPage) {
    case Page::Unlock: return "passphrase";
    case Page::Clients: return mClients.empty() ? "name" : "client:" + (mChosen.empty() ? mClients.front().id : mChosen);
    case Page::Mark: return "pose:" + mState.pose;
    case Page::Compare: return "right:prev";
    case Page::Take: return "take:go";
    case Page::CheckIns: return "series:" + mHistoryChosen;
    case Page::Passphrase: return "current";
    case Page::Record: return "rec:record";
    }
    return {};
}

std::string& Therapist::field(const std::string& id) {
    if (id == "current") return mCurrent;
    if (id == "passphrase") return mPass;
    if (id == "repeat") return mRepeat;
    if (id == "name") return mNewName;
    return mNote;
}

void Therapist::type(const std::string& id, const std::string& text, bool erase) {
    std::string& f = field(id);
    if (erase) eraseLastCharacter(f);
    else if (f.size() + text.size() <= 200) f += text; // a name, a note, a passphrase: never a book
    if (id == "note" && !mRegion.empty()) {
        for (auto& r : mMap.ratings)
            if (r.region == mRegion && r.note != mNote) {
                r.note = mNote;
                mChanged = true;
            }
    }
    mMessage.clear();
    mLeaveAsked = false;
}

void Therapist::unlock(std::string& focus) {
    const bool create = !Practice::exists(mDesc.practiceDir);
    if (create && mPass != mRepeat) {
        mMessage = uiText(mDesc.lang, "unlock.mismatch");
        forgetTyped();
        focus = "passphrase";
        return;
    }
    if (create && countCodePoints(mPass) < 8) {
        mMessage = uiText(mDesc.lang, "unlock.too_short");
        focus = "passphrase";
        return;
    }
    auto practice = create ? Practice::create(mDesc.practiceDir, mPass, mDesc.kdf) : Practice::open(mDesc.practiceDir, mPass);
    forgetTyped();
    if (!practice) {
        mMessage = uiText(mDesc.lang, practice.error().id == "records.passphrase" ? "unlock.wrong" : "unlock.problem");
        focus = "passphrase";
        return;
    }
    mPractice.emplace(std::move(*practice));
    mMessage.clear();
    mPage = Page::Clients;
    refreshClients();
    focus = firstFocus();
}

void Therapist::forgetTyped() {
    for (std::string* p : {&mPass, &mRepeat, &mCurrent}) {
        wipe(*p);
        p->clear();
    }
}

void Therapist::changePassphrase(std::string& focus) {
    const std::string& lang = mDesc.lang;
    if (mPass != mRepeat) {
        forgetTyped();
        mMessage = uiText(lang, "unlock.mismatch");
        focus = "current";
        return;
    }
    if (countCodePoints(mPass) < 8) {
        mMessage = uiText(lang, "unlock.too_short");
        focus = "passphrase";
        return;
    }
    const Status st = mPractice->changePassphrase(mCurrent, mPass, mDesc.kdf);
    forgetTyped();
    if (!st) {
        mMessage = uiText(lang, st.error().id == "records.passphrase" ? "unlock.wrong_current" : "unlock.problem");
        focus = "current";
        return;
    }
    mMessage = uiText(lang, "unlock.changed");
    mPage = Page::Clients;
    focus = "change_passphrase";
}

void Therapist::refreshClients() {
    auto list = mPractice->clients();
    mClients.clear();
    if (!list) {
        mMessage = uiText(mDesc.lang, "unlock.problem");
        return;
    }
    mClients = std::move(*list);
    std::sort(mClients.begin(), mClients.end(), [](const ClientEntry& a, const ClientEntry& b) { return a.name < b.name; });
}

void Therapist::chooseClient(std::string id) {
    mChosen = id;
    mRecord.reset();
    auto record = mPractice->load(id);
    if (!record) {
        return;
    }
    mRecord = std::move(*record);
    // The list says what the record says, now that it is open.
    for (auto& c : mClients)
        if (c.id == id) c.name = mRecord->name;
}

void Therapist::openMap(int index) {
    mMapIndex = index;
    if (index >= 0 && mRecord && size_t(index) < mRecord->maps.size()) {
        mMap = mRecord->maps[size_t(index)].map;
        mMapWhen = mRecord->maps[size_t(index)].when;
    } else {
        mMapIndex = -1;
        mMap = TensionMap{};
        mMapWhen = mDesc.now ? mDesc.now() : localTimeNow();
    }
    mRegion.clear();
    mNote.clear();
    mChanged = mLeaveAsked = false;
    mMessage.clear();
    mYawDeg = mPitchDeg = 0;
    mZoom = 1;
    mView = "front";
    mLayer = "skin"; // each map begins on the skin, the layer most marks are on
    mState.skinOpacity = 1.0f;
    mPage = Page::Mark;
    lightFigure();
}

void Therapist::saveMap(std::string& focus) {
    if (!mRecord) return;
    DatedMap dated{mMapWhen, mMap};
    if (mMapIndex >= 0 && size_t(mMapIndex) < mRecord->maps.size()) mRecord->maps[size_t(mMapIndex)] = dated;
    else {
        mRecord->maps.push_back(dated);
        mMapIndex = int(mRecord->maps.size()) - 1;
    }
    if (auto st = mPractice->save(*mRecord); !st) {

        return;
    }
    log::info("therapist.saved", "tension map saved: {} regions", mMap.ratings.size());
    mChanged = mLeaveAsked = false;
    mPage = Page::Clients;
    mMessage = uiText(mDesc.lang, "mark.saved");
    focus = "map:0";
}

namespace {

// The state's camera turned about the figure, as one view of w x h.
std::optional<View> orbitView(Renderer& renderer, const BodyState& state, float yawDeg, float pitchDeg, float zoom, int width, int height) {
    auto figure = renderer.figure(state);
    if (!figure) return std::nullopt;
    const CameraPose base = cameraFor(**figure, state, float(width) / float(std::max(1, height)));
    return makeView(orbitCamera(base, yawDeg, pitchDeg, zoom), 0, 0, width, height);
}

// The state drawn through the view; an empty image (said once) when it cannot be.
Image drawState(Renderer& renderer, const BodyState& state, const std::optional<View>& view, int width, int height) {
    if (!view) return {};
    RenderTarget target({width, height, 4});
    if (auto st = renderer.draw(target, state, {*view}); !st) {
        log::warn(st.error().id, "no figure to show: {}", st.error().message);
        return {};
    }
    return target.readPixels();
}

// The figure as `state` holds it, skin whole, lit only by `highlights`,
// seen from the front or from behind at rest (a heat map, the recording
// screen's chosen moment).
Image litFigure(Renderer& renderer, BodyState state, std::vector<RegionHighlight> highlights, bool behind, int width, int height) {
    state.highlights = std::move(highlights);
    state.skinOpacity = 1.0f;
    return drawState(renderer, state, orbitView(renderer, state, behind ? 180.0f : 0.0f, 0.0f, 1.0f, width, height), width, height);
}

} // namespace

std::optional<View> Therapist::figureView(int width, int height) {
    return orbitView(mRenderer, mState, mYawDeg + (mView == "back" ? 180.0f : 0.0f), mPitchDeg, mZoom, width, height);
}

namespace {

// Every rating in its colour, brighter as it is higher.
std::vector<RegionHighlight> heatHighlights(const TensionMap& map) {
    std::vector<RegionHighlight> out;
    for (const auto& r : map.ratings) out.push_back({r.region, 0.75f + 0.025f * float(r.rating), tensionColour(r.rating)});
    return out;
}

} // namespace

void Therapist::lightFigure() {
    // The region just tapped and not yet rated glows softly white, so the
    // tap is seen.
    mState.highlights = heatHighlights(mMap);
    if (!mRegion.empty() && std::none_of(mMap.ratings.begin(), mMap.ratings.end(), [&](const auto& r) { return r.region == mRegion; }))
        mState.highlights.push_back({mRegion, 0.7f, {0.92f, 0.92f, 0.96f}});
    mFigureStale = true;
}

void Therapist::drawFigure(int width, int height) {
    const Image image = drawState(mRenderer, mState, figureView(width, height), width, height);
    if (image.width == 0) return;
    mFigure = Painter::upload(image);
    mFigureStale = false;
}

std::optional<int> Therapist::hitAt(float x, float y, const ui::Screen& shown) {
    const ui::Widget* fig = shown.find("figure");
    if (!fig || !mFigure || !fig->rect.contains(x, y)) return std::nullopt;
    auto view = figureView(mFigure.width, mFigure.height);
    if (!view) return std::nullopt;
    // The picture was drawn at the widget's size: its pixels are the widget's.
    return mRenderer.pickRegion(mState, *view, (x - fig->rect.x) * float(mFigure.width) / fig->rect.w,
                                (y - fig->rect.y) * float(mFigure.height) / fig->rect.h,
                                mLayer == "inner" ? Layer::Internal : Layer::Surface);
}

std::optional<std::string> Therapist::regionAt(float x, float y, const ui::Screen& shown) {
    const auto hit = hitAt(x, y, shown);
    if (!hit) return std::nullopt;
    return regions()[size_t(*hit)].id;
}

Image Therapist::heatImage(const TensionMap& map, const std::string& pose, bool behind, int width, int height) {
    BodyState state = mState;
    state.pose = pose;
    return litFigure(mRenderer, std::move(state), heatHighlights(map), behind, width, height);
}

Picture Therapist::drawHeatMap(const TensionMap& map, int width, int height) {
    const Image image = heatImage(map, mState.pose, mView == "back", width, height);
    return image.width > 0 ? Painter::upload(image) : Picture{};
}

void Therapist::writeReports() {
    if (!mRecord || mRecord->maps.empty()) return;
    const std::string& lang = mDesc.lang;
    const auto dir = mDesc.exportDir.empty() ? paths::documentsDir() : mDesc.exportDir;
    ReportDesc d;
    d.lang = lang;
    d.client = &*mRecord;
    d.exerciseTitles = mDesc.exerciseTitles;
    d.generated = mDesc.now ? mDesc.now() : localTimeNow();
    // The latest map upright, from the front and from behind: every region
    // of the skin shows in one of the two.
    for (const bool behind : {false, true}) {
        Image image = heatImage(mRecord->maps.back().map, "standing", behind, 600, 900);
        (behind ? d.back : d.front) = ReportPicture{image.width, image.height, std::move(image.rgba)};
    }
    // A file name a person recognises, without what a file system refuses.
    const std::string base = fileNamePart(mRecord->name) + "-" + mRecord->maps.back().when.substr(0, 10);
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    const auto map = dir / (base + "-" + uiText(lang, "report.file_map") + ".pdf");
    Status st = writeReportPdf(d, map);
    if (st) st = writeReportPng(d, std::filesystem::path(map).replace_extension(".png"));
    if (st && mRecord->maps.size() >= 2) {
        d.scope = ReportScope::Client;
        const auto progress = dir / (base + "-" + uiText(lang, "report.file_progress") + ".pdf");
        st = writeReportPdf(d, progress);
        if (st) st = writeReportPng(d, std::filesystem::path(progress).replace_extension(".png"));
    }
    if (!st) {
        log::error(st.error().id, "{}", st.error().message);
        mMessage = uiText(lang, "unlock.problem");
        return;
    }
    (void)mPractice->noteAccess(mRecord->id, "report");
    mMessage = fillIn(uiText(lang, "clients.report_saved"), "path", map.string());
}

void Therapist::openCompare() {
    if (!mRecord || mRecord->maps.size() < 2) return;
    mRight = int(mRecord->maps.size()) - 1;
    mLeft = mRight - 1;
    mView = "front";
    mState.pose = "standing";
    // The chart starts with the region rated highest in the latest map.
    mChartRegion.clear();
    int highest = -1;
    for (const auto& r : mRecord->maps.back().map.ratings)
        if (r.rating > highest) {
            highest = r.rating;
            mChartRegion = r.region;
        }
    mCompareStale = true;
    mMessage.clear();
    mPage = Page::Compare;
}

ui::CompareState Therapist::compareState() {
    const std::string& lang = mDesc.lang;
    ui::CompareState s;
    s.lang = lang;
    s.title = mRecord->name + " · " + uiText(lang, "compare.title");
    s.view = mView;
    const auto& maps = mRecord->maps;
    const int last = int(maps.size()) - 1;
    s.left = {dateText(lang, maps[size_t(mLeft)].when), &mLeftPicture, mLeft > 0, mLeft < mRight - 1};
    s.right = {dateText(lang, maps[size_t(mRight)].when), &mRightPicture, mRight > mLeft + 1, mRight < last};
    auto ratingIn = [](const TensionMap& m, const std::string& region) -> std::optional<int> {
        for (const auto& r : m.ratings)
            if (r.region == region) return r.rating;
        return std::nullopt;
    };
    // Every region either map rates, the biggest change first.
    std::vector<std::string> ids;
    for (const int i : {mLeft, mRight})
        for (const auto& r : maps[size_t(i)].map.ratings)
            if (std::find(ids.begin(), ids.end(), r.region) == ids.end()) ids.push_back(r.region);
    for (const auto& id : ids)
        s.changes.push_back({regionName(id, lang), ratingIn(maps[size_t(mLeft)].map, id), ratingIn(maps[size_t(mRight)].map, id)});
    std::stable_sort(s.changes.begin(), s.changes.end(), [](const ui::CompareChange& a, const ui::CompareChange& b) {
        return std::abs(a.after.value_or(0) - a.before.value_or(0)) > std::abs(b.after.value_or(0) - b.before.value_or(0));
    });
    // The chart's choices: every region ever rated, highest latest rating first.
    std::vector<std::pair<int, std::string>> ranked;
    for (const auto& d : maps)
        for (const auto& r : d.map.ratings)
            if (std::none_of(ranked.begin(), ranked.end(), [&](const auto& p) { return p.second == r.region; }))
                ranked.push_back({ratingIn(maps.back().map, r.region).value_or(-1), r.region});
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (const auto& [rating, id] : ranked) s.regions.push_back({id, regionName(id, lang)});
    s.region = mChartRegion;
    for (int i = 0; i <= last; ++i) {
        std::string label = dateText(lang, maps[size_t(i)].when, false);
        label = label.substr(0, label.rfind(' ')); // "7 dec": the year is in the pictures' dates
        s.bars.push_back({label, ratingIn(maps[size_t(i)].map, mChartRegion), i == mLeft || i == mRight});
    }
    return s;
}

void Therapist::pick(float x, float y, const ui::Screen& shown) {
    const auto hit = hitAt(x, y, shown);
    if (!hit) return;
    mRegion = regions()[size_t(*hit)].id;
    mNote.clear();
    for (const auto& r : mMap.ratings)
        if (r.region == mRegion) mNote = r.note;
    mMessage.clear();
    lightFigure();
}

void Therapist::rate(int value) {
    if (mRegion.empty()) return;
    auto it = std::find_if(mMap.ratings.begin(), mMap.ratings.end(), [&](const auto& r) { return r.region == mRegion; });
    if (it == mMap.ratings.end()) {
        mMap.ratings.push_back({mRegion, value, mNote, std::int64_t(std::time(nullptr))});
    } else {
        it->rating = value;
        it->timestamp = std::int64_t(std::time(nullptr));
    }
    mChanged = true;
    mLeaveAsked = false;
    lightFigure();
}

std::optional<ClientSessionRequest> Therapist::takeSessionRequest() {
    auto rq = std::move(mRequest);
    mRequest.reset();
    return rq;
}

void Therapist::sessionEnded(const CheckIn& answers) {
    ClientSession session;
    session.when = answers.when;
    session.exercise = answers.exercise;
    session.lang = answers.lang;
    session.variant = answers.variant;
    session.before = answers.before;
    session.after = answers.after;
    session.beforeRegion = answers.beforeRegion;
    session.afterRegion = answers.afterRegion;
    if (!answers.log.empty()) {
        std::ifstream in(answers.log, std::ios::binary);
        session.log.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    if (!mPractice || mChosen.empty()) return;
    auto record = mPractice->load(mChosen);
    if (!record) {
        mMessage = uiText(mDesc.lang, "unlock.problem");
        return; // the plain log stays where it is, so nothing is lost
    }
    record->sessions.push_back(std::move(session));
    if (auto st = mPractice->save(*record); !st) {
        mMessage = uiText(mDesc.lang, "unlock.problem");
        return;
    }
    mRecord = std::move(*record);
    std::error_code ec;
    if (!answers.log.empty()) std::filesystem::remove(answers.log, ec);
    mMessage = uiText(mDesc.lang, "clients.session_kept");
}

void Therapist::activate(const std::string& id, std::string& focus) {
    if (id != "erase") mEraseAsked = false;
    // Locked, only the unlock screen acts (an event queued behind a Lock
    // must find nothing to do).
    if (!mPractice && mPage != Page::Unlock) return;
    if (!mPractice && id != "open" && id != "passphrase" && id != "repeat") return;
    if (id == "back" && mPage == Page::Unlock) {
        mPage = Page::Unlock; // the owner leaves
    } else if (id == "own_voice") {
        // Recording needs no client: it is the therapist's own voice.
        if (!mRecorder) {
            VoiceRecorderDesc d;
            d.lang = mDesc.lang;
            for (const auto& [exercise, title] : mDesc.exerciseTitles) d.exercises.push_back({exercise, title});
            d.audio = mDesc.audio;
            d.capture = mDesc.capture;
            d.recordings = mDesc.recordings;
            mRecorder = std::make_unique<VoiceRecorder>(std::move(d));
            mRecorder->choose({}, mDesc.lang, "short");
        }
        mPage = Page::Record;
        focus = "rec:record";
    } else if (mPage == Page::Record && startsWith(id, "rec:")) {
        if (mRecorder) mRecorder->act(id);
    } else if (id == "change_passphrase") {
        mMessage.clear();
        mPage = Page::Passphrase;
        focus = "current";
    } else if (mPage == Page::Passphrase && (id == "open" || id == "current" || id == "passphrase" || id == "repeat")) {
        // Enter goes from field to field, and changes it from the last.
        if (id == "current") focus = "passphrase";
        else if (id == "passphrase") focus = "repeat";
        else changePassphrase(focus);
    } else if (id == "open" || id == "passphrase" || id == "repeat") {
        if (id == "passphrase" && !Practice::exists(mDesc.practiceDir)) focus = "repeat";
        else unlock(focus);
    } else if (id == "add" || id == "name") {
        std::string name = mNewName;
        name.erase(0, name.find_first_not_of(' '));
        name.erase(name.find_last_not_of(' ') + 1);
        if (name.empty()) {
            focus = "name";
            return;
        }
        auto added = mPractice->add(name);
        if (!added) {
            mMessage = uiText(mDesc.lang, "unlock.problem");
            return;
        }
        mNewName.clear();
        refreshClients();
        chooseClient(added->id);
        for (size_t i = 0; i < mClients.size(); ++i)
            if (mClients[i].id == mChosen) mClientPage = int(i) / std::max(1, ui::clientsPerPage(1280, 720));
        focus = "new_map";
    } else if (startsWith(id, "client:")) {
        chooseClient(id.substr(7));
        mMessage.clear();
    } else if (id == "page:prev" || id == "page:next") {
        mClientPage = std::max(0, mClientPage + (id == "page:next" ? 1 : -1));
    } else if (startsWith(id, "session:")) {
        if (!mRecord || mRecord->maps.empty()) return;
        ClientSessionRequest rq;
        rq.clientId = mRecord->id;
        rq.choice.exercise = id.substr(8);
        rq.choice.lang = mDesc.lang;
        rq.choice.variant = "short";
        rq.choice.tension = mRecord->maps.back().map;
        mRequest = std::move(rq);
    } else if (id == "checkins") {
        if (!mRecord || mRecord->sessions.empty()) return;
        mHistoryChosen = mRecord->sessions.back().exercise;
        mPage = Page::CheckIns;
        focus = "series:" + mHistoryChosen;
    } else if (startsWith(id, "series:")) {
        mHistoryChosen = id.substr(7);
    } else if (id == "take") {
        if (mDesc.personalSessions.empty()) return;
        if (mTakeExercise.empty()) mTakeExercise = mDesc.personalSessions.back().first;
        mMessage.clear();
        mPage = Page::Take;
        focus = "take:go";
    } else if (startsWith(id, "take:") && busy()) {
        return; // nothing changes while it is being made
    } else if (startsWith(id, "take:ex:")) {
        mTakeExercise = id.substr(8);
    } else if (startsWith(id, "take:len:")) {
        mTakeVariant = id.substr(9);
    } else if (startsWith(id, "take:form:")) {
        mTakeForm = id.substr(10);
    } else if (id == "take:go") {
        startTake();
    } else if (id == "report") {
        writeReports();
    } else if (id == "export") {
        if (mChosen.empty()) return;
        const auto dir = mDesc.exportDir.empty() ? paths::documentsDir() : mDesc.exportDir;
        auto out = mPractice->exportReadable(mChosen, dir);
        mMessage = out ? fillIn(uiText(mDesc.lang, "clients.exported"), "path", out->string()) : uiText(mDesc.lang, "unlock.problem");
    } else if (id == "erase") {
        if (mChosen.empty()) return;
        if (!mEraseAsked) {
            mEraseAsked = true;
            mMessage = fillIn(uiText(mDesc.lang, "clients.erase_ask"), "name", mRecord ? mRecord->name : std::string());
            return;
        }
        mEraseAsked = false;
        if (auto st = mPractice->erase(mChosen); !st) {
            mMessage = uiText(mDesc.lang, "unlock.problem");
            return;
        }
        mMessage = fillIn(uiText(mDesc.lang, "clients.erased"), "name", mRecord ? mRecord->name : std::string());
        mChosen.clear();
        mRecord.reset();
        refreshClients();
        focus = "name";
    } else if (id == "compare") {
        openCompare();
        focus = "right:prev";
    } else if (id == "left:prev" || id == "left:next" || id == "right:prev" || id == "right:next") {
        // Each side steps through the dates; the left stays older than the right.
        const int step = id.ends_with(":next") ? 1 : -1;
        const int last = mRecord ? int(mRecord->maps.size()) - 1 : 0;
        if (id.starts_with("left")) mLeft = std::clamp(mLeft + step, 0, mRight - 1);
        else mRight = std::clamp(mRight + step, mLeft + 1, last);
        mCompareStale = true;
    } else if (startsWith(id, "region:")) {
        mChartRegion = id.substr(7);
    } else if (id == "new_map") {
        openMap(-1);
        focus = firstFocus();
    } else if (startsWith(id, "map:")) {
        // Newest first on the screen.
        const int shown = std::atoi(id.c_str() + 4);
        if (mRecord) openMap(int(mRecord->maps.size()) - 1 - shown);
        focus = firstFocus();
    } else if (startsWith(id, "pose:")) {
        mState.pose = id.substr(5);
        mFigureStale = true;
    } else if (startsWith(id, "view:")) {
        mView = id.substr(5);
        mYawDeg = mPitchDeg = 0;
        mFigureStale = mCompareStale = true;
    } else if (startsWith(id, "layer:")) {
        mLayer = id.substr(6);
        // Inside: the skin thins so the psoas, diaphragm and pelvic floor
        // are seen where a tap will find them.
        mState.skinOpacity = mLayer == "inner" ? 0.35f : 1.0f;
        mFigureStale = true;
    } else if (startsWith(id, "rate:")) {
        rate(std::atoi(id.c_str() + 5));
    } else if (id == "clear") {
        std::erase_if(mMap.ratings, [&](const auto& r) { return r.region == mRegion; });
        mNote.clear();
        mChanged = true;
        lightFigure();
        focus = "rate:0";
    } else if (id == "save") {
        saveMap(focus);
    }
}

bool Therapist::act(const ui::Input& in, const ui::Screen& shown, std::string& focus) {
    using ui::Action;
    auto leave = [&]() {
        // Leaving therapist mode locks the records: the key is wiped.
        mPractice.reset();
        mRecord.reset();
        mRecorder.reset(); // the microphone closes with it
        mClients.clear();
        mChosen.clear();
        mPage = Page::Unlock;
        mMessage.clear();
        return false;
    };
    auto back = [&]() -> bool {
        if (mPage == Page::Passphrase) {
            forgetTyped();
            mMessage.clear();
            mPage = Page::Clients;
            focus = "change_passphrase";
            return true;
        }
        if (mPage == Page::Record) {
            if (mRecorder) mRecorder->act("back"); // a take not stopped is not kept; a save finishes
            mPage = Page::Clients;
            focus = "own_voice";
            return true;
        }
        if (mPage == Page::Compare || mPage == Page::Take || mPage == Page::CheckIns) {
            // An export still being made goes on; its end is said on return.
            focus = mPage == Page::Compare ? "compare" : mPage == Page::Take ? "take" : "checkins";
            mPage = Page::Clients;
            return true;
        }
        if (mPage == Page::Mark) {
            if (mChanged && !mLeaveAsked) {
                mLeaveAsked = true;
                mMessage = uiText(mDesc.lang, "mark.unsaved");
                return true;
            }
            mPage = Page::Clients;
            mMessage.clear();
            focus = "new_map";
            if (mRecord) chooseClient(std::string(mRecord->id)); // what is on disk, not what was left unsaved
            return true;
        }
        return leave();
    };
    switch (in.action) {
    case Action::Quit: return leave();
    case Action::Text:
        if (isField(focus)) type(focus, in.text, false);
        return true;
    case Action::Erase:
        if (isField(focus)) {
            type(focus, "", true);
            return true;
        }
        if (focus == "figure") {
            focus = "pose:" + mState.pose;
            return true;
        }
        return back();
    case Action::Back:
        if (focus == "figure") {
            focus = "pose:" + mState.pose; // out of pointing, back to the buttons
            return true;
        }
        return back();
    case Action::Activate:
        if (focus == "back") return back();
        if (focus == "lock") return leave();
        if (focus == "figure") {
            // Keys and the gamepad pick where the cross is.
            if (const ui::Widget* fig = shown.find("figure"))
                pick(fig->rect.x + fig->rect.w * mCursorX, fig->rect.y + fig->rect.h * mCursorY, shown);
            return true;
        }
        activate(focus, focus);
        return true;
    case Action::Point: {
        mPointerDown = true;
        const ui::Widget* w = shown.at(in.x, in.y);
        if (!w) return true;
        if (w->id == "figure") {
            mPress = glm::vec2(in.x, in.y);
            mDragged = 0;
            return true;
        }
        const std::string id = w->id;
        if (w->focusable) focus = id;
        if (id == "back") return back();
        if (id == "lock") return leave();
        if (!isField(id)) activate(id, focus);
        return true;
    }
    case Action::Drag:
        // A drag that began on the figure turns it, and so does the stick;
        // one that began on a button does not.
        if (mPage == Page::Mark && (mPress || !mPointerDown)) {
            // Across the figure's width a drag turns it about half a turn.
            const float scale = 360.0f / std::max(200.0f, float(shown.width));
            mYawDeg += in.dx * scale;
            mPitchDeg = std::clamp(mPitchDeg + in.dy * scale * 0.5f, -60.0f, 60.0f);
            mDragged += std::abs(in.dx) + std::abs(in.dy);
            mFigureStale = true;
        }
        return true;
    case Action::Zoom:
        if (mPage == Page::Mark) {
            mZoom = std::clamp(mZoom / in.zoom, 0.35f, 1.2f);
            mFigureStale = true;
        }
        return true;
    case Action::Release:
        // A press that barely moved is a tap: it picks where it lifted.
        if (mPress && mDragged < 12.0f) pick(in.x, in.y, shown);
        mPress.reset();
        mPointerDown = false;
        return true;
    case Action::Fullscreen: return true;
    case Action::Up:
    case Action::Down:
    case Action::Left:
    case Action::Right: {
        if (focus == "figure" && mPage == Page::Mark) {
            // The arrows point on the figure, a small step at a time.
            const float step = 0.025f;
            if (in.action == Action::Left) mCursorX = std::max(0.02f, mCursorX - step);
            if (in.action == Action::Right) mCursorX = std::min(0.98f, mCursorX + step);
            if (in.action == Action::Up) mCursorY = std::max(0.02f, mCursorY - step);
            if (in.action == Action::Down) mCursorY = std::min(0.98f, mCursorY + step);
            return true;
        }
        const ui::Move move = in.action == Action::Up ? ui::Move::Up : in.action == Action::Down ? ui::Move::Down
                              : in.action == Action::Left ? ui::Move::Left : ui::Move::Right;
        focus = ui::moveFocus(shown, focus, move);
        return true;
    }
    }
    return true;
}

bool Therapist::update() { return mRecorder && mPage == Page::Record && mRecorder->update(); }

ui::Screen Therapist::layout(int width, int height, const TextRenderer& fonts, const std::string& focus) {
    const std::string& lang = mDesc.lang;
    collectTake();
    if (mTake) mShownHundredths = mTake->hundredths; // what this layout shows, whichever page
    switch (mPage) {
    case Page::Record: {
        ui::RecordState s = mRecorder ? mRecorder->state() : ui::RecordState{};
        s.lang = lang;
        const OverlayRect fig = ui::recordFigureRect(width, height);
        if (mRecorder && (mRecorder->figureChanged() || mRecordFigure.width != int(fig.w))) {
            // The figure at rest, lit where the chosen moment lights it.
            std::vector<RegionHighlight> lit;
            for (const std::string& region : mRecorder->litRegions()) lit.push_back({region, 0.9f, {1.0f, 0.72f, 0.45f}});
            const Image image = litFigure(mRenderer, mState, std::move(lit), false, int(fig.w), int(fig.h));
            if (image.width > 0) mRecordFigure = Painter::upload(image);
            mRecorder->figureDrawn();
        }
        s.figure = mRecordFigure.width > 0 ? &mRecordFigure : nullptr;
        return ui::layoutRecord(s, width, height, fonts);
    }
    case Page::Passphrase: {
        ui::UnlockState s;
        s.lang = lang;
        s.change = true;
        s.current = countCodePoints(mCurrent);
        s.typed = countCodePoints(mPass);
        s.repeated = countCodePoints(mRepeat);
        s.message = mMessage;
        return ui::layoutUnlock(s, width, height, fonts);
    }
    case Page::CheckIns: {
        // The client's own before and after, per exercise, as the person's
        // own history shows theirs.
        ui::HistoryState h;
        h.lang = lang;
        if (mRecord)
            for (const ClientSession& cs : mRecord->sessions) {
                if (!cs.before && !cs.after) continue;
                auto it = std::find_if(h.series.begin(), h.series.end(), [&](const auto& x) { return x.exercise == cs.exercise; });
                if (it == h.series.end()) {
                    const auto title = mDesc.exerciseTitles.find(cs.exercise);
                    h.series.push_back({cs.exercise, title == mDesc.exerciseTitles.end() ? cs.exercise : title->second, {}});
                    it = h.series.end() - 1;
                }
                ui::HistoryPoint p;
                std::sscanf(cs.when.c_str(), "%d-%d-%d", &p.year, &p.month, &p.day);
                p.before = cs.before;
                p.after = cs.after;
                it->points.push_back(p);
            }
        h.chosen = mHistoryChosen;
        return ui::layoutHistory(h, width, height, fonts);
    }
    case Page::Take: {
        ui::TakeState s;
        s.lang = lang;
        s.title = (mRecord ? mRecord->name : std::string()) + " · " + uiText(lang, "take.title");
        s.exercises = mDesc.personalSessions;
        s.exercise = mTakeExercise;
        s.variant = mTakeVariant;
        s.form = mTakeForm;
        if (busy()) s.progress = double(mShownHundredths) / 100.0;
        s.message = mMessage;
        return ui::layoutTake(s, width, height, fonts);
    }
    case Page::Unlock: {
        ui::UnlockState s;
        s.lang = lang;
        s.create = !Practice::exists(mDesc.practiceDir);
        s.typed = countCodePoints(mPass);
        s.repeated = countCodePoints(mRepeat);
        s.message = mMessage;
        return ui::layoutUnlock(s, width, height, fonts);
    }
    case Page::Clients: {
        ui::ClientsState s;
        s.lang = lang;
        s.newName = mNewName;
        s.message = mMessage;
        s.page = mClientPage;
        s.chosen = mChosen;
        s.sessions = mDesc.personalSessions;
        s.report = true;
        s.checkIns = mRecord && std::any_of(mRecord->sessions.begin(), mRecord->sessions.end(),
                                            [](const ClientSession& c) { return c.before || c.after; });
        s.eraseAsked = mEraseAsked;
        for (const auto& c : mClients) {
            ui::ClientItem item{c.id, c.name, {}, c.error.has_value()};
            const bool open = mRecord && mRecord->id == c.id; // what it holds now, saved or not yet listed
            const size_t n = open ? mRecord->maps.size() : c.maps;
            const std::string last = open ? (n ? mRecord->maps.back().when : std::string()) : c.lastMap;
            item.detail = n == 0 ? uiText(lang, "clients.no_map_yet")
                                 : fillIn(fillIn(uiText(lang, n == 1 ? "clients.detail_one" : "clients.detail"), "maps", std::to_string(n)),
                                          "date", dateText(lang, last, false));
            s.clients.push_back(std::move(item));
        }
        if (!mChosen.empty() && !mRecord)
            for (auto& c : s.clients)
                if (c.id == mChosen) c.damaged = true;
        if (mRecord)
            for (size_t i = mRecord->maps.size(); i-- > 0;) {
                const DatedMap& d = mRecord->maps[i];
                int highest = 0;
                for (const auto& r : d.map.ratings) highest = std::max(highest, r.rating);
                s.maps.push_back({dateText(lang, d.when),
                                  fillIn(fillIn(uiText(lang, d.map.ratings.size() == 1 ? "clients.map_detail_one" : "clients.map_detail"), "regions",
                                                std::to_string(d.map.ratings.size())),
                                         "highest",
                                         std::to_string(highest))});
            }
        return ui::layoutClients(s, width, height, fonts);
    }
    case Page::Compare: {
        if (!mRecord || mRecord->maps.size() < 2) {
            mPage = Page::Clients;
            return layout(width, height, fonts, focus);
        }
        const OverlayRect fr = ui::compareFigureRect(width, height, false);
        if (mCompareStale || mLeftPicture.width != int(fr.w) || mLeftPicture.height != int(fr.h)) {
            mLeftPicture = drawHeatMap(mRecord->maps[size_t(mLeft)].map, int(fr.w), int(fr.h));
            mRightPicture = drawHeatMap(mRecord->maps[size_t(mRight)].map, int(fr.w), int(fr.h));
            mCompareStale = false;
        }
        return ui::layoutCompare(compareState(), width, height, fonts);
    }
    case Page::Mark: {
        const bool focusedFigure = focus == "figure";
        const OverlayRect fr = ui::markFigureRect(width, height);
        if (mFigureStale || mFigure.width != int(fr.w) || mFigure.height != int(fr.h)) drawFigure(int(fr.w), int(fr.h));
        ui::MarkState s;
        s.lang = lang;
        s.title = (mRecord ? mRecord->name : std::string()) + " · " + dateText(lang, mMapWhen);
        s.figure = &mFigure;
        s.poses = markPoses();
        s.pose = mState.pose;
        s.view = mView;
        s.layer = mLayer;
        s.message = mMessage;
        s.changed = mChanged;
        s.cursorX = mCursorX;
        s.cursorY = mCursorY;
        s.figureFocused = focusedFigure;
        if (focusedFigure && s.message.empty() && !mRegion.empty()) s.message = uiText(lang, "mark.keys");
        if (!mRegion.empty()) {
            s.regionName = regionName(mRegion, lang);
            for (const auto& r : mMap.ratings)
                if (r.region == mRegion) s.rating = r.rating;
            s.note = mNote;
        }
        for (const auto& r : mMap.ratings) s.marked.push_back({regionName(r.region, lang), r.rating});
        std::stable_sort(s.marked.begin(), s.marked.end(), [](const auto& a, const auto& b) { return a.rating > b.rating; });
        return ui::layoutMark(s, width, height, fonts);
    }
    }
    return {};
}

} // namespace soma
