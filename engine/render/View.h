// render/View: one eye's look at the scene: where on the target it draws,
// and the camera's matrices. A window has one; side-by-side stereo or a
// headset has two. Plain data; depends on GLM only.
#pragma once

#include <glm/mat4x4.hpp>
#include <glm/vec3.hpp>

namespace soma {

struct View {
    // Viewport in target pixels, origin top-left (as mouse and touch points
    // are reported); width or height 0 means the whole target.
    int x = 0, y = 0, width = 0, height = 0;
    glm::mat4 view{1.0f};
    glm::mat4 projection{1.0f};
    glm::vec3 eye{0.0f}; // world position, for lighting and the rim
};

} // namespace soma
