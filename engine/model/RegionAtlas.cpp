#include "model/RegionAtlas.h"

#include "core/Text.h"

#include <algorithm>
#include <numeric>

namespace soma {

const char* toString(Side side) {
    switch (side) {
    case Side::Left: return "left";
    case Side::Right: return "right";
    case Side::Center: return "center";
    }
    return "center";
}

const char* toString(Layer layer) { return layer == Layer::Internal ? "internal" : "surface"; }

namespace {

// Dutch names read naturally after "je" ("je linkerschouder"), English ones
// after "your". Left and right are the client's own.
std::vector<Region> makeAtlas() {
    constexpr Side L = Side::Left, R = Side::Right, C = Side::Center;
    constexpr Layer S = Layer::Surface, I = Layer::Internal;
    std::vector<Region> r = {
        // Head and neck.
        {"crown", "kruin", "crown of the head", C, S},
        {"forehead", "voorhoofd", "forehead", C, S},
        {"eyes", "ogen", "eyes", C, S},
        {"jaw", "kaak", "jaw", C, S},
        {"back_of_head", "achterhoofd", "back of the head", C, S},
        {"throat", "keel", "throat", C, S},
        {"neck", "nek", "neck", C, S},
        // Shoulders and arms.
        {"shoulder_left", "linkerschouder", "left shoulder", L, S},
        {"shoulder_right", "rechterschouder", "right shoulder", R, S},
        {"upper_arm_left", "linkerbovenarm", "left upper arm", L, S},
        {"upper_arm_right", "rechterbovenarm", "right upper arm", R, S},
        {"elbow_left", "linkerelleboog", "left elbow", L, S},
        {"elbow_right", "rechterelleboog", "right elbow", R, S},
        {"forearm_left", "linkeronderarm", "left forearm", L, S},
        {"forearm_right", "rechteronderarm", "right forearm", R, S},
        {"hand_left", "linkerhand", "left hand", L, S},
        {"hand_right", "rechterhand", "right hand", R, S},
        // Torso, front and back.
        {"chest", "borst", "chest", C, S},
        {"side_left", "linkerzij", "left side", L, S},
        {"side_right", "rechterzij", "right side", R, S},
        {"belly", "buik", "belly", C, S},
        {"lower_belly", "onderbuik", "lower belly", C, S},
        {"upper_back", "bovenrug", "upper back", C, S},
        {"shoulder_blade_left", "linkerschouderblad", "left shoulder blade", L, S},
        {"shoulder_blade_right", "rechterschouderblad", "right shoulder blade", R, S},
        {"lower_back", "onderrug", "lower back", C, S},
        // Pelvis and legs.
        {"hip_left", "linkerheup", "left hip", L, S},
        {"hip_right", "rechterheup", "right hip", R, S},
        {"buttock_left", "linkerbil", "left buttock", L, S},
        {"buttock_right", "rechterbil", "right buttock", R, S},
        {"thigh_left", "linkerbovenbeen", "left thigh", L, S},
        {"thigh_right", "rechterbovenbeen", "right thigh", R, S},
        {"knee_left", "linkerknie", "left knee", L, S},
        {"knee_right", "rechterknie", "right knee", R, S},
        {"lower_leg_left", "linkeronderbeen", "left lower leg", L, S},
        {"lower_leg_right", "rechteronderbeen", "right lower leg", R, S},
        {"foot_left", "linkervoet", "left foot", L, S},
        {"foot_right", "rechtervoet", "right foot", R, S},
        // Inside.
        {"diaphragm", "middenrif", "diaphragm", C, I},
        {"psoas_left", "linkerpsoas", "left psoas", L, I},
        {"psoas_right", "rechterpsoas", "right psoas", R, I},
        {"lung_left", "linkerlong", "left lung", L, I},
        {"lung_right", "rechterlong", "right lung", R, I},
        {"spine", "wervelkolom", "spine", C, I},
        {"pelvic_floor", "bekkenbodem", "pelvic floor", C, I},
    };
    return r;
}

} // namespace

const std::vector<Region>& regions() {
    static const std::vector<Region> atlas = [] {
        auto a = makeAtlas();
        // An index must fit FigureVertex::regions and the renderer's arrays.
        if (a.size() > size_t(kMaxRegions)) a.resize(kMaxRegions);
        return a;
    }();
    return atlas;
}

std::optional<int> regionIndex(std::string_view id) {
    const auto& a = regions();
    for (size_t i = 0; i < a.size(); ++i)
        if (a[i].id == id) return int(i);
    return std::nullopt;
}

std::vector<std::string> nearestRegions(std::string_view id, int count) {
    std::vector<std::pair<int, std::string>> scored;
    for (const auto& r : regions()) {
        int d = editDistance(id, r.id);
        // A typed id that is a prefix or part of a real one ("psoas") is close.
        if (r.id.find(id) != std::string::npos && !id.empty()) d = std::min(d, 1);
        scored.emplace_back(d, r.id);
    }
    std::stable_sort(scored.begin(), scored.end(), [](auto& x, auto& y) { return x.first < y.first; });
    std::vector<std::string> out;
    for (int i = 0; i < count && i < int(scored.size()); ++i) out.push_back(scored[i].second);
    return out;
}

} // namespace soma
