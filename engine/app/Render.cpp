#include "app/Commands.h"
#include "app/CommandRegistry.h"

#include "core/Log.h"
#include "platform/Window.h"
#include "render/RenderTarget.h"
#include "render/Renderer.h"

namespace soma::app {

int render(const RenderOptions& opt) {
    WindowDesc wd;
    wd.width = opt.width;
    wd.height = opt.height;
    wd.headless = true;
    auto window = Window::create(wd);
    if (!window) {
        log::error(window.error().id, "{}", window.error().message);
        return 1;
    }
    auto renderer = Renderer::create();
    if (!renderer) {
        log::error(renderer.error().id, "{}", renderer.error().message);
        return 1;
    }
    RenderTarget target({opt.width, opt.height, 4});
    FrameParams frame;
    frame.breath = opt.breath;
    (*renderer)->draw(target, frame);
    if (auto s = writePng(target.readPixels(), opt.out); !s) {
        log::error(s.error().id, "{}", s.error().message);
        return 1;
    }
    std::printf("wrote %s (%dx%d)\n", opt.out.c_str(), opt.width, opt.height);
    return 0;
}

} // namespace soma::app

namespace soma::app {
namespace {
const CommandRegistrar kRender(30, "render", "Render one frame headless to a PNG", [](CLI::App&, CLI::App& sub) -> CommandAction {
    auto opt = std::make_shared<RenderOptions>();
    sub.add_option("--out", opt->out, "PNG to write")->capture_default_str();
    sub.add_option("--width", opt->width, "Width in pixels")->check(CLI::Range(16, 8192))->capture_default_str();
    sub.add_option("--height", opt->height, "Height in pixels")->check(CLI::Range(16, 8192))->capture_default_str();
    sub.add_option("--breath", opt->breath, "Breath phase, 0 = empty, 1 = full")->check(CLI::Range(0.0, 1.0));
    return [opt] { return render(*opt); };
});
} // namespace
} // namespace soma::app
