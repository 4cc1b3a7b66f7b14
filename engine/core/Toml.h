// core/Toml: one way to parse a TOML text (toml++), whether toml++ was
// built with exceptions or not, and say where it is broken, so every file
// Soma reads (scripts, tension maps, settings, session logs, check-ins)
// reports a syntax error alike: file:line:col and what is wrong.
#pragma once

#include "core/Diagnostic.h"

#include <toml++/toml.h>

#include <string>
#include <string_view>

namespace soma {

struct TomlParse {
    toml::table table;
    bool ok = false;
    SourceLocation where;    // where it is broken (when not ok)
    std::string description; // what is broken, in toml++'s words
};

TomlParse parseToml(std::string_view text, const std::string& file);

} // namespace soma
