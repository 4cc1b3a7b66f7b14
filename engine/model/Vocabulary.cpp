#include "model/Vocabulary.h"

#include <algorithm>

namespace soma {
namespace {

bool contains(const std::vector<std::string>& ids, std::string_view id) { return std::find(ids.begin(), ids.end(), id) != ids.end(); }

} // namespace

const std::vector<std::string>& poseIds() {
    // New poses go at the end: the index of a published one never changes.
    static const std::vector<std::string> ids = {
        "supine", "constructive_rest", "seated", "standing",
        "seated_look_left", "seated_look_right", "seated_hands_chest_belly", "seated_hands_head"};
    return ids;
}

const std::vector<std::string>& cameraPresetIds() {
    static const std::vector<std::string> ids = {"whole_body", "torso", "head_shoulders", "pelvis_legs"};
    return ids;
}

const std::vector<std::string>& ambienceIds() {
    static const std::vector<std::string> ids = {"brown-noise", "waves", "none"};
    return ids;
}

bool isPose(std::string_view id) { return contains(poseIds(), id); }
bool isCameraPreset(std::string_view id) { return contains(cameraPresetIds(), id); }
bool isAmbience(std::string_view id) { return contains(ambienceIds(), id); }

} // namespace soma
