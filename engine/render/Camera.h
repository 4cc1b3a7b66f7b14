// render/Camera: the calm camera presets (whole_body, torso, head_shoulders,
// pelvis_legs), framed for each pose from the figure itself, and the smooth
// blend between two of them.
//
// A preset looks at the part of the body its name says, from a direction
// that suits the pose: lying poses (the body along z, head to -z) are seen
// from the figure's right side and above, head on the left of the picture;
// seated and standing from the front, a little above. Framing depends on
// the aspect ratio and is cached per (figure, pose, preset, aspect).
// Depends on body/Figure, anim/Poses (framing skins the pose) and GLM. Must
// never move by itself: the same inputs
// always give the same camera (the sequencer eases any move).
#pragma once

#include "body/Figure.h"
#include "model/BodyState.h"
#include "render/View.h"

#include <string>
#include <string_view>
#include <vector>

namespace soma {

struct CameraPose {
    glm::vec3 target{0.0f};         // what the camera looks at (world)
    glm::vec3 direction{0, 0, 1};   // unit vector from target to eye
    float distanceM = 3.0f;
    float fovYDeg = 30.0f;
    glm::vec3 eye() const { return target + direction * distanceM; }
};

// The preset `camera` framed on `figure` in pose `pose` (full pose, breath
// at rest) for a picture of this aspect (width / height).
CameraPose cameraPreset(const Figure& figure, std::string_view pose, std::string_view camera, float aspect);

// 0 = a, 1 = b: the target and distance move linearly, the direction turns
// along the great circle, so a move is always a smooth glide, never a cut.
CameraPose blendCamera(const CameraPose& a, const CameraPose& b, float t);

// The camera a BodyState asks for: its preset (and pose) blends applied.
// Unknown ids fall back to whole_body / the target pose (callers validate).
CameraPose cameraFor(const Figure& figure, const BodyState& state, float aspect);

// The camera turned about its target, for a therapist looking around the
// figure: yawDeg about the vertical axis (180: from behind), pitchDeg up
// (+) or down from where it looked, kept within 75 degrees of level;
// zoom < 1 comes nearer (kept within 0.3..1.5 of the distance). The person
// moves it with their own hand, so it follows at once.
CameraPose orbitCamera(const CameraPose& base, float yawDeg, float pitchDeg, float zoom);

// A view for one viewport (target pixels, top-left origin).
View makeView(const CameraPose& camera, int x, int y, int width, int height);

// Side-by-side stereo: the left eye on the left half. Parallel eyes with
// shifted frustums that meet at the target, so nothing strains the eyes.
std::vector<View> stereoViews(const CameraPose& camera, int targetWidth, int targetHeight, float eyeSeparationM = 0.064f);

} // namespace soma
