#include "render/Overlay.h"

#include "core/Text.h"

#include <algorithm>
#include <cmath>

namespace soma {
namespace {

// Sizes follow the target height, so a 4K kiosk and a 720p laptop look alike.
float unit(int targetHeight) { return std::max(0.5f, float(targetHeight) / 720.0f); }
float captionPx(int h) { return std::clamp(float(h) * 0.042f, 14.0f, 84.0f); }
float statusPx(int h) { return std::clamp(float(h) * 0.026f, 13.0f, 52.0f); }
float buttonPx(int h) { return std::clamp(float(h) * 0.030f, 12.0f, 60.0f); }

float buttonHeight(int h) { return std::max(56.0f, 64.0f * unit(h)); }
// Widths from the label length in code points; the overlay centres the
// label, so an estimate is enough and layout needs no font.
float textWidthEstimate(const std::string& text, float px) { return float(decodeUtf8(text).size()) * px * 0.62f; }

} // namespace

std::vector<OverlayButton> layoutButtons(int targetWidth, int targetHeight, const std::vector<std::string>& ids,
                                         const std::vector<std::string>& labels) {
    const float u = unit(targetHeight);
    const float h = buttonHeight(targetHeight), gap = 16.0f * u, margin = 24.0f * u;
    const size_t n = ids.size();
    auto labelOf = [&](size_t i) -> const std::string& { return i < labels.size() ? labels[i] : ids[i]; };
    std::vector<float> widths;
    for (size_t i = 0; i < n; ++i) widths.push_back(std::max(h * 2.0f, textWidthEstimate(labelOf(i), buttonPx(targetHeight)) + h));
    auto rowWidth = [&](size_t from, size_t to) {
        float total = 0;
        for (size_t i = from; i < to; ++i) total += widths[i] + (i > from ? gap : 0.0f);
        return total;
    };
    // Two rows rather than labels squeezed out of their buttons: a narrow
    // kiosk screen keeps every word whole and every target large.
    const float avail = float(targetWidth) - 2 * margin;
    size_t split = n;
    if (n > 1 && rowWidth(0, n) > avail) {
        float best = rowWidth(0, n);
        for (size_t k = 1; k < n; ++k)
            if (const float wider = std::max(rowWidth(0, k), rowWidth(k, n)); wider < best) best = wider, split = k;
    }
    std::vector<OverlayButton> out(n);
    float y = margin;
    for (auto [from, to] : {std::pair{size_t(0), split}, std::pair{split, n}}) {
        if (from >= to) continue;
        // Only a row that cannot fit even so shrinks rather than leave the screen.
        const float total = rowWidth(from, to);
        const float squeeze = total > avail ? avail / total : 1.0f;
        float x = float(targetWidth) - margin;
        for (size_t i = to; i-- > from;) {
            const float w = widths[i] * squeeze;
            x -= w;
            out[i] = OverlayButton{ids[i], labelOf(i), {x, y, w, h}, true};
            x -= gap * squeeze;
        }
        y += h + gap;
    }
    return out;
}

OverlayPanel layoutPanel(int targetWidth, int targetHeight, const std::vector<OverlayButton>& buttons,
                         const std::vector<PanelRowDesc>& rows, const std::string& widestValue) {
    OverlayPanel p;
    if (rows.empty()) return p;
    const float u = unit(targetHeight), px = buttonPx(targetHeight);
    // As tall as the buttons above and a little wider: easy to hit, and
    // they look like what they are.
    const float bh = buttonHeight(targetHeight), bw = bh * 1.15f;
    const float pad = 14.0f * u, gap = 14.0f * u, rowGap = 10.0f * u, margin = 24.0f * u;
    float labelW = 0;
    for (const auto& r : rows) labelW = std::max(labelW, textWidthEstimate(r.label, px));
    const float valueW = std::max(bh, textWidthEstimate(widestValue, px) + px);
    // The labels sit further in than the round buttons, clear of the
    // panel's round corners.
    const float inset = pad + bh * 0.25f;
    const float w = inset + labelW + gap + bw + valueW + bw + pad;
    const float h = pad * 2 + float(rows.size()) * bh + float(rows.size() - 1) * rowGap;
    // Under the buttons and under the time left that Overlay::draw puts
    // 14 units below them (a line of status text, at most 1.5 of its size
    // high): what was on screen stays where it was.
    float buttonsBottom = margin;
    for (const auto& b : buttons) buttonsBottom = std::max(buttonsBottom, b.rect.y + b.rect.h);
    float top = buttonsBottom + 14.0f * u + statusPx(targetHeight) * 1.5f + 10.0f * u;
    // A target too small for all that (smaller than any kiosk): the panel
    // covers the time left, then the caption, rather than leave the screen
    // or cover the buttons.
    top = std::max(std::min(top, float(targetHeight) - margin - h), buttonsBottom + 6.0f * u);
    const float x = std::max(margin, float(targetWidth) - margin - w);
    p.rect = {x, top, w, h};
    for (size_t i = 0; i < rows.size(); ++i) {
        const PanelRowDesc& r = rows[i];
        const float y = top + pad + float(i) * (bh + rowGap);
        const OverlayRect down{x + inset + labelW + gap, y, bw, bh};
        const OverlayRect value{down.x + bw, y, valueW, bh};
        const OverlayRect up{value.x + valueW, y, bw, bh};
        p.rows.push_back({r.label, r.value, {x + inset, y, down.x - x - inset, bh}, value});
        p.buttons.push_back({r.downId, r.downLabel, down, true});
        p.buttons.push_back({r.upId, r.upLabel, up, true});
    }
    return p;
}

namespace {

float bottomMargin(int h) { return std::max(16.0f, float(h) * 0.07f); }

} // namespace

OverlayButton closingButton(int w, int h, const std::string& id, const std::string& label) {
    // As large as the session's buttons, a little wider: the one thing to press.
    const OverlayButton sized = layoutButtons(w, h, {id}, {label}).front();
    const float bw = std::min(float(w) - 32.0f, std::max(sized.rect.w, sized.rect.h * 3.0f)), bh = sized.rect.h;
    return {id, label, {(float(w) - bw) * 0.5f, float(h) - bottomMargin(h) - bh, bw, bh}, true};
}

Result<std::unique_ptr<Overlay>> Overlay::create() {
    std::unique_ptr<Overlay> o(new Overlay());
    auto painter = Painter::create();
    if (!painter) return painter.error();
    o->mPainter = std::move(*painter);
    return o;
}

std::optional<int> Overlay::buttonAt(const OverlayState& state, float x, float y) {
    // Last drawn is on top.
    for (size_t i = state.buttons.size(); i-- > 0;)
        if (state.buttons[i].enabled && state.buttons[i].rect.contains(x, y)) return int(i);
    return std::nullopt;
}

const OverlayButton* Overlay::hit(const OverlayState& state, float x, float y) {
    if (state.panel.open)
        for (const auto& b : state.panel.buttons)
            if (b.enabled && b.rect.contains(x, y)) return &b;
    if (const auto i = buttonAt(state, x, y)) return &state.buttons[size_t(*i)];
    return nullptr;
}

OverlayRect Overlay::captionRect(int w, int h, const OverlayState& state) {
    if (state.caption.empty()) return {};
    const float px = captionPx(h) * state.captionScale;
    const float maxW = std::min(float(w) * 0.78f, px * 30.0f);
    const auto lines = mPainter->fonts().wrap(state.caption, px, maxW, 2);
    if (lines.empty()) return {};
    float lineW = 0;
    for (auto& l : lines) lineW = std::max(lineW, mPainter->fonts().measure(l, px));
    const float padX = px * 0.9f, padY = px * 0.45f;
    const float boxW = lineW + 2 * padX, boxH = mPainter->fonts().lineHeight(px) * float(lines.size()) + 2 * padY;
    const float bottom = float(h) - bottomMargin(h);
    return {(float(w) - boxW) * 0.5f, bottom - boxH, boxW, boxH};
}

void Overlay::drawPanel(const RenderTarget& target, const OverlayState& state) {
    const int w = target.width(), h = target.height();
    target.bind();
    glClearColor(0.06f, 0.07f, 0.12f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    Painter& paint = *mPainter;
    const TextRenderer& font = paint.fonts();
    const bool hc = state.highContrast;
    const glm::vec4 textColor = hc ? glm::vec4{1.0f, 1.0f, 1.0f, 1.0f} : glm::vec4{0.97f, 0.95f, 0.91f, 1.0f};
    paint.begin(target);
    const float margin = float(h) * 0.08f;
    float top = margin;
    // The status (the not-medical note at the start, silent mode) or, with
    // a caption, the paused mark: one small line.
    const std::string small = !state.status.empty() ? state.status : (state.paused && !state.caption.empty() ? state.pausedLabel : "");
    if (!small.empty()) {
        float px = float(h) * 0.12f;
        px = std::min(px, px * float(w) * 0.92f / std::max(1.0f, font.measure(small, px)));
        paint.text(small, (float(w) - font.measure(small, px)) * 0.5f, top + font.ascent(px), {px, {0.80f, 0.80f, 0.88f, 1.0f}, 0.3f});
        top += font.lineHeight(px) + margin * 0.5f;
    }
    const std::string& big = !state.caption.empty() ? state.caption : (state.paused ? state.pausedLabel : state.caption);
    if (!big.empty()) {
        const float px = float(h) * 0.17f * std::clamp(state.captionScale, 0.8f, 1.3f);
        const auto lines = font.wrap(big, px, float(w) * 0.92f, 2);
        const float lh = font.lineHeight(px);
        // Centred in the room left under the small line.
        float base = top + std::max(0.0f, (float(h) - margin - top - lh * float(lines.size())) * 0.5f) + font.ascent(px);
        for (const auto& l : lines) {
            paint.text(l, (float(w) - font.measure(l, px)) * 0.5f, base, {px, textColor, 0.45f});
            base += lh;
        }
    }
    paint.end();
}

OverlayRect Overlay::closingRect(int w, int h, const OverlayState& state) {
    if (state.closing.empty()) return {};
    const float px = captionPx(h);
    const float maxW = std::min(float(w) * 0.78f, px * 26.0f);
    const auto lines = mPainter->fonts().wrap(state.closing, px, maxW, 3);
    if (lines.empty()) return {};
    float lineW = 0;
    for (auto& l : lines) lineW = std::max(lineW, mPainter->fonts().measure(l, px));
    const float padX = px * 1.1f, padY = px * 0.6f;
    const float boxW = lineW + 2 * padX, boxH = mPainter->fonts().lineHeight(px) * float(lines.size()) + 2 * padY;
    // Above its button (or where the button would be): the figure in the
    // middle of the screen stays in view, breathing.
    float bottom = float(h) - bottomMargin(h);
    for (const auto& b : state.buttons) bottom = std::min(bottom, b.rect.y);
    bottom -= std::max(12.0f, float(h) * 0.03f);
    return {(float(w) - boxW) * 0.5f, bottom - boxH, boxW, boxH};
}

void Overlay::draw(const RenderTarget& target, const OverlayState& state) {
    const float op = std::clamp(state.opacity, 0.0f, 1.0f);
    const float veil = std::clamp(state.veil, 0.0f, 1.0f);
    if (op <= 0.0f && veil <= 0.0f) return;
    const int w = target.width(), h = target.height();
    const float u = unit(h);
    Painter& paint = *mPainter;
    const TextRenderer& font = paint.fonts();
    paint.begin(target);

    // The colour of the room around the figure, so the picture dims into it.
    if (veil > 0.0f) paint.rect({0.0f, 0.0f, float(w), float(h)}, 0.0f, {0.02f, 0.025f, 0.04f, veil}, 0.5f);
    if (op <= 0.0f) {
        paint.end();
        return;
    }

    const bool hc = state.highContrast;
    const glm::vec4 textColor = hc ? glm::vec4{1.0f, 1.0f, 1.0f, op} : glm::vec4{0.97f, 0.95f, 0.91f, op};
    const float backdrop = hc ? 0.88f : 0.0f; // high contrast: the backdrop alpha, else each element's own

    if (!state.status.empty()) {
        const float px = statusPx(h);
        const float x = 24.0f * u, tw = font.measure(state.status, px);
        // Top left, or under the buttons when they leave no room beside them.
        float top = 24.0f * u;
        for (const auto& b : state.buttons)
            if (b.rect.x < x + tw + px && b.rect.y < top + font.lineHeight(px) * 1.5f) top = std::max(top, b.rect.y + b.rect.h + 12.0f * u);
        // ... and under the panel when it reaches that far left (a narrow, tall target).
        const OverlayRect& pr = state.panel.rect;
        if (state.panel.opacity > 0.0f && !pr.empty() && pr.x < x + tw + px && pr.y < top + font.lineHeight(px) * 1.5f &&
            pr.y + pr.h > top)
            top = pr.y + pr.h + 12.0f * u;
        const float base = top + font.ascent(px) + px * 0.3f;
        paint.rect({x - px * 0.6f, base - font.ascent(px) - px * 0.35f, tw + px * 1.2f, font.lineHeight(px) + px * 0.4f},
                        px * 0.8f, {0.05f, 0.06f, 0.10f, (hc ? backdrop : 0.45f) * op}, 1.0f);
        paint.text(state.status, x, base, {px, hc ? textColor : glm::vec4{0.88f, 0.88f, 0.92f, 0.9f * op}, 0.5f});
    }

    if (state.progress >= 0.0f) {
        // Thin and quiet: where the session is, never a countdown that urges.
        const float lineH = std::max(2.0f, 3.0f * u), done = float(w) * std::clamp(state.progress, 0.0f, 1.0f);
        paint.rect({0.0f, 0.0f, float(w), lineH}, 0.0f, {0.30f, 0.30f, 0.36f, (hc ? 0.9f : 0.35f) * op}, 0.5f);
        paint.rect({0.0f, 0.0f, done, lineH}, 0.0f, {0.95f, 0.78f, 0.58f, (hc ? 1.0f : 0.55f) * op}, 0.5f);
    }
    if (!state.timeLeft.empty()) {
        const float px = statusPx(h), tw = font.measure(state.timeLeft, px); // body text: at least 2.5% of the height
        float top = 24.0f * u;
        for (const auto& b : state.buttons) top = std::max(top, b.rect.y + b.rect.h + 14.0f * u);
        paint.text(state.timeLeft, float(w) - 24.0f * u - tw, top + font.ascent(px),
                    {px, hc ? textColor : glm::vec4{0.88f, 0.88f, 0.92f, 0.75f * op}, 0.5f});
    }

    auto drawButton = [&](const OverlayButton& b, float opacity, float labelScale) {
        const float a = (b.enabled ? 1.0f : 0.45f) * opacity;
        // A quiet outline so the button reads as touchable on any background;
        // held down (what it opens is open), a lighter fill and a clearer ring.
        const float fillA = (hc ? backdrop : 0.62f) * a;
        const glm::vec4 fill = b.active ? glm::vec4{0.24f, 0.26f, 0.38f, fillA} : glm::vec4{0.10f, 0.12f, 0.20f, fillA};
        paint.rect(b.rect, b.rect.h * 0.5f, fill, 1.0f,
                   {0.85f, 0.82f, 0.95f, (hc ? 0.95f : b.active ? 0.7f : 0.35f) * a});
        const float px = buttonPx(h) * labelScale;
        const float tw = font.measure(b.label, px);
        const float base = b.rect.y + b.rect.h * 0.5f + font.ascent(px) * 0.36f;
        paint.text(b.label, b.rect.x + (b.rect.w - tw) * 0.5f, base, {px, {textColor.r, textColor.g, textColor.b, a}, 0.0f});
    };
    for (const auto& b : state.buttons) drawButton(b, op, 1.0f);

    if (state.paused) {
        // Two soft bars in a dim disc, and the word below: visible, never loud.
        const float r = 46.0f * u, cx = float(w) * 0.5f, cy = float(h) * 0.5f;
        paint.rect({cx - r, cy - r, 2 * r, 2 * r}, r, {0.04f, 0.05f, 0.09f, 0.55f * op}, r * 0.5f);
        const glm::vec4 bar{0.93f, 0.91f, 0.88f, 0.85f * op};
        const float bw = r * 0.22f, bh = r * 0.85f;
        paint.rect({cx - bw * 1.6f, cy - bh * 0.5f, bw, bh}, bw * 0.5f, bar, 1.0f);
        paint.rect({cx + bw * 0.6f, cy - bh * 0.5f, bw, bh}, bw * 0.5f, bar, 1.0f);
        if (!state.pausedLabel.empty()) {
            const float px = statusPx(h) * 1.1f;
            const float tw = font.measure(state.pausedLabel, px);
            paint.text(state.pausedLabel, cx - tw * 0.5f, cy + r + px * 1.3f, {px, textColor, 0.6f});
        }
    }

    if (!state.closing.empty()) {
        const OverlayRect box = closingRect(w, h, state);
        const float px = captionPx(h);
        const float maxW = std::min(float(w) * 0.78f, px * 26.0f);
        const auto lines = font.wrap(state.closing, px, maxW, 3);
        paint.rect(box, px * 1.1f, {0.03f, 0.04f, 0.08f, (hc ? backdrop : 0.42f) * op}, px * 0.8f);
        const float lh = font.lineHeight(px);
        float base = box.y + px * 0.6f + font.ascent(px);
        for (const auto& l : lines) {
            const float tw = font.measure(l, px);
            paint.text(l, (float(w) - tw) * 0.5f, base, {px, textColor, 0.45f});
            base += lh;
        }
    }

    if (!state.caption.empty()) {
        const OverlayRect box = captionRect(w, h, state);
        const float px = captionPx(h) * state.captionScale;
        const float maxW = std::min(float(w) * 0.78f, px * 30.0f);
        const auto lines = font.wrap(state.caption, px, maxW, 2);
        // Soft edges: the backdrop melts into the picture rather than boxing it.
        paint.rect(box, px * 0.9f, {0.03f, 0.04f, 0.08f, (hc ? backdrop : 0.50f) * op}, px * 0.5f);
        const float lh = font.lineHeight(px);
        float base = box.y + px * 0.45f + font.ascent(px);
        for (const auto& l : lines) {
            const float tw = font.measure(l, px);
            paint.text(l, (float(w) - tw) * 0.5f, base, {px, textColor, 0.45f});
            base += lh;
        }
    }

    const OverlayPanel& panel = state.panel;
    if (const float pa = op * std::clamp(panel.opacity, 0.0f, 1.0f); pa > 0.0f && !panel.rect.empty()) {
        // Over the picture like the caption's backdrop, a little denser so
        // its small words read; its corners follow the round buttons inside.
        const float pad = panel.buttons.empty() ? 0.0f : panel.buttons.front().rect.y - panel.rect.y;
        const float radius = std::min(panel.rect.h * 0.5f, pad + (panel.buttons.empty() ? 0.0f : panel.buttons.front().rect.h * 0.5f));
        paint.rect(panel.rect, radius, {0.04f, 0.05f, 0.09f, (hc ? backdrop : 0.72f) * pa}, 1.0f,
                   {0.85f, 0.82f, 0.95f, (hc ? 0.95f : 0.18f) * pa});
        const float px = buttonPx(h);
        const glm::vec4 rowColor{textColor.r, textColor.g, textColor.b, pa};
        for (const auto& r : panel.rows) {
            const float labelBase = r.labelRect.y + r.labelRect.h * 0.5f + font.ascent(px) * 0.36f;
            paint.text(r.label, r.labelRect.x, labelBase, {px, rowColor, 0.0f});
            const float vw = font.measure(r.value, px);
            const float valueBase = r.valueRect.y + r.valueRect.h * 0.5f + font.ascent(px) * 0.36f;
            paint.text(r.value, r.valueRect.x + (r.valueRect.w - vw) * 0.5f, valueBase, {px, rowColor, 0.0f});
        }
        // Its buttons hold a sign, not a word: larger, so it reads at a glance.
        for (const auto& b : panel.buttons) drawButton(b, pa, 1.6f);
    }
    paint.end();
}

} // namespace soma
