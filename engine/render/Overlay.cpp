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

} // namespace

std::vector<OverlayButton> layoutButtons(int targetWidth, int targetHeight, const std::vector<std::string>& ids,
                                         const std::vector<std::string>& labels) {
    const float u = unit(targetHeight);
    const float h = std::max(56.0f, 64.0f * u), gap = 16.0f * u, margin = 24.0f * u;
    // Width from the label length in code points; the overlay centres the
    // label, so an estimate is enough and layout needs no font.
    std::vector<float> widths;
    float total = 0;
    for (size_t i = 0; i < ids.size(); ++i) {
        const std::string& label = i < labels.size() ? labels[i] : ids[i];
        widths.push_back(std::max(h * 2.0f, float(decodeUtf8(label).size()) * buttonPx(targetHeight) * 0.62f + h));
        total += widths.back() + (i ? gap : 0.0f);
    }
    // On a narrow target the row shrinks to fit rather than leave the screen.
    const float avail = float(targetWidth) - 2 * margin;
    const float squeeze = total > avail && total > 0 ? avail / total : 1.0f;
    std::vector<OverlayButton> out;
    float x = float(targetWidth) - margin;
    for (size_t i = ids.size(); i-- > 0;) {
        const std::string& label = i < labels.size() ? labels[i] : ids[i];
        const float w = widths[i] * squeeze;
        x -= w;
        out.insert(out.begin(), OverlayButton{ids[i], label, {x, margin, w, h}, true});
        x -= gap * squeeze;
    }
    return out;
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

    for (const auto& b : state.buttons) {
        const float a = (b.enabled ? 1.0f : 0.45f) * op;
        // A quiet outline so the button reads as touchable on any background.
        paint.rect(b.rect, b.rect.h * 0.5f, {0.10f, 0.12f, 0.20f, (hc ? backdrop : 0.62f) * a}, 1.0f,
                        {0.85f, 0.82f, 0.95f, (hc ? 0.95f : 0.35f) * a});
        const float px = buttonPx(h);
        const float tw = font.measure(b.label, px);
        const float base = b.rect.y + b.rect.h * 0.5f + font.ascent(px) * 0.36f;
        paint.text(b.label, b.rect.x + (b.rect.w - tw) * 0.5f, base, {px, {textColor.r, textColor.g, textColor.b, a}, 0.0f});
    }

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
    paint.end();
}

} // namespace soma
