#include "ui/HomeScreen.h"

#include "catalog/Catalog.h"

#include <algorithm>
#include <cmath>

namespace soma::ui {
namespace {

const HomeCard* chosenCard(const HomeState& s) {
    for (const auto& c : s.cards)
        if (c.id == s.exercise) return &c;
    return s.cards.empty() ? nullptr : &s.cards.front();
}

} // namespace

std::string lengthText(const std::string& lang, const HomeCard& card, const std::string& variant) {
    const auto it = card.seconds.find(variant);
    if (it == card.seconds.end()) return "…";
    const int minutes = std::max(1, int(std::lround(it->second / 60.0)));
    return fillIn(uiText(lang, "home.minutes"), "minutes", std::to_string(minutes));
}

Screen layoutHome(const HomeState& s, int width, int height, const TextRenderer& f) {
    Screen screen;
    screen.width = width;
    screen.height = height;
    const Metrics m = screenMetrics(width, height);
    const float W = float(width), H = float(height);
    const std::string& lang = s.lang;

    // The header: the name on the left, the languages and the settings on the right.
    const float headerTop = m.margin, headerH = m.target;
    placeText(screen.lines, f, "Soma", m.margin, headerTop + (headerH - f.lineHeight(m.headingPx)) * 0.5f, W * 0.3f, m.headingPx, 1,
              Tone::Strong);
    float x = W - m.margin;
    for (const char* id : {"settings", "history", "therapist"}) {
        const std::string label = uiText(lang, std::string("home.") + id);
        Widget w{id, Look::Button};
        const float bw = buttonWidth(f, label, m.bodyPx, m);
        x -= bw;
        w.rect = {x, headerTop, bw, headerH};
        centreLabel(w, f, label, m.bodyPx, Tone::Normal);
        screen.widgets.push_back(std::move(w));
        x -= id == std::string("therapist") ? m.gap * 2 : m.gap * 0.5f;
    }
    for (size_t i = s.languages.size(); i-- > 0;) {
        const std::string& tag = s.languages[i];
        const std::string label = uiText(tag, "language.name"); // each language in its own words
        Widget w{"lang:" + tag, Look::Choice};
        const float bw = buttonWidth(f, label, m.bodyPx, m);
        x -= bw;
        w.rect = {x, headerTop, bw, headerH};
        w.selected = tag == lang;
        centreLabel(w, f, label, m.bodyPx, Tone::Normal);
        screen.widgets.push_back(std::move(w));
        x -= m.gap * 0.5f;
    }

    // The note at the foot of every home screen.
    const float noteH = f.lineHeight(m.bodyPx);
    const float noteTop = H - m.margin - noteH;
    placeText(screen.lines, f, uiText(lang, "home.note"), m.margin, noteTop, W - 2 * m.margin, m.bodyPx, 1, Tone::Dim, Align::Centre);

    // The cards and the chosen exercise beside them (below them on a tall screen).
    const float top = headerTop + headerH + m.gap * 1.5f, bottom = noteTop - m.gap;
    const bool wide = W >= H * 1.2f;
    const int n = int(s.cards.size());
    // Two columns while the titles fit beside their pictures (ten exercises
    // in five rows), three beyond that, the cards' side a little wider and
    // their pictures narrower so the lengths still fit beside them.
    const int cols = n > 10 ? 3 : 2, rows = std::max(1, (n + cols - 1) / cols);
    OverlayRect grid, detail;
    if (wide) {
        const float gw = (W - 2 * m.margin - m.gap * 1.5f) * (cols == 3 ? 0.64f : 0.58f);
        grid = {m.margin, top, gw, bottom - top};
        detail = {m.margin + gw + m.gap * 1.5f, top, W - 2 * m.margin - gw - m.gap * 1.5f, bottom - top};
    } else {
        const float gh = (bottom - top - m.gap * 1.5f) * 0.55f;
        grid = {m.margin, top, W - 2 * m.margin, gh};
        detail = {m.margin, top + gh + m.gap * 1.5f, W - 2 * m.margin, bottom - top - gh - m.gap * 1.5f};
    }
    const float cw = (grid.w - m.gap * float(cols - 1)) / float(cols);
    const float ch = std::max(m.target, (grid.h - m.gap * float(rows - 1)) / float(rows));
    const float cardTitlePx = m.bodyPx * 1.1f;
    for (int i = 0; i < n; ++i) {
        const HomeCard& c = s.cards[size_t(i)];
        Widget w{"card:" + c.id, Look::Card};
        w.rect = {grid.x + float(i % cols) * (cw + m.gap), grid.y + float(i / cols) * (ch + m.gap), cw, ch};
        w.selected = c.id == s.exercise;
        const float pad = std::max(6.0f, m.gap * 0.6f);
        float textX = w.rect.x + pad * 1.4f;
        if (c.picture) {
            const float ph = w.rect.h - 2 * pad, pw = std::min(ph * 1.1f, w.rect.w * (cols == 3 ? 0.24f : 0.34f));
            w.picture = c.picture;
            w.pictureRect = {w.rect.x + pad, w.rect.y + pad, pw, ph};
            textX = w.pictureRect.x + pw + pad * 1.4f;
        }
        const float textW = w.rect.x + w.rect.w - pad * 1.4f - textX;
        const std::string lengths = [&] {
            std::string t;
            for (const auto& v : c.variants) t += (t.empty() ? "" : " · ") + lengthText(lang, c, v);
            return t;
        }();
        // Title and lengths as one block, centred in the card's height.
        const int titleLines = int(f.wrap(c.title, cardTitlePx, textW, 3).size());
        const float blockH = f.lineHeight(cardTitlePx) * float(titleLines) + m.gap * 0.4f + f.lineHeight(m.bodyPx);
        float y = w.rect.y + std::max(pad, (w.rect.h - blockH) * 0.5f);
        y = placeText(w.lines, f, c.title, textX, y, textW, cardTitlePx, 3, Tone::Strong);
        placeText(w.lines, f, lengths, textX, y + m.gap * 0.4f, textW, m.bodyPx, 1, Tone::Dim);
        screen.widgets.push_back(std::move(w));
    }

    // The chosen exercise: what it is, how long, and Start.
    Widget panel{"detail", Look::Panel};
    panel.rect = detail;
    panel.focusable = false;
    const float pad = m.gap * 1.4f;
    const float innerX = detail.x + pad, innerW = detail.w - 2 * pad;
    const float startH = std::max(m.target, m.target * 1.15f);
    const float choiceH = m.target;
    const float startTop = detail.y + detail.h - pad - startH;
    const float choiceTop = startTop - m.gap - choiceH;
    std::vector<Widget> controls;
    if (const HomeCard* c = chosenCard(s)) {
        float y = detail.y + pad;
        y = placeText(panel.lines, f, c->title, innerX, y, innerW, m.headingPx * 0.85f, 2, Tone::Strong);
        y += m.gap * 0.6f;
        // As much of the sentence as the panel holds above the choices.
        // A problem is said just above the lengths; the sentence keeps to the room above it.
        const float msgLines = s.message.empty() ? 0.0f : float(f.wrap(s.message, m.bodyPx, innerW - pad, 4).size());
        const float msgH = msgLines > 0 ? f.lineHeight(m.bodyPx) * msgLines + pad * 0.5f : 0.0f;
        const float textBottom = choiceTop - m.gap - (msgH > 0 ? msgH + m.gap : 0.0f);
        const int room = std::max(1, int((textBottom - y) / f.lineHeight(m.bodyPx)));
        y = placeText(panel.lines, f, c->summary, innerX, y, innerW, m.bodyPx, room, Tone::Normal);
        // The card's picture again, larger, where the panel has room for it.
        const float ph = textBottom - m.gap * 0.5f - (y + m.gap), pw = std::min(innerW, ph * 0.9f);
        if (c->picture && ph >= m.target * 2.0f) {
            panel.picture = c->picture;
            panel.pictureRect = {innerX + (innerW - pw) * 0.5f, y + m.gap, pw, ph};
        }
        const float chw = (innerW - m.gap * float(c->variants.size() - 1)) / float(std::max<size_t>(1, c->variants.size()));
        for (size_t i = 0; i < c->variants.size(); ++i) {
            const std::string& v = c->variants[i];
            Widget w{"length:" + v, Look::Choice};
            w.rect = {innerX + float(i) * (chw + m.gap), choiceTop, chw, choiceH};
            w.selected = v == s.variant;
            const std::string name = uiText(lang, "home.length." + v);
            centreLabel(w, f, name + " · " + lengthText(lang, *c, v), m.bodyPx, Tone::Normal);
            controls.push_back(std::move(w));
        }
        Widget start{"start", Look::Primary};
        // With a headset at hand, the same session in it, beside Start.
        const float headsetW = s.headset ? (innerW - m.gap) * 0.42f : 0.0f;
        start.rect = {innerX, startTop, innerW - (s.headset ? headsetW + m.gap : 0.0f), startH};
        centreLabel(start, f, uiText(lang, s.preparing ? "home.preparing" : "home.start"), m.titlePx, Tone::OnPrimary);
        controls.push_back(std::move(start));
        if (s.headset) {
            Widget vr{"start-headset", Look::Choice};
            vr.rect = {innerX + innerW - headsetW, startTop, headsetW, startH};
            centreLabel(vr, f, uiText(lang, "home.start_headset"), m.bodyPx, Tone::Normal);
            controls.push_back(std::move(vr));
        }
        if (msgH > 0) {
            Widget msg{"message", Look::Panel};
            msg.focusable = false;
            msg.rect = {innerX, choiceTop - m.gap - msgH, innerW, msgH};
            placeText(msg.lines, f, s.message, innerX + pad * 0.5f, msg.rect.y + pad * 0.25f, innerW - pad, m.bodyPx, 4, Tone::Strong);
            controls.push_back(std::move(msg));
        }
    } else {
        placeText(panel.lines, f, uiText(lang, "home.no_exercises"), innerX, detail.y + pad, innerW, m.bodyPx, 4, Tone::Normal);
    }
    screen.widgets.push_back(std::move(panel));
    for (auto& w : controls) screen.widgets.push_back(std::move(w));
    return screen;
}

} // namespace soma::ui
