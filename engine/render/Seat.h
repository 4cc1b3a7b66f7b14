// render/Seat: the low stool the seated pose rests on. The seated figure
// sits on nothing without it. Its size and place come from the figure
// itself (the seated pose's skin under the buttocks and thighs), so it fits
// every build and height; it appears with the seated pose's weight, so a
// pose change melts it in and out instead of popping it.
//
// Depends on body/Figure, anim/Poses and GLM; needs no GL (the renderer uploads the
// mesh). Must never move the figure: the seat follows the body, not the
// other way round.
#pragma once

#include "body/Figure.h"
#include "model/BodyState.h"

#include <glm/vec3.hpp>

#include <cstdint>
#include <optional>
#include <vector>

namespace soma {

// A rounded block standing on the floor, in world space (the seated pose's).
struct SeatShape {
    glm::vec3 centre{0.0f}; // on the floor (y = 0), under the middle of the seat
    float halfWidthM = 0.2f;  // across the body (x)
    float halfDepthM = 0.15f; // front to back (z)
    float heightM = 0.45f;    // top surface, where the body rests
};

struct SeatVertex {
    glm::vec3 position;
    glm::vec3 normal;
};

struct SeatMesh {
    std::vector<SeatVertex> vertices;
    std::vector<std::uint32_t> indices; // counter-clockwise seen from outside
};

// Where the seat goes for this figure: under the lowest skin of the seated
// pelvis and upper thighs, as wide as the hips, ending behind the calves.
// nullopt if the figure has no hips to sit on (a custom skeleton).
std::optional<SeatShape> seatFor(const Figure& figure);

// A soft stool: a squircle in plan, a little narrower at the foot, rounded
// edges top and bottom.
SeatMesh seatMesh(const SeatShape& seat);

// How much of the seat shows for a state: the seated poses' weight in the
// current pose blend (1 seated or a seated variant, 0 in any other pose,
// between during a transition to or from sitting).
float seatWeight(const BodyState& state);

} // namespace soma
