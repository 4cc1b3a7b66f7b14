#include "plugin/PluginCheck.h"

#include "core/Log.h"
#include "core/Paths.h"
#include "plugin/NativeExercise.h"

#include <fmt/format.h>

#include <chrono>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace soma {

namespace fs = std::filesystem;

namespace {

constexpr const char* kLinePrefix = "soma-plugin-check";

std::string oneLine(std::string s) {
    for (char& c : s)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    return s;
}

PluginCheckOutcome::Kind kindFrom(std::string_view s) {
    using K = PluginCheckOutcome::Kind;
    if (s == "ok") return K::Ok;
    if (s == "failed") return K::Failed;
    if (s == "crashed") return K::Crashed;
    if (s == "timeout") return K::TimedOut;
    return K::NotRun;
}

// A map with high and low ratings, so a plugin that personalises has
// something to pick from; the ids are real atlas ids.
TensionMap sampleTensionMap() {
    TensionMap m;
    m.ratings = {{"shoulder_left", 8, "check", 1700000000}, {"jaw", 6, "", 1700000000}, {"hand_right", 1, "", 1700000000}, {"foot_left", 0, "", 1700000000}};
    return m;
}

} // namespace

const char* toString(PluginCheckOutcome::Kind kind) {
    switch (kind) {
    case PluginCheckOutcome::Kind::Ok: return "ok";
    case PluginCheckOutcome::Kind::Failed: return "failed";
    case PluginCheckOutcome::Kind::Crashed: return "crashed";
    case PluginCheckOutcome::Kind::TimedOut: return "timeout";
    case PluginCheckOutcome::Kind::NotRun: return "not_run";
    }
    return "not_run";
}

PluginCheckOutcome checkInProcess(const fs::path& library) {
    PluginCheckOutcome o;
    auto failed = [&](Error e) {
        o.kind = PluginCheckOutcome::Kind::Failed;
        o.error = std::move(e);
        return o;
    };
    auto ex = NativeExercise::open(library);
    if (!ex) return failed(ex.error());
    o.exerciseId = (*ex)->info().id;
    const TensionMap map = sampleTensionMap();
    for (const auto& lang : (*ex)->info().languages) {
        for (const auto& variant : (*ex)->info().variants) {
            for (const TensionMap* tension : {static_cast<const TensionMap*>(nullptr), &map}) {
                DescribeOptions opt;
                opt.lang = lang;
                opt.variant = variant.id;
                opt.tension = tension;
                auto req = (*ex)->describe(opt);
                if (!req) return failed(req.error());
                // The events a running session sends, in a plausible order.
                const auto& steps = req->steps;
                const Samples step0 = 0, later = fromSeconds(30.0);
                const ExerciseEvent events[] = {
                    {ExerciseEvent::Type::StepStarted, step0, 0, steps.front().id},
                    {ExerciseEvent::Type::Paused, later, 0, steps.front().id},
                    {ExerciseEvent::Type::Resumed, later, 0, steps.front().id},
                    {ExerciseEvent::Type::StepEnded, later, 0, steps.front().id},
                    {ExerciseEvent::Type::Grounding, later, 0, steps.front().id},
                };
                for (const auto& ev : events) {
                    auto ch = (*ex)->onEvent(ev, opt);
                    if (!ch) return failed(ch.error());
                }
            }
        }
    }
    o.kind = PluginCheckOutcome::Kind::Ok;
    return o;
}

std::string formatCheckLine(const PluginCheckOutcome& o) {
    // prefix \t kind \t exercise id \t error id \t message
    return fmt::format("{}\t{}\t{}\t{}\t{}\n", kLinePrefix, toString(o.kind), oneLine(o.exerciseId), oneLine(o.error.id), oneLine(o.error.message));
}

PluginCheckOutcome parseCheckLine(const std::string& text) {
    PluginCheckOutcome o;
    size_t at = text.rfind(kLinePrefix);
    if (at == std::string::npos) return o;
    std::string line = text.substr(at);
    if (auto nl = line.find('\n'); nl != std::string::npos) line.resize(nl);
    std::vector<std::string> f;
    size_t start = 0;
    for (;;) {
        size_t tab = line.find('\t', start);
        f.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
        if (tab == std::string::npos || f.size() == 5) break;
        start = tab + 1;
    }
    if (f.size() < 5) return o;
    o.kind = kindFrom(f[1]);
    o.exerciseId = f[2];
    o.error = {f[3], f[4]};
    return o;
}

PluginCheckOutcome checkInChild(const fs::path& validator, const fs::path& library, double timeoutSec) {
    PluginCheckOutcome o;
    const std::string lib = library.string();
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
        o.error = {"plugin.no_validator", fmt::format("{}: cannot make a pipe to check it ({})", lib, std::strerror(errno))};
        return o;
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    std::string exe = validator.string();
    std::vector<char*> argv = {exe.data(), const_cast<char*>("plugin-check"), const_cast<char*>(lib.c_str()), nullptr};
    pid_t pid = 0;
    const int err = posix_spawn(&pid, exe.c_str(), &fa, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    close(fds[1]);
    if (err != 0) {
        close(fds[0]);
        o.error = {"plugin.no_validator", fmt::format("{}: cannot start the checker {} ({})", lib, exe, std::strerror(err))};
        return o;
    }

    // Read the answer until the child closes its end or time runs out.
    std::string out;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(static_cast<int64_t>(timeoutSec * 1000));
    bool timedOut = false;
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
        if (left <= 0) {
            timedOut = true;
            break;
        }
        pollfd p{fds[0], POLLIN, 0};
        int n = poll(&p, 1, static_cast<int>(std::min<int64_t>(left, 1000)));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) continue;
        char buf[4096];
        ssize_t r = read(fds[0], buf, sizeof buf);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) break;
        if (out.size() < 64 * 1024) out.append(buf, static_cast<size_t>(r));
    }
    close(fds[0]);
    if (timedOut) kill(pid, SIGKILL);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }

    if (timedOut) {
        o.kind = PluginCheckOutcome::Kind::TimedOut;
        o.error = {"plugin.check_timeout",
                   fmt::format("{}: did not finish its check within {} s and is quarantined until the file changes; fix the plugin", lib, timeoutSec)};
        return o;
    }
    if (WIFSIGNALED(status)) {
        const int sig = WTERMSIG(status);
        o = parseCheckLine(out); // keeps the id when the child got that far
        o.kind = PluginCheckOutcome::Kind::Crashed;
        o.error = {"plugin.crashed", fmt::format("{}: crashed while being checked (signal {}, {}) and is quarantined until the file changes; fix the plugin",
                                                 lib, sig, strsignal(sig))};
        return o;
    }
    PluginCheckOutcome answer = parseCheckLine(out);
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (answer.kind == PluginCheckOutcome::Kind::Ok && code == 0) return answer;
    if (answer.kind == PluginCheckOutcome::Kind::Failed) return answer;
    // Exited without a proper answer: the plugin called exit() or the checker
    // is not a Soma that knows plugin-check. Either way it is not trusted.
    o.kind = PluginCheckOutcome::Kind::Crashed;
    o.error = {"plugin.crashed",
               fmt::format("{}: its check ended with exit code {} and no answer (did the plugin exit the process?); quarantined until the file changes",
                           lib, code)};
    return o;
}

PluginCheckOutcome checkNativePlugin(const fs::path& library) {
    return checkInChild(paths::executableDir() / "soma", library, kDefaultCheckTimeoutSec);
}

} // namespace soma
