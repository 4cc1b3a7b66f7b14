// model/TensionColour: the one colour scale a tension rating is shown in,
// on the figure (the heat map), in its legend and in a printed report, so
// a 7 looks the same wherever a therapist meets it.
//
// Depends on GLM only. Must never carry meaning of its own beyond the
// rating: the scale runs from a calm green (0, none) through warm yellow
// to a deep red (10), growing darker as it grows warmer, so it still reads
// in greyscale print and for the common red-green colour blindness.
#pragma once

#include <glm/vec3.hpp>

#include <algorithm>
#include <array>

namespace soma {

inline glm::vec3 tensionColour(int rating) {
    // Five stops at 0, 2.5, 5, 7.5 and 10.
    static constexpr std::array<glm::vec3, 5> kStops{{{0.45f, 0.80f, 0.62f},
                                                      {0.86f, 0.88f, 0.45f},
                                                      {0.98f, 0.70f, 0.30f},
                                                      {0.90f, 0.40f, 0.20f},
                                                      {0.70f, 0.12f, 0.14f}}};
    const float t = float(std::clamp(rating, 0, 10)) / 2.5f;
    const int i = std::min(3, int(t));
    const float f = t - float(i);
    return kStops[size_t(i)] * (1.0f - f) + kStops[size_t(i) + 1] * f;
}

} // namespace soma
