// model/Vocabulary: the ids a session may name besides regions (poses,
// camera presets, ambience beds), defined once for every stage: scripts and
// native plugins are checked against these lists, anim/ poses the figure
// for each pose id, render/ frames each camera preset, audio/ generates each
// ambience. Region ids are model/RegionAtlas.
//
// Depends on nothing but the standard library. Must never grow an id that no
// stage can show: adding one here means adding its meaning in anim/,
// render/ or audio/ in the same change.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace soma {

// "supine", "constructive_rest", "seated", "standing", and the seated
// variants "seated_look_left", "seated_look_right",
// "seated_hands_chest_belly", "seated_hands_head": the order is the pose
// index anim/ uses.
const std::vector<std::string>& poseIds();
// "whole_body", "torso", "head_shoulders", "pelvis_legs".
const std::vector<std::string>& cameraPresetIds();
// "brown-noise", "waves", "none".
const std::vector<std::string>& ambienceIds();

bool isPose(std::string_view id);
bool isCameraPreset(std::string_view id);
bool isAmbience(std::string_view id);

} // namespace soma
