// Micro-benchmarks of the engine's per-frame and per-load hot paths, on the
// reference scene (app/ReferenceScene.h) and on a shipped exercise
// (body-scan, English, short). Run: build/bin/soma_micro_bench
// (docs/benchmarks.md has the figures and how to read them).
#include "anim/Poses.h"
#include "app/ReferenceScene.h"

#include "audio/Captions.h"
#include "body/Figure.h"
#include "core/Log.h"
#include "core/Paths.h"
#include "model/Narration.h"
#include "model/RegionAtlas.h"
#include "platform/Window.h"
#include "plugin/script/ScriptExercise.h"
#include "plugin/script/ScriptParser.h"
#include "render/GlInfo.h"
#include "render/RenderTarget.h"
#include "render/ShaderProgram.h"
#include "render/TextRenderer.h"
#include "session/Sequencer.h"
#include "session/SessionBuilder.h"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>

namespace soma {
namespace {

// Built once per process; a benchmark that cannot have its input skips with
// the reason instead of timing nothing.
const Session* referenceSession() {
    static std::optional<Session> s = [] () -> std::optional<Session> {
        auto r = buildSession(reference::request(), reference::buildOptions());
        if (!r) {
            std::fprintf(stderr, "reference session: %s\n", r.error().message.c_str());
            return std::nullopt;
        }
        return std::move(*r);
    }();
    return s ? &*s : nullptr;
}

std::filesystem::path bodyScanFolder() { return paths::shareDir() / "plugins" / "body-scan"; }

const Session* bodyScanSession() {
    static std::optional<Session> s = [] () -> std::optional<Session> {
        auto ex = loadScriptExercise(bodyScanFolder());
        if (!ex) {
            std::fprintf(stderr, "body-scan: %s\n", ex.error().message.c_str());
            return std::nullopt;
        }
        DescribeOptions d;
        d.lang = "en";
        d.variant = "short";
        auto rq = (*ex)->describe(d);
        if (!rq) return std::nullopt;
        auto built = buildSession(*rq);
        if (!built) return std::nullopt;
        return std::move(*built);
    }();
    return s ? &*s : nullptr;
}

const Figure* referenceFigure() {
    static std::shared_ptr<const Figure> f = [] {
        FigureDesc d;
        d.lod = reference::kLod;
        auto r = loadFigure(d);
        return r ? *r : nullptr;
    }();
    return f.get();
}

// Session times spread over [from, to), visited in a fixed order so every
// run asks for the same states.
struct TimeWalk {
    Samples from, span, step;
    Samples i = 0;
    Samples next() {
        const Samples t = from + (i * step) % span;
        ++i;
        return t;
    }
};

TimeWalk frameWalk(const Session& s) {
    const Samples from = fromSeconds(reference::kMeasureFromSec);
    return {from, std::max<Samples>(1, s.duration - from), fromSeconds(reference::kFrameStepSec)};
}

// ----- sequencer evaluation at a time t -------------------------------------

void BM_EvaluateReference(benchmark::State& state) {
    const Session* s = referenceSession();
    if (!s) return state.SkipWithError("the reference session could not be built");
    TimeWalk w = frameWalk(*s);
    for (auto _ : state) benchmark::DoNotOptimize(evaluate(*s, w.next()));
}
BENCHMARK(BM_EvaluateReference);

// A whole shipped session: many steps, highlights and captions to search.
void BM_EvaluateBodyScan(benchmark::State& state) {
    const Session* s = bodyScanSession();
    if (!s) return state.SkipWithError("the body-scan session could not be built");
    // Prime-ish stride so the walk visits every part of the session.
    TimeWalk w{0, s->duration, fromSeconds(7.31)};
    for (auto _ : state) benchmark::DoNotOptimize(evaluate(*s, w.next()));
    state.counters["steps"] = double(s->steps.size());
    state.counters["highlights"] = double(s->highlights.size());
}
BENCHMARK(BM_EvaluateBodyScan);

void BM_BreathAt(benchmark::State& state) {
    const Session* s = bodyScanSession();
    if (!s) return state.SkipWithError("the body-scan session could not be built");
    TimeWalk w{0, s->duration, fromSeconds(7.31)};
    for (auto _ : state) benchmark::DoNotOptimize(breathAt(*s, w.next()));
}
BENCHMARK(BM_BreathAt);

// ----- pose and skinning matrices -------------------------------------------

void BM_PoseMatrices(benchmark::State& state) {
    const Figure* f = referenceFigure();
    if (!f) return state.SkipWithError("the figure could not be loaded");
    std::vector<glm::mat4> m;
    for (auto _ : state) {
        poseMatrices(*f, reference::kPose, reference::kPose, 1.0f, m);
        benchmark::DoNotOptimize(m.data());
    }
    state.counters["joints"] = double(f->skeleton.size());
}
BENCHMARK(BM_PoseMatrices);

// During a transition both poses are evaluated and blended.
void BM_PoseMatricesBlend(benchmark::State& state) {
    const Figure* f = referenceFigure();
    if (!f) return state.SkipWithError("the figure could not be loaded");
    std::vector<glm::mat4> m;
    float blend = 0.0f;
    for (auto _ : state) {
        poseMatrices(*f, "supine", "constructive_rest", blend, m);
        benchmark::DoNotOptimize(m.data());
        blend = blend >= 1.0f ? 0.0f : blend + 0.01f;
    }
}
BENCHMARK(BM_PoseMatricesBlend);

// Skinning every skin vertex on the CPU, as picking does once per click
// (the GPU does it each frame; this is the CPU's cost for the same work).
void BM_SkinAllVertices(benchmark::State& state) {
    const Figure* f = referenceFigure();
    if (!f) return state.SkipWithError("the figure could not be loaded");
    std::vector<glm::mat4> m;
    poseMatrices(*f, reference::kPose, reference::kPose, 1.0f, m);
    const auto& verts = f->skin.vertices;
    std::vector<glm::vec3> out(verts.size());
    for (auto _ : state) {
        for (size_t i = 0; i < verts.size(); ++i) out[i] = skinPosition(verts[i], 0.5f, m);
        benchmark::DoNotOptimize(out.data());
    }
    state.SetItemsProcessed(state.iterations() * int64_t(verts.size()));
    state.counters["vertices"] = double(verts.size());
}
BENCHMARK(BM_SkinAllVertices)->Unit(benchmark::kMillisecond);

// ----- highlight state --------------------------------------------------------

// Every highlight of a shipped session at t (fades and pulses), then the
// atlas lookup the renderer makes for each lit region.
void BM_HighlightState(benchmark::State& state) {
    const Session* s = bodyScanSession();
    if (!s) return state.SkipWithError("the body-scan session could not be built");
    TimeWalk w{0, s->duration, fromSeconds(7.31)};
    std::vector<float> glow(size_t(kMaxRegions), 0.0f);
    for (auto _ : state) {
        const Samples t = w.next();
        std::fill(glow.begin(), glow.end(), 0.0f);
        for (const TimedHighlight& h : s->highlights) {
            const float k = highlightIntensity(h, t);
            if (k <= 0.0f) continue;
            if (auto i = regionIndex(h.region)) glow[size_t(*i)] = std::min(1.0f, glow[size_t(*i)] + k);
        }
        benchmark::DoNotOptimize(glow.data());
    }
}
BENCHMARK(BM_HighlightState);

void BM_RegionIndex(benchmark::State& state) {
    size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(regionIndex(reference::kRegions[i & 3]));
        ++i;
    }
}
BENCHMARK(BM_RegionIndex);

// ----- caption layout ---------------------------------------------------------

// Cues from the word timings of a whole 5-minute session.
void BM_MakeCaptions(benchmark::State& state) {
    const Session* s = bodyScanSession();
    if (!s) return state.SkipWithError("the body-scan session could not be built");
    for (auto _ : state) benchmark::DoNotOptimize(makeCaptions(s->words));
    state.counters["words"] = double(s->words.size());
}
BENCHMARK(BM_MakeCaptions)->Unit(benchmark::kMicrosecond);

void BM_ActiveCaption(benchmark::State& state) {
    const Session* s = bodyScanSession();
    if (!s) return state.SkipWithError("the body-scan session could not be built");
    TimeWalk w{0, s->duration, fromSeconds(7.31)};
    for (auto _ : state) benchmark::DoNotOptimize(activeCaption(s->captions, w.next()));
}
BENCHMARK(BM_ActiveCaption);

// Breaking a caption into lines that fit the frame, with the real font
// (needs a GL context for the glyph atlas; the layout itself is CPU work).
void BM_CaptionWrap(benchmark::State& state) {
    static std::unique_ptr<Window> window;
    static std::unique_ptr<TextRenderer> text;
    if (!text) {
        WindowDesc wd;
        wd.width = 64;
        wd.height = 64;
        wd.headless = true;
        auto w = Window::create(wd);
        if (!w) return state.SkipWithError(("no GL context: " + w.error().message).c_str());
        window = std::move(*w);
        auto t = TextRenderer::create();
        if (!t) return state.SkipWithError(("no font: " + t.error().message).c_str());
        text = std::move(*t);
    }
    const Session* s = bodyScanSession();
    if (!s || s->captions.empty()) return state.SkipWithError("the body-scan session has no captions");
    size_t i = 0;
    for (auto _ : state) {
        const std::string caption = s->captions[i % s->captions.size()].text();
        benchmark::DoNotOptimize(text->wrap(caption, 34.0f, 0.8f * reference::kWidth, 2));
        ++i;
    }
}
BENCHMARK(BM_CaptionWrap);

// ----- the GL floor -------------------------------------------------------------

// A bare clear plus one triangle into a RenderTarget, resolved and finished:
// the least any frame costs on this renderer (soma bench's floor_ms_mean,
// here alone). Arguments: width, height, MSAA samples.
void BM_GlFloor(benchmark::State& state) {
    const int w = int(state.range(0)), h = int(state.range(1)), samples = int(state.range(2));
    WindowDesc wd;
    wd.width = w;
    wd.height = h;
    wd.headless = true;
    wd.vsync = false;
    auto window = Window::create(wd);
    if (!window) return state.SkipWithError(("no GL context: " + window.error().message).c_str());
    const std::string vs = "#version 330 core\n"
                           "const vec2 p[3] = vec2[3](vec2(-0.6, -0.6), vec2(0.6, -0.6), vec2(0.0, 0.6));\n"
                           "void main() { gl_Position = vec4(p[gl_VertexID], 0.0, 1.0); }\n";
    const std::string fs = "#version 330 core\nout vec4 color;\nvoid main() { color = vec4(0.9, 0.7, 0.5, 1.0); }\n";
    auto program = ShaderProgram::fromSource("floor", vs, fs);
    if (!program) return state.SkipWithError(program.error().message.c_str());
    GLuint vao = 0;
    glGenVertexArrays(1, &vao);
    RenderTarget target({w, h, samples});
    const bool resolve = state.range(3) != 0;
    for (auto _ : state) {
        target.bind();
        glClearColor(0.1f, 0.1f, 0.15f, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
        program->use();
        glBindVertexArray(vao);
        glDrawArrays(GL_TRIANGLES, 0, 3);
        if (resolve) target.resolve();
        glFinish();
    }
    glDeleteVertexArrays(1, &vao);
    state.SetLabel(queryGlInfo().renderer);
}
BENCHMARK(BM_GlFloor)
    ->ArgNames({"w", "h", "msaa", "resolve"})
    ->Args({1280, 720, 0, 1})
    ->Args({1280, 720, 2, 0})
    ->Args({1280, 720, 2, 1})
    ->Args({1280, 720, 4, 1})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// ----- building a session -------------------------------------------------------

// The reference session from nothing: narration synthesised (espeak-ng,
// resampled to the mix rate), laid on the timeline, captions made. The
// narration cache is emptied each time, as on a first start.
void BM_BuildReferenceSession(benchmark::State& state) {
    for (auto _ : state) {
        clearNarrationCache();
        auto s = buildSession(reference::request(), reference::buildOptions());
        if (!s) return state.SkipWithError(s.error().message.c_str());
        benchmark::DoNotOptimize(s->duration);
        state.counters["session_s"] = toSeconds(s->duration);
    }
}
BENCHMARK(BM_BuildReferenceSession)->Unit(benchmark::kMillisecond);

// ----- script parsing ---------------------------------------------------------

// A whole shipped script exercise (manifest and script, both languages,
// both variants), checked against the schema.
void BM_ParseScript(benchmark::State& state) {
    const auto folder = bodyScanFolder();
    for (auto _ : state) {
        ScriptParse p = parseScriptExercise(folder);
        if (!p.ok()) return state.SkipWithError(("body-scan does not parse: " + p.problems.front().message).c_str());
        benchmark::DoNotOptimize(p.document);
    }
}
BENCHMARK(BM_ParseScript)->Unit(benchmark::kMillisecond);

void BM_ParseNarration(benchmark::State& state) {
    for (auto _ : state) {
        NarrationMarkup m;
        NarrationError e;
        if (!parseNarration(reference::kNarration, m, e)) return state.SkipWithError(e.message.c_str());
        benchmark::DoNotOptimize(toSsml(m));
    }
}
BENCHMARK(BM_ParseNarration)->Unit(benchmark::kMicrosecond);

} // namespace
} // namespace soma

int main(int argc, char** argv) {
    // No display and no sound card needed: GL through the offscreen driver.
    setenv("SDL_VIDEODRIVER", "offscreen", 0);
    soma::log::setStderrLevel(soma::log::Level::Warn);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
