// core/Diagnostic: a problem found in a file a person wrote, where it is and
// what to do about it, printed the way compilers print theirs, so editors
// and people find the spot: "script.toml:42:7: error: message".
//
// Scripts, tension maps, session logs and settings report this way.
// Depends on the standard library only. Must never hold more than the
// location and the words.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace soma {

// Where something came from: "script.toml:42:7". Line and column start at
// 1; 0 means not known.
struct SourceLocation {
    std::string file;
    int line = 0;
    int column = 0;
};

// Where byte `offset` of `text` is, as an editor counts: lines from 1,
// columns in code points from 1.
SourceLocation locate(std::string_view text, std::size_t offset, std::string file);

struct Diagnostic {
    SourceLocation where;
    std::string id;      // stable: script.syntax, settings.value, ...
    std::string message;

    // "file:line:col: error: message".
    std::string format() const;
};

} // namespace soma
