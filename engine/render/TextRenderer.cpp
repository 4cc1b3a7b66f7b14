#include "render/TextRenderer.h"

#include "core/Paths.h"
#include "core/Text.h"

#include <stb/stb_truetype.h>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>

namespace soma {
namespace {

// One bake serves every size: SDF glyphs scale up about 3x before their
// edges soften, and captions above ~100 px are not needed.
constexpr float kBakePx = 40.0f;
constexpr int kPadding = 6;              // bake pixels of distance field around each glyph
constexpr unsigned char kOnEdge = 170;   // leaves more range outside the outline, for the halo
constexpr float kDistScale = 170.0f / 6; // value units per bake pixel
constexpr int kAtlasSize = 1024;

// Latin-1, Latin Extended-A and the typography captions use.
std::vector<char32_t> atlasCodePoints() {
    std::vector<char32_t> cps;
    for (char32_t c = 0x20; c <= 0x7E; ++c) cps.push_back(c);
    for (char32_t c = 0xA0; c <= 0x17F; ++c) cps.push_back(c);
    for (char32_t c : {U'\u2013', U'\u2014', U'\u2018', U'\u2019', U'\u201A', U'\u201C', U'\u201D', U'\u201E',
                       U'\u2022', U'\u2026', U'\u2039', U'\u203A', U'\u2192', U'\u20AC', U'\u00B7', U'\uFFFD'})
        cps.push_back(c);
    return cps;
}

} // namespace

Result<std::unique_ptr<TextRenderer>> TextRenderer::create(const std::filesystem::path& fontIn) {
    const std::filesystem::path font = fontIn.empty() ? paths::findFont() : fontIn;
    if (font.empty())
        return Error{"render.font_missing", "no font found for captions; install fonts-dejavu-core (Debian) or put a TTF at "
                                            "share/soma/assets/fonts/Soma-Regular.ttf"};
    std::ifstream in(font, std::ios::binary);
    if (!in) return Error{"render.font_missing", fmt::format("{}: cannot read this font; check that it exists and is readable", font.string())};
    std::unique_ptr<TextRenderer> t(new TextRenderer());
    t->mFontPath = font;
    t->mFontData.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());

    t->mFont = std::make_shared<stbtt_fontinfo>();
    stbtt_fontinfo& info = *t->mFont;
    if (t->mFontData.empty() || !stbtt_InitFont(&info, t->mFontData.data(), stbtt_GetFontOffsetForIndex(t->mFontData.data(), 0)))
        return Error{"render.font_invalid", fmt::format("{}: not a TrueType font stb_truetype can read; use a .ttf such as DejaVuSans.ttf", font.string())};

    t->mScale = stbtt_ScaleForPixelHeight(&info, kBakePx);
    int asc = 0, desc = 0, gap = 0;
    stbtt_GetFontVMetrics(&info, &asc, &desc, &gap);
    t->mBakePx = kBakePx;
    t->mAscent = asc * t->mScale;
    t->mDescent = -desc * t->mScale;
    t->mLineGap = gap * t->mScale;
    t->mSdfSpreadPx = kPadding;
    for (char32_t cp : atlasCodePoints())
        if (stbtt_FindGlyphIndex(&info, int(cp))) t->mSupported.insert(cp);

    t->mAtlasW = kAtlasSize;
    t->mAtlasH = kAtlasSize;
    t->mAtlas = gl::makeTexture();
    glBindTexture(GL_TEXTURE_2D, t->mAtlas.id());
    const std::vector<unsigned char> zero(size_t(kAtlasSize) * kAtlasSize, 0);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, kAtlasSize, kAtlasSize, 0, GL_RED, GL_UNSIGNED_BYTE, zero.data());
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    // No mipmaps: averaging a distance field thins small stems away; the
    // shader supersamples instead.
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    // Distance fields are slow to compute (stb_truetype does it exactly), so
    // only ASCII is baked up front; accented letters are baked on first use.
    for (char32_t cp = 0x20; cp <= 0x7E; ++cp) t->glyph(cp);

    auto prog = ShaderProgram::load("text");
    if (!prog) return prog.error();
    t->mProgram = std::move(*prog);
    t->mVao = gl::makeVertexArray();
    t->mVbo = gl::makeBuffer();
    glBindVertexArray(t->mVao.id());
    glBindBuffer(GL_ARRAY_BUFFER, t->mVbo.id());
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 4 * sizeof(float), nullptr);
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, 4 * sizeof(float), reinterpret_cast<void*>(2 * sizeof(float)));
    glBindVertexArray(0);
    return t;
}

const TextRenderer::Glyph* TextRenderer::glyph(char32_t cp) const {
    if (auto it = mGlyphs.find(cp); it != mGlyphs.end()) return &it->second;
    if (!mSupported.count(cp)) return cp == U'?' ? nullptr : glyph(U'?');
    const stbtt_fontinfo& info = *mFont;
    int adv = 0, lsb = 0;
    stbtt_GetCodepointHMetrics(&info, int(cp), &adv, &lsb);
    Glyph g;
    g.advance = adv * mScale;
    int w = 0, h = 0, xo = 0, yo = 0;
    unsigned char* sdf = stbtt_GetCodepointSDF(&info, mScale, int(cp), kPadding, kOnEdge, kDistScale, &w, &h, &xo, &yo);
    if (sdf && w > 0 && h > 0) {
        // Shelf packing: rows left to right; 1 texel of gap keeps bilinear
        // samples inside each glyph's own zero border.
        if (mPenX + w + 1 > mAtlasW) { mPenX = 1; mPenY += mRowH + 1; mRowH = 0; }
        if (mPenY + h + 1 <= mAtlasH) {
            glBindTexture(GL_TEXTURE_2D, mAtlas.id());
            glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
            glTexSubImage2D(GL_TEXTURE_2D, 0, mPenX, mPenY, w, h, GL_RED, GL_UNSIGNED_BYTE, sdf);
            glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
            g.u0 = float(mPenX) / mAtlasW;
            g.v0 = float(mPenY) / mAtlasH;
            g.u1 = float(mPenX + w) / mAtlasW;
            g.v1 = float(mPenY + h) / mAtlasH;
            g.x0 = float(xo);
            g.y0 = float(yo);
            g.x1 = float(xo + w);
            g.y1 = float(yo + h);
            mPenX += w + 1;
            mRowH = std::max(mRowH, h);
        }
    }
    if (sdf) stbtt_FreeSDF(sdf, nullptr);
    return &(mGlyphs[cp] = g); // a space has an advance and no quad
}

float TextRenderer::measure(std::string_view utf8, float sizePx) const {
    float w = 0;
    for (char32_t cp : decodeUtf8(utf8))
        if (const Glyph* g = glyph(cp)) w += g->advance;
    return w * sizePx / mBakePx;
}

float TextRenderer::lineHeight(float sizePx) const { return (mAscent + mDescent + mLineGap) * sizePx / mBakePx; }
float TextRenderer::ascent(float sizePx) const { return mAscent * sizePx / mBakePx; }

std::vector<std::string> TextRenderer::wrap(std::string_view text, float sizePx, float maxWidth, int maxLines) const {
    std::vector<std::string> lines;
    bool cut = false;
    size_t start = 0;
    while (start <= text.size()) {
        const size_t nl = text.find('\n', start);
        std::string_view para = text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
        std::string cur;
        size_t i = 0;
        while (i < para.size()) {
            while (i < para.size() && para[i] == ' ') ++i;
            if (i >= para.size()) break;
            const size_t e = std::min(para.find(' ', i), para.size());
            std::string word(para.substr(i, e - i));
            i = e;
            std::string trial = cur.empty() ? word : cur + " " + word;
            if (cur.empty() || measure(trial, sizePx) <= maxWidth) cur = std::move(trial);
            else { lines.push_back(std::move(cur)); cur = std::move(word); }
        }
        lines.push_back(std::move(cur));
        if (nl == std::string_view::npos) break;
        start = nl + 1;
    }
    while (!lines.empty() && lines.back().empty()) lines.pop_back();
    if (int(lines.size()) > maxLines) { lines.resize(std::max(0, maxLines)); cut = true; }
    if (cut && !lines.empty()) {
        // Shorten the last line at a code point boundary until the ellipsis fits.
        std::string& last = lines.back();
        while (!last.empty() && measure(last + "\u2026", sizePx) > maxWidth) {
            size_t k = last.size() - 1;
            while (k > 0 && (static_cast<unsigned char>(last[k]) & 0xC0) == 0x80) --k;
            last.resize(k);
        }
        while (!last.empty() && last.back() == ' ') last.pop_back();
        last += "\u2026";
    }
    return lines;
}

void TextRenderer::draw(const RenderTarget& target, std::string_view utf8, float x, float baselineY, const TextStyle& style) {
    const float s = style.sizePx / mBakePx;
    std::vector<float> verts;
    float pen = x;
    Run run{std::string(utf8), 1e9f, 1e9f, -1e9f, -1e9f};
    const float ink = float(kPadding) * s; // the distance field's margin around each glyph
    for (char32_t cp : decodeUtf8(utf8)) {
        const Glyph* g = glyph(cp);
        if (!g) continue;
        if (g->u1 > g->u0) {
            const float x0 = pen + g->x0 * s, x1 = pen + g->x1 * s;
            const float y0 = baselineY + g->y0 * s, y1 = baselineY + g->y1 * s;
            const float q[6][4] = {{x0, y0, g->u0, g->v0}, {x1, y0, g->u1, g->v0}, {x1, y1, g->u1, g->v1},
                                   {x0, y0, g->u0, g->v0}, {x1, y1, g->u1, g->v1}, {x0, y1, g->u0, g->v1}};
            for (auto& v : q) verts.insert(verts.end(), v, v + 4);
            run.x0 = std::min(run.x0, x0 + ink), run.y0 = std::min(run.y0, y0 + ink);
            run.x1 = std::max(run.x1, x1 - ink), run.y1 = std::max(run.y1, y1 - ink);
        }
        pen += g->advance * s;
    }
    if (verts.empty()) return;
    if (mRuns) mRuns->push_back(std::move(run));
    target.bind();
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_ONE, GL_ONE_MINUS_SRC_ALPHA, GL_ZERO, GL_ONE); // the target stays opaque
    mProgram.use();
    glUniform2f(mProgram.uniform("uTargetSize"), float(target.width()), float(target.height()));
    glUniform4f(mProgram.uniform("uColor"), style.color.r, style.color.g, style.color.b, style.color.a);
    glUniform1f(mProgram.uniform("uShadow"), std::clamp(style.shadow, 0.0f, 1.0f) * style.color.a);
    glUniform1f(mProgram.uniform("uEdge"), kOnEdge / 255.0f);
    // Below ~24 px the outline moves out by up to ~0.7 bake pixels.
    glUniform1f(mProgram.uniform("uBold"), std::clamp((24.0f - style.sizePx) / 12.0f, 0.0f, 1.0f) * 20.0f / 255.0f);
    // The halo sits a little below the glyph, like light from above.
    glUniform2f(mProgram.uniform("uShadowShift"), 0.0f, 1.5f / float(kAtlasSize));
    glUniform1i(mProgram.uniform("uAtlas"), 0);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, mAtlas.id());
    glBindVertexArray(mVao.id());
    glBindBuffer(GL_ARRAY_BUFFER, mVbo.id());
    glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(verts.size() * sizeof(float)), verts.data(), GL_STREAM_DRAW);
    // Halos first, then glyphs (see text.frag).
    if (style.shadow > 0.0f) {
        glUniform1i(mProgram.uniform("uPass"), 0);
        glDrawArrays(GL_TRIANGLES, 0, GLsizei(verts.size() / 4));
    }
    glUniform1i(mProgram.uniform("uPass"), 1);
    glDrawArrays(GL_TRIANGLES, 0, GLsizei(verts.size() / 4));
    glBindVertexArray(0);
}

} // namespace soma
