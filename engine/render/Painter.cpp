#include "render/Painter.h"

#include <algorithm>
#include <cassert>

namespace soma {

Result<std::unique_ptr<Painter>> Painter::create() {
    std::unique_ptr<Painter> p(new Painter());
    auto text = TextRenderer::create();
    if (!text) return text.error();
    p->mText = std::move(*text);
    auto rect = ShaderProgram::load("overlay_rect");
    if (!rect) return rect.error();
    p->mRect = std::move(*rect);
    auto image = ShaderProgram::load("overlay_rect", "overlay_picture");
    if (!image) return image.error();
    p->mImage = std::move(*image);
    p->mEmptyVao = gl::makeVertexArray();
    return p;
}

void Painter::begin(const RenderTarget& target) {
    mTarget = &target;
    target.bind();
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_ONE, GL_ONE_MINUS_SRC_ALPHA, GL_ZERO, GL_ONE); // the target stays opaque
}

void Painter::end() {
    glDisable(GL_BLEND);
    mTarget = nullptr;
}

void Painter::rect(const OverlayRect& r, float radius, glm::vec4 rgba, float softPx, glm::vec4 outline) {
    assert(mTarget && "Painter::begin first");
    const float soft = std::max(1.0f, softPx);
    mTarget->bind(); // text drawing may have bound its own state
    mRect.use();
    glUniform2f(mRect.uniform("uTargetSize"), float(mTarget->width()), float(mTarget->height()));
    glUniform4f(mRect.uniform("uRect"), r.x - soft, r.y - soft, r.w + 2 * soft, r.h + 2 * soft);
    glUniform4f(mRect.uniform("uBox"), r.x, r.y, r.w, r.h);
    glUniform1f(mRect.uniform("uRadius"), std::min(radius, std::min(r.w, r.h) * 0.5f));
    glUniform1f(mRect.uniform("uSoftness"), soft);
    glUniform4f(mRect.uniform("uColor"), rgba.r, rgba.g, rgba.b, rgba.a);
    glUniform4f(mRect.uniform("uOutline"), outline.r, outline.g, outline.b, outline.a);
    glBindVertexArray(mEmptyVao.id());
    glDrawArrays(GL_TRIANGLES, 0, 6);
}

void Painter::picture(const Picture& pic, const OverlayRect& r, float radius, float opacity) {
    assert(mTarget && "Painter::begin first");
    if (!pic) return;
    mTarget->bind();
    mImage.use();
    glUniform2f(mImage.uniform("uTargetSize"), float(mTarget->width()), float(mTarget->height()));
    glUniform4f(mImage.uniform("uRect"), r.x, r.y, r.w, r.h);
    glUniform4f(mImage.uniform("uBox"), r.x, r.y, r.w, r.h);
    glUniform1f(mImage.uniform("uRadius"), std::min(radius, std::min(r.w, r.h) * 0.5f));
    glUniform1f(mImage.uniform("uOpacity"), std::clamp(opacity, 0.0f, 1.0f));
    glUniform1i(mImage.uniform("uPicture"), 0);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, pic.texture.id());
    glBindVertexArray(mEmptyVao.id());
    glDrawArrays(GL_TRIANGLES, 0, 6);
}

void Painter::text(std::string_view utf8, float x, float baselineY, const TextStyle& style) {
    assert(mTarget && "Painter::begin first");
    mText->draw(*mTarget, utf8, x, baselineY, style);
}

Picture Painter::upload(const Image& image) {
    Picture p;
    if (image.width <= 0 || image.height <= 0) return p;
    p.texture = gl::makeTexture();
    p.width = image.width;
    p.height = image.height;
    glBindTexture(GL_TEXTURE_2D, p.texture.id());
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, image.width, image.height, 0, GL_RGBA, GL_UNSIGNED_BYTE, image.rgba.data());
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    return p;
}

void Painter::replace(Picture& picture, const Image& image) {
    if (!picture || picture.width != image.width || picture.height != image.height) {
        picture = upload(image);
        return;
    }
    glBindTexture(GL_TEXTURE_2D, picture.texture.id());
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, image.width, image.height, GL_RGBA, GL_UNSIGNED_BYTE, image.rgba.data());
}

} // namespace soma
