// `soma run [EXERCISE] [--lang nl|en] [--variant short|long]`: a guided
// session in a window, in real time (live/LiveSession.h: the person's
// controls, the picture following the audio clock, the session log).
// Without a display the session is exported instead, to a folder this
// command names.
#include "app/CliChecks.h"
#include "app/CommandRegistry.h"
#include "app/SessionCommands.h"

#include "audio/AudioEngine.h"
#include "core/Log.h"
#include "live/HeadsetSession.h"
#include "live/LiveSession.h"
#include "core/Signals.h"
#include "platform/Window.h"
#include "render/GlInfo.h"
#include "session/Sequencer.h"
#include "settings/Settings.h"
#include "xr/Headset.h"

#include <SDL.h>

#include <cstdio>
#include <filesystem>
#include <memory>

namespace soma::app {
namespace {

namespace fs = std::filesystem;

struct SessionRunOptions {
    SessionChoice choice;
    Settings settings; // what the person chose (captions, their size, contrast, the mix)
    bool headless = false;
    bool fullscreen = false;
    bool hrtf = false;
    bool reducedMotion = false;
    std::string out = "soma-session"; // where a run without a display exports to
    std::string stereo;   // "sbs": both eyes side by side in the window
    float ipdMm = 63.0f;  // between the eyes, for --stereo
    bool xr = false;      // in a headset, through OpenXR
};

// The exit status of `soma run --xr` where no OpenXR runtime is installed.
constexpr int kNoXrRuntime = 4;

// What the command line said, for the settings it may override for this
// run: -1 not given, 0 off, 1 on.
struct RunFlags {
    int fullscreen = -1;
    int hrtf = -1;
    int reducedMotion = -1;
};

// The person's settings (settings/Settings.h), then the command line.
SessionRunOptions withSettings(SessionRunOptions o, const RunFlags& flags, const Settings& s) {
    if (o.choice.lang.empty() && s.language != "system") o.choice.lang = s.language;
    if (o.choice.voiceRateWpm <= 0) o.choice.voiceRateWpm = s.voiceRateWpm;
    o.fullscreen = flags.fullscreen >= 0 ? flags.fullscreen == 1 : s.fullscreen;
    o.hrtf = flags.hrtf >= 0 ? flags.hrtf == 1 : s.headphones;
    o.reducedMotion = flags.reducedMotion >= 0 ? flags.reducedMotion == 1 : s.reducedMotion;
    o.settings = s;
    return o;
}

// With no display there is no window to run in: the session is exported
// instead, and a picture of one moment is written for a first look.
int runWithoutDisplay(const SessionRunOptions& o) {
    fs::path dir = o.out, picture;
    if (dir.extension() == ".png") {
        picture = dir;
        dir.replace_extension();
    }
    std::printf("No display here, so the session is exported instead of played: %s\n", fs::absolute(dir).c_str());
    ExportOptions e;
    e.choice = o.choice;
    e.out = dir;
    e.reducedMotion = o.reducedMotion;
    e.hrtf = o.hrtf;
    const int rc = exportSession(e);
    if (rc != 0 || picture.empty()) return rc;
    auto loaded = loadSession(o.choice);
    if (!loaded) return 1;
    const Session& s = (*loaded)->session;
    // A calm moment with something lit: the first highlight at its fullest.
    Samples at = s.duration / 2;
    if (!s.highlights.empty()) at = s.highlights.front().start + s.highlights.front().fadeIn;
    SequencerOptions so;
    so.reducedMotion = o.reducedMotion;
    FrameOptions fo;
    auto img = renderStateHeadless(evaluate(s, at, so), fo);
    if (!img) return 1;
    if (auto st = writePng(*img, picture); !st) {
        log::error(st.error().id, "{}", st.error().message);
        return 1;
    }
    std::printf("A picture of %.0f s into the session: %s\n", toSeconds(at), fs::absolute(picture).c_str());
    return 0;
}

// The live session in the headset, the window mirroring it, until the
// session has ended and the runtime has let it go.
int runInHeadset(LiveSession& live, bool reducedMotion) {
    auto headset = Headset::create();
    if (!headset) {
        log::error(headset.error().id, "{}", headset.error().message);
        return headset.error().id == "xr.no_runtime" ? kNoXrRuntime : 1;
    }
    HeadsetSessionDesc hd;
    hd.reducedMotion = reducedMotion;
    auto session = HeadsetSession::create(live, **headset, hd);
    if (!session) {
        log::error(session.error().id, "{}", session.error().message);
        return 1;
    }
    std::printf("In the headset (%s). Select pauses and resumes, the menu button eases out; the window's keys work too.\n",
                (*headset)->runtimeName().c_str());
    // A signal asks the loop to end (softly); a second one ends it at once.
    const signals::Patience patience(-1);
    bool asked = false;
    while (!(*session)->done()) {
        if (signals::stopRequested() && !asked) {
            live.easeOut(); // a signal ends it as the menu button does
            asked = true;
        }
        live.pollInput();
        if (auto st = (*session)->step(); !st) {
            log::error(st.error().id, "{}", st.error().message);
            live.stop();
            return 1;
        }
    }
    live.stop();
    if (const EventLog* log = live.eventLog())
        std::printf("This session's log (replay it with `soma export --replay LOG --out DIR`): %s\n", log->path().c_str());
    return 0;
}

int runSession(const SessionRunOptions& o) {
    if (o.xr) {
        // Before anything opens: without a runtime there is nothing to show in.
        const XrRuntimeInfo rt = probeXrRuntime();
        if (!rt.present) {
            std::fprintf(stderr, "soma run --xr: %s.\n%s\n", rt.problem.c_str(), noRuntimeAdvice().c_str());
            return kNoXrRuntime;
        }
        std::printf("OpenXR runtime: %s\n", rt.name.c_str());
    }
    if (!o.xr && (o.headless || !displayAvailable())) return runWithoutDisplay(o);

    auto loaded = loadSession(o.choice);
    if (!loaded) {
        log::error(loaded.error().id, "{}", loaded.error().message);
        return 1;
    }
    WindowDesc wd;
    wd.fullscreen = o.fullscreen;
    wd.title = "Soma";
    // In the headset, xrWaitFrame paces the frames, not the window's vsync.
    if (o.xr) wd.vsync = false;
    if (o.xr && !displayAvailable()) wd.headless = true; // the mirror needs no screen
    auto window = Window::create(wd);
    if (!window) {
        log::error(window.error().id, "{}", window.error().message);
        if (o.xr) return 1;
        return runWithoutDisplay(o);
    }
    AudioEngineDesc ad;
    ad.audio.hrtf = o.hrtf;
    // Sound is refilled once a frame; a software renderer can take longer
    // than the default 400 ms of queued sound, so queue more.
    if (queryGlInfo().isSoftware) ad.buffersAhead = 12;
    auto audio = AudioEngine::create(ad);
    if (!audio) {
        log::error(audio.error().id, "{}", audio.error().message);
        return 1;
    }
    SDL_InitSubSystem(SDL_INIT_GAMECONTROLLER);

    LiveSessionDesc desc;
    desc.session = (*loaded)->session;
    desc.exercise = (*loaded)->exercise;
    desc.describe = (*loaded)->describe;
    desc.build = (*loaded)->build;
    desc.captions = o.settings.captions;
    desc.captionScale = captionScale(o.settings.captionSize);
    desc.highContrast = o.settings.highContrast;
    desc.reducedMotion = o.reducedMotion;
    desc.mix = {float(o.settings.voiceVolume), float(o.settings.ambienceVolume), o.settings.ambience, o.settings.breathPacer};
    desc.sideBySide = o.stereo == "sbs";
    desc.ipdM = o.ipdMm / 1000.0f;
    auto live = LiveSession::create(**window, **audio, std::move(desc));
    if (!live) {
        log::error(live.error().id, "{}", live.error().message);
        return 1;
    }
    if (o.xr) return runInHeadset(**live, o.reducedMotion);
    // A signal asks the loop to end (softly); a second one ends it at once.
    const signals::Patience patience(-1);
    while (!(*live)->done() && !signals::stopRequested()) {
        (*live)->pollInput();
        if (auto st = (*live)->frame(); !st) {
            log::error(st.error().id, "{}", st.error().message);
            return 1;
        }
    }
    (*live)->stop();
    if (const EventLog* log = (*live)->eventLog())
        std::printf("This session's log (replay it with `soma export --replay LOG --out DIR`): %s\n", log->path().c_str());
    return 0;
}

const CommandRegistrar kRun(20, "run", "Start a guided session in a window (exported instead where there is no display)",
                            [](CLI::App&, CLI::App& sub) -> CommandAction {
                                auto opt = std::make_shared<SessionRunOptions>();
                                auto flags = std::make_shared<RunFlags>();
                                auto tension = std::make_shared<std::string>();
                                sub.add_option("exercise", opt->choice.exercise, "Exercise id (`soma plugins` lists them)")
                                    ->capture_default_str();
                                sub.add_option("--lang", opt->choice.lang, "nl or en (default: the system's language)")->check(languageTag());
                                sub.add_option("--variant", opt->choice.variant, "short or long")
                                    ->capture_default_str()
                                    ->check(idWord("a variant", {"short", "long"}));
                                sub.add_option("--breaths-per-minute", opt->choice.breathsPerMinute,
                                               "Breathing pace, where the exercise has one (4.5 to 7)")
                                    ->check(breathingPace());
                                sub.add_flag("--headless", opt->headless, "Export instead of opening a window");
                                // Each overrides its setting (`soma settings`) for this run.
                                sub.add_flag("--fullscreen{1},--windowed{0}", flags->fullscreen, "Start fullscreen (F11 toggles), or in a window");
                                sub.add_flag("--hrtf{1},--speakers{0}", flags->hrtf, "Binaural audio for headphones, or for speakers");
                                sub.add_flag("--reduced-motion{1},--motion{0}", flags->reducedMotion, "Keep the camera still, or let it move slowly");
                                sub.add_option("--out", opt->out,
                                               "Without a display: the folder to export to (a .png name also gets a picture)")
                                    ->capture_default_str();
                                sub.add_option("--stereo", opt->stereo,
                                               "sbs: both eyes side by side, for a phone in a viewer or a 3D screen")
                                    ->check(CLI::IsMember({"sbs"}));
                                sub.add_option("--ipd-mm", opt->ipdMm, "With --stereo: the distance between the eyes in mm")
                                    ->check(finiteIn(40.0, 80.0))
                                    ->capture_default_str();
                                sub.add_flag("--xr", opt->xr,
                                             "In a VR headset, through the OpenXR runtime installed (Monado, SteamVR); the window mirrors it");
                                sub.add_option("--tension", *tension,
                                               "The client's tension map, a TOML file (docs/tension-maps.md); the log keeps it");
                                return [opt, flags, tension] {
                                    if (!readTensionOption(*tension, opt->choice)) return 1;
                                    return runSession(withSettings(*opt, *flags, loadSettings().settings));
                                };
                            });

} // namespace
} // namespace soma::app
