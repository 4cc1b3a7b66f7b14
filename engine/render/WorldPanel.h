// render/WorldPanel: a picture on a flat panel standing in the world, for
// a headset, where words cannot be pinned to a screen (the captions, the
// paused mark). Drawn over the scene, blended, without depth, in every
// view of the target. Depends on render/ and GLM.
#pragma once

#include "core/Result.h"
#include "render/GlHandle.h"
#include "render/RenderTarget.h"
#include "render/ShaderProgram.h"
#include "render/View.h"

#include <glm/mat4x4.hpp>
#include <glm/vec2.hpp>

#include <memory>
#include <vector>

namespace soma {

class WorldPanel {
public:
    static Result<std::unique_ptr<WorldPanel>> create();
    // `model` places the unit square [-0.5, 0.5]^2 (x right, y up) in the
    // world; `sizeM` is its size there, for the corners' radius.
    void draw(const RenderTarget& target, const std::vector<View>& views, GLuint texture, const glm::mat4& model,
              glm::vec2 sizeM, float opacity);

private:
    WorldPanel() = default;
    ShaderProgram mProgram;
    gl::VertexArray mVao;
};

} // namespace soma
