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
};

struct TensionMap {
    std::vector<TensionRating> ratings;
};

} // namespace soma
