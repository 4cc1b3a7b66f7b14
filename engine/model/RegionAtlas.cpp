#include "model/RegionAtlas.h"

#include "core/Text.h"

#include <algorithm>
#include <array>
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
        {"hip_front_left", "linkerliesplooi", "left hip crease", L, S},
        {"hip_front_right", "rechterliesplooi", "right hip crease", R, S},
        {"groin_left", "linkerlies", "left groin", L, S},
        {"groin_right", "rechterlies", "right groin", R, S},
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


// Names that do not read after "je"/"your" are labels ("crown of the
// head"); narration says them this way.
struct Phrase {
    std::string_view id, nl, en;
};
constexpr Phrase kPhrases[] = {
    {"crown", "de kruin van je hoofd", "the crown of your head"},
    {"back_of_head", "de achterkant van je hoofd", "the back of your head"},
    {"hip_front_left", "de voorkant van je linkerheup", "the front of your left hip"},
    {"hip_front_right", "de voorkant van je rechterheup", "the front of your right hip"},
};

// What borders on what, one line per region and every pair written from
// both sides, so a reader sees a region's whole neighbourhood at once (the
// unit test holds the two sides to each other). Skin regions border where
// their skin meets; an inner part borders the surface regions it lies
// under and the inner parts it touches (the psoas the lower back and the
// diaphragm's crura, the spine everything it runs past, from the back of
// the head to the pelvic floor at the coccyx).
std::vector<NeighbourEntry> makeNeighbours() {
    return {
        {"crown", {"forehead", "back_of_head"}},
        {"forehead", {"crown", "eyes"}},
        {"eyes", {"forehead", "jaw"}},
        {"jaw", {"eyes", "throat", "neck"}},
        {"back_of_head", {"crown", "neck", "spine"}},
        {"throat", {"jaw", "neck", "chest"}},
        {"neck", {"jaw", "back_of_head", "throat", "shoulder_left", "shoulder_right", "upper_back", "spine"}},
        {"shoulder_left", {"neck", "upper_arm_left", "chest", "side_left", "upper_back", "shoulder_blade_left", "lung_left"}},
        {"shoulder_right", {"neck", "upper_arm_right", "chest", "side_right", "upper_back", "shoulder_blade_right", "lung_right"}},
        {"upper_arm_left", {"shoulder_left", "elbow_left"}},
        {"upper_arm_right", {"shoulder_right", "elbow_right"}},
        {"elbow_left", {"upper_arm_left", "forearm_left"}},
        {"elbow_right", {"upper_arm_right", "forearm_right"}},
        {"forearm_left", {"elbow_left", "hand_left"}},
        {"forearm_right", {"elbow_right", "hand_right"}},
        {"hand_left", {"forearm_left"}},
        {"hand_right", {"forearm_right"}},
        {"chest", {"throat", "shoulder_left", "shoulder_right", "side_left", "side_right", "belly", "diaphragm", "lung_left", "lung_right"}},
        {"side_left", {"shoulder_left", "chest", "belly", "shoulder_blade_left", "lower_back", "hip_left", "diaphragm", "lung_left"}},
        {"side_right", {"shoulder_right", "chest", "belly", "shoulder_blade_right", "lower_back", "hip_right", "diaphragm", "lung_right"}},
        {"belly", {"chest", "side_left", "side_right", "lower_belly", "diaphragm", "psoas_left", "psoas_right"}},
        {"lower_belly", {"belly", "hip_left", "hip_right", "hip_front_left", "hip_front_right", "groin_left", "groin_right", "thigh_left",
                         "thigh_right", "psoas_left", "psoas_right", "pelvic_floor"}},
        {"upper_back", {"neck", "shoulder_left", "shoulder_right", "shoulder_blade_left", "shoulder_blade_right", "lower_back", "spine", "lung_left",
                        "lung_right"}},
        {"shoulder_blade_left", {"shoulder_left", "side_left", "upper_back", "lung_left"}},
        {"shoulder_blade_right", {"shoulder_right", "side_right", "upper_back", "lung_right"}},
        {"lower_back", {"upper_back", "side_left", "side_right", "hip_left", "hip_right", "buttock_left", "buttock_right", "spine", "diaphragm",
                        "psoas_left", "psoas_right"}},
        {"hip_left", {"side_left", "lower_belly", "lower_back", "hip_front_left", "buttock_left", "thigh_left", "psoas_left"}},
        {"hip_right", {"side_right", "lower_belly", "lower_back", "hip_front_right", "buttock_right", "thigh_right", "psoas_right"}},
        {"hip_front_left", {"lower_belly", "hip_left", "groin_left", "thigh_left", "psoas_left"}},
        {"hip_front_right", {"lower_belly", "hip_right", "groin_right", "thigh_right", "psoas_right"}},
        {"groin_left", {"lower_belly", "hip_front_left", "thigh_left", "psoas_left", "pelvic_floor"}},
        {"groin_right", {"lower_belly", "hip_front_right", "thigh_right", "psoas_right", "pelvic_floor"}},
        {"buttock_left", {"lower_back", "hip_left", "buttock_right", "thigh_left", "pelvic_floor"}},
        {"buttock_right", {"lower_back", "hip_right", "buttock_left", "thigh_right", "pelvic_floor"}},
        {"thigh_left", {"lower_belly", "hip_left", "hip_front_left", "groin_left", "buttock_left", "knee_left", "psoas_left", "pelvic_floor"}},
        {"thigh_right", {"lower_belly", "hip_right", "hip_front_right", "groin_right", "buttock_right", "knee_right", "psoas_right",
                         "pelvic_floor"}},
        {"knee_left", {"thigh_left", "lower_leg_left"}},
        {"knee_right", {"thigh_right", "lower_leg_right"}},
        {"lower_leg_left", {"knee_left", "foot_left"}},
        {"lower_leg_right", {"knee_right", "foot_right"}},
        {"foot_left", {"lower_leg_left"}},
        {"foot_right", {"lower_leg_right"}},
        {"diaphragm", {"chest", "side_left", "side_right", "belly", "lower_back", "lung_left", "lung_right", "spine", "psoas_left", "psoas_right"}},
        {"psoas_left", {"belly", "lower_belly", "lower_back", "hip_left", "hip_front_left", "groin_left", "thigh_left", "diaphragm", "spine"}},
        {"psoas_right", {"belly", "lower_belly", "lower_back", "hip_right", "hip_front_right", "groin_right", "thigh_right", "diaphragm",
                         "spine"}},
        {"lung_left", {"shoulder_left", "chest", "side_left", "upper_back", "shoulder_blade_left", "diaphragm"}},
        {"lung_right", {"shoulder_right", "chest", "side_right", "upper_back", "shoulder_blade_right", "diaphragm"}},
        {"spine", {"back_of_head", "neck", "upper_back", "lower_back", "diaphragm", "psoas_left", "psoas_right", "pelvic_floor"}},
        {"pelvic_floor", {"lower_belly", "groin_left", "groin_right", "buttock_left", "buttock_right", "thigh_left", "thigh_right", "spine"}},
    };
}

// adjacent() as a matrix over atlas indices, from the table; an id the
// atlas lacks is left out here (the unit test names it). Both directions
// are set from each line, so adjacent() is symmetric even if a line were
// missing a name (the test still asks for both sides, for the reader).
using NeighbourMatrix = std::array<std::array<bool, kMaxRegions>, kMaxRegions>;

const NeighbourMatrix& neighbourMatrix() {
    static const NeighbourMatrix m = [] {
        NeighbourMatrix out{};
        for (const NeighbourEntry& e : neighbourTable()) {
            const auto a = regionIndex(e.id);
            for (std::string_view n : e.neighbours) {
                const auto b = regionIndex(n);
                if (a && b && *a != *b) out[size_t(*a)][size_t(*b)] = out[size_t(*b)][size_t(*a)] = true;
            }
        }
        return out;
    }();
    return m;
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

std::string regionPhrase(const Region& region, std::string_view lang) {
    const bool dutch = lang.substr(0, 2) == "nl";
    for (const Phrase& p : kPhrases)
        if (p.id == region.id) return std::string(dutch ? p.nl : p.en);
    return dutch ? "je " + region.nameNl : "your " + region.nameEn;
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

const std::vector<NeighbourEntry>& neighbourTable() {
    static const std::vector<NeighbourEntry> table = makeNeighbours();
    return table;
}

bool adjacent(std::string_view a, std::string_view b) {
    const auto ia = regionIndex(a), ib = regionIndex(b);
    return ia && ib && neighbourMatrix()[size_t(*ia)][size_t(*ib)];
}

std::vector<std::string> neighbours(std::string_view id) {
    std::vector<std::string> out;
    const auto i = regionIndex(id);
    if (!i) return out;
    const auto& atlas = regions();
    for (size_t j = 0; j < atlas.size(); ++j)
        if (neighbourMatrix()[size_t(*i)][j]) out.push_back(atlas[j].id);
    return out;
}

} // namespace soma
