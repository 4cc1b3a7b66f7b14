#include "ui/SettingsScreen.h"

#include "catalog/Catalog.h"

#include <algorithm>
#include <cmath>

namespace soma::ui {
namespace {

bool isNumber(const std::string& key) { return settingChoices(key).empty(); }

} // namespace

std::string settingValueText(const std::string& lang, const Settings& s, const std::string& key) {
    const std::string v = settingText(s, key);
    if (v == "true" || v == "false") return uiText(lang, v == "true" ? "settings.on" : "settings.off");
    if (key == "language") return v == "system" ? uiText(lang, "settings.language.system") : uiText(v, "language.name");
    if (key == "voice_rate") return fillIn(uiText(lang, "settings.words_per_minute"), "wpm", v);
    if (key == "voice_volume" || key == "ambience_volume")
        return std::to_string(int(std::lround(std::strtod(v.c_str(), nullptr) * 100.0))) + "%";
    return uiText(lang, "settings." + key + "." + v);
}

Screen layoutSettings(const Settings& settings, const std::string& lang, const std::string& problem, int width, int height,
                      const TextRenderer& f) {
    Screen screen;
    screen.width = width;
    screen.height = height;
    const Metrics m = screenMetrics(width, height);
    const float W = float(width), H = float(height);

    const float headerTop = m.margin, headerH = m.target;
    placeText(screen.lines, f, uiText(lang, "settings.title"), m.margin, headerTop + (headerH - f.lineHeight(m.headingPx)) * 0.5f,
              W * 0.6f, m.headingPx, 1, Tone::Strong);
    {
        const std::string label = uiText(lang, "settings.done");
        Widget done{"done", Look::Primary};
        const float bw = std::max(m.target * 2.0f, f.measure(label, m.titlePx) + m.titlePx * 2.0f);
        done.rect = {W - m.margin - bw, headerTop, bw, headerH};
        const float tw = f.measure(label, m.titlePx);
        done.lines.push_back({label, done.rect.x + (bw - tw) * 0.5f,
                              done.rect.y + (headerH - f.lineHeight(m.titlePx)) * 0.5f + f.ascent(m.titlePx), m.titlePx, Tone::OnPrimary});
        screen.widgets.push_back(std::move(done));
    }

    float bottom = H - m.margin;
    if (!problem.empty()) {
        const float ph = f.lineHeight(m.bodyPx) * 2;
        placeText(screen.lines, f, problem, m.margin, bottom - ph, W - 2 * m.margin, m.bodyPx, 2, Tone::Strong);
        bottom -= ph + m.gap;
    }
    const auto& keys = settingKeys();
    const bool wide = W >= H * 1.2f;
    const int cols = wide ? 2 : 1;
    const int rows = int((keys.size() + size_t(cols) - 1) / size_t(cols));
    const float top = headerTop + headerH + m.gap * 1.5f;
    const float colW = (W - 2 * m.margin - m.gap * 1.5f * float(cols - 1)) / float(cols);
    const float lines2 = f.lineHeight(m.bodyPx) * 2;
    const float rowH = std::max({m.target, lines2 + 8.0f, std::min((bottom - top - m.gap * 0.6f * float(rows - 1)) / float(rows), lines2 * 1.8f)});
    const float rowGap = std::min(m.gap * 0.6f, std::max(2.0f, (bottom - top - rowH * float(rows)) / float(std::max(1, rows - 1))));
    for (size_t i = 0; i < keys.size(); ++i) {
        const std::string& key = keys[i];
        const int col = int(i) / rows, row = int(i) % rows;
        Widget w{"setting:" + key, Look::Row};
        w.rect = {m.margin + float(col) * (colW + m.gap * 1.5f), top + float(row) * (rowH + rowGap), colW, rowH};
        const float pad = m.gap;
        float textRight = w.rect.x + w.rect.w - pad;
        std::vector<Widget> steppers;
        if (isNumber(key)) {
            // − and + for a finger, square targets at the row's right end.
            const float side = std::min(rowH, std::max(m.target, rowH - 8.0f));
            for (const char* which : {"more", "less"}) {
                Widget b{std::string(which) + ":" + key, Look::Button};
                b.focusable = false;
                b.pointOnly = true;
                textRight -= side;
                b.rect = {textRight, w.rect.y + (rowH - side) * 0.5f, side, side};
                const std::string sign = which == std::string("more") ? "+" : "–";
                const float tw = f.measure(sign, m.titlePx);
                b.lines.push_back({sign, b.rect.x + (side - tw) * 0.5f, b.rect.y + (side - f.lineHeight(m.titlePx)) * 0.5f + f.ascent(m.titlePx),
                                   m.titlePx, Tone::Strong});
                steppers.insert(steppers.begin(), std::move(b));
                textRight -= m.gap * 0.5f;
            }
        }
        const float textX = w.rect.x + pad, textW = textRight - textX;
        const float y = w.rect.y + (rowH - lines2) * 0.5f;
        placeText(w.lines, f, uiText(lang, "settings." + key), textX, y, textW, m.bodyPx, 1, Tone::Dim);
        placeText(w.lines, f, settingValueText(lang, settings, key), textX, y + lines2 * 0.5f, textW, m.bodyPx, 1, Tone::Strong);
        screen.widgets.push_back(std::move(w));
        for (auto& b : steppers) screen.widgets.push_back(std::move(b));
    }
    return screen;
}

} // namespace soma::ui
