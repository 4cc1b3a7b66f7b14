// live/NarratorSpace: where the narration is heard from, in the client's
// own space. The listener is the client's head (bind space of the figure:
// +x the client's left, +y up, +z the front), so a voice that talks about
// the left shoulder comes from the client's left whatever the camera shows.
// The narrator sits in front of the face and leans, by the highlights'
// intensities, towards the regions being attended; the intensities fade
// slowly, so the voice never jumps from place to place.
// Depends on body/Figure, model/RegionAtlas, audio/AudioEngine. Must never
// read a clock: the same state gives the same place.
#pragma once

#include "audio/AudioEngine.h"
#include "body/Figure.h"
#include "model/BodyState.h"

#include <glm/gtc/quaternion.hpp>
#include <glm/vec3.hpp>

#include <vector>

namespace soma {

struct ListenerPose {
    glm::vec3 position{0.0f};
    glm::vec3 forward{0.0f, 0.0f, 1.0f};
    glm::vec3 up{0.0f, 1.0f, 0.0f};
};

class NarratorSpace {
public:
    // Measures the figure once (region centroids are costly to find).
    explicit NarratorSpace(const Figure& figure);

    const ListenerPose& listener() const { return mListener; }
    // 1.2 m from the head: straight ahead with nothing lit, towards the lit
    // regions as they brighten.
    glm::vec3 narratorPosition(const BodyState& state) const;
    // Places listener and narrator on the engine for this state. `head`
    // turns the listener (a headset's head pose, in this space): the
    // narrator stays where it is in the room, so a turned head hears it
    // from the side.
    void place(AudioEngine& audio, const BodyState& state, const glm::quat& head = glm::quat(1.0f, 0.0f, 0.0f, 0.0f)) const;

private:
    ListenerPose mListener;
    std::vector<glm::vec3> mCentroids; // by region index
};

} // namespace soma
