// `soma home` (and `soma` with no arguments where there is a display): the
// home screen, the settings and sessions started from there, in one window
// until the person closes it (live/Shell). `soma therapist` opens the same
// window in therapist mode.
#include "app/CommandRegistry.h"
#include "app/Commands.h"

#include "core/Log.h"
#include "live/Shell.h"
#include "core/Signals.h"
#include "platform/Window.h"
#include "render/GlInfo.h"
#include "settings/Settings.h"

#include <cstdio>

namespace soma::app {

int home(const HomeOptions& o) {
    if (!displayAvailable()) {
        std::printf("No display here: the home screen needs one. `soma run` exports a session instead.\n");
        return kNoDisplay;
    }
    ShellDesc d;
    d.settings = loadSettings();
    if (!o.exercise.empty()) d.exercise = o.exercise;
    d.therapist = o.therapist;
    WindowDesc wd;
    wd.title = "Soma";
    wd.fullscreen = o.fullscreen >= 0 ? o.fullscreen == 1 : d.settings.settings.fullscreen;
    auto window = Window::create(wd);
    if (!window) {
        log::error(window.error().id, "{}", window.error().message);
        return kNoDisplay;
    }
    // Sound is refilled once a frame; a software renderer can take longer
    // than the default 400 ms of queued sound, so queue more.
    if (queryGlInfo().isSoftware) d.audio.buffersAhead = 12;
    SDL_InitSubSystem(SDL_INIT_GAMECONTROLLER);
    auto shell = Shell::create(**window, std::move(d));
    if (!shell) {
        log::error(shell.error().id, "{}", shell.error().message);
        return 1;
    }
    // A signal asks the loop to end (softly); a second one ends it at once.
    const signals::Patience patience(-1);
    while (!(*shell)->done() && !signals::stopRequested()) {
        // A still home screen waits for the person instead of drawing.
        (*shell)->pollInput(50);
        if (auto st = (*shell)->frame(); !st) {
            log::error(st.error().id, "{}", st.error().message);
            return 1;
        }
    }
    return 0;
}

namespace {
const CommandRegistrar kHome(10, "home", "The home screen: choose an exercise, its length and language, and begin (needs a display)",
                             [](CLI::App&, CLI::App& sub) -> CommandAction {
                                 auto opt = std::make_shared<HomeOptions>();
                                 sub.add_option("--exercise", opt->exercise, "The exercise in focus first (default: body-scan)");
                                 sub.add_flag("--fullscreen{1},--windowed{0}", opt->fullscreen, "Fullscreen or in a window, for this run");
                                 return [opt] { return home(*opt); };
                             });
const CommandRegistrar kTherapist(11, "therapist",
                                  "Therapist mode: client records (encrypted), tension maps marked on the figure (needs a display)",
                                  [](CLI::App&, CLI::App& sub) -> CommandAction {
                                      auto opt = std::make_shared<HomeOptions>();
                                      opt->therapist = true;
                                      sub.add_flag("--fullscreen{1},--windowed{0}", opt->fullscreen, "Fullscreen or in a window, for this run");
                                      return [opt] { return home(*opt); };
                                  });
} // namespace

} // namespace soma::app
