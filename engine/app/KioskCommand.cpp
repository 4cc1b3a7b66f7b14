// `soma kiosk [--config FILE]`: Soma on a wellness centre's touch screen
// (live/Kiosk, docs/kiosk.md). Fullscreen, no cursor, no decorations;
// only the config's exercises; left only with the PIN (exit status 10,
// which the systemd unit does not restart) or by the service manager.
// A config with any problem is refused whole, each problem at
// file:line:col, and the kiosk does not start (exit status 2).
#include "app/CommandRegistry.h"
#include "app/Commands.h"

#include "core/Log.h"
#include "live/Kiosk.h"
#include "core/Signals.h"
#include "platform/Window.h"
#include "render/GlInfo.h"
#include "settings/KioskConfig.h"

#include <cstdio>
#include <string>

namespace soma::app {
namespace {

constexpr int kKioskLeft = 10;   // staff left with the PIN: not a crash to restart
constexpr int kKioskRefused = 2; // the config is wrong: nothing started

struct KioskOptions {
    std::string config = kDefaultKioskConfig;
    bool windowed = false;  // for trying a config at a desk
    bool offscreen = false; // no screen at all: the restart measurement and the soak run
};

int kiosk(const KioskOptions& o) {
    KioskConfigParse parsed = loadKioskConfig(o.config);
    if (!parsed.ok()) {
        for (const Diagnostic& d : parsed.problems) std::fprintf(stderr, "%s\n", d.format().c_str());
        std::fprintf(stderr, "%s: the kiosk does not start until this file is right (`soma validate %s` checks it again)\n",
                     o.config.c_str(), o.config.c_str());
        return kKioskRefused;
    }
    if (!o.offscreen && !displayAvailable()) {
        std::fprintf(stderr, "No display here: a kiosk needs one (docs/kiosk.md: under cage, or on the console with SDL's KMS/DRM)\n");
        return kNoDisplay;
    }
    WindowDesc wd;
    wd.title = "Soma";
    wd.fullscreen = !o.windowed;
    wd.resizable = o.windowed;
    wd.headless = o.offscreen;
    if (o.offscreen) wd.fullscreen = false;
    auto window = Window::create(wd);
    if (!window) {
        log::error(window.error().id, "{}", window.error().message);
        return kNoDisplay;
    }
    SDL_ShowCursor(o.windowed ? SDL_ENABLE : SDL_DISABLE);
    KioskDesc d;
    d.config = std::move(parsed.config);
    d.quietJournal = true;
    if (queryGlInfo().isSoftware) d.audio.buffersAhead = 12;
    auto k = Kiosk::create(**window, std::move(d));
    if (!k) {
        log::error(k.error().id, "{}", k.error().message);
        return 1;
    }
    // A signal asks the loop to end (softly); a second one ends it at once.
    const signals::Patience patience(-1);
    while (!(*k)->done() && !signals::stopRequested()) {
        (*k)->pollInput(50);
        if (auto st = (*k)->frame(); !st) {
            log::error(st.error().id, "{}", st.error().message);
            return 1;
        }
    }
    return (*k)->done() ? kKioskLeft : 0;
}

const CommandRegistrar kKiosk(12, "kiosk", "Kiosk mode for a wellness centre's touch screen: only the config's exercises, left with a PIN",
                              [](CLI::App&, CLI::App& sub) -> CommandAction {
                                  auto opt = std::make_shared<KioskOptions>();
                                  sub.add_option("--config", opt->config, "The kiosk config (default /etc/soma/kiosk.toml)");
                                  sub.add_flag("--windowed", opt->windowed, "In a window with a cursor, to try a config at a desk");
                                  sub.add_flag("--offscreen", opt->offscreen, "Drawn offscreen, shown nowhere (measurements)");
                                  return [opt] { return kiosk(*opt); };
                              });

} // namespace
} // namespace soma::app
