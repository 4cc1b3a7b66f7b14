#include "ui/CheckInScreen.h"

#include "catalog/Catalog.h"

#include <algorithm>

namespace soma::ui {
Screen layoutCheckIn(const CheckInState& s, int width, int height, const TextRenderer& f) {
    Screen screen;
    screen.width = width;
    screen.height = height;
    const Metrics m = screenMetrics(width, height);
    const float W = float(width), H = float(height);
    const std::string& lang = s.lang;

    // The buttons along the foot: Skip on the left, Continue on the right.
    const float footH = m.target, footTop = H - m.margin - footH;
    {
        Widget skip{"skip", Look::Button};
        const std::string label = uiText(lang, "checkin.skip");
        const float bw = std::max(m.target * 2.0f, f.measure(label, m.bodyPx) + m.bodyPx * 2.0f);
        skip.rect = {m.margin, footTop, bw, footH};
        centreLabel(skip, f, label, m.bodyPx, Tone::Normal);
        screen.widgets.push_back(std::move(skip));
        Widget go{"continue", Look::Primary};
        const std::string goLabel = uiText(lang, s.waiting ? "home.preparing" : s.after ? "checkin.done" : "checkin.begin");
        const float gw = std::max(m.target * 3.0f, f.measure(goLabel, m.titlePx) + m.titlePx * 2.0f);
        go.rect = {W - m.margin - gw, footTop, gw, footH};
        centreLabel(go, f, goLabel, m.titlePx, Tone::OnPrimary);
        screen.widgets.push_back(std::move(go));
    }

    // The figure on the right, the question and the scale on the left.
    const float top = m.margin;
    const float figH = footTop - m.gap - top, figW = std::min(figH * 0.9f, W * 0.3f);
    const float figX = W - m.margin - figW;
    if (s.figure) {
        Widget fig{"figure", Look::Panel};
        fig.focusable = false;
        fig.pointOnly = true;
        fig.rect = {figX, top, figW, figH};
        fig.picture = s.figure;
        fig.pictureRect = fig.rect;
        screen.widgets.push_back(std::move(fig));
    }
    const float leftW = (s.figure ? figX - m.gap * 2 : W - m.margin) - m.margin;
    float y = top;
    y = placeText(screen.lines, f, uiText(lang, s.after ? "checkin.question_after" : "checkin.question"), m.margin, y, leftW,
                  m.headingPx * 0.85f, 2, Tone::Strong);
    y = placeText(screen.lines, f, uiText(lang, "checkin.invitation"), m.margin, y + m.gap * 0.5f, leftW, m.bodyPx, 3, Tone::Dim);

    // 0 to 10 in one row where there is room, else two.
    const float gap = m.gap * 0.5f;
    const int perRow = (leftW - 10 * gap) / 11.0f >= m.target ? 11 : 6;
    const float side = std::max(m.target, std::min((leftW - float(perRow - 1) * gap) / float(perRow), m.target * 1.4f));
    float rowTop = y + m.gap * 1.5f;
    for (int v = 0; v <= 10; ++v) {
        const int col = v % perRow, row = v / perRow;
        Widget b{"level:" + std::to_string(v), Look::Choice};
        b.rect = {m.margin + float(col) * (side + gap), rowTop + float(row) * (side + gap), side, side};
        b.selected = s.level && *s.level == v;
        centreLabel(b, f, std::to_string(v), m.titlePx, Tone::Strong);
        screen.widgets.push_back(std::move(b));
    }
    const int rows = (10 / perRow) + 1;
    y = rowTop + float(rows) * (side + gap);
    // The ends of the scale in words, under 0 and under 10.
    const std::string none = uiText(lang, "checkin.none"), lots = uiText(lang, "checkin.a_lot");
    const float lineTop = y + gap;
    placeText(screen.lines, f, none, m.margin, lineTop, leftW * 0.45f, m.bodyPx, 1, Tone::Dim);
    const float lotsW = f.measure(lots, m.bodyPx);
    const float rowRight = m.margin + float(perRow) * (side + gap) - gap;
    placeText(screen.lines, f, lots, std::max(m.margin + leftW * 0.5f, rowRight - lotsW), lineTop, leftW * 0.45f, m.bodyPx, 1, Tone::Dim);
    y = lineTop + f.lineHeight(m.bodyPx) + m.gap * 1.5f;
    if (s.figure) {
        const std::string where = s.regionName.empty() ? uiText(lang, "checkin.where")
                                                       : fillIn(uiText(lang, "checkin.where_chosen"), "region", s.regionName);
        placeText(screen.lines, f, where, m.margin, y, leftW, m.bodyPx, 2, s.regionName.empty() ? Tone::Dim : Tone::Strong);
    }
    return screen;
}

} // namespace soma::ui
