// body/BodyState: what the figure shows at one moment, as plain data.
//
// The sequencer (session/) produces it from the timeline at a time t; the
// renderer (render/) draws it; nothing else is needed to make the picture.
// The same BodyState always gives the same frame. Depends on GLM only.
#pragma once

#include <glm/vec3.hpp>

#include <string>
#include <vector>

namespace soma {

struct RegionHighlight {
    std::string region;                  // atlas id, e.g. "psoas_left"
    float intensity = 1.0f;              // 0..1, already faded by the sequencer
    glm::vec3 color{1.0f, 0.72f, 0.45f}; // linear RGB; warm amber by default
};

enum class BodyBuild { Slim, Average, Broad };

struct BodyState {
    std::string pose = "supine";      // pose id: supine, constructive_rest, seated, standing
    std::string fromPose;             // during a transition: the pose we come from
    float poseBlend = 1.0f;           // 0 = fromPose, 1 = pose (eased by the sequencer)
    float breath = 0.5f;              // 0 = empty, 1 = full
    std::vector<RegionHighlight> highlights;
    std::string camera = "whole_body"; // camera preset id
    double timeSec = 0.0;             // session time, for slow pulses; never for motion of its own
    std::string caption;              // up to two lines of the words being spoken
};

} // namespace soma
