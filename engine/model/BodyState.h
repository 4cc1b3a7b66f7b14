// model/BodyState: what the figure shows at one moment, as plain data.
//
// The sequencer (session/) produces it from the timeline at a time t; the
// renderer (render/) draws it; nothing else is needed to make the picture.
// The same BodyState always gives the same frame. Depends on GLM only.
#pragma once

#include <glm/vec3.hpp>

#include <string>
#include <vector>

namespace soma {

enum class BodyBuild { Slim, Average, Broad };

struct RegionHighlight {
    std::string region;                  // atlas id, e.g. "psoas_left"
    float intensity = 1.0f;              // 0..1, fades and slow pulses already applied by the sequencer
    glm::vec3 color{1.0f, 0.72f, 0.45f}; // linear RGB; warm amber by default
};

struct BodyState {
    std::string pose = "supine";      // pose id: supine, constructive_rest, seated, standing
    std::string fromPose;             // during a transition: the pose we come from
    float poseBlend = 1.0f;           // 0 = fromPose, 1 = pose (eased by the sequencer)
    float breath = 0.5f;              // 0 = empty, 1 = full
    std::vector<RegionHighlight> highlights;
    std::string camera = "whole_body"; // camera preset id
    std::string fromCamera;           // during a slow camera move: the preset we come from
    float cameraBlend = 1.0f;         // 0 = fromCamera, 1 = camera (eased by the sequencer; never fast)
    BodyBuild build = BodyBuild::Average;
    float heightM = 1.72f;
    double timeSec = 0.0;             // session time, for slow pulses; never for motion of its own
    std::string caption;              // up to two lines of the words being spoken
    float skinOpacity = 1.0f;         // 1: the skin as always; less lets the inner structures show clearer (a therapist marking them)
};

} // namespace soma
