#include "app/Commands.h"

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
