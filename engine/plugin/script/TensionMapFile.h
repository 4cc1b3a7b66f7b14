// plugin/script/TensionMapFile: the client's tension map as a small TOML file that
// a therapist (or, later, a UI) writes, and the same tables inside a session
// log.
//
//   resource = "hand_right"       # optional: the therapist's easy place
//   tension = "shoulder_left"     # optional: the therapist's place to work with
//
//   [[region]]
//   id = "shoulder_left"          # an atlas id (`soma regions` lists them)
//   rating = 7                    # 0 (none) to 10
//   note = "trekt naar het oor"   # optional, UTF-8
//   time = 2026-11-30T10:15:00Z   # optional: a date-time or seconds since 1970
//
// docs/tension-maps.md is the format's reference. Every problem is reported
// at its file:line:col with what to do: text that is not UTF-8, TOML syntax,
// an unknown region (with the nearest valid ids), a rating that is not a
// whole number from 0 to 10, a region rated twice, unknown keys, a resource
// or tension that cannot be used (unknown, a resource inside the body, the
// two the same region or neighbours). Writing
// refuses what reading would refuse, so what is written reads back as the
// same map.
//
// Depends on toml++ (in the .cpp only), model/RegionAtlas, model/TensionMap
// and plugin/script/ScriptDocument (Diagnostic). Must never guess: a map it
// cannot read exactly is an error, never a partial map, since a session
// would be built from it.
#pragma once

#include "core/Result.h"
#include "model/TensionMap.h"
#include "plugin/script/ScriptDocument.h"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace soma {

// Reads a tension map file. Errors: "tension.open" (cannot read it),
// "tension.syntax" (not UTF-8 or not TOML), "tension.invalid" (what it
// says is wrong), "tension.choice" (the therapist's resource or tension
// cannot be used); the message names file:line:col and what to do, and when
// there is more than one problem, says that `soma validate FILE` lists all.
Result<TensionMap> readTensionMap(const std::filesystem::path& file);

// Writes the map (atomically: a reader sees the old file or the new one).
// A map that readTensionMap would refuse gives "tension.invalid" and writes
// nothing; a file that cannot be written gives "tension.write".
Status writeTensionMap(const TensionMap& map, const std::filesystem::path& file);

// All problems at once, for `soma validate` and for editors: `file` is the
// name the problems carry.
struct TensionMapParse {
    TensionMap map;                   // complete only when ok()
    std::vector<Diagnostic> problems; // ids as for readTensionMap
    bool ok() const { return problems.empty(); }
};
TensionMapParse parseTensionMap(std::string_view text, const std::string& file);
TensionMapParse checkTensionMapFile(const std::filesystem::path& file);

// A whole tension map file's text (what writeTensionMap writes).
std::string tensionMapToml(const TensionMap& map);

// For TOML documents that hold a map among other things (a session log's
// [[tension]] tables): the entries under `table`, and the therapist's
// choice as one key `<table>_choice = { resource = "...", tension = "..." }`
// (written before the entries, and only when there is one); other keys are
// the caller's. No such entries: an empty map and no problems.
std::string tensionTablesToml(const TensionMap& map, std::string_view table);
TensionMapParse parseTensionTables(std::string_view text, const std::string& file, std::string_view table);

// A .toml file that is a tension map rather than an exercise: it has
// [[region]] entries and no steps and no manifest keys. Cheap (reads the
// text, does not check it), so `soma validate` can choose how to check it.
bool looksLikeTensionMap(const std::filesystem::path& file);

} // namespace soma
