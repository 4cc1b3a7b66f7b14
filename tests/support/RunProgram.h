// Runs the real `soma` program as a child process and captures what it
// prints, for command-line tests.
#pragma once

#include <string>
#include <vector>

namespace soma::test {

struct ProgramResult {
    int exitCode = -1; // 128 + the signal when one ended it, as a shell says; -1 when it did not start
    std::string out;   // stdout and stderr together, as written; why it did not start, when it did not
};

// env: "NAME=value" entries added to (or replacing in) this process's
// environment; "NAME=" sets an empty value. A value may be single-quoted as
// in a shell ("XDG_DATA_HOME='/a b'"): the quotes are removed, since tests
// wrote them so when this ran through a shell.
ProgramResult runSoma(const std::vector<std::string>& args, const std::vector<std::string>& env = {});

} // namespace soma::test
