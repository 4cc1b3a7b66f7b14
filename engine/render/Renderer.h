// render/Renderer: draws one frame of Soma's scene into a RenderTarget from
// a plain description of what to show. It owns GL resources only; what the
// frame shows (breath, pose, highlights) is decided elsewhere and handed in.
// Depends on render/ and the GL loader. Must never read the clock or the
// session itself: the same FrameParams always give the same picture.
#pragma once

#include "core/Result.h"
#include "render/RenderTarget.h"
#include "render/ShaderProgram.h"

#include <memory>

namespace soma {

struct FrameParams {
    float breath = 0.5f; // 0 = empty, 1 = full
};

class Renderer {
public:
    static Result<std::unique_ptr<Renderer>> create();

    void draw(const RenderTarget& target, const FrameParams& frame);

private:
    Renderer() = default;
    ShaderProgram mBackground;
    gl::VertexArray mEmptyVao; // core profile needs a bound VAO even for attribute-less draws
};

} // namespace soma
