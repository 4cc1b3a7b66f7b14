// model/TensionMap: a therapist's tension map for one client, as data.
//
// Read from a file by plugin/script/TensionMapFile, kept in a live run's log
// (live/EventLog), handed to native plugins through soma/plugin.h. Depends
// on nothing but the standard library. Must never be logged in full outside
// the client's own files: it is health data.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace soma {

// One region of a therapist's tension map.
struct TensionRating {
    std::string region;         // atlas id
    int rating = 0;             // 0..10
    std::string note;           // optional, may be empty
    std::int64_t timestamp = 0; // seconds since the Unix epoch

    friend bool operator==(const TensionRating&, const TensionRating&) = default;
};

struct TensionMap {
    std::vector<TensionRating> ratings;
    // The regions the therapist chose for an exercise that works with an
    // easy place and a place of tension (pendulation), atlas ids; empty
    // when they left the choice to the exercise. Kept with the ratings
    // because they are the therapist's word about the same client. (The
    // {} keeps TensionMap{{...}}, ratings alone, free of warnings.)
    std::string resource{};
    std::string tension{};

    friend bool operator==(const TensionMap&, const TensionMap&) = default;
};

} // namespace soma
