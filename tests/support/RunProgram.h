// Runs the real `soma` program as a child process and captures what it
// prints, for command-line tests.
#pragma once

#include <string>
#include <vector>

namespace soma::test {

struct ProgramResult {
    int exitCode = -1;
    std::string out; // stdout and stderr together
};

ProgramResult runSoma(const std::vector<std::string>& args, const std::vector<std::string>& env = {});

} // namespace soma::test
