// core/Json: writing JSON by hand for the few commands that print it
// (plugins, regions, doctor, bench, export's timeline.json): one correct
// string escape instead of one per command. Depends on nothing but the
// standard library. Must never be used to parse (tests have their own reader).
#pragma once

#include <string>
#include <string_view>

namespace soma {

// `s` as a JSON string literal, quotes included; control characters escaped.
std::string jsonString(std::string_view s);

} // namespace soma
