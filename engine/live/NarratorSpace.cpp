#include "live/NarratorSpace.h"

#include "model/RegionAtlas.h"

#include <glm/geometric.hpp>

#include <algorithm>

namespace soma {

namespace {
constexpr float kNarratorDistanceM = 1.2f;
}

NarratorSpace::NarratorSpace(const Figure& figure) {
    const Landmarks& l = figure.landmarks;
    mListener.position = {0.0f, 0.5f * (l.crown + l.chin), 0.0f};
    for (int i = 0; i < int(regions().size()); ++i) mCentroids.push_back(regionCentroid(figure, i));
}

glm::vec3 NarratorSpace::narratorPosition(const BodyState& state) const {
    glm::vec3 dir(0.0f);
    float total = 0.0f;
    for (const RegionHighlight& h : state.highlights) {
        auto idx = regionIndex(h.region);
        if (!idx || size_t(*idx) >= mCentroids.size() || h.intensity <= 0.0f) continue;
        const glm::vec3 to = mCentroids[size_t(*idx)] - mListener.position;
        const float len = glm::length(to);
        if (len < 1e-3f) continue;
        dir += h.intensity * (to / len);
        total += h.intensity;
    }
    // In front of the face, for whatever share the highlights leave.
    dir += std::max(0.0f, 1.0f - total) * mListener.forward;
    const float len = glm::length(dir);
    dir = len < 1e-3f ? mListener.forward : dir / len;
    return mListener.position + kNarratorDistanceM * dir;
}

void NarratorSpace::place(AudioEngine& audio, const BodyState& state, const glm::quat& head) const {
    audio.setListener(mListener.position, head * mListener.forward, head * mListener.up);
    audio.setNarratorPosition(narratorPosition(state));
}

} // namespace soma
