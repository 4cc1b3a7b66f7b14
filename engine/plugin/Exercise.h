// plugin/Exercise: an exercise as the host sees it, whatever its kind.
//
// Script exercises (TOML) and native plugins (shared libraries through
// soma/plugin.h) both become an Exercise: metadata for listing, and a way to
// describe a session for a language, a variant and, where there is one, the
// client's tension map. Depends on session/SessionBuilder. Must never let an
// exception or a crash of plugin code escape into the host.
#pragma once

#include "core/Result.h"
#include "plugin/PluginDirs.h"
#include "session/SessionBuilder.h"

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace soma {

struct ExerciseVariant {
    std::string id;        // "short", "long"
    double minutes = 0.0;  // intended length
};

struct ExerciseInfo {
    std::string id;
    std::map<std::string, std::string> title;   // BCP-47 tag -> title
    std::map<std::string, std::string> summary; // BCP-47 tag -> one sentence
    std::vector<std::string> languages;
    std::vector<ExerciseVariant> variants;
    PluginKind kind = PluginKind::Script;
    std::filesystem::path path;
};

// One region of a therapist's tension map.
struct TensionRating {
    std::string region;       // atlas id
    int rating = 0;           // 0..10
    std::string note;         // optional, may be empty
    std::int64_t timestamp = 0; // seconds since the Unix epoch
};

struct TensionMap {
    std::vector<TensionRating> ratings;
};

struct DescribeOptions {
    std::string lang = "en";
    std::string variant = "short";
    const TensionMap* tension = nullptr; // null: no map for this client
    double breathsPerMinute = 0.0;       // 0: the exercise's default
};

class Exercise {
public:
    virtual ~Exercise() = default;
    virtual const ExerciseInfo& info() const = 0;
    virtual Result<SessionRequest> describe(const DescribeOptions& options) = 0;
};

} // namespace soma
