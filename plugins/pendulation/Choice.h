// plugins/pendulation/Choice.h: which two regions pendulation moves between,
// and how gently, from the client's tension map.
//
// The rules, each for a reason a therapist gave (issue 13):
// - The resource (the easy place) is never the tension, never one of its
//   neighbours (the neck is the shoulder's own edge, not a place away from
//   it), and never inside the body (a psoas or the pelvic floor is not a
//   place a client can rest their attention in easily).
// - The tension is the highest rating of 3 or more. A map with nothing
//   rated 3 or more has no tension worth visiting: the session stays with
//   the resource and says so.
// - A tension rated 7 or more is approached gently (Narration.h's gentle
//   visits and extra returns), and its resource lies further away: not
//   even a neighbour's neighbour.
// - The therapist's own choice (the map's resource and tension keys) comes
//   before all of this; the host checked it when it read the file.
// - Ties and unknown ids never depend on luck or on the order of the file:
//   an id this atlas does not know is left out; equal ratings go to the
//   region with a note (the one the therapist and client talked about),
//   then to the one rated most recently, then to the id that sorts first.
//   A resource among equals is a noted one, then a classic one (a hand, a
//   foot), then as above.
//
// Plain C++17 and the standard library, no SDK: the plugin hands it the
// map and an Atlas (from the host's extensions, or the built-in fallback
// below when a host offers none), and tests can call it directly. Must
// never depend on anything but its inputs.
#pragma once

#include <algorithm>
#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <vector>

namespace soma::plugins::pendulation {

inline constexpr int kLowestTension = 3;      // below this a region is not a tension worth a visit
inline constexpr int kHighestResource = 2;    // a rated region is a resource only up to this
inline constexpr int kGentleFrom = 7;         // from this rating the approach is gentler
inline constexpr int kDistanceResource = 2;   // steps between resource and tension: 2 = not neighbours
inline constexpr int kDistanceGentle = 3;     // ... and with a gentle approach, not a neighbour's neighbour

// Without a map: a hand is the resource and the jaw the tension.
inline constexpr const char* kDefaultResource = "hand_left";
inline constexpr const char* kDefaultTension = "jaw";

// Resources that most people find easy to feel and that lie far from the
// trunk, in the order they are offered when the map rates none low.
inline const std::vector<std::string>& classicResources() {
    static const std::vector<std::string> r = {"hand_left", "hand_right", "foot_left", "foot_right", "lower_leg_left", "lower_leg_right",
                                               "forearm_left", "forearm_right"};
    return r;
}

struct Rating {
    std::string region;
    int rating = 0;
    bool noted = false;       // the therapist wrote a note
    std::int64_t timestamp = 0;
};

enum class Side { Left, Right, Center };

// The side of an atlas id by its name: ids are stable forever, and every
// sided one ends in _left or _right (the client's own).
inline Side sideOf(const std::string& id) {
    auto endsWith = [&](const char* tail) {
        const std::string t(tail);
        return id.size() > t.size() && id.compare(id.size() - t.size(), t.size(), t) == 0;
    };
    return endsWith("_left") ? Side::Left : endsWith("_right") ? Side::Right : Side::Center;
}

// What the plugin knows of the atlas: every id in a fixed order, which
// lie inside the body, and which border on each other. The neighbours are
// asked once per pair when it is made (a host call each), so distances
// cost no host calls.
class Atlas {
public:
    Atlas(std::vector<std::string> ids, std::vector<bool> internal, const std::function<bool(const std::string&, const std::string&)>& adjacent)
        : mIds(std::move(ids)), mInternal(std::move(internal)), mNear(mIds.size()) {
        for (size_t i = 0; i < mIds.size(); ++i)
            for (size_t j = i + 1; j < mIds.size(); ++j)
                if (adjacent(mIds[i], mIds[j])) {
                    mNear[i].push_back(j);
                    mNear[j].push_back(i);
                }
    }

    const std::vector<std::string>& ids() const { return mIds; }
    bool known(const std::string& id) const { return index(id) < mIds.size(); }
    bool internal(const std::string& id) const { return known(id) && mInternal[index(id)]; }
    bool adjacent(const std::string& a, const std::string& b) const { return known(a) && known(b) && distance(a, b) == 1; }

    // Steps from a to b over neighbours (0 for the same region); kFar for
    // an unknown id or when no path joins them.
    static constexpr int kFar = 1000;
    int distance(const std::string& a, const std::string& b) const {
        const size_t from = index(a), to = index(b);
        if (from >= mIds.size() || to >= mIds.size()) return kFar;
        std::vector<int> seen(mIds.size(), -1);
        std::deque<size_t> queue{from};
        seen[from] = 0;
        while (!queue.empty()) {
            const size_t at = queue.front();
            queue.pop_front();
            if (at == to) return seen[at];
            for (size_t n : mNear[at])
                if (seen[n] < 0) {
                    seen[n] = seen[at] + 1;
                    queue.push_back(n);
                }
        }
        return kFar;
    }

private:
    size_t index(const std::string& id) const { return size_t(std::find(mIds.begin(), mIds.end(), id) - mIds.begin()); }

    std::vector<std::string> mIds;
    std::vector<bool> mInternal;
    std::vector<std::vector<size_t>> mNear;
};

inline bool sameGroup(const std::vector<std::vector<std::string>>& groups, const std::string& x, const std::string& y) {
    for (const auto& g : groups)
        if (std::find(g.begin(), g.end(), x) != g.end() && std::find(g.begin(), g.end(), y) != g.end()) return true;
    return false;
}

// The built-in notion of the body for a host that offers neither
// "soma.regions/1" nor "soma.region_neighbours/1": the regions of ABI 1.1's
// atlas, the inner ones marked, and groups of regions that lie together
// (a limb, the head and neck, the trunk); two regions of one group count as
// neighbours. Coarser than the host's table, and on the safe side: it
// keeps more apart, never less.
inline Atlas builtInAtlas() {
    static const std::vector<std::string> kIds = {
        "crown", "forehead", "eyes", "jaw", "back_of_head", "throat", "neck", "shoulder_left", "shoulder_right", "upper_arm_left",
        "upper_arm_right", "elbow_left", "elbow_right", "forearm_left", "forearm_right", "hand_left", "hand_right", "chest", "side_left",
        "side_right", "belly", "lower_belly", "upper_back", "shoulder_blade_left", "shoulder_blade_right", "lower_back", "hip_left",
        "hip_right", "hip_front_left", "hip_front_right", "groin_left", "groin_right", "buttock_left", "buttock_right", "thigh_left", "thigh_right", "knee_left", "knee_right", "lower_leg_left",
        "lower_leg_right", "foot_left", "foot_right", "diaphragm", "psoas_left", "psoas_right", "lung_left", "lung_right", "spine",
        "pelvic_floor"};
    static const std::vector<std::vector<std::string>> kGroups = {
        {"crown", "forehead", "eyes", "jaw", "back_of_head", "throat", "neck"},
        {"back_of_head", "neck", "throat", "chest", "shoulder_left", "shoulder_right", "upper_back", "spine"},
        {"shoulder_left", "upper_arm_left", "elbow_left", "forearm_left", "hand_left"},
        {"shoulder_right", "upper_arm_right", "elbow_right", "forearm_right", "hand_right"},
        {"shoulder_left", "shoulder_right", "chest", "side_left", "side_right", "belly", "upper_back", "shoulder_blade_left",
         "shoulder_blade_right", "lower_back", "diaphragm", "lung_left", "lung_right", "spine", "psoas_left", "psoas_right"},
        {"belly", "lower_belly", "side_left", "side_right", "lower_back", "hip_left", "hip_right", "hip_front_left", "hip_front_right",
         "groin_left", "groin_right", "buttock_left", "buttock_right", "pelvic_floor", "psoas_left", "psoas_right", "spine", "thigh_left",
         "thigh_right"},
        {"thigh_left", "knee_left", "lower_leg_left", "foot_left"},
        {"thigh_right", "knee_right", "lower_leg_right", "foot_right"},
    };
    std::vector<bool> internal;
    for (const std::string& id : kIds)
        internal.push_back(id == "diaphragm" || id == "psoas_left" || id == "psoas_right" || id == "lung_left" || id == "lung_right" ||
                           id == "spine" || id == "pelvic_floor");
    return Atlas(kIds, internal, [](const std::string& x, const std::string& y) { return sameGroup(kGroups, x, y); });
}

struct Choice {
    std::string resource;
    std::string tension; // empty: a resource-only session
    bool gentle = false; // the tension is rated kGentleFrom or more

    bool resourceOnly() const { return tension.empty(); }
};

namespace detail {

// Equal ratings: the noted one, then the most recent, then the id.
inline bool tieBefore(const Rating& a, const Rating& b) {
    if (a.noted != b.noted) return a.noted;
    if (a.timestamp != b.timestamp) return a.timestamp > b.timestamp;
    return a.region < b.region;
}

inline int classicRank(const std::string& id) {
    const auto& c = classicResources();
    const auto it = std::find(c.begin(), c.end(), id);
    return it == c.end() ? int(c.size()) : int(it - c.begin());
}

inline const Rating* ratingOf(const std::vector<Rating>& map, const std::string& id) {
    for (const Rating& r : map)
        if (r.region == id) return &r;
    return nullptr;
}

// Whether id may be the resource for this tension ("" for none).
inline bool fitsAsResource(const Atlas& atlas, const std::string& id, const std::string& tension, int minDistance) {
    if (!atlas.known(id) || atlas.internal(id) || id == tension) return false;
    return tension.empty() || atlas.distance(id, tension) >= minDistance;
}

// The map's own low regions first (lowest rating, then a noted one, then
// a classic one, then tieBefore), then the classic ones the map leaves
// unrated (those on the other side from the tension first), then any other
// unrated surface region by id; a region rated above kHighestResource
// never, unless nothing else fits at all.
inline std::string chooseResource(const Atlas& atlas, const std::vector<Rating>& map, const std::string& tension, int minDistance) {
    std::vector<const Rating*> low;
    for (const Rating& r : map)
        if (r.rating <= kHighestResource && fitsAsResource(atlas, r.region, tension, minDistance)) low.push_back(&r);
    std::sort(low.begin(), low.end(), [](const Rating* a, const Rating* b) {
        if (a->rating != b->rating) return a->rating < b->rating;
        if (a->noted != b->noted) return a->noted; // "voelt warm en rustig": a place the client already knows
        if (classicRank(a->region) != classicRank(b->region)) return classicRank(a->region) < classicRank(b->region);
        return tieBefore(*a, *b);
    });
    if (!low.empty()) return low.front()->region;
    // The classic ones on the other side of the body from the tension
    // first: a right hand for a left shoulder, not the same arm's hand.
    std::vector<std::string> classics = classicResources();
    const Side away = sideOf(tension);
    std::stable_partition(classics.begin(), classics.end(), [&](const std::string& id) { return away == Side::Center || sideOf(id) != away; });
    for (const std::string& id : classics)
        if (!ratingOf(map, id) && fitsAsResource(atlas, id, tension, minDistance)) return id;
    std::vector<std::string> rest;
    for (const std::string& id : atlas.ids())
        if (!ratingOf(map, id) && fitsAsResource(atlas, id, tension, minDistance)) rest.push_back(id);
    std::sort(rest.begin(), rest.end());
    if (!rest.empty()) return rest.front();
    // A map that rates every place that fits 3 or more: the least tense of
    // them, still away from the tension. (No shipped map comes close.)
    const Rating* least = nullptr;
    for (const Rating& r : map)
        if (fitsAsResource(atlas, r.region, tension, kDistanceResource) && (!least || r.rating < least->rating || (r.rating == least->rating && tieBefore(r, *least))))
            least = &r;
    return least ? least->region : std::string();
}

} // namespace detail

// The map as the host hands it (any order, maybe ids this atlas lacks),
// the therapist's own choice ("" for none), and the atlas.
inline Choice choose(const std::vector<Rating>& given, const std::string& chosenResource, const std::string& chosenTension, const Atlas& atlas) {
    std::vector<Rating> map;
    for (const Rating& r : given)
        if (atlas.known(r.region)) map.push_back(r);
    const bool haveResource = !chosenResource.empty() && atlas.known(chosenResource) && !atlas.internal(chosenResource);
    const bool haveTension = !chosenTension.empty() && atlas.known(chosenTension);
    if (map.empty() && !haveResource && !haveTension) return {kDefaultResource, kDefaultTension, false};

    Choice c;
    if (haveTension) {
        c.tension = chosenTension;
    } else {
        // The highest rating of kLowestTension or more that leaves room for
        // the therapist's resource, if they chose one.
        const Rating* best = nullptr;
        for (const Rating& r : map) {
            if (r.rating < kLowestTension) continue;
            if (haveResource && (r.region == chosenResource || atlas.adjacent(r.region, chosenResource))) continue;
            if (!best || r.rating > best->rating || (r.rating == best->rating && detail::tieBefore(r, *best))) best = &r;
        }
        if (best) c.tension = best->region;
    }
    const Rating* rated = c.tension.empty() ? nullptr : detail::ratingOf(map, c.tension);
    c.gentle = rated && rated->rating >= kGentleFrom;
    if (haveResource && detail::fitsAsResource(atlas, chosenResource, c.tension, kDistanceResource)) c.resource = chosenResource;
    else c.resource = detail::chooseResource(atlas, map, c.tension, c.gentle ? kDistanceGentle : kDistanceResource);
    if (c.resource.empty()) c.resource = c.tension == kDefaultResource ? "hand_right" : kDefaultResource; // no real atlas gets here
    return c;
}

} // namespace soma::plugins::pendulation
