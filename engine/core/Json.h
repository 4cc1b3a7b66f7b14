// core/Json: writing JSON by hand for the few commands that print it
// (plugins, regions, doctor, bench, export's timeline.json), and TOML for
// the files Soma writes (session logs, tension maps): one correct string
// escape instead of one per file. Depends on nothing but the
// standard library. Must never be used to parse (tests have their own reader).
#pragma once

#include <string>
#include <string_view>

namespace soma {

// `s` as a JSON string literal, quotes included; control characters escaped.
std::string jsonString(std::string_view s);
// `s` as a TOML basic string: the same escapes (UTF-8 passes through as it
// is, so a Dutch note stays readable in the file).
std::string tomlString(std::string_view s);

} // namespace soma
