#include "render/WorldPanel.h"

#include <glm/gtc/type_ptr.hpp>

#include <algorithm>

namespace soma {

Result<std::unique_ptr<WorldPanel>> WorldPanel::create() {
    std::unique_ptr<WorldPanel> p(new WorldPanel());
    auto prog = ShaderProgram::load("world_panel");
    if (!prog) return prog.error();
    p->mProgram = std::move(*prog);
    p->mVao = gl::makeVertexArray();
    return p;
}

void WorldPanel::draw(const RenderTarget& target, const std::vector<View>& views, GLuint texture, const glm::mat4& model,
                      glm::vec2 sizeM, float opacity) {
    if (opacity <= 0.0f) return;
    target.bind();
    mProgram.use();
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, texture);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glUniform1i(mProgram.uniform("uPicture"), 0);
    glUniform1f(mProgram.uniform("uOpacity"), std::clamp(opacity, 0.0f, 1.0f));
    glUniform2f(mProgram.uniform("uSize"), sizeM.x, sizeM.y);
    glUniform1f(mProgram.uniform("uRadius"), 0.12f * std::min(sizeM.x, sizeM.y));
    glUniformMatrix4fv(mProgram.uniform("uModel"), 1, GL_FALSE, glm::value_ptr(model));
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_ONE, GL_ONE_MINUS_SRC_ALPHA, GL_ZERO, GL_ONE); // the target stays opaque
    glEnable(GL_SCISSOR_TEST);
    glBindVertexArray(mVao.id());
    for (const View& v : views) {
        const int glY = target.height() - (v.y + v.height);
        glViewport(v.x, glY, v.width, v.height);
        glScissor(v.x, glY, v.width, v.height);
        const glm::mat4 vp = v.projection * v.view;
        glUniformMatrix4fv(mProgram.uniform("uViewProj"), 1, GL_FALSE, glm::value_ptr(vp));
        glDrawArrays(GL_TRIANGLES, 0, 6);
    }
    glBindVertexArray(0);
    glDisable(GL_SCISSOR_TEST);
    glDisable(GL_BLEND);
    glBindTexture(GL_TEXTURE_2D, 0);
}

} // namespace soma
