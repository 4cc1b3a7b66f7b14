#include "support/TextLayoutCheck.h"

#include <algorithm>

namespace soma::test {

std::vector<std::string> textLayoutProblems(const std::vector<TextRenderer::Run>& runs, int w, int h, const std::vector<TextBox>& boxes) {
    std::vector<std::string> out;
    if (runs.empty()) out.push_back("nothing was drawn");
    for (const auto& r : runs)
        if (r.x0 < 0 || r.y0 < 0 || r.x1 > float(w) || r.y1 > float(h)) out.push_back("'" + r.text + "' leaves the screen");
    // Each box's run is the nearest one with its text (the same words may
    // be drawn in several boxes).
    for (const auto& b : boxes) {
        const TextRenderer::Run* mine = nullptr;
        float best = 0;
        for (const auto& r : runs) {
            if (r.text != b.text) continue;
            const float dx = (r.x0 + r.x1) * 0.5f - (b.rect.x + b.rect.w * 0.5f), dy = (r.y0 + r.y1) * 0.5f - (b.rect.y + b.rect.h * 0.5f);
            if (!mine || dx * dx + dy * dy < best) mine = &r, best = dx * dx + dy * dy;
        }
        if (mine && (mine->x0 < b.rect.x || mine->x1 > b.rect.x + b.rect.w || mine->y0 < b.rect.y || mine->y1 > b.rect.y + b.rect.h))
            out.push_back("'" + mine->text + "' leaves its box");
    }
    for (std::size_t i = 0; i < runs.size(); ++i)
        for (std::size_t j = i + 1; j < runs.size(); ++j) {
            const auto &a = runs[i], &b = runs[j];
            if (std::min(a.x1, b.x1) > std::max(a.x0, b.x0) + 0.5f && std::min(a.y1, b.y1) > std::max(a.y0, b.y0) + 0.5f)
                out.push_back("'" + a.text + "' and '" + b.text + "' overlap");
        }
    return out;
}

} // namespace soma::test
