#include "ui/HistoryScreen.h"

#include "catalog/Catalog.h"

#include <algorithm>
#include <sstream>

namespace soma::ui {
namespace {

// "6 dec" / "6 Dec": the catalogue spells the months.
std::string dateText(const std::string& lang, const HistoryPoint& p) {
    std::istringstream in(uiText(lang, "history.months"));
    std::vector<std::string> months;
    for (std::string m; in >> m;) months.push_back(m);
    const std::string month = p.month >= 1 && p.month <= int(months.size()) ? months[size_t(p.month - 1)] : std::to_string(p.month);
    return std::to_string(p.day) + " " + month;
}

} // namespace

Screen layoutHistory(const HistoryState& s, int width, int height, const TextRenderer& f) {
    Screen screen;
    screen.width = width;
    screen.height = height;
    const Metrics m = screenMetrics(width, height);
    const float W = float(width), H = float(height);
    const std::string& lang = s.lang;

    const float headerTop = m.margin, headerH = m.target;
    placeText(screen.lines, f, uiText(lang, "history.title"), m.margin, headerTop + (headerH - f.lineHeight(m.headingPx)) * 0.5f,
              W * 0.6f, m.headingPx, 1, Tone::Strong);
    {
        Widget back{"back", Look::Primary};
        const std::string label = uiText(lang, "settings.done");
        const float bw = std::max(m.target * 2.0f, f.measure(label, m.titlePx) + m.titlePx * 2.0f);
        back.rect = {W - m.margin - bw, headerTop, bw, headerH};
        centreLabel(back, f, label, m.titlePx, Tone::OnPrimary);
        screen.widgets.push_back(std::move(back));
    }
    float y = headerTop + headerH + m.gap * 1.5f;
    if (s.series.empty()) {
        placeText(screen.lines, f, uiText(lang, "history.empty"), m.margin, y, W - 2 * m.margin, m.bodyPx, 4, Tone::Normal);
        return screen;
    }
    // Which exercise: a row of choices, wrapping where the screen is narrow.
    const HistorySeries* chosen = &s.series.front();
    for (const auto& series : s.series)
        if (series.exercise == s.chosen) chosen = &series;
    float x = m.margin;
    for (const auto& series : s.series) {
        const float bw = std::max(m.target, f.measure(series.title, m.bodyPx) + m.bodyPx * 1.6f);
        if (x + bw > W - m.margin && x > m.margin) {
            x = m.margin;
            y += m.target + m.gap * 0.5f;
        }
        Widget c{"series:" + series.exercise, Look::Choice};
        c.rect = {x, y, bw, m.target};
        c.selected = &series == chosen;
        centreLabel(c, f, series.title, m.bodyPx, Tone::Normal);
        screen.widgets.push_back(std::move(c));
        x += bw + m.gap * 0.5f;
    }
    y += m.target + m.gap * 1.5f;

    // The legend, then the chart under it.
    const float swatch = m.bodyPx * 0.8f, lh = f.lineHeight(m.bodyPx);
    float lx = m.margin;
    for (const auto& [look, key] : {std::pair{Look::BarBefore, "history.before"}, std::pair{Look::BarAfter, "history.after"}}) {
        Widget sw{std::string("legend:") + key, look};
        sw.focusable = false;
        sw.rect = {lx, y + (lh - swatch) * 0.5f, swatch, swatch};
        screen.widgets.push_back(std::move(sw));
        lx += swatch + m.gap * 0.5f;
        placeText(screen.lines, f, uiText(lang, key), lx, y, W * 0.3f, m.bodyPx, 1, Tone::Normal);
        lx += f.measure(uiText(lang, key), m.bodyPx) + m.gap * 1.5f;
    }
    y += lh + m.gap;

    const float axisW = f.measure("10", m.bodyPx) + m.gap;
    const float chartX = m.margin + axisW, chartW = W - m.margin - chartX;
    const float dateH = lh + m.gap * 0.5f;
    const float chartTop = y + lh * 0.5f, chartBottom = H - m.margin - dateH;
    const float chartH = std::max(m.target, chartBottom - chartTop);
    for (int level : {0, 5, 10}) {
        const float ly = chartBottom - chartH * float(level) / 10.0f;
        Widget rule{"rule:" + std::to_string(level), Look::Rule};
        rule.focusable = false;
        rule.rect = {chartX, ly - 0.75f, chartW, 1.5f};
        screen.widgets.push_back(std::move(rule));
        const std::string t = std::to_string(level);
        screen.lines.push_back({t, chartX - m.gap * 0.5f - f.measure(t, m.bodyPx), ly + f.ascent(m.bodyPx) * 0.4f, m.bodyPx, Tone::Dim});
    }
    const auto& pts = chosen->points;
    const size_t first = pts.size() > size_t(kHistoryBars) ? pts.size() - size_t(kHistoryBars) : 0;
    const float slot = chartW / float(kHistoryBars);
    const float barW = std::min(slot * 0.32f, m.target * 0.6f);
    for (size_t i = first; i < pts.size(); ++i) {
        const HistoryPoint& p = pts[i];
        const float cx = chartX + slot * (float(i - first) + 0.5f);
        auto bar = [&](const std::optional<int>& v, Look look, float bx, const char* which) {
            if (!v) return;
            Widget b{"bar:" + std::to_string(i) + ":" + which, look};
            b.focusable = false;
            const float bh = std::max(2.0f, chartH * float(*v) / 10.0f);
            b.rect = {bx, chartBottom - bh, barW, bh};
            screen.widgets.push_back(std::move(b));
        };
        bar(p.before, Look::BarBefore, cx - barW - 1.0f, "before");
        bar(p.after, Look::BarAfter, cx + 1.0f, "after");
        const std::string d = dateText(lang, p);
        placeText(screen.lines, f, d, cx - slot * 0.5f, chartBottom + m.gap * 0.5f, slot, m.bodyPx,
                  1, Tone::Dim, Align::Centre);
    }
    return screen;
}

} // namespace soma::ui
