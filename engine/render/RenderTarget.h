// render/RenderTarget: an offscreen framebuffer the scene is drawn into,
// multisampled when asked, resolved into a plain texture that can be shown
// in a window or read back for a PNG. Drawing always goes through one of
// these, so a headless frame and a window frame take the same path.
#pragma once

#include "render/GlHandle.h"
#include "render/Image.h"

namespace soma {

struct RenderTargetDesc {
    int width = 1280;
    int height = 720;
    int samples = 4; // MSAA samples; 0 or 1 means none
};

class RenderTarget {
public:
    explicit RenderTarget(const RenderTargetDesc& desc);

    int width() const { return mDesc.width; }
    int height() const { return mDesc.height; }
    int samples() const { return mDesc.samples; }

    void resize(int width, int height);
    // Binds the drawing framebuffer and sets the viewport.
    void bind() const;
    // Resolves MSAA into the single-sampled colour texture.
    void resolve() const;
    // Resolves and reads back RGBA8, top row first. Waits for the GPU.
    Image readPixels() const;
    // Resolves and copies to the window's default framebuffer.
    void present(int windowWidth, int windowHeight) const;

    // Resolves and copies the whole picture, 1:1, into `framebuffer` at its
    // origin (a headset's swapchain image).
    void copyInto(GLuint framebuffer) const;
    // Copies a rectangle of the drawing into `to`'s drawing, for targets
    // without multisampling (GL coordinates: y from the bottom).
    void copyTo(const RenderTarget& to, int srcX, int srcY, int width, int height, int dstX, int dstY) const;

    GLuint colorTexture() const { return mResolveColor.id(); }

private:
    void create();
    RenderTargetDesc mDesc;
    gl::Framebuffer mDraw, mResolve;
    gl::Renderbuffer mDrawColor, mDrawDepth;
    gl::Texture mResolveColor;
};

} // namespace soma
