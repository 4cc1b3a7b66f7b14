// render/Painter: the 2D drawing every screen shares: soft rounded
// rectangles, text (render/TextRenderer) and pictures (an Image uploaded
// once as a texture), in target pixels, origin top-left, y down.
//
// The session overlay (render/Overlay) and the screens of ui/ draw through
// it, so a button looks the same on the home screen and in a session.
// Depends on GL, render/TextRenderer and two small shaders. Must never
// decide what is shown or animate by itself: the same calls give the same
// pixels.
#pragma once

#include "core/Result.h"
#include "render/GlHandle.h"
#include "render/Image.h"
#include "render/RenderTarget.h"
#include "render/ShaderProgram.h"
#include "render/TextRenderer.h"

#include <glm/vec4.hpp>

#include <memory>

namespace soma {

struct OverlayRect {
    float x = 0, y = 0, w = 0, h = 0; // pixels, top-left origin
    bool contains(float px, float py) const { return px >= x && px < x + w && py >= y && py < y + h; }
    bool empty() const { return w <= 0 || h <= 0; }
};

// An Image as a texture, ready to draw many times.
struct Picture {
    gl::Texture texture;
    int width = 0, height = 0;
    explicit operator bool() const { return texture.id() != 0; }
};

class Painter {
public:
    // Needs a current GL context; finds the font through paths::findFont().
    static Result<std::unique_ptr<Painter>> create();

    // Binds the target and sets the blending everything below expects
    // (premultiplied over an opaque target, no depth test). end() leaves
    // blending off again.
    void begin(const RenderTarget& target);
    void end();

    // softPx: width of the outer falloff (1 = a crisp, anti-aliased edge);
    // the outline is a 1.5 px ring inside the edge.
    void rect(const OverlayRect& r, float radius, glm::vec4 rgba, float softPx = 1.0f, glm::vec4 outline = glm::vec4(0.0f));
    // The picture stretched over r, its corners rounded by radius.
    void picture(const Picture& picture, const OverlayRect& r, float radius, float opacity = 1.0f);
    // One line of text with its baseline at y (TextRenderer::draw).
    void text(std::string_view utf8, float x, float baselineY, const TextStyle& style);

    static Picture upload(const Image& image);
    // The picture's pixels replaced by the image's, in the same texture when
    // the size is the same (a picture drawn anew each frame makes no new
    // GL object each time).
    static void replace(Picture& picture, const Image& image);

    TextRenderer& fonts() { return *mText; }
    const TextRenderer& fonts() const { return *mText; }

private:
    Painter() = default;
    std::unique_ptr<TextRenderer> mText;
    ShaderProgram mRect;
    ShaderProgram mImage;
    gl::VertexArray mEmptyVao;
    const RenderTarget* mTarget = nullptr;
};

} // namespace soma
