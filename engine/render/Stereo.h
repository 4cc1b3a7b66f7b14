// render/Stereo: an eye pair from one camera, for a 3D screen, a phone
// viewer (side by side) or a headset. The eyes look along parallel axes
// (no toe-in, which would make the two pictures disagree vertically and
// strain the eyes), each moved half the interpupillary distance along the
// camera's right. Plain maths on render/View; depends on GLM only.
#pragma once

#include "render/View.h"

#include <array>

namespace soma {

inline constexpr float kDefaultIpdM = 0.063f; // the adult median

// The left and right eye of `mono`, each keeping mono's projection and
// viewport size, the left eye at mono's viewport and the right one
// beside it (x + width).
std::array<View, 2> eyePair(const View& mono, float ipdM = kDefaultIpdM);

} // namespace soma
