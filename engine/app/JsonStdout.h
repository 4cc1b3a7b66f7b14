// app/JsonStdout: stdout kept for the JSON a command prints.
//
// A command with --json runs code that is not its own: native plugins
// (their constructors and build may print), libraries that chatter. While a
// JsonStdout lives, whatever is written to stdout goes to stderr instead,
// and print() writes to the real stdout, so a script reading the JSON gets
// JSON and nothing else. Depends on POSIX. Must be the only one at a time.
#pragma once

#include <string_view>

namespace soma::app {

class JsonStdout {
public:
    JsonStdout();
    ~JsonStdout();
    JsonStdout(const JsonStdout&) = delete;
    JsonStdout& operator=(const JsonStdout&) = delete;
    // False when stdout took less than all of it (a closed pipe, a full disk).
    bool print(std::string_view json);

private:
    int mFd = -1;
};

} // namespace soma::app
