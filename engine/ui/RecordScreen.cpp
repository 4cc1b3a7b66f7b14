#include "ui/RecordScreen.h"

#include "catalog/Catalog.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace soma::ui {
namespace {

template <class... Args>
std::string printed(const char* format, Args... args) {
    char buf[96];
    std::snprintf(buf, sizeof buf, format, args...);
    return buf;
}

// A button at (x, y) just wide enough for its words; returns its right edge.
float button(Screen& screen, const TextRenderer& f, const Metrics& m, std::string id, Look look, const std::string& label, float x,
             float y, bool selected = false, bool enabled = true) {
    const float px = look == Look::Primary ? m.titlePx : m.bodyPx;
    Widget w{std::move(id), look};
    const float bw = buttonWidth(f, label, px, m) + (look == Look::Primary ? px : 0.0f);
    w.rect = {x, y, bw, m.target};
    w.selected = selected;
    w.focusable = enabled;
    centreLabel(w, f, label, px, look == Look::Primary ? Tone::OnPrimary : enabled ? Tone::Normal : Tone::Dim);
    screen.widgets.push_back(std::move(w));
    return x + bw;
}

// The text to read, word by word, the words the figure lights up on in the
// strong tone; it gets smaller until it fits `maxLines`. Returns the y below.
float placeWords(Screen& screen, const TextRenderer& f, const std::vector<RecordWord>& words, float x, float top, float maxW, float px,
                 int maxLines) {
    for (; px > 10.0f; px *= 0.9f) {
        const float space = f.measure(" ", px);
        int lines = 1;
        float cx = 0;
        for (const RecordWord& w : words) {
            const float ww = f.measure(w.text, px);
            if (cx > 0 && cx + ww > maxW) {
                ++lines;
                cx = 0;
            }
            cx += ww + space;
        }
        if (lines <= maxLines) break;
    }
    const float space = f.measure(" ", px), lh = f.lineHeight(px) * 1.15f;
    float cx = 0, baseline = top + f.ascent(px);
    for (const RecordWord& w : words) {
        const float ww = f.measure(w.text, px);
        if (cx > 0 && cx + ww > maxW) {
            cx = 0;
            baseline += lh;
        }
        screen.lines.push_back({w.text, x + cx, baseline, px, w.lights ? Tone::Strong : Tone::Normal});
        if (w.lights) {
            // Underlined in the figure's own light: here it lights up.
            Widget line{"rec:lights", Look::Swatch};
            line.focusable = false;
            line.rect = {x + cx, baseline + px * 0.18f, ww, std::max(2.0f, px * 0.12f)};
            line.colour = {1.0f, 0.72f, 0.45f, 1.0f};
            screen.widgets.push_back(std::move(line));
        }
        cx += ww + space;
    }
    return baseline - f.ascent(px) + lh;
}

} // namespace

OverlayRect recordFigureRect(int width, int height) {
    const Metrics m = screenMetrics(width, height);
    const float W = float(width), H = float(height);
    const float top = m.margin + m.target + m.gap;
    const float h = H - top - m.margin;
    const float w = std::min(W * 0.3f, h * 0.6f);
    return {W - m.margin - w, top, w, h};
}

Screen layoutRecord(const RecordState& s, int width, int height, const TextRenderer& f) {
    Screen screen;
    screen.width = width;
    screen.height = height;
    const Metrics m = screenMetrics(width, height);
    const float W = float(width), H = float(height);
    const std::string& lang = s.lang;
    const float top = m.margin;
    const float right = headerButton(screen, f, m, "back", Look::Button, uiText(lang, "therapist.back"), W - m.margin, top);
    placeHeading(screen, f, uiText(lang, "record.title"), m.margin, top, m.target, right - m.gap - m.margin, m.headingPx);

    const OverlayRect fig = recordFigureRect(width, height);
    if (s.figure) {
        Widget w{"figure", Look::Panel};
        w.focusable = false;
        w.rect = fig;
        w.picture = s.figure;
        w.pictureRect = fig;
        screen.widgets.push_back(std::move(w));
    }
    const float x = m.margin, colW = fig.x - m.gap * 1.5f - x;
    const bool busy = s.recording || s.saving;
    float y = top + m.target + m.gap;
    y = placeText(screen.lines, f, uiText(lang, "record.explain"), x, y, colW, m.bodyPx * 0.9f, 3, Tone::Dim) + m.gap * 0.5f;

    // What to record: the exercise (one of many, stepped through), its language and length.
    {
        std::string title = s.exercise;
        for (const auto& [id, t] : s.exercises)
            if (id == s.exercise) title = t;
        float cx = button(screen, f, m, "rec:ex:prev", Look::Button, "‹", x, y, false, !busy);
        const float tw = std::min(colW * 0.42f, f.measure(title, m.bodyPx) + m.gap * 2);
        Widget t{"rec:exercise", Look::Panel};
        t.focusable = false;
        t.rect = {cx + m.gap * 0.25f, y, tw, m.target};
        centreLabel(t, f, title, m.bodyPx, Tone::Strong);
        screen.widgets.push_back(std::move(t));
        cx = button(screen, f, m, "rec:ex:next", Look::Button, "›", cx + tw + m.gap * 0.5f, y, false, !busy) + m.gap;
        for (const char* l : {"nl", "en"})
            cx = button(screen, f, m, std::string("rec:lang:") + l, Look::Choice, l == std::string("nl") ? "Nederlands" : "English", cx, y,
                        s.voiceLang == l, !busy) + m.gap * 0.3f;
        cx += m.gap * 0.7f;
        for (const char* v : {"short", "long"})
            cx = button(screen, f, m, std::string("rec:len:") + v, Look::Choice, uiText(lang, std::string("home.length.") + v), cx, y,
                        s.variant == v, !busy) + m.gap * 0.3f;
        y += m.target + m.gap;
    }

    if (s.count == 0) {
        placeText(screen.lines, f, uiText(lang, "record.none"), x, y, colW, m.bodyPx, 2, Tone::Normal);
        return screen;
    }
    {
        std::string head = fillIn(fillIn(uiText(lang, "record.count"), "n", std::to_string(s.index + 1)), "total", std::to_string(s.count));
        y = placeText(screen.lines, f, head + "  ·  " + s.status, x, y, colW, m.bodyPx, 1, Tone::Dim) + m.gap * 0.4f;
    }
    // The text, in a quiet panel.
    const float textTop = y;
    const float textH = std::max(m.target * 2, H * 0.24f);
    {
        Widget panel{"rec:text", Look::Panel};
        panel.focusable = false;
        panel.rect = {x, textTop, colW, textH};
        screen.widgets.push_back(std::move(panel));
        const float pad = m.gap;
        const int maxLines = std::max(2, int((textH - 2 * pad) / (f.lineHeight(m.bodyPx * 1.15f) * 1.15f)));
        placeWords(screen, f, s.words, x + pad, textTop + pad, colW - 2 * pad, m.bodyPx * 1.15f, maxLines);
    }
    y = textTop + textH + m.gap;

    // Record (or stop), listen, the meter while recording; previous and next at the right.
    {
        const std::string recLabel = uiText(lang, s.recording ? "record.stop" : s.recorded ? "record.again" : "record.start");
        float cx = button(screen, f, m, "rec:record", Look::Primary, recLabel, x, y, false, s.canRecord && !s.saving) + m.gap * 0.5f;
        if (s.recorded && !busy) cx = button(screen, f, m, "rec:listen", Look::Button, uiText(lang, "record.listen"), cx, y) + m.gap * 0.5f;
        const float nextW = buttonWidth(f, uiText(lang, "record.next"), m.bodyPx, m);
        const float prevW = buttonWidth(f, uiText(lang, "record.prev"), m.bodyPx, m);
        const float navX = x + colW - nextW - prevW - m.gap * 0.5f;
        if (s.recording) {
            // The meter: -60 dBFS to 0, the level where a voice should peak marked by the bar's end at -12.
            const float mw = std::max(m.target, navX - m.gap - cx - m.bodyPx * 3.5f);
            Widget track{"rec:meter", Look::Panel};
            track.focusable = false;
            track.rect = {cx, y + m.target * 0.3f, mw, m.target * 0.4f};
            screen.widgets.push_back(std::move(track));
            const float share = std::clamp((s.peakDb + 60.0f) / 60.0f, 0.0f, 1.0f);
            Widget bar{"rec:level", s.clipped ? Look::BarAfter : Look::BarBefore};
            bar.focusable = false;
            bar.rect = {cx, y + m.target * 0.3f, std::max(2.0f, mw * share), m.target * 0.4f};
            screen.widgets.push_back(std::move(bar));
            Widget guide{"rec:guide", Look::Rule};
            guide.focusable = false;
            guide.rect = {cx + mw * 0.8f, y + m.target * 0.2f, 2.0f, m.target * 0.6f};
            screen.widgets.push_back(std::move(guide));
            const int secs = int(s.seconds);
            placeText(screen.lines, f, printed("%d:%02d", secs / 60, secs % 60), cx + mw + m.gap * 0.5f,
                      y + (m.target - f.lineHeight(m.bodyPx)) * 0.5f, m.bodyPx * 3.5f, m.bodyPx, 1, Tone::Normal);
        }
        float nx = button(screen, f, m, "rec:prev", Look::Button, uiText(lang, "record.prev"), navX, y, false, !busy && s.index > 0);
        button(screen, f, m, "rec:next", Look::Button, uiText(lang, "record.next"), nx + m.gap * 0.5f, y, false, !busy && s.index + 1 < s.count);
        y += m.target + m.gap * 0.5f;
    }
    if (!s.message.empty()) y = placeText(screen.lines, f, s.message, x, y, colW, m.bodyPx, 2, Tone::Strong) + m.gap * 0.5f;

    // The moments the figure lights up, once recorded: choose one, move it, hear it.
    if (s.recorded && !busy && !s.moments.empty()) {
        y = placeText(screen.lines, f, uiText(lang, "record.marks"), x, y, colW, m.bodyPx, 1, Tone::Dim) + m.gap * 0.3f;
        float cx = x;
        for (const RecordMoment& mo : s.moments) {
            const std::string label = mo.label + printed(" %.2f s", mo.sec);
            const float bw = buttonWidth(f, label, m.bodyPx, m);
            if (cx + bw > x + colW && cx > x) {
                cx = x;
                y += m.target + m.gap * 0.3f;
            }
            if (y + m.target > H - m.margin - m.target - m.gap * 0.3f) break; // the nudge row keeps its place
            cx = button(screen, f, m, "rec:mark:" + mo.name, Look::Choice, label, cx, y, mo.name == s.chosen) + m.gap * 0.3f;
        }
        y += m.target + m.gap * 0.3f;
        if (!s.chosen.empty()) {
            float bx = x;
            for (const char* d : {"-50", "-10", "10", "50"}) {
                const std::string label = printed("%s%s ms", d[0] == '-' ? "" : "+", d);
                bx = button(screen, f, m, std::string("rec:nudge:") + d, Look::Button, label, bx, y) + m.gap * 0.3f;
            }
            button(screen, f, m, "rec:hear", Look::Button, uiText(lang, "record.hear"), bx + m.gap * 0.5f, y);
        }
    }
    return screen;
}

} // namespace soma::ui
