// Checks every engine #include against the module dependencies that CMake
// declares, so a module cannot quietly start using one it does not depend on
// (or leak a PRIVATE one through its headers). CMake writes the manifest at
// configure time; this only reads it and the sources, never writes, builds or
// guesses a dependency that the manifest does not state.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace soma::test {

struct IncludeCheckReport {
    std::vector<std::string> errors; // "file:line: error: what, and what to do"
    int filesChecked = 0;            // source files that belong to a module
    int includesChecked = 0;         // #include directives read in those files
    bool ok() const { return errors.empty(); }
};

// Manifest format (one entry per line, `#` comments):
//   root <engine folder, absolute or relative to the manifest's folder>
//   module <name> <folder relative to root>
//   depends <module> public|private <module or third-party target>
//   headers <module or third-party target> <include prefix>
IncludeCheckReport checkModuleIncludes(const std::filesystem::path& manifest);

} // namespace soma::test
