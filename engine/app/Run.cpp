#include "app/Commands.h"
#include "app/CommandRegistry.h"

#include "audio/AudioDevice.h"
#include "core/Log.h"
#include "platform/Signals.h"
#include "platform/Window.h"
#include "render/RenderTarget.h"
#include "render/Renderer.h"

#include <SDL.h>

#include <cmath>
#include <filesystem>

namespace soma::app {
namespace {

constexpr double kBreathCycleSec = 10.0;

float breathAt(double sec) {
    // A calm 10-second cycle: 0 = empty, 1 = full, eased at both ends.
    return float(0.5 - 0.5 * std::cos(sec * 2.0 * M_PI / kBreathCycleSec));
}

int runHeadless(const RunOptions& opt) {
    std::printf("No display found: rendering the scene headless instead of opening a window.\n");
    RenderOptions r;
    r.out = opt.out;
    r.breath = breathAt(kBreathCycleSec / 2);
    const int rc = render(r);
    if (rc == 0) std::printf("Open %s to see it.\n", std::filesystem::absolute(opt.out).c_str());
    return rc;
}

} // namespace

int run(const RunOptions& opt) {
    if (opt.headless || !displayAvailable()) return runHeadless(opt);

    WindowDesc wd;
    wd.fullscreen = opt.fullscreen;
    auto window = Window::create(wd);
    if (!window) {
        log::error(window.error().id, "{}", window.error().message);
        return runHeadless(opt);
    }
    auto renderer = Renderer::create();
    if (!renderer) {
        log::error(renderer.error().id, "{}", renderer.error().message);
        return 1;
    }
    AudioDesc ad;
    ad.hrtf = opt.hrtf;
    auto audio = AudioDevice::open(ad);
    if (!audio) log::warn(audio.error().id, "{}", audio.error().message);

    Window& w = **window;
    RenderTarget target({w.width(), w.height(), 4});
    const Uint64 start = SDL_GetPerformanceCounter();
    bool quit = false;
    while (!quit && !signals::stopRequested()) {
        SDL_Event e;
        while (SDL_PollEvent(&e)) {
            if (e.type == SDL_QUIT) quit = true;
            if (e.type == SDL_KEYDOWN && e.key.keysym.sym == SDLK_ESCAPE) quit = true;
            if (e.type == SDL_KEYDOWN && e.key.keysym.sym == SDLK_F11) w.setFullscreen(!w.fullscreen());
        }
        target.resize(w.width(), w.height());
        const double sec = double(SDL_GetPerformanceCounter() - start) / double(SDL_GetPerformanceFrequency());
        FrameParams frame;
        frame.breath = breathAt(sec);
        (*renderer)->draw(target, frame);
        target.present(w.width(), w.height());
        w.swap();
    }
    return 0;
}

} // namespace soma::app

namespace soma::app {
namespace {
const CommandRegistrar kRun(20, "run", "Start a guided session (in a window; headless when there is no display)",
                            [](CLI::App&, CLI::App& sub) -> CommandAction {
                                auto opt = std::make_shared<RunOptions>();
                                sub.add_flag("--headless", opt->headless, "Render without a window even when there is a display");
                                sub.add_flag("--fullscreen", opt->fullscreen, "Start fullscreen (F11 toggles)");
                                sub.add_flag("--hrtf", opt->hrtf, "Binaural audio for headphones");
                                sub.add_option("--out", opt->out, "Where a headless run writes its result")->capture_default_str();
                                return [opt] { return run(*opt); };
                            });
} // namespace
} // namespace soma::app
