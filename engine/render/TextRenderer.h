// render/TextRenderer: UTF-8 text from a TrueType font (stb_truetype),
// through one glyph atlas of signed distance fields, so one bake reads well
// from small status lines to large kiosk captions, and a soft shadow costs
// no second atlas.
//
// It draws Latin-1 and Latin Extended-A (Dutch é ë ï ĳ, French, German)
// plus typographic quotes, dashes and the ellipsis; other code points are
// drawn as '?'. ASCII is baked at creation, the rest on first use. Coordinates are target pixels, origin top-left, y down.
// Depends on stb_truetype, GL, render/ and core/Paths (the font). Must never read files other than
// the font it is given.
#pragma once

#include "core/Result.h"
#include "render/GlHandle.h"
#include "render/RenderTarget.h"
#include "render/ShaderProgram.h"

#include <glm/vec4.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

struct stbtt_fontinfo;

namespace soma {

struct TextStyle {
    float sizePx = 28.0f;                       // em height in pixels
    glm::vec4 color{0.96f, 0.94f, 0.90f, 1.0f}; // straight alpha
    float shadow = 0.55f;                       // opacity of the soft dark shadow under the glyphs; 0 = none
};

class TextRenderer {
public:
    // Needs a current GL context. An empty path means paths::findFont().
    static Result<std::unique_ptr<TextRenderer>> create(const std::filesystem::path& font = {});

    // Advance width of one line of text at this size, in pixels.
    float measure(std::string_view utf8, float sizePx) const;
    // Distance between baselines, and the ascent above the baseline.
    float lineHeight(float sizePx) const;
    float ascent(float sizePx) const;
    // Breaks text into lines no wider than maxWidthPx (at spaces, and at
    // '\n'), at most maxLines; the last line ends in '…' when text is cut.
    std::vector<std::string> wrap(std::string_view utf8, float sizePx, float maxWidthPx, int maxLines) const;
    // True when this code point is drawn as itself (not as '?').
    bool hasGlyph(char32_t cp) const { return mSupported.count(cp) != 0; }

    // Draws one line with its baseline at y, starting at x. Blends over the
    // target (its alpha stays as it was); leaves blending on, depth test off.
    void draw(const RenderTarget& target, std::string_view utf8, float x, float baselineY, const TextStyle& style);

    const std::filesystem::path& fontPath() const { return mFontPath; }

    // Where drawn text lands, for layout tests: one box per draw() (a line),
    // around the glyphs' ink (without the halo). Null stops recording.
    struct Run {
        std::string text;
        float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    };
    void recordRuns(std::vector<Run>* runs) { mRuns = runs; }

private:
    struct Glyph {
        float u0 = 0, v0 = 0, u1 = 0, v1 = 0; // atlas texture coordinates
        float x0 = 0, y0 = 0, x1 = 0, y1 = 0; // quad relative to the pen, in bake pixels (y down)
        float advance = 0;                    // bake pixels
    };
    TextRenderer() = default;
    // The glyph for a code point, baked into the atlas on first use (needs
    // the GL context); unsupported code points give '?'.
    const Glyph* glyph(char32_t cp) const;

    std::vector<Run>* mRuns = nullptr;
    std::filesystem::path mFontPath;
    std::vector<unsigned char> mFontData;
    std::shared_ptr<stbtt_fontinfo> mFont;
    std::unordered_set<char32_t> mSupported;
    // The atlas fills as text needs it; drawing stays logically const.
    mutable std::unordered_map<char32_t, Glyph> mGlyphs;
    mutable int mPenX = 1, mPenY = 1, mRowH = 0;
    float mScale = 0;
    float mBakePx = 0, mAscent = 0, mDescent = 0, mLineGap = 0; // bake pixels
    float mSdfSpreadPx = 0;
    int mAtlasW = 0, mAtlasH = 0;
    gl::Texture mAtlas;
    gl::VertexArray mVao;
    gl::Buffer mVbo;
    ShaderProgram mProgram;
};

} // namespace soma
