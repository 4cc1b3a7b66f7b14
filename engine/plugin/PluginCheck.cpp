#include "plugin/PluginCheck.h"

#include "core/Log.h"
#include "core/Paths.h"
#include "core/Process.h"
#include "plugin/NativeExercise.h"
#include "plugin/script/TensionMapFile.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <random>
#include <thread>
#include <utility>
#include <vector>

#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>

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

// The same, with both regions chosen by the therapist (ABI 1.2's map
// fields), one of them not the plugin's own choice from the ratings.
TensionMap sampleTensionMapWithChoice() {
    TensionMap m = sampleTensionMap();
    m.resource = "foot_left";
    m.tension = "jaw";
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

namespace {

// Every language x variant x breathing pace (the default and both ends of
// the range `--breaths-per-minute` accepts) with each map, and the events a
// running session sends, in a plausible order. strict: the first refusal is the outcome
// (the plugin's own check); otherwise refusals are passed over, since only
// a crash or a hang is what this run is looking for.
std::optional<Error> describeEverything(NativeExercise& ex, const std::vector<const TensionMap*>& maps, bool strict) {
    for (const auto& lang : ex.info().languages) {
        for (const auto& variant : ex.info().variants) {
            for (const TensionMap* tension : maps) {
                for (const double pace : {0.0, 4.5, 7.0}) {
                    DescribeOptions opt;
                    opt.lang = lang;
                    opt.variant = variant.id;
                    opt.tension = tension;
                    opt.breathsPerMinute = pace;
                    auto req = ex.describe(opt);
                    if (!req) {
                        if (strict) return req.error();
                        continue;
                    }
                    const auto& steps = req->steps;
                    if (steps.empty()) continue; // the session builder refuses it ("session.empty"); nothing to send events about
                    const Samples step0 = 0, later = fromSeconds(30.0);
                    const ExerciseEvent events[] = {
                        {ExerciseEvent::Type::StepStarted, step0, 0, steps.front().id},
                        {ExerciseEvent::Type::Paused, later, 0, steps.front().id},
                        {ExerciseEvent::Type::Resumed, later, 0, steps.front().id},
                        {ExerciseEvent::Type::StepEnded, later, 0, steps.front().id},
                        {ExerciseEvent::Type::Grounding, later, 0, steps.front().id},
                    };
                    for (const auto& ev : events) {
                        auto ch = ex.onEvent(ev, opt);
                        if (!ch && strict) return ch.error();
                    }
                }
            }
        }
    }
    return std::nullopt;
}

// The threads this process has now.
int threadCount() {
    std::error_code ec;
    int n = 0;
    for (auto it = fs::directory_iterator("/proc/self/task", ec); !ec && it != fs::directory_iterator(); it.increment(ec)) ++n;
    return n;
}

// A key no plugin can guess: 128 random bits in hex.
std::string answerKey() {
    std::random_device rd;
    std::string k = "-";
    for (int i = 0; i < 4; ++i) k += fmt::format("{:08x}", std::uint32_t(rd()));
    return k;
}

} // namespace

PluginCheckOutcome checkInProcess(const fs::path& library) {
    if (const char* mapFile = std::getenv(kCheckTensionMapEnv); mapFile && *mapFile) return checkTensionMapInProcess(library, mapFile);
    PluginCheckOutcome o;
    auto ex = NativeExercise::open(library);
    if (!ex) {
        o.kind = PluginCheckOutcome::Kind::Failed;
        o.error = ex.error();
        return o;
    }
    o.exerciseId = (*ex)->info().id;
    const int threadsBefore = threadCount();
    // The host may ask for a plugin's extensions whenever it is loaded, so
    // its get_extension (ABI 1.1) runs here first, where a crash is
    // survivable; with an id no plugin offers, since the answer is not the
    // point.
    (*ex)->extension("soma.plugin-check/1");
    const TensionMap map = sampleTensionMap(), chosen = sampleTensionMapWithChoice();
    if (auto e = describeEverything(**ex, {nullptr, &map, &chosen}, true)) {
        o.kind = PluginCheckOutcome::Kind::Failed;
        o.error = std::move(*e);
        return o;
    }
    // A thread the plugin started may call the host a moment after build
    // returned: give it that moment (only when there is such a thread).
    if (threadCount() > threadsBefore) std::this_thread::sleep_for(std::chrono::milliseconds(150));
    if (const unsigned stray = strayHostCalls()) {
        o.kind = PluginCheckOutcome::Kind::Failed;
        o.error = {"plugin.stray_call",
                   fmt::format("{}: called the host {} time(s) outside build or on_event, or from a thread of its own (each call refused); "
                               "a plugin may call the host only inside those calls, on the thread that made them: fix the plugin",
                               library.string(), stray)};
        return o;
    }
    o.kind = PluginCheckOutcome::Kind::Ok;
    return o;
}

PluginCheckOutcome checkTensionMapInProcess(const fs::path& library, const fs::path& mapFile) {
    PluginCheckOutcome o;
    o.kind = PluginCheckOutcome::Kind::Failed;
    auto map = readTensionMap(mapFile);
    if (!map) {
        o.error = map.error();
        return o;
    }
    auto ex = NativeExercise::open(library);
    if (!ex) {
        o.error = ex.error();
        return o;
    }
    o.exerciseId = (*ex)->info().id;
    describeEverything(**ex, {&*map}, false);
    o.kind = PluginCheckOutcome::Kind::Ok;
    return o;
}

std::string formatCheckLine(const PluginCheckOutcome& o, std::string_view key) {
    // \n prefix key \t kind \t exercise id \t error id \t message: on a line
    // of its own even after a plugin's output without a line break.
    return fmt::format("\n{}{}\t{}\t{}\t{}\t{}\n", kLinePrefix, key, toString(o.kind), oneLine(o.exerciseId), oneLine(o.error.id),
                       oneLine(o.error.message));
}

PluginCheckOutcome parseCheckLine(const std::string& text, std::string_view key) {
    PluginCheckOutcome o;
    const std::string marker = std::string(kLinePrefix) + std::string(key) + "\t";
    size_t at = text.rfind(marker);
    if (at == std::string::npos) return o;
    std::string line = text.substr(at + marker.size() - 1);
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

bool followCheckParent() {
    const char* parent = std::getenv(kCheckParentEnv);
    if (!parent || !*parent) return true; // run by hand
    if (::prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) return true;
    // The parent may have gone before the line above: then nobody waits.
    return std::to_string(::getppid()) == parent;
}

std::string readAnswerKey() {
    if (::isatty(STDIN_FILENO)) return {};
    char buf[64];
    std::string key;
    // One short line; whatever else stdin holds is not read.
    for (;;) {
        const ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        key.append(buf, std::size_t(n));
        if (key.find('\n') != std::string::npos || key.size() > 64) break;
    }
    key = key.substr(0, key.find('\n'));
    const bool ok = key.size() > 1 && key.size() <= 64 && key[0] == '-' &&
                    std::all_of(key.begin() + 1, key.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
    return ok ? key : std::string();
}

PluginCheckOutcome checkInChild(const fs::path& validator, const fs::path& library, double timeoutSec, const fs::path& tensionMapFile) {
    PluginCheckOutcome o;
    const std::string lib = library.string();
    ProcessDesc child;
    child.program = validator;
    child.args = {"plugin-check", lib};
    // The map variable set for a map check, and absent for the plugin's own
    // check even when our environment has it.
    if (tensionMapFile.empty()) child.removeEnv = {kCheckTensionMapEnv};
    else child.extraEnv = {std::string(kCheckTensionMapEnv) + "=" + tensionMapFile.string()};
    // The child ends with this process, however this one ends (followCheckParent).
    child.extraEnv.push_back(std::string(kCheckParentEnv) + "=" + std::to_string(::getpid()));
    child.timeoutSec = timeoutSec;
    // The answer comes on the child's stdout, where the plugin may print
    // too; only a line with the key this check hands over on its stdin
    // (read before the plugin is loaded, so no plugin ever sees it) counts.
    // Whatever else is printed is read past, however much.
    const std::string key = answerKey();
    child.input = [key, sent = false]() mutable { return std::exchange(sent, true) ? std::string() : key + "\n"; };
    child.maxOutputBytes = 4 * 1024;
    std::string answerLine;
    const std::string marker = std::string(kLinePrefix) + key + "\t";
    child.onLine = [&](std::string_view line) {
        if (line.find(marker) != std::string_view::npos) answerLine = std::string(line) + "\n";
    };
    auto ran = runProcess(child);
    if (!ran) {
        o.error = {"plugin.no_validator", fmt::format("{}: cannot be checked: {}", lib, ran.error().message)};
        return o;
    }
    const ProcessOutcome& end = *ran;

    if (end.end == ProcessOutcome::End::TimedOut) {
        o.kind = PluginCheckOutcome::Kind::TimedOut;
        o.error = {"plugin.check_timeout",
                   fmt::format("{}: did not finish its check within {} s and is quarantined until the file changes; fix the plugin", lib, timeoutSec)};
        return o;
    }
    if (end.end == ProcessOutcome::End::Signaled) {
        const int sig = end.signal;
        o = parseCheckLine(answerLine, key); // keeps the id when the child got that far
        o.kind = PluginCheckOutcome::Kind::Crashed;
        o.error = {"plugin.crashed", fmt::format("{}: crashed while being checked (signal {}, {}) and is quarantined until the file changes; fix the plugin",
                                                 lib, sig, strsignal(sig))};
        return o;
    }
    PluginCheckOutcome answer = parseCheckLine(answerLine, key);
    const int code = end.exitCode;
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

namespace {

// A folder only this user can enter, removed with everything in it when
// this goes out of scope.
class PrivateDir {
public:
    PrivateDir() {
        std::error_code ec;
        std::string tmpl = (fs::temp_directory_path(ec) / "soma-map-check-XXXXXX").string();
        if (ec) tmpl = "/tmp/soma-map-check-XXXXXX";
        if (mkdtemp(tmpl.data())) mPath = tmpl; // mkdtemp makes it 0700
        else mError = std::strerror(errno);
    }
    ~PrivateDir() {
        std::error_code ec;
        if (!mPath.empty()) fs::remove_all(mPath, ec);
    }
    PrivateDir(const PrivateDir&) = delete;
    PrivateDir& operator=(const PrivateDir&) = delete;
    const fs::path& path() const { return mPath; }
    const std::string& error() const { return mError; }

private:
    fs::path mPath;
    std::string mError;
};

} // namespace

PluginCheckOutcome checkTensionMapInChild(const fs::path& validator, const fs::path& library, const TensionMap& map, double timeoutSec) {
    PluginCheckOutcome o;
    const std::string lib = library.string();
    PrivateDir dir;
    if (dir.path().empty()) {
        o.error = {"plugin.map_handover", fmt::format("{}: cannot make a private folder to hand the tension map to its check ({})", lib, dir.error())};
        return o;
    }
    const fs::path file = dir.path() / "tension-map.toml";
    if (auto w = writeTensionMap(map, file); !w) {
        o.error = w.error();
        return o;
    }
    // The check is only worth something if the child sees exactly this map.
    auto back = readTensionMap(file);
    if (!back || *back != map) {
        o.error = {"plugin.map_handover",
                   fmt::format("{}: the tension map does not read back the same from its file ({}), so the plugin cannot be checked with it", lib,
                               back ? "a value changed on the way" : back.error().message)};
        return o;
    }
    return checkInChild(validator, library, timeoutSec, file);
}

PluginCheckOutcome checkNativePlugin(const fs::path& library) {
    return checkInChild(paths::executableDir() / "soma", library, kDefaultCheckTimeoutSec);
}

} // namespace soma
