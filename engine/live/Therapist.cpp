#include "live/Therapist.h"

#include "catalog/Catalog.h"
#include "core/Log.h"
#include "live/CheckIns.h"
#include "model/TensionColour.h"
#include "render/Camera.h"
#include "render/RenderTarget.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <sstream>

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

bool isField(const std::string& id) { return id == "passphrase" || id == "repeat" || id == "name" || id == "note"; }

} // namespace

Therapist::Therapist(Renderer& renderer, TherapistDesc desc) : mRenderer(renderer), mDesc(std::move(desc)) {
    if (mDesc.practiceDir.empty()) mDesc.practiceDir = Practice::defaultFolder();
    mState.pose = "standing";
    mState.camera = "whole_body";
}

Therapist::~Therapist() {
    wipe(mPass);
    wipe(mRepeat);
}

std::string Therapist::firstFocus() const {
    switch (mPage) {
    case Page::Unlock: return "passphrase";
    case Page::Clients: return mClients.empty() ? "name" : "client:" + (mChosen.empty() ? mClients.front().id : mChosen);
    case Page::Mark: return "pose:" + mState.pose;
    }
    return {};
}

std::string& Therapist::field(const std::string& id) {
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
        wipe(mPass);
        wipe(mRepeat);
        mPass.clear();
        mRepeat.clear();
        focus = "passphrase";
        return;
    }
    if (create && mPass.size() < 8) {
        mMessage = uiText(mDesc.lang, "unlock.too_short");
        focus = "passphrase";
        return;
    }
    auto practice = create ? Practice::create(mDesc.practiceDir, mPass, mDesc.kdf) : Practice::open(mDesc.practiceDir, mPass);
    wipe(mPass);
    wipe(mRepeat);
    mPass.clear();
    mRepeat.clear();
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

std::optional<View> Therapist::figureView(int width, int height) {
    auto figure = mRenderer.figure(mState);
    if (!figure) return std::nullopt;
    const CameraPose base = cameraFor(**figure, mState, float(width) / float(std::max(1, height)));
    return makeView(orbitCamera(base, mYawDeg + (mView == "back" ? 180.0f : 0.0f), mPitchDeg, mZoom), 0, 0, width, height);
}

void Therapist::lightFigure() {
    // Every rating in its colour, brighter as it is higher; the region just
    // tapped and not yet rated glows softly white, so the tap is seen.
    mState.highlights.clear();
    for (const auto& r : mMap.ratings)
        mState.highlights.push_back({r.region, 0.75f + 0.025f * float(r.rating), tensionColour(r.rating)});
    if (!mRegion.empty() && std::none_of(mMap.ratings.begin(), mMap.ratings.end(), [&](const auto& r) { return r.region == mRegion; }))
        mState.highlights.push_back({mRegion, 0.7f, {0.92f, 0.92f, 0.96f}});
    mFigureStale = true;
}

void Therapist::drawFigure(int width, int height) {
    auto view = figureView(width, height);
    if (!view) return;
    RenderTarget target({width, height, 4});
    if (auto st = mRenderer.draw(target, mState, {*view}); !st) {
        log::warn(st.error().id, "no figure to mark: {}", st.error().message);
        return;
    }
    mFigure = Painter::upload(target.readPixels());
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

void Therapist::activate(const std::string& id, std::string& focus) {
    if (id == "back" && mPage == Page::Unlock) {
        mPage = Page::Unlock; // the owner leaves
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
        mFigureStale = true;
    } else if (startsWith(id, "layer:")) {
        mLayer = id.substr(6);
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
        mClients.clear();
        mChosen.clear();
        mPage = Page::Unlock;
        mMessage.clear();
        return false;
    };
    auto back = [&]() -> bool {
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
        return back();
    case Action::Back: return back();
    case Action::Activate:
        if (focus == "back") return back();
        if (focus == "lock") return leave();
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
        const ui::Move move = in.action == Action::Up ? ui::Move::Up : in.action == Action::Down ? ui::Move::Down
                              : in.action == Action::Left ? ui::Move::Left : ui::Move::Right;
        focus = ui::moveFocus(shown, focus, move);
        return true;
    }
    }
    return true;
}

ui::Screen Therapist::layout(int width, int height, const TextRenderer& fonts) {
    const std::string& lang = mDesc.lang;
    switch (mPage) {
    case Page::Unlock: {
        ui::UnlockState s;
        s.lang = lang;
        s.create = !Practice::exists(mDesc.practiceDir);
        s.typed = mPass.size();
        s.repeated = mRepeat.size();
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
                                  fillIn(fillIn(uiText(lang, "clients.map_detail"), "regions", std::to_string(d.map.ratings.size())), "highest",
                                         std::to_string(highest))});
            }
        return ui::layoutClients(s, width, height, fonts);
    }
    case Page::Mark: {
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
