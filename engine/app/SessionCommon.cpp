#include "app/SessionCommands.h"

#include "core/Log.h"
#include "platform/Window.h"
#include "plugin/script/ScriptExercise.h"
#include "plugin/script/TensionMapFile.h"
#include "render/Overlay.h"
#include "render/Renderer.h"
#include "render/RenderTarget.h"

#include <fmt/format.h>

#include <cstdlib>

namespace soma::app {

std::string systemLanguage() {
    // POSIX order of precedence: LC_ALL overrides LC_MESSAGES overrides LANG.
    for (const char* var : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        const char* v = std::getenv(var);
        if (v && *v) return std::string(v).rfind("nl", 0) == 0 ? "nl" : "en";
    }
    return "en";
}

Result<std::unique_ptr<LoadedSession>> loadSession(const SessionChoice& choice, const SessionBuildOptions& build) {
    auto out = std::make_unique<LoadedSession>();
    out->registry = PluginRegistry::loadDefault();
    out->exercise = out->registry.find(choice.exercise);
    if (!out->exercise) {
        std::string known, why;
        for (const auto& r : out->registry.records()) {
            if (r.ok()) known += (known.empty() ? "" : ", ") + r.id;
            else if (r.id == choice.exercise) why = fmt::format(": {}", r.message);
        }
        return Error{"session.exercise",
                     why.empty() ? fmt::format("no exercise '{}' (available: {}; `soma plugins` lists them)", choice.exercise,
                                               known.empty() ? "none" : known)
                                 : fmt::format("exercise '{}' cannot be used{}", choice.exercise, why)};
    }
    out->describe.lang = choice.lang.empty() ? systemLanguage() : choice.lang;
    out->describe.variant = choice.variant;
    out->describe.breathsPerMinute = choice.breathsPerMinute;
    out->tension = choice.tension;
    out->describe.tension = out->tension ? &*out->tension : nullptr;
    auto rq = out->exercise->describe(out->describe);
    if (!rq) return rq.error();
    if (rq->exercise.empty()) rq->exercise = choice.exercise;
    rq->lang = out->describe.lang;
    rq->variant = out->describe.variant;
    out->build = build;
    if (choice.voiceRateWpm > 0) out->build.rateWpm = choice.voiceRateWpm;
    auto s = buildSession(*rq, out->build);
    if (!s) return s.error();
    out->session = std::move(*s);
    return out;
}

bool readTensionOption(const std::filesystem::path& file, SessionChoice& choice) {
    if (file.empty()) return true;
    auto map = readTensionMap(file);
    if (!map) {
        log::error(map.error().id, "{}", map.error().message);
        return false;
    }
    choice.tension = std::move(*map);
    return true;
}

// The one place a BodyState becomes pixels, so the renderer's interface
// changes touch one function.
Status drawBodyState(Renderer& renderer, const RenderTarget& target, const BodyState& state) {
    return renderer.draw(target, state);
}

Result<Image> renderStateHeadless(const BodyState& state, const FrameOptions& o) {
    WindowDesc wd;
    wd.width = o.width;
    wd.height = o.height;
    wd.headless = true;
    auto window = Window::create(wd);
    if (!window) return window.error();
    const RenderQuality q = chooseQuality(queryGlInfo());
    auto renderer = Renderer::create(RendererDesc::forQuality(q));
    if (!renderer) return renderer.error();
    RenderTarget target({o.width, o.height, q.msaaSamples});
    if (auto st = drawBodyState(**renderer, target, state); !st) return st.error();
    if (o.caption && (!state.caption.empty() || !o.status.empty())) {
        auto overlay = Overlay::create();
        if (!overlay) return overlay.error();
        OverlayState os;
        os.caption = state.caption;
        os.status = o.status;
        (*overlay)->draw(target, os);
    }
    return target.readPixels();
}

Result<BodyState> exerciseStateAt(const ExerciseMoment& m) {
    SessionChoice c;
    c.exercise = m.exercise;
    c.lang = m.lang;
    if (!m.variant.empty()) c.variant = m.variant;
    if (!m.tension.empty()) {
        auto map = readTensionMap(m.tension);
        if (!map) return map.error();
        c.tension = std::move(*map);
    }
    auto loaded = loadSession(c);
    if (!loaded) return loaded.error();
    const Session& s = (*loaded)->session;
    if (m.atSec < 0 || m.atSec > toSeconds(s.duration))
        return Error{"render.at", fmt::format("--at {} is outside the session of '{}' (0 to {:.1f} s)", m.atSec, m.exercise, toSeconds(s.duration))};
    return evaluate(s, fromSeconds(m.atSec));
}

} // namespace soma::app
