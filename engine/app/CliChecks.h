// app/CliChecks: the checks CLI11 runs on option values as it parses, so a
// wrong value is a usage error (exit 2) naming the option, what it takes
// and, for a word, the nearest one it knows; never a value taken as it is
// and found wrong later, or not at all (a NaN passes every comparison).
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace soma::app {

// A finite number from lo to hi.
CLI::Validator finiteIn(double lo, double hi);
// 0 (the exercise's own pace) or a breathing pace Soma guides.
CLI::Validator breathingPace();
// A language tag of the form the exercises use ("nl", "en", "nl-BE"),
// with the nearest of those Soma speaks when it is not one.
CLI::Validator languageTag();
// An id as variants and exercises have ("short", "body-scan").
CLI::Validator idWord(const std::string& what, const std::vector<std::string>& examples);

} // namespace soma::app
