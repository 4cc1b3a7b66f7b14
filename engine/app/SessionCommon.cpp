#include "app/SessionCommands.h"

#include "core/Log.h"
#include "platform/Window.h"
#include "plugin/script/ScriptExercise.h"
#include "plugin/script/TensionMapFile.h"
#include "render/Overlay.h"
#include "render/Renderer.h"
#include "render/RenderTarget.h"

#include <fmt/format.h>

namespace soma::app {

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
