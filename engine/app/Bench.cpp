// soma bench: the figures that say how fast, how small and how exact Soma
// is, measured the same way every time (docs/benchmarks.md).
#include "app/Commands.h"
#include "app/CommandRegistry.h"

#include "app/HeapCounter.h"
#include "core/Log.h"
#include "platform/Window.h"
#include "render/RenderTarget.h"
#include "render/Renderer.h"

#include <fmt/format.h>

#include <SDL.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fcntl.h>
#include <numeric>
#include <optional>
#include <spawn.h>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace soma::app {
namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

// One figure of the report: a number, or absent with the reason why.
struct Figure {
    std::string key;
    std::optional<double> value;
    std::string note;
};

struct Report {
    std::vector<Figure> figures;
    std::vector<std::pair<std::string, std::string>> info;
    void add(std::string key, double v, std::string note = {}) { figures.push_back({std::move(key), v, std::move(note)}); }
    void missing(std::string key, std::string why) { figures.push_back({std::move(key), std::nullopt, std::move(why)}); }
};

std::string jsonString(const std::string& s) {
    std::string o = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') o += '\\';
        if (static_cast<unsigned char>(c) < 0x20) { o += ' '; continue; }
        o += c;
    }
    return o + "\"";
}

// The reference scene, the same one the comparison pages use (see
// docs/benchmarks.md): the figure on its back, breathing on a 10 s cycle,
// four regions pulsing, fixed camera.
FrameParams referenceFrame(double sec) {
    FrameParams f;
    f.breath = float(0.5 - 0.5 * std::cos(sec * 2.0 * M_PI / 10.0));
    return f;
}

struct Gl {
    std::unique_ptr<Window> window;
    std::unique_ptr<Renderer> renderer;
    std::unique_ptr<RenderTarget> target;
};

std::optional<Gl> openGl(const BenchOptions& opt) {
    WindowDesc wd;
    wd.width = opt.width;
    wd.height = opt.height;
    wd.headless = true;
    wd.vsync = false;
    auto w = Window::create(wd);
    if (!w) { log::error(w.error().id, "{}", w.error().message); return std::nullopt; }
    auto r = Renderer::create();
    if (!r) { log::error(r.error().id, "{}", r.error().message); return std::nullopt; }
    Gl gl;
    gl.window = std::move(*w);
    gl.renderer = std::move(*r);
    gl.target = std::make_unique<RenderTarget>(RenderTargetDesc{opt.width, opt.height, 0});
    return gl;
}

// The child half of start_ms: start, draw the first reference frame, read
// it back, say so, exit.
int startProbe(const BenchOptions& opt) {
    auto gl = openGl(opt);
    if (!gl) return 1;
    gl->renderer->draw(*gl->target, referenceFrame(0));
    Image img = gl->target->readPixels();
    std::printf("first-frame %d\n", img.width);
    std::fflush(stdout);
    return 0;
}

// start_ms as a person would see it: a new process, from exec to the first
// frame read back. Median of a few runs, since process start is noisy.
std::optional<double> measureStart(const BenchOptions& opt) {
    std::vector<double> runs;
    for (int i = 0; i < 5; ++i) {
        std::string self = "/proc/self/exe";
        std::string w = std::to_string(opt.width), h = std::to_string(opt.height);
        std::vector<char*> argv = {self.data(), const_cast<char*>("bench"), const_cast<char*>("--start-probe"),
                                   const_cast<char*>("--width"), w.data(), const_cast<char*>("--height"), h.data(), nullptr};
        posix_spawn_file_actions_t fa;
        posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
        const auto t0 = Clock::now();
        pid_t pid = 0;
        if (posix_spawn(&pid, "/proc/self/exe", &fa, nullptr, argv.data(), environ) != 0) {
            posix_spawn_file_actions_destroy(&fa);
            return std::nullopt;
        }
        int status = 0;
        waitpid(pid, &status, 0);
        const double ms = msSince(t0);
        posix_spawn_file_actions_destroy(&fa);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return std::nullopt;
        runs.push_back(ms);
    }
    std::sort(runs.begin(), runs.end());
    return runs[runs.size() / 2];
}

} // namespace

int bench(const BenchOptions& opt) {
    if (opt.startProbe) return startProbe(opt);

    log::setStderrLevel(log::Level::Warn);
    Report rep;
    rep.info.emplace_back("cores", std::to_string(std::thread::hardware_concurrency()));
    rep.info.emplace_back("size", fmt::format("{}x{}", opt.width, opt.height));

    if (auto s = measureStart(opt)) rep.add("start_ms", *s, "median of 5 fresh processes, exec to first frame read back");
    else rep.missing("start_ms", "the start probe failed");

    heap::resetPeak();
    auto gl = openGl(opt);
    if (!gl) return 1;
    rep.info.emplace_back("renderer", gl->window->glInfo().renderer);
    rep.info.emplace_back("msaa", std::to_string(gl->target->samples()));

    const int warmup = 60;
    std::vector<double> frameMs;
    frameMs.reserve(opt.frames);
    for (int i = 0; i < warmup + opt.frames; ++i) {
        const double sec = i / 60.0;
        const auto t0 = Clock::now();
        gl->renderer->draw(*gl->target, referenceFrame(sec));
        gl->target->resolve();
        glFinish();
        if (i >= warmup) frameMs.push_back(msSince(t0));
    }
    const double mean = std::accumulate(frameMs.begin(), frameMs.end(), 0.0) / double(frameMs.size());
    std::sort(frameMs.begin(), frameMs.end());
    const double p95 = frameMs[std::min(frameMs.size() - 1, size_t(double(frameMs.size()) * 0.95))];
    rep.add("frame_ms_mean", mean, fmt::format("{} frames after {} warm-up, glFinish each", opt.frames, warmup));
    rep.add("frame_ms_p95", p95);

    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    rep.add("rss_mb", double(ru.ru_maxrss) / 1024.0, "peak resident set");
    rep.add("heap_mb", double(heap::peakBytes()) / (1024.0 * 1024.0), "peak of the engine's own C++ allocations");

    if (opt.json) {
        std::string o = "{";
        for (auto& [k, v] : rep.info) o += fmt::format("{}: {}, ", jsonString(k), jsonString(v));
        for (size_t i = 0; i < rep.figures.size(); ++i) {
            const auto& f = rep.figures[i];
            o += jsonString(f.key) + ": " + (f.value ? fmt::format("{:.3f}", *f.value) : std::string("null"));
            o += i + 1 < rep.figures.size() ? ", " : "";
        }
        o += "}\n";
        std::fputs(o.c_str(), stdout);
    } else {
        for (auto& [k, v] : rep.info) std::printf("%-20s %s\n", k.c_str(), v.c_str());
        for (auto& f : rep.figures) {
            if (f.value) std::printf("%-20s %.3f%s%s\n", f.key.c_str(), *f.value, f.note.empty() ? "" : "    # ", f.note.c_str());
            else std::printf("%-20s n/a    # %s\n", f.key.c_str(), f.note.c_str());
        }
    }
    return 0;
}

} // namespace soma::app

namespace soma::app {
namespace {
const CommandRegistrar kBench(90, "bench", "Measure start-up, frame time, memory and more on the reference scene",
                              [](CLI::App&, CLI::App& sub) -> CommandAction {
                                  auto opt = std::make_shared<BenchOptions>();
                                  sub.add_flag("--json", opt->json, "Print one JSON object");
                                  sub.add_option("--frames", opt->frames, "Frames to time after 60 warm-up frames")
                                      ->check(CLI::Range(10, 100000))->capture_default_str();
                                  sub.add_option("--width", opt->width, "Width in pixels")->check(CLI::Range(16, 8192))->capture_default_str();
                                  sub.add_option("--height", opt->height, "Height in pixels")->check(CLI::Range(16, 8192))->capture_default_str();
                                  sub.add_flag("--start-probe", opt->startProbe)->group(""); // internal
                                  return [opt] { return bench(*opt); };
                              });
} // namespace
} // namespace soma::app
