#include "render/RenderTarget.h"

#include <algorithm>
#include <cstring>

namespace soma {

RenderTarget::RenderTarget(const RenderTargetDesc& desc) : mDesc(desc) { create(); }

void RenderTarget::resize(int width, int height) {
    if (width == mDesc.width && height == mDesc.height) return;
    mDesc.width = std::max(1, width);
    mDesc.height = std::max(1, height);
    create();
}

void RenderTarget::create() {
    GLint maxSamples = 0;
    glGetIntegerv(GL_MAX_SAMPLES, &maxSamples);
    const int samples = std::min(mDesc.samples > 1 ? mDesc.samples : 0, int(maxSamples));
    mDesc.samples = samples;

    mDraw = gl::makeFramebuffer();
    mDrawColor = gl::makeRenderbuffer();
    mDrawDepth = gl::makeRenderbuffer();
    glBindRenderbuffer(GL_RENDERBUFFER, mDrawColor.id());
    glRenderbufferStorageMultisample(GL_RENDERBUFFER, samples, GL_RGBA8, mDesc.width, mDesc.height);
    glBindRenderbuffer(GL_RENDERBUFFER, mDrawDepth.id());
    glRenderbufferStorageMultisample(GL_RENDERBUFFER, samples, GL_DEPTH_COMPONENT24, mDesc.width, mDesc.height);
    glBindFramebuffer(GL_FRAMEBUFFER, mDraw.id());
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, mDrawColor.id());
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER, mDrawDepth.id());

    mResolve = gl::makeFramebuffer();
    mResolveColor = gl::makeTexture();
    glBindTexture(GL_TEXTURE_2D, mResolveColor.id());
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, mDesc.width, mDesc.height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glBindFramebuffer(GL_FRAMEBUFFER, mResolve.id());
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, mResolveColor.id(), 0);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

void RenderTarget::bind() const {
    glBindFramebuffer(GL_FRAMEBUFFER, mDraw.id());
    glViewport(0, 0, mDesc.width, mDesc.height);
}

void RenderTarget::resolve() const {
    glBindFramebuffer(GL_READ_FRAMEBUFFER, mDraw.id());
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, mResolve.id());
    glBlitFramebuffer(0, 0, mDesc.width, mDesc.height, 0, 0, mDesc.width, mDesc.height, GL_COLOR_BUFFER_BIT, GL_NEAREST);
}

Image RenderTarget::readPixels() const {
    resolve();
    Image img{mDesc.width, mDesc.height, std::vector<std::uint8_t>(size_t(mDesc.width) * mDesc.height * 4)};
    glBindFramebuffer(GL_READ_FRAMEBUFFER, mResolve.id());
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, mDesc.width, mDesc.height, GL_RGBA, GL_UNSIGNED_BYTE, img.rgba.data());
    // GL's row 0 is the bottom; images start at the top.
    const size_t row = size_t(mDesc.width) * 4;
    std::vector<std::uint8_t> tmp(row);
    for (int y = 0; y < mDesc.height / 2; ++y) {
        auto* a = img.rgba.data() + size_t(y) * row;
        auto* b = img.rgba.data() + size_t(mDesc.height - 1 - y) * row;
        std::memcpy(tmp.data(), a, row);
        std::memcpy(a, b, row);
        std::memcpy(b, tmp.data(), row);
    }
    return img;
}

void RenderTarget::copyInto(GLuint framebuffer) const {
    resolve();
    glBindFramebuffer(GL_READ_FRAMEBUFFER, mResolve.id());
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, framebuffer);
    glBlitFramebuffer(0, 0, mDesc.width, mDesc.height, 0, 0, mDesc.width, mDesc.height, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

void RenderTarget::copyTo(const RenderTarget& to, int srcX, int srcY, int width, int height, int dstX, int dstY) const {
    glBindFramebuffer(GL_READ_FRAMEBUFFER, mDraw.id());
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, to.mDraw.id());
    glBlitFramebuffer(srcX, srcY, srcX + width, srcY + height, dstX, dstY, dstX + width, dstY + height, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

void RenderTarget::present(int windowWidth, int windowHeight) const {
    resolve();
    glBindFramebuffer(GL_READ_FRAMEBUFFER, mResolve.id());
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, 0);
    glBlitFramebuffer(0, 0, mDesc.width, mDesc.height, 0, 0, windowWidth, windowHeight, GL_COLOR_BUFFER_BIT, GL_LINEAR);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

} // namespace soma
