#include "ui/TherapistScreens.h"

#include "catalog/Catalog.h"
#include "model/TensionColour.h"

#include <algorithm>

namespace soma::ui {
namespace {

Screen blank(int width, int height) {
    Screen s;
    s.width = width;
    s.height = height;
    return s;
}

std::string dots(size_t n) {
    std::string s;
    for (size_t i = 0; i < n; ++i) s += "•";
    return s;
}

} // namespace

Screen layoutUnlock(const UnlockState& s, int width, int height, const TextRenderer& f) {
    Screen screen = blank(width, height);
    const Metrics m = screenMetrics(width, height);
    const float W = float(width);
    const std::string& lang = s.lang;
    const float top = m.margin;
    headerButton(screen, f, m, "back", Look::Button, uiText(lang, "therapist.back"), W - m.margin, top);
    const char* kind = s.change ? "change" : s.create ? "create" : "open";
    placeHeading(screen, f, uiText(lang, std::string("unlock.heading_") + kind), m.margin, top, m.target, W * 0.7f, m.headingPx);
    // One calm column in the middle, no wider than a line reads well.
    const float colW = std::min(W - 2 * m.margin, m.bodyPx * 34.0f), x = (W - colW) * 0.5f;
    float y = top + m.target + m.gap * 2;
    y = placeText(screen.lines, f, uiText(lang, std::string("unlock.explain_") + kind), x, y, colW, m.bodyPx, 5, Tone::Normal);
    y += m.gap * 1.5f;
    if (s.change) {
        screen.widgets.push_back(
            textField("current", {x, y, colW, m.target}, f, dots(s.current), uiText(lang, "unlock.current_hint"), m.titlePx));
        y += m.target + m.gap;
    }
    screen.widgets.push_back(textField("passphrase", {x, y, colW, m.target}, f, dots(s.typed),
                                       uiText(lang, s.change ? "unlock.new_hint" : "unlock.passphrase_hint"), m.titlePx));
    y += m.target + m.gap;
    if (s.create || s.change) {
        screen.widgets.push_back(
            textField("repeat", {x, y, colW, m.target}, f, dots(s.repeated), uiText(lang, "unlock.repeat_hint"), m.titlePx));
        y += m.target + m.gap;
    }
    {
        Widget open{"open", Look::Primary};
        const std::string label = uiText(lang, std::string("unlock.") + (s.change ? "change" : s.create ? "create" : "open"));
        const float bw = buttonWidth(f, label, m.titlePx, m) + m.titlePx;
        open.rect = {x + colW - bw, y, bw, m.target};
        centreLabel(open, f, label, m.titlePx, Tone::OnPrimary);
        screen.widgets.push_back(std::move(open));
    }
    y += m.target + m.gap;
    if (!s.message.empty()) placeText(screen.lines, f, s.message, x, y, colW, m.bodyPx, 3, Tone::Strong);
    return screen;
}

int clientsPerPage(int width, int height) {
    const Metrics m = screenMetrics(width, height);
    const float listTop = m.margin + m.target + m.gap * 1.5f + m.target + m.gap;
    const float listBottom = float(height) - m.margin - m.target - m.gap; // the page buttons below
    return std::max(1, int((listBottom - listTop + m.gap * 0.5f) / (m.target * 1.25f + m.gap * 0.5f)));
}

Screen layoutClients(const ClientsState& s, int width, int height, const TextRenderer& f) {
    Screen screen = blank(width, height);
    const Metrics m = screenMetrics(width, height);
    const float W = float(width), H = float(height);
    const std::string& lang = s.lang;
    const float top = m.margin;
    const float lockX = headerButton(screen, f, m, "lock", Look::Button, uiText(lang, "clients.lock"), W - m.margin, top);
    const float passX = headerButton(screen, f, m, "change_passphrase", Look::Button, uiText(lang, "clients.passphrase"), lockX - m.gap * 0.5f, top);
    const float voiceX = headerButton(screen, f, m, "own_voice", Look::Button, uiText(lang, "clients.voice"), passX - m.gap * 0.5f, top);
    placeHeading(screen, f, uiText(lang, "clients.title"), m.margin, top, m.target, voiceX - m.gap - m.margin, m.headingPx);

    // Left: a new client's name and Add, then the clients, a page at a time.
    const float leftW = std::min((W - 2 * m.margin - m.gap * 2) * 0.42f, m.bodyPx * 26.0f);
    float y = top + m.target + m.gap * 1.5f;
    {
        const std::string label = uiText(lang, "clients.add");
        const float bw = buttonWidth(f, label, m.bodyPx, m);
        screen.widgets.push_back(
            textField("name", {m.margin, y, leftW - bw - m.gap * 0.5f, m.target}, f, s.newName, uiText(lang, "clients.name_hint"), m.bodyPx));
        Widget add{"add", Look::Button};
        add.rect = {m.margin + leftW - bw, y, bw, m.target};
        centreLabel(add, f, label, m.bodyPx, Tone::Normal);
        screen.widgets.push_back(std::move(add));
    }
    y += m.target + m.gap;
    const int per = clientsPerPage(width, height);
    const int pages = std::max(1, (int(s.clients.size()) + per - 1) / per);
    const int page = std::clamp(s.page, 0, pages - 1);
    if (s.clients.empty()) placeText(screen.lines, f, uiText(lang, "clients.none"), m.margin, y, leftW, m.bodyPx, 4, Tone::Dim);
    const float rowH = m.target * 1.25f;
    for (int i = page * per; i < std::min(int(s.clients.size()), (page + 1) * per); ++i) {
        const ClientItem& c = s.clients[size_t(i)];
        Widget row{"client:" + c.id, Look::Row};
        row.rect = {m.margin, y, leftW, rowH};
        row.selected = c.id == s.chosen;
        const float pad = m.bodyPx * 0.7f;
        placeText(row.lines, f, c.name, m.margin + pad, y + rowH * 0.08f, leftW - 2 * pad, m.bodyPx * 1.1f, 1, Tone::Strong);
        placeText(row.lines, f, c.damaged ? uiText(lang, "clients.damaged") : c.detail, m.margin + pad, y + rowH * 0.52f, leftW - 2 * pad,
                  m.bodyPx * 0.85f, 1, Tone::Dim);
        screen.widgets.push_back(std::move(row));
        y += rowH + m.gap * 0.5f;
    }
    if (pages > 1) {
        const float by = H - m.margin - m.target;
        for (const char* id : {"page:prev", "page:next"}) {
            const bool prev = id == std::string("page:prev");
            if ((prev && page == 0) || (!prev && page == pages - 1)) continue;
            Widget b{id, Look::Button};
            b.rect = {prev ? m.margin : m.margin + leftW - m.target * 1.5f, by, m.target * 1.5f, m.target};
            centreLabel(b, f, prev ? "‹" : "›", m.titlePx, Tone::Normal);
            screen.widgets.push_back(std::move(b));
        }
        placeText(screen.lines, f, std::to_string(page + 1) + " / " + std::to_string(pages), m.margin, by + (m.target - f.lineHeight(m.bodyPx)) * 0.5f,
                  leftW, m.bodyPx, 1, Tone::Dim, Align::Centre);
    }

    // Right: the chosen client's maps, newest first.
    const float rx = m.margin + leftW + m.gap * 2, rw = W - m.margin - rx;
    float ry = top + m.target + m.gap * 1.5f;
    const ClientItem* chosen = nullptr;
    for (const auto& c : s.clients)
        if (c.id == s.chosen) chosen = &c;
    if (!chosen) {
        if (!s.clients.empty()) placeText(screen.lines, f, uiText(lang, "clients.choose"), rx, ry, rw, m.bodyPx, 2, Tone::Dim);
    } else if (!chosen->damaged) {
        // The name on a line of its own (a whole name reads better than a
        // button beside half of it), then New map, then the maps.
        ry = placeText(screen.lines, f, chosen->name, rx, ry, rw, m.titlePx * 1.1f, 2, Tone::Strong) + m.gap * 0.5f;
        const std::string label = uiText(lang, "clients.new_map");
        Widget add{"new_map", Look::Primary};
        const float bw = buttonWidth(f, label, m.titlePx, m) + m.titlePx;
        add.rect = {rx, ry, bw, m.target};
        centreLabel(add, f, label, m.titlePx, Tone::OnPrimary);
        screen.widgets.push_back(std::move(add));
        if (s.maps.size() >= 2) {
            const std::string cl = uiText(lang, "clients.compare");
            Widget cmp{"compare", Look::Button};
            const float cw = buttonWidth(f, cl, m.bodyPx, m);
            cmp.rect = {rx + bw + m.gap, ry, cw, m.target};
            centreLabel(cmp, f, cl, m.bodyPx, Tone::Normal);
            screen.widgets.push_back(std::move(cmp));
        }
        ry += m.target + m.gap;
        if (s.maps.empty()) placeText(screen.lines, f, uiText(lang, "clients.no_maps"), rx, ry, rw, m.bodyPx, 4, Tone::Dim);
        // At the foot, in rows that wrap: what the latest map can become
        // (sessions now, for home, a report), then the client's data (taken
        // along, erased).
        struct Item {
            std::string id, label;
            bool primary = false;
        };
        std::vector<std::vector<Item>> groups(2);
        if (!s.maps.empty()) {
            for (const auto& [id, title] : s.sessions) groups[0].push_back({"session:" + id, title});
            if (!s.sessions.empty()) groups[0].push_back({"take", uiText(lang, "clients.take")});
            if (s.report) groups[0].push_back({"report", uiText(lang, "clients.report")});
        }
        if (s.checkIns) groups[1].push_back({"checkins", uiText(lang, "clients.checkins")});
        groups[1].push_back({"export", uiText(lang, "clients.export")});
        groups[1].push_back({"erase", uiText(lang, s.eraseAsked ? "clients.erase_sure" : "clients.erase"), s.eraseAsked});
        float foot = H - m.margin - (s.message.empty() ? 0.0f : f.lineHeight(m.bodyPx) * 2 + m.gap * 0.5f);
        for (size_t g = groups.size(); g-- > 0;) {
            if (groups[g].empty()) continue;
            const std::string lead = g == 0 ? uiText(lang, "clients.from_latest") : std::string();
            const float leadW = lead.empty() ? 0.0f : f.measure(lead, m.bodyPx) + m.gap;
            // Rows first (so they can be placed from the bottom up).
            std::vector<std::vector<std::pair<const Item*, float>>> rows(1);
            float x = rx + leadW;
            for (const Item& it : groups[g]) {
                const float bw = std::min(rw, buttonWidth(f, it.label, m.bodyPx, m));
                if (x + bw > rx + rw && !rows.back().empty()) {
                    rows.emplace_back();
                    x = rx;
                }
                rows.back().push_back({&it, bw});
                x += bw + m.gap * 0.5f;
            }
            foot -= float(rows.size()) * (m.target + m.gap * 0.4f);
            float y = foot;
            for (size_t r = 0; r < rows.size(); ++r) {
                float bx = rx;
                if (r == 0 && !lead.empty()) {
                    placeText(screen.lines, f, lead, rx, y + (m.target - f.lineHeight(m.bodyPx)) * 0.5f, leadW, m.bodyPx, 1, Tone::Dim);
                    bx += leadW;
                }
                for (const auto& [it, bw] : rows[r]) {
                    Widget b{it->id, it->primary ? Look::Primary : Look::Button};
                    b.rect = {bx, y, bw, m.target};
                    centreLabel(b, f, it->label, m.bodyPx, it->primary ? Tone::OnPrimary : Tone::Normal);
                    screen.widgets.push_back(std::move(b));
                    bx += bw + m.gap * 0.5f;
                }
                y += m.target + m.gap * 0.4f;
            }
            foot -= m.gap * 0.6f;
        }
        const float mapH = m.target;
        const float listBottom = foot;
        for (size_t i = 0; i < s.maps.size() && ry + mapH <= listBottom; ++i) {
            Widget row{"map:" + std::to_string(i), Look::Row};
            row.rect = {rx, ry, rw, mapH};
            const float pad = m.bodyPx * 0.7f, base = ry + (mapH - f.lineHeight(m.bodyPx)) * 0.5f;
            placeText(row.lines, f, s.maps[i].title, rx + pad, base, rw * 0.5f, m.bodyPx, 1, Tone::Strong);
            placeText(row.lines, f, s.maps[i].detail, rx + rw * 0.5f, base, rw * 0.5f - pad, m.bodyPx, 1, Tone::Dim);
            screen.widgets.push_back(std::move(row));
            ry += mapH + m.gap * 0.5f;
        }
    } else {
        ry = placeText(screen.lines, f, chosen->name, rx, ry, rw, m.titlePx * 1.1f, 2, Tone::Strong) + m.gap;
        placeText(screen.lines, f, uiText(lang, "clients.damaged_long"), rx, ry, rw, m.bodyPx, 5, Tone::Normal);
    }
    if (!s.message.empty())
        placeText(screen.lines, f, s.message, rx, H - m.margin - f.lineHeight(m.bodyPx) * 2, rw, m.bodyPx, 2, Tone::Strong);
    return screen;
}

OverlayRect markFigureRect(int width, int height) {
    const Metrics m = screenMetrics(width, height);
    const float W = float(width), H = float(height);
    const float top = m.margin + m.target + m.gap;
    const float h = H - top - m.margin;
    const float w = std::min(W * 0.46f, h * 0.95f);
    return {m.margin, top, w, h};
}

Screen layoutMark(const MarkState& s, int width, int height, const TextRenderer& f) {
    Screen screen = blank(width, height);
    const Metrics m = screenMetrics(width, height);
    const float W = float(width);
    const std::string& lang = s.lang;
    const float top = m.margin;
    float right = headerButton(screen, f, m, "save", Look::Primary, uiText(lang, "mark.save"), W - m.margin, top);
    right = headerButton(screen, f, m, "back", Look::Button, uiText(lang, "therapist.back"), right - m.gap, top);
    placeHeading(screen, f, s.title, m.margin, top, m.target, right - m.gap - m.margin, m.titlePx * 1.1f);

    const OverlayRect fr = markFigureRect(width, height);
    {
        Widget fig{"figure", Look::Panel};
        fig.rect = fr;
        fig.picture = s.figure;
        fig.pictureRect = fr;
        screen.widgets.push_back(std::move(fig));
        if (s.figureFocused) {
            // A still cross where Enter will pick, in the focus colour.
            const float cx = fr.x + fr.w * s.cursorX, cy = fr.y + fr.h * s.cursorY;
            const float arm = std::max(10.0f, m.target * 0.3f), thick = std::max(2.0f, 2.0f * m.unit);
            for (const bool across : {true, false}) {
                Widget c{across ? "cursor:h" : "cursor:v", Look::Swatch};
                c.focusable = false;
                c.colour = {0.98f, 0.80f, 0.52f, 1.0f};
                c.rect = across ? OverlayRect{cx - arm, cy - thick * 0.5f, 2 * arm, thick} : OverlayRect{cx - thick * 0.5f, cy - arm, thick, 2 * arm};
                screen.widgets.push_back(std::move(c));
            }
        }
    }
    const float x = fr.x + fr.w + m.gap * 2, pw = W - m.margin - x;
    float y = fr.y;
    // A row of choices, as wide as their words.
    auto choices = [&](const std::vector<std::pair<std::string, std::string>>& items, const std::string& chosen, float& cx) {
        for (const auto& [id, label] : items) {
            Widget c{id, Look::Choice};
            const float bw = buttonWidth(f, label, m.bodyPx, m);
            c.rect = {cx, y, bw, m.target};
            c.selected = id == chosen;
            centreLabel(c, f, label, m.bodyPx, Tone::Normal);
            screen.widgets.push_back(std::move(c));
            cx += bw + m.gap * 0.5f;
        }
    };
    {
        std::vector<std::pair<std::string, std::string>> poses;
        for (const auto& p : s.poses) poses.push_back({"pose:" + p, uiText(lang, "mark.pose." + p)});
        float cx = x;
        choices(poses, "pose:" + s.pose, cx);
        y += m.target + m.gap * 0.5f;
        cx = x;
        choices({{"view:front", uiText(lang, "mark.front")}, {"view:back", uiText(lang, "mark.behind")}}, "view:" + s.view, cx);
        cx += m.gap;
        choices({{"layer:skin", uiText(lang, "mark.skin")}, {"layer:inner", uiText(lang, "mark.inner")}}, "layer:" + s.layer, cx);
        y += m.target + m.gap * 1.2f;
    }
    // The region tapped, its rating and note.
    if (s.regionName.empty()) {
        y = placeText(screen.lines, f, uiText(lang, s.figureFocused ? "mark.keys" : "mark.hint"), x, y, pw, m.bodyPx, 3, Tone::Dim);
    } else {
        float nameRight = x + pw;
        if (s.rating) {
            Widget clear{"clear", Look::Button};
            const std::string label = uiText(lang, "mark.clear");
            const float bw = buttonWidth(f, label, m.bodyPx, m);
            clear.rect = {x + pw - bw, y, bw, m.target};
            centreLabel(clear, f, label, m.bodyPx, Tone::Normal);
            screen.widgets.push_back(std::move(clear));
            nameRight -= bw + m.gap;
        }
        placeHeading(screen, f, s.regionName, x, y, m.target, nameRight - x, m.titlePx * 1.1f);
        y += m.target;
    }
    y += m.gap * 0.8f;
    const float gap = m.gap * 0.4f;
    const int perRow = (pw - 10 * gap) / 11.0f >= m.target ? 11 : 6;
    const float side = std::max(m.target, std::min((pw - float(perRow - 1) * gap) / float(perRow), m.target * 1.3f));
    for (int v = 0; v <= 10; ++v) {
        Widget b{"rate:" + std::to_string(v), Look::Choice};
        b.rect = {x + float(v % perRow) * (side + gap), y + float(v / perRow) * (side + gap), side, side};
        b.selected = s.rating && *s.rating == v;
        centreLabel(b, f, std::to_string(v), m.titlePx, Tone::Strong);
        // Each number carries its colour of the scale along its foot: the
        // buttons are the legend too.
        screen.widgets.push_back(std::move(b));
        Widget sw{"", Look::Swatch};
        sw.focusable = false;
        const glm::vec3 c = tensionColour(v);
        sw.colour = {c.r, c.g, c.b, 1.0f};
        const float sh = std::max(4.0f, side * 0.12f);
        sw.rect = {x + float(v % perRow) * (side + gap) + side * 0.2f, y + float(v / perRow) * (side + gap) + side - sh - side * 0.08f,
                   side * 0.6f, sh};
        screen.widgets.push_back(std::move(sw));
    }
    y += float(10 / perRow + 1) * (side + gap);
    placeText(screen.lines, f, uiText(lang, "checkin.none"), x, y, pw * 0.45f, m.bodyPx * 0.9f, 1, Tone::Dim);
    {
        const std::string lots = uiText(lang, "checkin.a_lot");
        const float rowRight = x + float(perRow) * (side + gap) - gap;
        placeText(screen.lines, f, lots, std::max(x + pw * 0.5f, rowRight - f.measure(lots, m.bodyPx * 0.9f)), y, pw * 0.45f,
                  m.bodyPx * 0.9f, 1, Tone::Dim);
    }
    y += f.lineHeight(m.bodyPx) + m.gap * 0.6f;
    if (!s.regionName.empty()) {
        screen.widgets.push_back(textField("note", {x, y, pw, m.target}, f, s.note, uiText(lang, "mark.note_hint"), m.bodyPx));
        y += m.target + m.gap;
    }
    // A message (not saved yet, a problem) at the foot; it comes first.
    const float lh = f.lineHeight(m.bodyPx), H = float(height);
    float bottom = H - m.margin;
    if (!s.message.empty()) {
        const size_t lines = f.wrap(s.message, m.bodyPx, pw, 2).size();
        bottom -= lh * float(lines);
        placeText(screen.lines, f, s.message, x, bottom, pw, m.bodyPx, 2, Tone::Strong);
        bottom -= m.gap * 0.5f;
    }
    // What is marked so far, highest first, where there is room; else how
    // many (the figure shows them all).
    if (!s.marked.empty()) {
        const int room = int((bottom - y) / lh);
        std::string list = uiText(lang, "mark.marked");
        for (size_t i = 0; i < s.marked.size(); ++i)
            list += (i ? " · " : " ") + s.marked[i].name + " " + std::to_string(s.marked[i].rating);
        if (room < 1) return screen;
        if (int(f.wrap(list, m.bodyPx, pw, 100).size()) > std::min(room, 4)) {
            int highest = 0;
            for (const auto& r : s.marked) highest = std::max(highest, r.rating);
            list = uiText(lang, "mark.marked") + " " +
                   fillIn(fillIn(uiText(lang, "clients.map_detail"), "regions", std::to_string(s.marked.size())), "highest", std::to_string(highest));
        }
        placeText(screen.lines, f, list, x, y, pw, m.bodyPx, std::min(room, 4), Tone::Normal);
    }
    return screen;
}

OverlayRect compareFigureRect(int width, int height, bool right) {
    const Metrics m = screenMetrics(width, height);
    const float W = float(width), H = float(height);
    const float top = m.margin + m.target + m.gap;
    // Under each picture: its date between the two arrows.
    const float h = H - top - m.margin - m.target - m.gap * 0.5f;
    const float w = std::min((W * 0.58f - m.margin - m.gap) * 0.5f, h * 0.8f);
    return {m.margin + (right ? w + m.gap : 0.0f), top, w, h};
}

Screen layoutCompare(const CompareState& s, int width, int height, const TextRenderer& f) {
    Screen screen = blank(width, height);
    const Metrics m = screenMetrics(width, height);
    const float W = float(width), H = float(height);
    const std::string& lang = s.lang;
    const float top = m.margin;
    float right = headerButton(screen, f, m, "back", Look::Button, uiText(lang, "therapist.back"), W - m.margin, top);
    // Front or behind, for both pictures at once.
    for (const char* id : {"view:back", "view:front"}) {
        const std::string label = uiText(lang, id == std::string("view:back") ? "mark.behind" : "mark.front");
        Widget c{id, Look::Choice};
        const float bw = buttonWidth(f, label, m.bodyPx, m);
        right -= bw + m.gap * (id == std::string("view:back") ? 1.5f : 0.5f);
        c.rect = {right, top, bw, m.target};
        c.selected = std::string("view:") + s.view == id;
        centreLabel(c, f, label, m.bodyPx, Tone::Normal);
        screen.widgets.push_back(std::move(c));
    }
    placeHeading(screen, f, s.title, m.margin, top, m.target, right - m.gap - m.margin, m.titlePx * 1.1f);

    for (const bool isRight : {false, true}) {
        const CompareSide& side = isRight ? s.right : s.left;
        const OverlayRect r = compareFigureRect(width, height, isRight);
        const std::string which = isRight ? "right" : "left";
        Widget fig{"figure:" + which, Look::Panel};
        fig.focusable = false;
        fig.rect = r;
        fig.picture = side.figure;
        fig.pictureRect = r;
        screen.widgets.push_back(std::move(fig));
        const float y = r.y + r.h + m.gap * 0.5f;
        for (const bool later : {false, true}) {
            if (later ? !side.later : !side.earlier) continue;
            Widget b{which + (later ? ":next" : ":prev"), Look::Button};
            b.rect = {later ? r.x + r.w - m.target : r.x, y, m.target, m.target};
            centreLabel(b, f, later ? "›" : "‹", m.titlePx, Tone::Normal);
            screen.widgets.push_back(std::move(b));
        }
        placeText(screen.lines, f, side.date, r.x + m.target, y + (m.target - f.lineHeight(m.bodyPx)) * 0.5f, r.w - 2 * m.target, m.bodyPx, 1,
                  Tone::Strong, Align::Centre);
    }

    // Right: what changed between the two, then one region over time.
    const OverlayRect fr = compareFigureRect(width, height, true);
    const float x = fr.x + fr.w + m.gap * 2, pw = W - m.margin - x;
    float y = fr.y;
    y = placeText(screen.lines, f, uiText(lang, "compare.changes"), x, y, pw, m.bodyPx, 1, Tone::Dim);
    const float lh = f.lineHeight(m.bodyPx);
    const size_t maxChanges = std::max<size_t>(1, size_t((H * 0.3f) / lh));
    auto rating = [](const std::optional<int>& v) { return v ? std::to_string(*v) : std::string("–"); };
    for (size_t i = 0; i < std::min(s.changes.size(), maxChanges); ++i) {
        const CompareChange& c = s.changes[i];
        const float base = y;
        placeText(screen.lines, f, c.name, x, base, pw * 0.62f, m.bodyPx, 1, Tone::Normal);
        placeText(screen.lines, f, rating(c.before) + "  →  " + rating(c.after), x + pw * 0.64f, base, pw * 0.36f, m.bodyPx, 1, Tone::Strong);
        y += lh;
    }
    if (s.changes.empty()) y = placeText(screen.lines, f, uiText(lang, "compare.no_changes"), x, y, pw, m.bodyPx, 2, Tone::Dim);
    y += m.gap;

    // The chart's region, as choices that wrap.
    y = placeText(screen.lines, f, uiText(lang, "compare.over_time"), x, y, pw, m.bodyPx, 1, Tone::Dim) + m.gap * 0.4f;
    float cx = x;
    int rows = 0;
    for (const auto& [id, name] : s.regions) {
        const float bw = buttonWidth(f, name, m.bodyPx, m);
        if (cx + bw > x + pw && cx > x) {
            if (++rows == 2) break; // two rows of choices at most: the chart needs the room
            cx = x;
            y += m.target + m.gap * 0.4f;
        }
        Widget c{"region:" + id, Look::Choice};
        c.rect = {cx, y, std::min(bw, pw), m.target};
        c.selected = id == s.region;
        centreLabel(c, f, name, m.bodyPx, Tone::Normal);
        screen.widgets.push_back(std::move(c));
        cx += bw + m.gap * 0.4f;
    }
    y += m.target + m.gap;

    // The bars: 0 to 10 upward, one per map, the two shown outlined.
    const float labelH = f.lineHeight(m.bodyPx * 0.85f);
    const float chartBottom = H - m.margin - labelH - m.gap * 0.3f;
    const float chartH = chartBottom - y;
    if (chartH < m.target || s.bars.empty()) return screen;
    for (const int level : {0, 5, 10}) {
        Widget rule{"rule:" + std::to_string(level), Look::Rule};
        rule.focusable = false;
        rule.rect = {x + m.bodyPx * 1.6f, chartBottom - chartH * float(level) / 10.0f - 1.0f, pw - m.bodyPx * 1.6f, 2.0f};
        screen.widgets.push_back(std::move(rule));
        placeText(screen.lines, f, std::to_string(level), x, chartBottom - chartH * float(level) / 10.0f - labelH * 0.5f, m.bodyPx * 1.4f,
                  m.bodyPx * 0.85f, 1, Tone::Dim);
    }
    const size_t n = std::min<size_t>(s.bars.size(), 8); // the latest eight
    const float left = x + m.bodyPx * 2.0f, slot = (pw - m.bodyPx * 2.0f) / float(n);
    for (size_t i = 0; i < n; ++i) {
        const CompareBar& b = s.bars[s.bars.size() - n + i];
        const float bx = left + slot * float(i), bw = std::min(slot * 0.6f, m.target);
        if (b.rating) {
            Widget bar{"bar:" + std::to_string(i), Look::Swatch};
            bar.focusable = false;
            const glm::vec3 c = tensionColour(*b.rating);
            bar.colour = {c.r, c.g, c.b, b.shown ? 1.0f : 0.55f};
            const float h = std::max(3.0f, chartH * float(*b.rating) / 10.0f);
            bar.rect = {bx + (slot - bw) * 0.5f, chartBottom - h, bw, h};
            screen.widgets.push_back(std::move(bar));
        }
        // "7 dec", or only the day where the bars stand close.
        const std::string label = f.measure(b.label, m.bodyPx * 0.85f) <= slot * 0.95f ? b.label : b.label.substr(0, b.label.find(' '));
        placeText(screen.lines, f, label, bx, chartBottom + m.gap * 0.3f, slot, m.bodyPx * 0.85f, 1, b.shown ? Tone::Strong : Tone::Dim,
                  Align::Centre);
    }
    return screen;
}

Screen layoutTake(const TakeState& s, int width, int height, const TextRenderer& f) {
    Screen screen = blank(width, height);
    const Metrics m = screenMetrics(width, height);
    const float W = float(width);
    const std::string& lang = s.lang;
    const float top = m.margin;
    const float right = headerButton(screen, f, m, "back", Look::Button, uiText(lang, "therapist.back"), W - m.margin, top);
    placeHeading(screen, f, s.title, m.margin, top, m.target, right - m.gap - m.margin, m.titlePx * 1.1f);
    const float colW = std::min(W - 2 * m.margin, m.bodyPx * 40.0f), x = (W - colW) * 0.5f;
    float y = top + m.target + m.gap * 1.5f;
    y = placeText(screen.lines, f, uiText(lang, "take.explain"), x, y, colW, m.bodyPx, 4, Tone::Normal) + m.gap;
    const bool busy = s.progress.has_value();
    // One row of choices per question, its question in words before it.
    auto row = [&](const std::string& question, const std::vector<std::pair<std::string, std::string>>& items, const std::string& chosen) {
        y = placeText(screen.lines, f, question, x, y, colW, m.bodyPx, 1, Tone::Dim) + m.gap * 0.3f;
        float cx = x;
        for (const auto& [id, label] : items) {
            const float bw = buttonWidth(f, label, m.bodyPx, m);
            if (cx + bw > x + colW && cx > x) {
                cx = x;
                y += m.target + m.gap * 0.4f;
            }
            Widget c{id, Look::Choice};
            c.rect = {cx, y, bw, m.target};
            c.selected = id == chosen;
            c.focusable = !busy;
            centreLabel(c, f, label, m.bodyPx, Tone::Normal);
            screen.widgets.push_back(std::move(c));
            cx += bw + m.gap * 0.5f;
        }
        y += m.target + m.gap;
    };
    std::vector<std::pair<std::string, std::string>> exercises;
    for (const auto& [id, title] : s.exercises) exercises.push_back({"take:ex:" + id, title});
    row(uiText(lang, "take.which"), exercises, "take:ex:" + s.exercise);
    row(uiText(lang, "take.length"), {{"take:len:short", uiText(lang, "home.length.short")}, {"take:len:long", uiText(lang, "home.length.long")}},
        "take:len:" + s.variant);
    row(uiText(lang, "take.form"), {{"take:form:video", uiText(lang, "take.video")}, {"take:form:audio", uiText(lang, "take.audio")}},
        "take:form:" + s.form);
    if (busy) {
        // The bar: how much of the session is made, never moving by itself.
        Widget track{"track", Look::Panel};
        track.focusable = false;
        track.rect = {x, y, colW, m.target * 0.5f};
        screen.widgets.push_back(std::move(track));
        Widget bar{"progress", Look::BarAfter};
        bar.focusable = false;
        bar.rect = {x, y, std::max(m.target * 0.5f, colW * float(*s.progress)), m.target * 0.5f};
        screen.widgets.push_back(std::move(bar));
        y += m.target * 0.5f + m.gap * 0.5f;
        placeText(screen.lines, f, fillIn(uiText(lang, "take.busy"), "percent", std::to_string(int(*s.progress * 100.0 + 0.5))), x, y, colW,
                  m.bodyPx, 1, Tone::Normal);
    } else {
        Widget go{"take:go", Look::Primary};
        const std::string label = uiText(lang, "take.go");
        const float bw = buttonWidth(f, label, m.titlePx, m) + m.titlePx;
        go.rect = {x + colW - bw, y, bw, m.target};
        centreLabel(go, f, label, m.titlePx, Tone::OnPrimary);
        screen.widgets.push_back(std::move(go));
        y += m.target + m.gap;
        if (!s.message.empty()) placeText(screen.lines, f, s.message, x, y, colW, m.bodyPx, 3, Tone::Strong);
    }
    return screen;
}

} // namespace soma::ui
