#include "support/RunProgram.h"

#include "core/Process.h"

namespace soma::test {
namespace {

// Removes single quotes the way a shell does ('a'\''b' is a'b). Only
// single quotes and backslashes: no test writes more, and double quotes are
// left as they are.
std::string unquote(const std::string& s) {
    std::string out;
    bool quoted = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '\'') quoted = !quoted;
        else if (c == '\\' && !quoted && i + 1 < s.size()) out += s[++i];
        else out += c;
    }
    return out;
}

} // namespace

ProgramResult runSoma(const std::vector<std::string>& args, const std::vector<std::string>& env) {
    ProcessDesc desc;
    desc.program = SOMA_BINARY;
    desc.args = args;
    for (const auto& e : env) desc.extraEnv.push_back(unquote(e));
    desc.stderrTo = ProcessDesc::Output::Capture;
    desc.maxOutputBytes = std::size_t(64) << 20; // all of it: tests search the whole output
    ProgramResult r;
    auto ran = runProcess(desc);
    if (!ran) {
        r.out = ran.error().message;
        return r;
    }
    r.out = std::move(ran->output);
    r.exitCode = ran->end == ProcessOutcome::End::Signaled ? 128 + ran->signal : ran->exitCode;
    return r;
}

} // namespace soma::test
