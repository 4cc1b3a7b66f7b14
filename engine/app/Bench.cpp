// soma bench: the figures that say how fast, how small and how exact Soma
// is, measured the same way every time on the reference scene
// (app/ReferenceScene.h); docs/benchmarks.md has the method and the figures.
//
// Method, in short: every figure is measured, never estimated from a
// model, except export_video_x_realtime, whose per-frame cost is measured on
// a short clip and applied to the whole session (said in its note). A
// figure that cannot be measured here is null, with the reason. Times that
// depend on how busy the machine is are given beside a floor measured in the
// same run (a bare clear and one triangle), and beside the CPU time, so a
// loaded machine can still be compared with itself.
#include "anim/Poses.h"
#include "app/CommandRegistry.h"
#include "app/Commands.h"
#include "core/Json.h"

#include "app/HeapCounter.h"
#include "app/ReferenceScene.h"
#include "audio/AudioEngine.h"
#include "core/Log.h"
#include "core/Paths.h"
#include "core/Process.h"
#include "live/Shell.h"
#include "model/RegionAtlas.h"
#include "platform/Window.h"
#include "plugin/PluginRegistry.h"
#include "render/Renderer.h"
#include "render/RenderTarget.h"
#include "render/ShaderProgram.h"
#include "render/Stereo.h"
#include "session/Sequencer.h"
#include "session/SessionBuilder.h"

#include <fmt/format.h>

#include <SDL.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <optional>
#include <sstream>
#include <string>
#include <sys/resource.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace soma::app {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

double cpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) * 1e-6;
}

// Resident memory now (the peak comes from getrusage).
double currentRssMb() {
    std::ifstream in("/proc/self/statm");
    long size = 0, resident = 0;
    in >> size >> resident;
    return double(resident) * double(sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

double mean(const std::vector<double>& v) { return v.empty() ? 0.0 : std::accumulate(v.begin(), v.end(), 0.0) / double(v.size()); }

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0.0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(double(v.size()) * p))];
}

double median(std::vector<double> v) { return percentile(std::move(v), 0.5); }

// What one run measures, from the command line.
struct Plan {
    BenchOptions opt;
    bool quick = false;   // a short smoke run (tests): fewer repeats, shorter exports, one exercise
    int warmup = 60;
    int startRuns = 5;
    double videoSec = 4.0; // session seconds of the video clip
};

// One figure of the report: a number, or null with the reason why.
struct Measure {
    std::string key;
    std::optional<double> value;
    std::string note;
};

struct Report {
    std::vector<std::pair<std::string, std::string>> info;
    std::vector<Measure> figures;
    void add(std::string key, double v, std::string note = {}) {
        if (!std::isfinite(v)) return missing(std::move(key), "the measurement gave no finite number");
        figures.push_back({std::move(key), v, std::move(note)});
    }
    void missing(std::string key, std::string why) { figures.push_back({std::move(key), std::nullopt, std::move(why)}); }
};

// ----- child processes ------------------------------------------------------

struct Child {
    bool ok = false;
    double wallSec = 0;
    std::string firstLine; // when asked for: the first line it printed
    double firstLineMs = 0; // wall time from spawn to that line
};

// Runs this program again with `args`. Its stdout is read when
// `waitForLine` (the time to its first line is taken), else discarded;
// stderr stays ours, so its errors are seen.
Child spawnSelf(const std::vector<std::string>& args, const std::vector<std::string>& extraEnv, bool waitForLine) {
    ProcessDesc desc;
    desc.program = paths::executableDir() / "soma";
    desc.args = args;
    desc.extraEnv = extraEnv;
    desc.stdoutTo = waitForLine ? ProcessDesc::Output::Capture : ProcessDesc::Output::Discard;
    desc.stderrTo = ProcessDesc::Output::Inherit;
    Child out;
    auto ran = runProcess(desc);
    if (!ran) return out;
    if (waitForLine) {
        out.firstLine = ran->output.substr(0, ran->output.find('\n'));
        out.firstLineMs = ran->firstLineSec.value_or(0.0) * 1000.0;
    }
    out.wallSec = ran->wallSec;
    out.ok = ran->succeeded();
    return out;
}

struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() / fmt::format("soma-bench-{}", getpid());
        std::error_code ec;
        fs::remove_all(path, ec);
        fs::create_directories(path, ec);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec); // exports are large; never leave them behind
    }
};

// ----- the reference scene, live -------------------------------------------

struct Gl {
    std::unique_ptr<Window> window;
    std::unique_ptr<Renderer> renderer;
    std::unique_ptr<RenderTarget> target;
    RenderQuality quality;
};

Result<Gl> openGl(int width, int height) {
    WindowDesc wd;
    wd.width = width;
    wd.height = height;
    wd.headless = true;
    wd.vsync = false;
    auto w = Window::create(wd);
    if (!w) return w.error();
    // The reference scene asks for full detail; anti-aliasing, level of
    // detail and passes are chosen per renderer, and printed.
    RenderQuality q = chooseQuality(queryGlInfo());
    auto r = Renderer::create(RendererDesc::forQuality(q));
    if (!r) return r.error();
    Gl gl;
    gl.window = std::move(*w);
    gl.renderer = std::move(*r);
    gl.target = std::make_unique<RenderTarget>(RenderTargetDesc{width, height, q.msaaSamples});
    gl.quality = q;
    return gl;
}

Result<std::unique_ptr<AudioEngine>> openAudio(bool hrtf, bool reverb) {
    AudioEngineDesc d;
    d.audio.loopback = true; // no sound card needed, and exact
    d.audio.hrtf = hrtf;
    d.reverb = reverb;
    return AudioEngine::create(d);
}

// The engine's own work for one frame besides drawing: what a session's
// main loop does before it hands the state to the renderer.
struct FrameWork {
    std::vector<glm::mat4> matrices;
    std::vector<float> glow = std::vector<float>(size_t(kMaxRegions) * 4, 0.0f);

    BodyState run(Sequencer& seq, AudioEngine& audio, const Figure& figure) {
        audio.update();  // refill streams, check the device
        seq.update();    // step boundaries for the exercise
        BodyState st = seq.state(); // pose, breath, highlights with fades and pulses, caption, camera
        const std::string& from = st.fromPose.empty() ? st.pose : st.fromPose;
        poseMatrices(figure, from, st.pose, st.fromPose.empty() ? 1.0f : st.poseBlend, matrices);
        std::fill(glow.begin(), glow.end(), 0.0f);
        for (const RegionHighlight& h : st.highlights)
            if (auto i = regionIndex(h.region)) {
                float* g = &glow[size_t(*i) * 4];
                for (int c = 0; c < 3; ++c) g[c] = std::min(1.5f, g[c] + h.color[c] * h.intensity);
                g[3] = std::min(1.0f, g[3] + h.intensity);
            }
        return st;
    }
};

// The child half of start_ms: as a first start would, build the session
// (on a thread, while GL starts), open GL and the audio, draw the first
// frame of the reference scene, read it back and say so at once.
int startProbe(const BenchOptions& opt) {
    const auto t0 = Clock::now();
    std::optional<Result<Session>> session;
    double sessionMs = 0;
    std::thread builder([&] {
        const auto ts = Clock::now();
        session.emplace(buildSession(reference::request(), reference::buildOptions()));
        sessionMs = msSince(ts);
    });
    auto gl = openGl(opt.width, opt.height);
    const double glMs = msSince(t0);
    auto audio = openAudio(false, true);
    const double audioMs = msSince(t0) - glMs;
    builder.join();
    const double joinMs = msSince(t0);
    if (!gl || !audio || !*session) {
        const Error& e = !gl ? gl.error() : !audio ? audio.error() : (*session).error();
        log::error(e.id, "{}", e.message);
        return 1;
    }
    Sequencer seq(std::move(**session));
    seq.attach(audio->get());
    seq.seek(fromSeconds(reference::kMeasureFromSec));
    seq.play();
    if (auto s = gl->renderer->draw(*gl->target, seq.state()); !s) {
        log::error(s.error().id, "{}", s.error().message);
        return 1;
    }
    Image img = gl->target->readPixels();
    std::printf("first-frame %dx%d gl+renderer %.1f audio %.1f session %.1f (ready at %.1f) frame %.1f\n", img.width,
                img.height, glMs, audioMs, sessionMs, joinMs, msSince(t0) - joinMs);
    std::fflush(stdout);
    return 0;
}

// start_ms as a person would see it on a first run: a new process, from
// spawn to the first frame read back. Mesa's on-disk shader cache is a
// cache written at run time, so it is switched off for the probe. Median of
// a few runs, since process start is noisy.
void measureStart(const Plan& plan, Report& rep) {
    std::vector<double> runs;
    std::string detail;
    for (int i = 0; i < plan.startRuns; ++i) {
        Child c = spawnSelf({"bench", "--start-probe", "--width", std::to_string(plan.opt.width), "--height",
                             std::to_string(plan.opt.height)},
                            {"MESA_SHADER_CACHE_DISABLE=true", "SDL_VIDEODRIVER=offscreen"}, true);
        if (!c.ok || c.firstLine.rfind("first-frame", 0) != 0) {
            rep.missing("start_ms", "the start probe (soma bench --start-probe) failed; run it alone to see why");
            return;
        }
        runs.push_back(c.firstLineMs);
        if (i == 0) detail = c.firstLine;
    }
    rep.add("start_ms", median(runs),
            fmt::format("median of {} fresh processes, spawn to first frame read back, Mesa shader cache off", runs.size()));
    rep.info.emplace_back("start_detail_ms", detail);

    // For comparison only: the same with the driver's shader cache warm (a
    // second start after one that filled it), in a cache of our own.
    if (plan.quick) return rep.missing("start_ms_shader_cache_warm", "skipped in quick mode");
    const fs::path cache = fs::temp_directory_path() / fmt::format("soma-bench-mesa-cache-{}", getpid());
    std::vector<double> warm;
    for (int i = 0; i < 2; ++i) {
        Child c = spawnSelf({"bench", "--start-probe", "--width", std::to_string(plan.opt.width), "--height",
                             std::to_string(plan.opt.height)},
                            {"MESA_SHADER_CACHE_DIR=" + cache.string(), "SDL_VIDEODRIVER=offscreen"}, true);
        if (c.ok) warm.push_back(c.firstLineMs);
        if (i == 1 && c.ok) rep.info.emplace_back("start_detail_warm_ms", c.firstLine);
    }
    std::error_code ec;
    fs::remove_all(cache, ec);
    if (warm.size() == 2) rep.add("start_ms_shader_cache_warm", warm[1], "not the start figure: the second start with Mesa's shader cache filled by the first");
    else rep.missing("start_ms_shader_cache_warm", "the start probe failed with the shader cache on");
}

// The home screen, from nothing to its first frame: cold (no card picture
// drawn before: each is drawn and written to the cache) and warm (every
// picture read from that cache, as on each start after the first). The
// real lengths are measured after the first frame, in the background, and
// are not part of it.
void measureHome(const Plan& plan, Report& rep, const fs::path& tmp) {
    const fs::path cache = tmp / "home-cache";
    std::vector<double> cold, warm;
    for (int i = 0; i < (plan.quick ? 2 : 4); ++i) {
        WindowDesc wd;
        wd.width = plan.opt.width;
        wd.height = plan.opt.height;
        wd.headless = true;
        const auto t0 = Clock::now();
        auto window = Window::create(wd);
        if (!window) return rep.missing("home_ready_ms", window.error().message);
        ShellDesc d;
        d.settings.files = {}; // Soma's own defaults; nothing saved
        d.audio.audio.loopback = true;
        d.cacheDir = cache;
        d.checkIns = tmp / "check-ins.toml";
        auto shell = Shell::create(**window, std::move(d));
        if (!shell) return rep.missing("home_ready_ms", shell.error().message);
        if (auto st = (*shell)->frame(); !st) return rep.missing("home_ready_ms", st.error().message);
        (void)(*shell)->screenshot(); // the frame is really there
        ((*shell)->picturesDrawn() > 0 ? cold : warm).push_back(msSince(t0));
    }
    if (cold.empty() || warm.empty()) return rep.missing("home_ready_ms", "the card pictures were not cached as expected");
    rep.add("home_ready_ms", median(warm), "window to the home screen's first frame, card pictures from the cache (every start after the first)");
    rep.add("home_ready_ms_cold", cold.front(), "the same on a first start: each card picture drawn and cached");
}

// A bare clear plus one triangle, the floor any frame costs on this
// renderer at this size (same target, same MSAA, glFinish each).
struct Floor {
    ShaderProgram program;
    gl::VertexArray vao;
    static Result<Floor> create() {
        const std::string vs = "#version 330 core\n"
                               "const vec2 p[3] = vec2[3](vec2(-0.6, -0.6), vec2(0.6, -0.6), vec2(0.0, 0.6));\n"
                               "void main() { gl_Position = vec4(p[gl_VertexID], 0.0, 1.0); }\n";
        const std::string fs = "#version 330 core\nout vec4 color;\nvoid main() { color = vec4(0.9, 0.7, 0.5, 1.0); }\n";
        auto p = ShaderProgram::fromSource("bench floor", vs, fs);
        if (!p) return p.error();
        Floor f;
        f.program = std::move(*p);
        GLuint id = 0;
        glGenVertexArrays(1, &id);
        f.vao = gl::VertexArray(id);
        return f;
    }
    void draw(const RenderTarget& t) const {
        t.bind();
        glDisable(GL_DEPTH_TEST);
        glDisable(GL_BLEND);
        glClearColor(0.1f, 0.1f, 0.15f, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
        program.use();
        glBindVertexArray(vao.id());
        glDrawArrays(GL_TRIANGLES, 0, 3);
    }
};

// frame_ms, update_us, rss_mb and heap_mb: the scene running, narration,
// ambience and pacer playing through the loopback device.
// Returns why the scene could not run, or an empty string.
std::string measureScene(const Plan& plan, Report& rep) {
    heap::resetPeak();
    const double rssStart = currentRssMb();
    auto session = buildSession(reference::request(), reference::buildOptions());
    if (!session) {
        return session.error().message;
    }
    auto gl = openGl(plan.opt.width, plan.opt.height);
    if (!gl) {
        return gl.error().message;
    }
    auto audio = openAudio(false, true);
    if (!audio) {
        return audio.error().message;
    }
    const GlInfo gi = queryGlInfo();
    rep.info.emplace_back("renderer", gi.renderer);
    rep.info.emplace_back("gl_version", gi.version);
    rep.info.emplace_back("software_renderer", gi.isSoftware ? "yes" : "no");
    rep.info.emplace_back("msaa", std::to_string(gl->target->samples()));
    rep.info.emplace_back("lod", std::to_string(gl->renderer->lod()));
    rep.info.emplace_back("render_quality", gl->quality.describe());

    Sequencer seq(std::move(*session));
    seq.attach(audio->get());
    // Warm-up frames end exactly where the timed ones start.
    const double startSec = reference::kMeasureFromSec - plan.warmup * reference::kFrameStepSec;
    seq.seek(fromSeconds(std::max(0.0, startSec)));
    seq.play();
    auto figure = gl->renderer->figure(seq.state());
    if (!figure) {
        return figure.error().message;
    }
    auto floor = Floor::create();
    // The floor as the issue defines it: one sample per pixel, no resolve.
    RenderTarget floorTarget({plan.opt.width, plan.opt.height, 0});
    const double rssGl = currentRssMb();
    const int perFrame = int(std::lround(kMixRate * reference::kFrameStepSec));
    std::vector<float> mix(size_t(perFrame) * 2);
    FrameWork work;
    std::string frameError;
    std::vector<double> frameMs, frameCpuMs, updateUs, floorMs;

    auto sceneFrame = [&](bool timed) -> bool {
        // The mixer's share (OpenAL's own thread with a real device) is not
        // part of the frame: audio_mix_ms_per_s reports it.
        (*audio)->render(mix.data(), perFrame);
        const double c0 = cpuMs();
        const auto t0 = Clock::now();
        const BodyState st = work.run(seq, **audio, **figure);
        const double upd = msSince(t0) * 1000.0;
        if (auto s = gl->renderer->draw(*gl->target, st); !s) {
            frameError = s.error().message;
            return false;
        }
        gl->target->resolve();
        glFinish();
        if (timed) {
            frameMs.push_back(msSince(t0));
            frameCpuMs.push_back(cpuMs() - c0);
            updateUs.push_back(upd);
        }
        return true;
    };
    std::vector<double> floorCpuMs;
    auto floorFrame = [&](bool timed) {
        const double c0 = cpuMs();
        const auto t0 = Clock::now();
        floor->draw(floorTarget);
        glFinish();
        if (timed) {
            floorMs.push_back(msSince(t0));
            floorCpuMs.push_back(cpuMs() - c0);
        }
    };
    // The multisample resolve alone (one more blit of the finished frame,
    // outside the frame's time): on a software rasteriser it is a large
    // share of the frame.
    std::vector<double> resolveMs;
    auto resolveOnly = [&] {
        const auto t0 = Clock::now();
        gl->target->resolve();
        glFinish();
        resolveMs.push_back(msSince(t0));
    };

    for (int i = 0; i < plan.warmup; ++i)
        if (!sceneFrame(false)) return frameError;
    if (floor)
        for (int i = 0; i < std::min(plan.warmup, 20); ++i) floorFrame(false);
    // Scene and floor frames interleave in blocks, so a change in the
    // machine's load during the run touches both alike and their ratio holds.
    constexpr int kBlock = 10;
    for (int done = 0; done < plan.opt.frames;) {
        const int n = std::min(kBlock, plan.opt.frames - done);
        for (int i = 0; i < n; ++i)
            if (!sceneFrame(true)) return frameError;
        if (gl->target->samples() > 1) resolveOnly();
        if (floor)
            for (int i = 0; i < n; ++i) floorFrame(true);
        done += n;
    }

    const std::string how = fmt::format("{} frames after {} warm-up, no vsync, glFinish each", frameMs.size(), plan.warmup);
    rep.add("frame_ms_mean", mean(frameMs), how);
    rep.add("frame_ms_p95", percentile(frameMs, 0.95), how);
    rep.add("frame_cpu_ms_mean", mean(frameCpuMs), "CPU time of this process per frame (the software rasteriser's threads included)");
    if (floor) {
        const double f = mean(floorMs);
        rep.add("floor_ms_mean", f, "a bare clear plus one triangle, same size, one sample per pixel, glFinish each, interleaved with the scene frames");
        rep.add("frame_vs_floor", f > 0 ? mean(frameMs) / f : NAN, "frame_ms_mean / floor_ms_mean, measured in the same run");
        // On a loaded machine a tiny frame's wall time is mostly waiting to
        // be scheduled; the CPU time it takes is steadier.
        const double fc = mean(floorCpuMs);
        rep.add("floor_cpu_ms_mean", fc, "CPU time per floor frame");
        rep.add("frame_vs_floor_cpu", fc > 0 ? mean(frameCpuMs) / fc : NAN, "frame_cpu_ms_mean / floor_cpu_ms_mean");
    } else {
        rep.missing("floor_ms_mean", "the floor shader did not compile: " + floor.error().message);
        rep.missing("frame_vs_floor", "no floor");
    }
    if (!resolveMs.empty())
        rep.add("msaa_resolve_ms", mean(resolveMs), fmt::format("one {}x resolve blit and glFinish, part of every frame", gl->target->samples()));
    else
        rep.missing("msaa_resolve_ms", "no multisampling on this renderer");
    rep.add("update_us", mean(updateUs),
            "mean per frame: audio update, sequencer update and evaluation, pose matrices, highlight state (no GL)");
    rep.add("update_us_p95", percentile(updateUs, 0.95));

    rep.info.emplace_back("rss_steps_mb", fmt::format("before GL {:.1f}, with GL, renderer and figure {:.1f}, after the frames {:.1f}",
                                                      rssStart, rssGl, currentRssMb()));
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    rep.add("rss_mb", double(ru.ru_maxrss) / 1024.0, "peak resident set of the running scene (GL driver included)");
    rep.add("heap_mb", double(heap::peakBytes()) / (1024.0 * 1024.0),
            "peak of the engine's own C++ allocations while the scene runs (session with its narration PCM included)");
    return {};
}

// The stereo frame (issue 17): the reference scene for both eyes of a
// headset, side by side in one target, at a Quest 2's eye buffer and at a
// smaller one, beside one eye alone at the same size in the same run. Both
// eyes share one skinning of the figure, so stereo_vs_mono stays under 2
// by what the skinning and the frame's fixed work cost (where the
// eyes' pixels are most of the frame, as on llvmpipe, it stays near 2).
std::string measureStereo(const Plan& plan, Report& rep) {
    auto session = buildSession(reference::request(), reference::buildOptions());
    if (!session) return session.error().message;
    auto gl = openGl(64, 64);
    if (!gl) return gl.error().message;
    auto audio = openAudio(false, true);
    if (!audio) return audio.error().message;
    const GlInfo gi = queryGlInfo();
    rep.info.emplace_back("renderer", gi.renderer);
    rep.info.emplace_back("render_quality", gl->quality.describe());
    Sequencer seq(std::move(*session));
    seq.attach(audio->get());
    seq.seek(fromSeconds(reference::kMeasureFromSec));
    seq.play();
    auto figure = gl->renderer->figure(seq.state());
    if (!figure) return figure.error().message;
    const int perFrame = int(std::lround(kMixRate * reference::kFrameStepSec));
    std::vector<float> mix(size_t(perFrame) * 2);
    FrameWork work;
    const int frames = plan.quick ? 4 : std::clamp(plan.opt.frames / 5, 10, 60);
    const int warmup = plan.quick ? 1 : 5;
    struct Size { int w, h; const char* what; };
    for (const Size& eye : {Size{1832, 1920, "a Quest 2 eye buffer"}, Size{1280, 1440, "a smaller headset eye buffer"}}) {
        RenderTarget stereoTarget({2 * eye.w, eye.h, gl->quality.msaaSamples});
        RenderTarget monoTarget({eye.w, eye.h, gl->quality.msaaSamples});
        std::vector<double> stereoMs, monoMs;
        std::string error;
        auto frame = [&](bool stereo, std::vector<double>* into) {
            (*audio)->render(mix.data(), perFrame);
            const auto t0 = Clock::now();
            const BodyState st = work.run(seq, **audio, **figure);
            auto mono = gl->renderer->viewFor(st, eye.w, eye.h);
            if (!mono) { error = mono.error().message; return false; }
            RenderTarget& target = stereo ? stereoTarget : monoTarget;
            std::vector<View> views{*mono};
            if (stereo) {
                const auto eyes = eyePair(*mono);
                views = {eyes[0], eyes[1]};
            }
            if (auto s = gl->renderer->draw(target, st, views); !s) { error = s.error().message; return false; }
            target.resolve();
            glFinish();
            if (into) into->push_back(msSince(t0));
            return true;
        };
        for (int i = 0; i < warmup; ++i)
            if (!frame(true, nullptr) || !frame(false, nullptr)) return error;
        // Alternating, so a change in the machine's load touches both alike.
        for (int i = 0; i < frames; ++i)
            if (!frame(true, &stereoMs) || !frame(false, &monoMs)) return error;
        const std::string size = fmt::format("{}x{}", eye.w, eye.h);
        const std::string how = fmt::format("2 x {} ({}), {} frames alternating with one eye alone, glFinish each", size, eye.what, frames);
        rep.add(fmt::format("stereo_{}_ms_mean", size), mean(stereoMs), how);
        rep.add(fmt::format("stereo_{}_ms_p95", size), percentile(stereoMs, 0.95));
        rep.add(fmt::format("mono_{}_ms_mean", size), mean(monoMs), "one eye alone, same size, same run");
        const double m = mean(monoMs);
        rep.add(fmt::format("stereo_vs_mono_{}", size), m > 0 ? mean(stereoMs) / m : NAN,
                "stereo frame over one eye's frame; 2 would mean the eyes share nothing (they share the skinning and the frame's fixed work)");
    }
    rep.info.emplace_back("stereo_budget", "90 Hz: 11.1 ms a frame; the aim is a stereo frame under 5.5 ms on a GPU");
    return {};
}

// Mixing one second of the reference session's sound (narration, ambience,
// pacing tones) with HRTF and the room reverb, through the loopback device.
void measureMix(const Plan& plan, Report& rep) {
    auto session = buildSession(reference::request(), reference::buildOptions());
    if (!session) return rep.missing("audio_mix_ms_per_s", "the reference session could not be built: " + session.error().message);
    auto audio = openAudio(true, true);
    if (!audio) return rep.missing("audio_mix_ms_per_s", "no loopback device: " + audio.error().message);
    rep.info.emplace_back("audio", fmt::format("hrtf {}, reverb {}", (*audio)->hrtfEnabled() ? "on" : "off (not available)",
                                               (*audio)->reverbActive() ? "on" : "off (no EFX)"));
    scheduleAudio(**audio, *session);
    (*audio)->seek(fromSeconds(reference::kMeasureFromSec));
    (*audio)->play();
    const int seconds = plan.quick ? 1 : 3;
    constexpr int kChunk = 1024; // a typical device period
    std::vector<float> buf(size_t(kChunk) * 2);
    std::vector<double> perSec;
    for (int s = 0; s < seconds; ++s) {
        const auto t0 = Clock::now();
        for (int done = 0; done < kMixRate; done += kChunk) (*audio)->render(buf.data(), std::min(kChunk, kMixRate - done));
        perSec.push_back(msSince(t0));
    }
    rep.add("audio_mix_ms_per_s", median(perSec),
            fmt::format("median of {} s: narration, brown noise, pacing tones, HRTF and reverb, {}-frame chunks", seconds, kChunk));
}

// Discovering, checking (each native plugin in a child process) and
// loading all shipped plugins, with no remembered check outcomes.
std::optional<PluginRegistry> measurePlugins(const Plan& plan, Report& rep, const fs::path& tmp) {
    std::vector<fs::path> shipped;
    const fs::path user = paths::dataHome();
    for (const fs::path& d : paths::pluginDirs())
        if (d.string().rfind(user.string(), 0) != 0) shipped.push_back(d);
    std::vector<double> runs;
    std::optional<PluginRegistry> last;
    const int n = plan.quick ? 1 : 3;
    for (int i = 0; i < n; ++i) {
        RegistryOptions ro;
        ro.checksFile = tmp / fmt::format("plugin-checks-{}.toml", i); // fresh: nothing remembered
        const auto t0 = Clock::now();
        PluginRegistry reg = PluginRegistry::load(shipped, ro);
        runs.push_back(msSince(t0));
        last = std::move(reg);
    }
    int ok = 0, total = 0;
    for (const auto& r : last->records()) ++total, ok += r.ok() ? 1 : 0;
    rep.info.emplace_back("plugins", fmt::format("{} of {} shipped plugins load", ok, total));
    if (total == 0) {
        rep.missing("plugins_ms", "no shipped plugins were found next to the program");
        return last;
    }
    rep.add("plugins_ms", median(runs), fmt::format("median of {}: discover, check natives in a child, load, {} plugins", n, total));
    return last;
}

std::optional<double> timelineDuration(const fs::path& timeline) {
    std::ifstream in(timeline);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string t = ss.str();
    const auto at = t.find("\"duration\":");
    if (at == std::string::npos) return std::nullopt;
    return std::strtod(t.c_str() + at + 11, nullptr);
}

// `soma export` as a user runs it, in a child process: the whole short
// body scan (audio, voice, timeline, captions), and a short clip with video
// from which the cost of each video frame is taken.
void measureExport(const Plan& plan, Report& rep, const fs::path& tmp) {
    const std::string ex = "body-scan";
    const std::vector<std::string> env{"SDL_VIDEODRIVER=offscreen"};
    const fs::path a = tmp / "export-audio";
    std::vector<std::string> args{"export", ex, "--lang", "en", "--variant", "short", "--out", a.string()};
    if (plan.quick) args.insert(args.end(), {"--max-seconds", "20"});
    const Child full = spawnSelf(args, env, false);
    const auto duration = timelineDuration(a / "timeline.json");
    if (!full.ok || !duration) {
        rep.missing("export_x_realtime", "`soma export " + ex + "` failed; run it alone to see why");
        rep.missing("export_video_x_realtime", "no export");
        return;
    }
    std::error_code ec;
    fs::remove_all(a, ec);
    rep.add("export_x_realtime", *duration / full.wallSec,
            fmt::format("{} en short{}: {:.1f} s of session in {:.2f} s wall, a fresh process (plugins, synthesis, mix with reverb, "
                        "voice, captions, timeline)",
                        ex, plan.quick ? " (first 20 s, quick)" : "", *duration, full.wallSec));

    // Video: the same clip with and without --video; the difference is the
    // cost of its frames (render, read back, encode).
    const int w = plan.opt.width & ~1, h = plan.opt.height & ~1;
    const std::string clip = fmt::format("{:.3f}", plan.videoSec);
    const fs::path v0 = tmp / "export-clip", v1 = tmp / "export-video";
    std::vector<std::string> base{"export", ex, "--lang", "en", "--variant", "short", "--max-seconds", clip,
                                  "--width", std::to_string(w), "--height", std::to_string(h)};
    auto withOut = [&](const fs::path& out, bool video) {
        auto v = base;
        v.insert(v.end(), {"--out", out.string()});
        if (video) v.push_back("--video");
        return v;
    };
    const Child c0 = spawnSelf(withOut(v0, false), env, false);
    const Child c1 = spawnSelf(withOut(v1, true), env, false);
    const bool video = c1.ok && fs::is_regular_file(v1 / "video.mp4");
    fs::remove_all(v0, ec);
    fs::remove_all(v1, ec);
    if (!c0.ok || !video) {
        rep.missing("export_video_x_realtime", "`soma export --video` failed (is ffmpeg installed?); run it alone to see why");
        return;
    }
    const double frames = std::ceil(plan.videoSec * 30.0);
    const double perFrameSec = std::max(0.0, c1.wallSec - c0.wallSec) / frames;
    rep.add("export_video_ms_per_frame", perFrameSec * 1000.0,
            fmt::format("{}x{} at 30 fps: render, read back, encode; from a {} s clip with and without --video", w, h, clip));
    if (plan.quick)
        rep.add("export_video_x_realtime", plan.videoSec / c1.wallSec,
                fmt::format("quick: the {} s clip alone, fixed costs included", clip));
    else
        rep.add("export_video_x_realtime", *duration / (full.wallSec + perFrameSec * std::ceil(*duration * 30.0)),
                fmt::format("whole session: the audio export's measured time plus {:.0f} frames at the measured cost per frame",
                            std::ceil(*duration * 30.0)));
}

// sync_ms_max: for every mark-anchored highlight of every shipped exercise's
// short variant (each language), the distance between the highlight's
// start and its word's audible onset, measured in the sound the loopback
// device renders, placed by the engine's own clock. The voice is heard
// alone (no ambience, pacer or reverb), so the onset is the word's.
void measureSync(const Plan& plan, Report& rep, PluginRegistry* registry) {
    if (!registry) return rep.missing("sync_ms_max", "no plugins");
    double worst = -1;
    std::string worstWhere;
    int anchored = 0, measured = 0, sessions = 0;
    const auto t0 = Clock::now();
    constexpr Samples kSearch = kMixRate * 100 / 1000; // look 100 ms either side of the highlight
    for (Exercise* ex : registry->exercises()) {
        const ExerciseInfo& info = ex->info();
        if (std::none_of(info.variants.begin(), info.variants.end(), [](const ExerciseVariant& v) { return v.id == "short"; })) continue;
        for (const std::string& lang : info.languages) {
            // Quick: one script exercise, whose narration is sure to carry marks.
            if (plan.quick && (sessions > 0 || lang != "en" || info.id != "body-scan")) continue;
            DescribeOptions d;
            d.lang = lang;
            d.variant = "short";
            auto rq = ex->describe(d);
            if (!rq) continue;
            if (rq->exercise.empty()) rq->exercise = info.id;
            rq->lang = lang;
            rq->variant = "short";
            const std::size_t heapBefore = heap::currentBytes();
            auto s = buildSession(*rq);
            if (!s) {
                log::warn(s.error().id, "bench: {} {} short does not build: {}", info.id, lang, s.error().message);
                continue;
            }
            if (sessions == 0)
                rep.add("session_heap_mb", double(heap::currentBytes() - heapBefore) / (1024.0 * 1024.0),
                        fmt::format("what one built session holds ({} {} short, {:.0f} s, narration PCM included)", info.id, lang,
                                    toSeconds(s->duration)));
            ++sessions;
            // Twelve sessions' narration would otherwise stay cached in
            // memory for nothing (each is heard once here).
            clearNarrationCache();
            auto audio = openAudio(false, false);
            if (!audio) return rep.missing("sync_ms_max", "no loopback device: " + audio.error().message);
            scheduleAudio(**audio, *s);
            (*audio)->setAmbienceSchedule({AmbienceChange{0, "none", 0.0f, 0.0}});
            (*audio)->setPacerEnabled(false);
            (*audio)->play();
            std::vector<float> buf;
            for (const TimedHighlight& h : s->highlights) {
                if (h.mark.empty()) continue;
                ++anchored;
                // The word the mark anchors (for the report).
                auto it = std::min_element(s->words.begin(), s->words.end(), [&](const WordTiming& a, const WordTiming& b) {
                    return std::llabs(a.start - h.start) < std::llabs(b.start - h.start);
                });
                if (it == s->words.end()) continue;
                // An onset is sound after at least 50 ms of quiet: after a
                // pause, or the closure of a stop consonant ("belly"). A
                // word that runs on from the one before has none to hear.
                const Samples quietNeed = kMixRate / 20;
                const Samples from = std::max<Samples>(0, h.start - kSearch - quietNeed);
                (*audio)->seek(from);
                const Samples c0 = (*audio)->clock();
                const int n = int(h.start + kSearch - from);
                buf.assign(size_t(n) * 2, 0.0f);
                (*audio)->render(buf.data(), n);
                float peak = 0;
                for (float x : buf) peak = std::max(peak, std::abs(x));
                if (peak < 1e-4f) continue;
                const float thr = 0.01f * peak;
                Samples quiet = 0, onset = -1;
                for (int i = 0; i < n; ++i) {
                    const float amp = std::max(std::abs(buf[size_t(2 * i)]), std::abs(buf[size_t(2 * i + 1)]));
                    if (amp < thr) {
                        ++quiet;
                        continue;
                    }
                    if (quiet >= quietNeed && c0 + i >= h.start - kSearch) {
                        // The nearest onset after quiet to the highlight.
                        const Samples at = c0 + i;
                        if (onset < 0 || std::llabs(at - h.start) < std::llabs(onset - h.start)) onset = at;
                    }
                    quiet = 0;
                }
                if (onset < 0) continue;
                ++measured;
                const double ms = 1000.0 * toSeconds(std::llabs(onset - h.start));
                if (ms > worst) {
                    worst = ms;
                    worstWhere = fmt::format("{} {} mark '{}' ({})", info.id, lang, h.mark, it->text);
                }
            }
        }
    }
    if (measured == 0) return rep.missing("sync_ms_max", "no mark-anchored highlight follows a pause, so no onset could be measured");
    rep.add("sync_ms_max", worst,
            fmt::format("{} of {} mark-anchored highlights measured over {} short sessions{} (the others run on from the word before); "
                        "worst: {}",
                        measured, anchored, sessions, plan.quick ? " (quick: one)" : "", worstWhere));
    rep.info.emplace_back("sync_took_s", fmt::format("{:.1f}", msSince(t0) / 1000.0));
}

std::string cpuModel() {
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
    return "unknown";
}

std::string loadAverage() {
    std::ifstream in("/proc/loadavg");
    std::string a, b, c;
    in >> a >> b >> c;
    return a.empty() ? "unknown" : a + " " + b + " " + c;
}

void print(const Report& rep, bool json) {
    if (json) {
        std::string o = "{";
        for (auto& [k, v] : rep.info) o += fmt::format("{}: {}, ", jsonString(k), jsonString(v));
        for (const auto& f : rep.figures)
            o += jsonString(f.key) + ": " + (f.value ? fmt::format("{:.4g}", *f.value) : std::string("null")) + ", ";
        o += "\"notes\": {";
        bool first = true;
        for (const auto& f : rep.figures) {
            if (f.note.empty()) continue;
            o += (first ? "" : ", ") + jsonString(f.key) + ": " + jsonString(f.note);
            first = false;
        }
        o += "}}\n";
        std::fputs(o.c_str(), stdout);
        return;
    }
    for (auto& [k, v] : rep.info) std::printf("%-26s %s\n", k.c_str(), v.c_str());
    for (auto& f : rep.figures) {
        if (f.value) std::printf("%-26s %-10.4g%s%s\n", f.key.c_str(), *f.value, f.note.empty() ? "" : "  # ", f.note.c_str());
        else std::printf("%-26s null        # %s\n", f.key.c_str(), f.note.c_str());
    }
}

int runBench(const Plan& plan) {
    if (plan.opt.startProbe) return startProbe(plan.opt);

    log::setStderrLevel(log::Level::Warn);
    const auto t0 = Clock::now();
    Report rep;
    rep.info.emplace_back("cores", std::to_string(std::thread::hardware_concurrency()));
    rep.info.emplace_back("cpu", cpuModel());
    rep.info.emplace_back("load_average_before", loadAverage());
    if (!plan.opt.stereo) rep.info.emplace_back("size", fmt::format("{}x{}", plan.opt.width, plan.opt.height));
    rep.info.emplace_back("mode", plan.quick ? "quick (a smoke run: fewer repeats, shorter exports, one exercise)" : "full");
    TempDir tmp;

    if (plan.opt.stereo) {
        if (const std::string why = measureStereo(plan, rep); !why.empty()) {
            log::error("bench.stereo", "the stereo frame could not be measured: {}", why);
            rep.missing("stereo_1832x1920_ms_mean", "the reference scene could not run: " + why);
        }
        rep.info.emplace_back("bench_took_s", fmt::format("{:.1f}", msSince(t0) / 1000.0));
        print(rep, plan.opt.json);
        return 0;
    }
    measureStart(plan, rep);
    if (const std::string why = measureScene(plan, rep); !why.empty()) {
        log::error("bench.scene", "the reference scene could not run: {}", why);
        for (const char* k : {"frame_ms_mean", "frame_ms_p95", "frame_cpu_ms_mean", "floor_ms_mean", "frame_vs_floor", "update_us",
                              "rss_mb", "heap_mb"})
            rep.missing(k, "the reference scene could not run: " + why);
    }
    measureMix(plan, rep);
    auto registry = measurePlugins(plan, rep, tmp.path);
    measureExport(plan, rep, tmp.path);
    measureSync(plan, rep, registry ? &*registry : nullptr);
    measureHome(plan, rep, tmp.path);

    rep.info.emplace_back("load_average_after", loadAverage());
    rep.info.emplace_back("bench_took_s", fmt::format("{:.1f}", msSince(t0) / 1000.0));
    print(rep, plan.opt.json);
    return 0;
}

} // namespace

int bench(const BenchOptions& opt) {
    Plan plan;
    plan.opt = opt;
    return runBench(plan);
}

} // namespace soma::app

namespace soma::app {
namespace {
const CommandRegistrar kBench(
    90, "bench", "Measure start-up, frame time, memory, audio, plugins, export and sync on the reference scene",
    [](CLI::App&, CLI::App& sub) -> CommandAction {
        auto plan = std::make_shared<Plan>();
        BenchOptions& opt = plan->opt;
        sub.add_flag("--json", opt.json, "Print one JSON object");
        sub.add_option("--frames", opt.frames, "Frames to time after the warm-up frames")->check(CLI::Range(10, 100000))->capture_default_str();
        sub.add_option("--width", opt.width, "Width in pixels")->check(CLI::Range(16, 8192))->capture_default_str();
        sub.add_option("--height", opt.height, "Height in pixels")->check(CLI::Range(16, 8192))->capture_default_str();
        sub.add_flag("--quick", plan->quick, "A short smoke run (tests): fewer repeats, short exports, one exercise for sync");
        sub.add_flag("--stereo", opt.stereo, "Only the stereo frame: both eyes at 2 x 1832x1920 and 2 x 1280x1440, beside one eye alone");
        sub.add_flag("--start-probe", opt.startProbe)->group(""); // internal: the child process start_ms times
        return [plan] {
            if (plan->quick) {
                plan->warmup = 10;
                plan->startRuns = 1;
                plan->videoSec = 0.5;
            }
            return runBench(*plan);
        };
    });
} // namespace
} // namespace soma::app
