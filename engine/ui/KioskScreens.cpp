#include "ui/KioskScreens.h"

#include "catalog/Catalog.h"

#include <algorithm>

namespace soma::ui {
namespace {

// The languages, right to left from `right`, each in its own words; returns the left edge.
float languageButtons(Screen& screen, const KioskState& s, const TextRenderer& f, const Metrics& m, float right, float top) {
    float x = right;
    for (size_t i = s.languages.size(); i-- > 0;) {
        const std::string& tag = s.languages[i];
        const std::string label = uiText(tag, "language.name");
        Widget w{"lang:" + tag, Look::Choice};
        const float bw = buttonWidth(f, label, m.bodyPx, m);
        x -= bw;
        w.rect = {x, top, bw, m.target};
        w.selected = tag == s.lang;
        centreLabel(w, f, label, m.bodyPx, Tone::Normal);
        screen.widgets.push_back(std::move(w));
        x -= m.gap * 0.5f;
    }
    return x;
}

// The foot of every visitor's screen: not medical treatment, and what is kept.
float footNote(Screen& screen, const KioskState& s, const TextRenderer& f, const Metrics& m) {
    const float W = float(screen.width), H = float(screen.height);
    const float lineH = f.lineHeight(m.bodyPx);
    const float top = H - m.margin - lineH * 2.0f;
    const std::string privacy = uiText(s.lang, s.anonymousCounts ? "kiosk.privacy_counts" : "kiosk.privacy");
    float y = placeText(screen.lines, f, uiText(s.lang, "home.note"), m.margin, top, W - 2 * m.margin, m.bodyPx, 1, Tone::Dim, Align::Centre);
    placeText(screen.lines, f, privacy, m.margin, y, W - 2 * m.margin, m.bodyPx, 1, Tone::Dim, Align::Centre);
    return top;
}

Screen blankScreen(int width, int height) {
    Screen screen;
    screen.width = width;
    screen.height = height;
    return screen;
}

} // namespace

Screen layoutAttract(const KioskState& s, int width, int height, const TextRenderer& f) {
    Screen screen = blankScreen(width, height);
    const Metrics m = screenMetrics(width, height);
    const float W = float(width), H = float(height);
    languageButtons(screen, s, f, m, W - m.margin, m.margin);
    const float foot = footNote(screen, s, f, m);
    const bool wide = W >= H;
    // The figure on the left (above on a tall screen), the invitation beside it.
    const float top = m.margin + m.target + m.gap, bottom = foot - m.gap;
    OverlayRect fig, words;
    if (wide) {
        const float fw = std::min((bottom - top) * 0.8f, W * 0.45f);
        fig = {W * 0.5f - fw - m.gap * 2.0f, top, fw, bottom - top};
        words = {W * 0.5f + m.gap, top, W * 0.5f - m.gap - m.margin, bottom - top};
    } else {
        const float fh = (bottom - top) * 0.6f;
        fig = {(W - fh * 0.8f) * 0.5f, top, fh * 0.8f, fh};
        words = {m.margin, top + fh + m.gap, W - 2 * m.margin, bottom - top - fh - m.gap};
    }
    Widget figure{"figure", Look::Panel};
    figure.focusable = false;
    figure.pointOnly = true;
    figure.rect = fig;
    figure.picture = s.figure;
    figure.pictureRect = fig;
    screen.widgets.push_back(std::move(figure));

    const float bigPx = m.headingPx * 1.25f;
    const std::string touch = uiText(s.lang, "kiosk.touch");
    const std::string welcome = uiText(s.lang, "kiosk.welcome");
    const float blockH = f.lineHeight(bigPx) * float(f.wrap(touch, bigPx, words.w, 3).size()) + m.gap * 1.5f +
                         f.lineHeight(m.titlePx) * float(f.wrap(welcome, m.titlePx, words.w, 4).size());
    float y = words.y + std::max(0.0f, (words.h - blockH) * 0.5f);
    y = placeText(screen.lines, f, touch, words.x, y, words.w, bigPx, 3, Tone::Strong, wide ? Align::Left : Align::Centre);
    placeText(screen.lines, f, welcome, words.x, y + m.gap * 1.5f, words.w, m.titlePx, 4, Tone::Normal, wide ? Align::Left : Align::Centre);
    return screen;
}

Screen layoutKioskCards(const KioskState& s, int width, int height, const TextRenderer& f) {
    Screen screen = blankScreen(width, height);
    const Metrics m = screenMetrics(width, height);
    const float W = float(width);
    const std::string& lang = s.lang;

    const float headerTop = m.margin;
    float right = headerButton(screen, f, m, "back", Look::Button, uiText(lang, "kiosk.back"), W - m.margin, headerTop) - m.gap * 2.0f;
    right = languageButtons(screen, s, f, m, right, headerTop);
    placeHeading(screen, f, uiText(lang, "kiosk.choose"), m.margin, headerTop, m.target, right - 2 * m.margin, m.headingPx);
    const float foot = footNote(screen, s, f, m);

    // One row of large cards (two rows past four), each with its lengths as buttons.
    const float top = headerTop + m.target + m.gap * 1.5f;
    float bottom = foot - m.gap;
    if (!s.message.empty()) {
        const float msgH = f.lineHeight(m.bodyPx) * 2.0f + m.gap;
        Widget msg{"message", Look::Panel};
        msg.focusable = false;
        msg.rect = {m.margin, bottom - msgH, W - 2 * m.margin, msgH};
        placeText(msg.lines, f, s.message, msg.rect.x + m.gap, msg.rect.y + m.gap * 0.5f, msg.rect.w - 2 * m.gap, m.bodyPx, 2, Tone::Strong,
                  Align::Centre);
        screen.widgets.push_back(std::move(msg));
        bottom -= msgH + m.gap;
    }
    const int n = int(s.cards.size());
    const int rows = n > 4 ? 2 : 1, cols = std::max(1, (n + rows - 1) / rows);
    const float cw = (W - 2 * m.margin - m.gap * float(cols - 1)) / float(cols);
    const float ch = (bottom - top - m.gap * float(rows - 1)) / float(rows);
    const float pad = m.gap;
    const float buttonH = std::max(m.target * 1.2f, 64.0f * m.unit);
    for (int i = 0; i < n; ++i) {
        const HomeCard& c = s.cards[size_t(i)];
        Widget card{"card:" + c.id, Look::Card};
        card.focusable = false;
        card.rect = {m.margin + float(i % cols) * (cw + m.gap), top + float(i / cols) * (ch + m.gap), cw, ch};
        const float innerX = card.rect.x + pad, innerW = card.rect.w - 2 * pad;
        const int nv = int(c.variants.size());
        const float buttonsTop = card.rect.y + card.rect.h - pad - buttonH * float(nv) - m.gap * 0.5f * float(std::max(0, nv - 1));
        float y = card.rect.y + pad;
        y = placeText(card.lines, f, c.title, innerX, y, innerW, m.titlePx * 1.1f, 2, Tone::Strong, Align::Centre);
        const float summaryTop = y + m.gap * 0.3f;
        const int summaryLines = rows == 1 ? 3 : 2;
        const float summaryH = f.lineHeight(m.bodyPx) * float(f.wrap(c.summary, m.bodyPx, innerW, summaryLines).size());
        // The pose between the words and the buttons, as large as there is room.
        const float picTop = summaryTop + summaryH + m.gap * 0.5f, picH = buttonsTop - m.gap * 0.5f - picTop;
        placeText(card.lines, f, c.summary, innerX, summaryTop, innerW, m.bodyPx, summaryLines, Tone::Normal, Align::Centre);
        if (c.picture && picH >= m.target) {
            const float pw = std::min(innerW, picH * 0.9f);
            card.picture = c.picture;
            card.pictureRect = {innerX + (innerW - pw) * 0.5f, picTop, pw, picH};
        }
        screen.widgets.push_back(std::move(card));
        for (int v = 0; v < nv; ++v) {
            const std::string& variant = c.variants[size_t(v)];
            const std::string id = "begin:" + c.id + ":" + variant;
            Widget b{id, Look::Primary};
            b.rect = {innerX, buttonsTop + float(v) * (buttonH + m.gap * 0.5f), innerW, buttonH};
            const std::string label = s.preparing == c.id + ":" + variant
                                          ? uiText(lang, "home.preparing")
                                          : uiText(lang, "home.length." + variant) + " · " + lengthText(lang, c, variant);
            centreLabel(b, f, label, m.titlePx, Tone::OnPrimary);
            screen.widgets.push_back(std::move(b));
        }
    }
    return screen;
}

Screen layoutPinPad(const KioskState& s, int width, int height, const TextRenderer& f) {
    Screen screen = blankScreen(width, height);
    const Metrics m = screenMetrics(width, height);
    const float W = float(width), H = float(height);
    const std::string& lang = s.lang;
    // Keys as large as a fingertip wants, in a block centred on the screen.
    const float key = std::max(m.target * 1.3f, std::min(W, H) * 0.11f);
    const float padW = key * 3 + m.gap * 2;
    const float x0 = (W - padW) * 0.5f;
    float y = m.margin;
    y = placeText(screen.lines, f, uiText(lang, "kiosk.pin.title"), m.margin, y, W - 2 * m.margin, m.headingPx, 1, Tone::Strong, Align::Centre);
    Widget field{"pin", Look::Field};
    field.focusable = false;
    field.rect = {x0, y + m.gap, padW, m.target};
    const std::string dots = [&] {
        std::string d;
        for (int i = 0; i < s.pinDigits; ++i) d += "\xE2\x80\xA2 "; // a dot a digit, never the digit
        return d;
    }();
    centreLabel(field, f, dots, m.headingPx, Tone::Strong);
    screen.widgets.push_back(std::move(field));
    y += m.gap + m.target + m.gap * 0.5f;
    const std::string said = s.pinMessage.empty() ? std::string(" ") : s.pinMessage;
    y = placeText(screen.lines, f, said, m.margin, y, W - 2 * m.margin, m.bodyPx, 1, Tone::Strong, Align::Centre) + m.gap * 0.5f;
    const char* keys[4][3] = {{"1", "2", "3"}, {"4", "5", "6"}, {"7", "8", "9"}, {"erase", "0", "pin-ok"}};
    for (int r = 0; r < 4; ++r)
        for (int c = 0; c < 3; ++c) {
            const std::string k = keys[r][c];
            const bool digit = k.size() == 1;
            Widget w{digit ? "digit:" + k : k, k == "pin-ok" ? Look::Primary : Look::Button};
            w.rect = {x0 + float(c) * (key + m.gap), y + float(r) * (key * 0.8f + m.gap), key, key * 0.8f};
            const std::string label = digit ? k : uiText(lang, k == "erase" ? "kiosk.pin.erase" : "kiosk.pin.ok");
            centreLabel(w, f, label, digit ? m.headingPx : m.bodyPx, k == "pin-ok" ? Tone::OnPrimary : Tone::Normal);
            screen.widgets.push_back(std::move(w));
        }
    const float cancelTop = y + 4 * (key * 0.8f + m.gap);
    Widget cancel{"pin-cancel", Look::Button};
    cancel.rect = {x0, std::min(cancelTop, H - m.margin - m.target), padW, m.target};
    centreLabel(cancel, f, uiText(lang, "kiosk.pin.cancel"), m.bodyPx, Tone::Normal);
    screen.widgets.push_back(std::move(cancel));
    return screen;
}

void addIdleWarning(Screen& screen, const std::string& lang, int secondsLeft, const TextRenderer& f) {
    // What was there makes way: a calm page with two sentences, not a box
    // that pops up over busy content.
    const Metrics m = screenMetrics(screen.width, screen.height);
    const float W = float(screen.width), H = float(screen.height);
    screen.widgets.clear();
    screen.lines.clear();
    screen.focus.clear();
    Widget panel{"warning", Look::Panel};
    panel.focusable = false;
    panel.rect = {m.margin, m.margin, W - 2 * m.margin, H - 2 * m.margin};
    const std::string ask = uiText(lang, "kiosk.still_there");
    const std::string left = fillIn(uiText(lang, "kiosk.warning"), "seconds", std::to_string(std::max(0, secondsLeft)));
    const float innerW = panel.rect.w - 4 * m.gap;
    const float blockH = f.lineHeight(m.headingPx * 1.25f) + m.gap + f.lineHeight(m.titlePx) * float(f.wrap(left, m.titlePx, innerW, 3).size());
    float y = (H - blockH) * 0.5f;
    y = placeText(panel.lines, f, ask, panel.rect.x + 2 * m.gap, y, innerW, m.headingPx * 1.25f, 1, Tone::Strong, Align::Centre);
    placeText(panel.lines, f, left, panel.rect.x + 2 * m.gap, y + m.gap, innerW, m.titlePx, 3, Tone::Normal, Align::Centre);
    screen.widgets.push_back(std::move(panel));
}

} // namespace soma::ui
