#include "support/RunProgram.h"

#include <cstdio>
#include <sys/wait.h>

namespace soma::test {
namespace {

std::string quote(const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

} // namespace

ProgramResult runSoma(const std::vector<std::string>& args, const std::vector<std::string>& env) {
    std::string cmd;
    for (auto& e : env) cmd += e + " ";
    cmd += quote(SOMA_BINARY);
    for (auto& a : args) cmd += " " + quote(a);
    cmd += " 2>&1";
    ProgramResult r;
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return r;
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
    int status = pclose(p);
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return r;
}

} // namespace soma::test
