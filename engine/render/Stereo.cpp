#include "render/Stereo.h"

#include <glm/gtc/matrix_transform.hpp>

namespace soma {

std::array<View, 2> eyePair(const View& mono, float ipdM) {
    // The camera's right in the world: the first row of the view's rotation.
    const glm::vec3 right(mono.view[0][0], mono.view[1][0], mono.view[2][0]);
    std::array<View, 2> eyes{mono, mono};
    for (int i = 0; i < 2; ++i) {
        const float side = i == 0 ? -0.5f : 0.5f; // left eye to the camera's left
        View& e = eyes[size_t(i)];
        // Moving the eye by +d along its right moves the world by -d in view space.
        e.view = glm::translate(glm::mat4(1.0f), glm::vec3(-side * ipdM, 0.0f, 0.0f)) * mono.view;
        e.eye = mono.eye + right * (side * ipdM);
    }
    eyes[1].x = mono.x + mono.width;
    return eyes;
}

} // namespace soma
