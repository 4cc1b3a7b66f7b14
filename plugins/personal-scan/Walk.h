// plugins/personal-scan/Walk.h: the route of a personal body scan, from the
// client's tension map: which places it lingers on, in which order, and how
// gently.
//
// The rules, each for a reason:
// - The walk goes from head to feet in sections (head, neck and shoulders,
//   arms, chest, belly, back, pelvis, legs), like the shipped body scan. The
//   atlas lists the skin head to feet but the inner parts last, so each
//   region belongs to a section of the table below; a region the table does
//   not know (an atlas newer than this plugin) goes with the known region
//   before it in the atlas's order.
// - It lingers on the regions the therapist rated 1 or more: the short
//   variant on the 3 highest, the long one on up to 8 (more would make a
//   long session a list); the therapist's own `tension`, when set, comes
//   first. Equal ratings: the one with a note (talked about), then the one
//   rated most recently, then the walk's order, so the file's order never
//   matters. A rating of 0 is a place with no tension: it is met with the
//   rest of the body. An id the atlas lacks is passed over.
// - Rated regions it does not linger on are met in passing: in the long
//   variant each one that no passage of the walk lights gets a brief mention
//   with its section; in the short one the walk's passages meet them.
// - A place rated 7 or more is approached gently: first a neighbour that is
//   easy (on the surface, rated 0 to 2 or not at all, not itself a place to
//   linger), then only the edge, a shorter stay, and a way back to the floor
//   and the breath.
//
// Plain C++17 and the standard library, no SDK: PersonalScan.cpp hands it
// the map and what the host's atlas says, and tests can call it directly.
// Must never depend on anything but its inputs, and never look at a note's
// words (only whether there is one).
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace soma::plugins::personal_scan {

inline constexpr int kShortLingers = 3;
inline constexpr int kLongLingers = 8;
inline constexpr int kGentleFrom = 7; // from this rating the approach is gentler
inline constexpr int kEasyUpTo = 2;   // a neighbour rated up to this may be the easier place

struct Section {
    const char* id;
    const char* camera; // the preset that shows its regions on a lying figure
    std::vector<std::string> regions;
};

// Head to feet. Within a section, the order a walk names them in.
inline const std::vector<Section>& sections() {
    static const std::vector<Section> s = {
        {"head", "head_shoulders", {"crown", "forehead", "eyes", "jaw", "back_of_head", "throat"}},
        {"shoulders", "torso", {"neck", "shoulder_left", "shoulder_right"}},
        {"arms", "torso",
         {"upper_arm_left", "upper_arm_right", "elbow_left", "elbow_right", "forearm_left", "forearm_right", "hand_left", "hand_right"}},
        {"chest", "torso", {"chest", "side_left", "side_right", "lung_left", "lung_right", "diaphragm"}},
        {"belly", "torso", {"belly", "lower_belly", "psoas_left", "psoas_right"}},
        {"back", "torso", {"upper_back", "shoulder_blade_left", "shoulder_blade_right", "spine", "lower_back"}},
        {"pelvis", "pelvis_legs",
         {"hip_left", "hip_right", "hip_front_left", "hip_front_right", "groin_left", "groin_right", "buttock_left", "buttock_right",
          "pelvic_floor"}},
        {"legs", "pelvis_legs",
         {"thigh_left", "thigh_right", "knee_left", "knee_right", "lower_leg_left", "lower_leg_right", "foot_left", "foot_right"}},
    };
    return s;
}

// The inner regions of ABI 1.1's atlas, for a host without "soma.regions/1".
inline bool builtInInternal(const std::string& id) {
    return id == "diaphragm" || id == "psoas_left" || id == "psoas_right" || id == "lung_left" || id == "lung_right" || id == "spine" ||
           id == "pelvic_floor";
}

// What the plugin knows of the host's atlas: its ids in its own order,
// which lie inside the body, and (when the host says) which border on each
// other. Without "soma.regions/1" the plugin passes the table's ids and
// builtInInternal; without "soma.region_neighbours/1", no adjacent.
struct Body {
    std::vector<std::string> ids;
    std::vector<bool> internal;
    std::function<bool(const std::string&, const std::string&)> adjacent; // may be empty

    size_t index(const std::string& id) const { return size_t(std::find(ids.begin(), ids.end(), id) - ids.begin()); }
    bool known(const std::string& id) const { return index(id) < ids.size(); }
    bool isInternal(const std::string& id) const { return known(id) && internal[index(id)]; }
};

struct Rating {
    std::string region;
    int rating = 0;
    bool noted = false; // whether the therapist wrote a note; its words are never read
    std::int64_t timestamp = 0;
};

// Where a region lies on the walk: section, then place in it. Regions the
// table lacks follow the atlas region before them (rank + a fraction);
// {-1, ...} for one that cannot be placed.
struct Rank {
    int section = -1;
    double place = 0.0;
    bool operator<(const Rank& o) const { return section != o.section ? section < o.section : place < o.place; }
};

inline Rank tableRank(const std::string& id) {
    const auto& s = sections();
    for (size_t i = 0; i < s.size(); ++i) {
        const auto it = std::find(s[i].regions.begin(), s[i].regions.end(), id);
        if (it != s[i].regions.end()) return {int(i), double(it - s[i].regions.begin())};
    }
    return {};
}

inline Rank walkRank(const Body& body, const std::string& id) {
    if (Rank r = tableRank(id); r.section >= 0) return r;
    const size_t at = body.index(id);
    if (at >= body.ids.size()) return {};
    for (size_t back = 1; back <= at; ++back)
        if (Rank r = tableRank(body.ids[at - back]); r.section >= 0) return {r.section, r.place + 0.5 / double(back + 1)};
    return {0, -1.0}; // before every known region: no atlas does that, but it must land somewhere
}

// One place the walk lingers on.
struct Linger {
    std::string region;
    int rating = 0;
    bool gentle = false;
    bool internal = false;
    std::string nearby; // the easier place first, for a gentle approach; "" when none fits
};

struct Plan {
    std::vector<Linger> lingers;    // in walk order
    std::vector<std::string> rest;  // rated 1 or more, known, not lingered on: met in passing, walk order
    bool mapped = false;            // a map was handed over at all
    bool anyRated() const { return !lingers.empty(); }
};

namespace detail {

inline const Rating* ratingOf(const std::vector<Rating>& map, const std::string& id) {
    for (const Rating& r : map)
        if (r.region == id) return &r;
    return nullptr;
}

// The easiest neighbour of a place: on the surface, rated at most
// kEasyUpTo or not at all, not lingered on; one in the place's own section
// first (the camera there shows it), then the lowest rating (an unrated
// place counts as between 0 and 1: the therapist's "0" is known to be
// easy), then the walk's order.
inline std::string nearbyPlace(const Body& body, const std::vector<Rating>& map, const std::string& place,
                               const std::vector<std::string>& lingered) {
    if (!body.adjacent) return {};
    const int section = walkRank(body, place).section;
    std::string best;
    double bestScore = 1e9;
    Rank bestRank;
    for (const std::string& id : body.ids) {
        if (id == place || body.isInternal(id) || !body.adjacent(id, place)) continue;
        if (std::find(lingered.begin(), lingered.end(), id) != lingered.end()) continue;
        const Rating* r = ratingOf(map, id);
        if (r && r->rating > kEasyUpTo) continue;
        const Rank rank = walkRank(body, id);
        if (rank.section < 0) continue;
        const double score = (rank.section == section ? 0.0 : 10.0) + (r ? double(r->rating) : 0.5);
        if (best.empty() || score < bestScore || (score == bestScore && rank < bestRank)) {
            best = id;
            bestScore = score;
            bestRank = rank;
        }
    }
    return best;
}

} // namespace detail

// The map as the host hands it (any order, maybe ids this atlas lacks, maybe
// empty), the therapist's chosen tension ("" for none), whether a map was
// handed over, the variant ("short" or "long"), and the atlas.
inline Plan plan(const std::vector<Rating>& given, const std::string& chosenTension, bool mapped, const std::string& variant,
                 const Body& body) {
    Plan p;
    p.mapped = mapped;
    std::vector<Rating> map;
    for (const Rating& r : given)
        if (body.known(r.region) && walkRank(body, r.region).section >= 0) map.push_back(r);

    std::vector<const Rating*> rated;
    for (const Rating& r : map)
        if (r.rating >= 1 || r.region == chosenTension) rated.push_back(&r);
    std::sort(rated.begin(), rated.end(), [&](const Rating* a, const Rating* b) {
        if ((a->region == chosenTension) != (b->region == chosenTension)) return a->region == chosenTension;
        if (a->rating != b->rating) return a->rating > b->rating;
        if (a->noted != b->noted) return a->noted;
        if (a->timestamp != b->timestamp) return a->timestamp > b->timestamp;
        return walkRank(body, a->region) < walkRank(body, b->region);
    });
    const size_t cap = variant == "long" ? size_t(kLongLingers) : size_t(kShortLingers);
    std::vector<std::string> lingered;
    for (size_t i = 0; i < rated.size(); ++i) {
        if (i < cap) lingered.push_back(rated[i]->region);
        else if (rated[i]->rating >= 1) p.rest.push_back(rated[i]->region);
    }
    // A chosen tension the map does not rate is still the therapist's place to work with.
    if (!chosenTension.empty() && body.known(chosenTension) && walkRank(body, chosenTension).section >= 0 &&
        !detail::ratingOf(map, chosenTension)) {
        lingered.insert(lingered.begin(), chosenTension);
        if (lingered.size() > cap) {
            if (const Rating* moved = detail::ratingOf(map, lingered.back()); moved && moved->rating >= 1) p.rest.push_back(lingered.back());
            lingered.pop_back();
        }
    }
    auto byWalk = [&](const std::string& a, const std::string& b) { return walkRank(body, a) < walkRank(body, b); };
    std::sort(lingered.begin(), lingered.end(), byWalk);
    std::sort(p.rest.begin(), p.rest.end(), byWalk);
    for (const std::string& id : lingered) {
        Linger l;
        l.region = id;
        const Rating* r = detail::ratingOf(map, id);
        l.rating = r ? r->rating : 0;
        l.gentle = l.rating >= kGentleFrom;
        l.internal = body.isInternal(id);
        if (l.gentle) l.nearby = detail::nearbyPlace(body, map, id, lingered);
        p.lingers.push_back(l);
    }
    return p;
}

} // namespace soma::plugins::personal_scan
