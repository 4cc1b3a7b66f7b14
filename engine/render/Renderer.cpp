#include "render/Renderer.h"

#include <glm/glm.hpp>

namespace soma {

Result<std::unique_ptr<Renderer>> Renderer::create() {
    std::unique_ptr<Renderer> r(new Renderer());
    auto bg = ShaderProgram::load("fullscreen", "background");
    if (!bg) return bg.error();
    r->mBackground = std::move(*bg);
    r->mEmptyVao = gl::makeVertexArray();
    return r;
}

void Renderer::draw(const RenderTarget& target, const FrameParams& frame) {
    target.bind();
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_BLEND);
    mBackground.use();
    // Night-blue above, a warmer dusk near the floor; the glow behind the
    // figure swells a little with the breath.
    glUniform3f(mBackground.uniform("uTop"), 0.055f, 0.075f, 0.13f);
    glUniform3f(mBackground.uniform("uBottom"), 0.16f, 0.13f, 0.17f);
    glUniform3f(mBackground.uniform("uGlow"), 0.10f, 0.09f, 0.11f);
    glUniform2f(mBackground.uniform("uGlowCenter"), 0.5f, 0.48f);
    glUniform1f(mBackground.uniform("uGlowRadius"), 0.30f + 0.05f * glm::clamp(frame.breath, 0.f, 1.f));
    glUniform1f(mBackground.uniform("uAspect"), float(target.width()) / float(target.height()));
    glBindVertexArray(mEmptyVao.id());
    glDrawArrays(GL_TRIANGLES, 0, 3);
}

} // namespace soma
