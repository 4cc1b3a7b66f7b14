// `soma run [EXERCISE] [--lang nl|en] [--variant short|long]`: a guided
// session in a window, in real time. The audio clock drives the sequencer
// and the picture follows it, as a media player keeps lips in sync. The
// person is in control the whole time: pause and resume (space, a tap or
// click, gamepad A), stop (Esc, gamepad B or back), the grounding way out
// (G or the visible button), F11 for fullscreen. Without a display the
// session is exported instead, to a folder this command names.
//
// A live run writes its session log (session/EventLog.h): the person's
// pauses, resumes and grounding with their sample times, and the exercise's
// answers, so `soma export EXERCISE --replay LOG` gives the same timeline.
#include "app/CommandRegistry.h"
#include "app/SessionCommands.h"

#include "audio/AudioEngine.h"
#include "core/Log.h"
#include "platform/Signals.h"
#include "platform/Window.h"
#include "render/Overlay.h"
#include "render/RenderTarget.h"
#include "render/Renderer.h"
#include "session/EventLog.h"
#include "session/Grounding.h"
#include "session/NarratorSpace.h"
#include "session/Sequencer.h"

#include <SDL.h>
#include <fmt/format.h>

#include <filesystem>
#include <optional>
#include <memory>

namespace soma::app {
namespace {

namespace fs = std::filesystem;

struct SessionRunOptions {
    SessionChoice choice;
    bool headless = false;
    bool fullscreen = false;
    bool hrtf = false;
    bool reducedMotion = false;
    std::string out = "soma-session"; // where a run without a display exports to
};

// What the screen says, in the session's language.
struct Words {
    const char* pause;
    const char* resume;
    const char* stop;
    const char* grounding;
    const char* paused;
    const char* silent;
    const char* groundingNow;
};

const Words& wordsFor(const std::string& lang) {
    static const Words nl{"Pauze", "Verder", "Stoppen", "Gronden", "Gepauzeerd",
                          "Geen geluid: er is geen geluidsapparaat, de ondertitels lopen mee", "Even gronden"};
    static const Words en{"Pause", "Resume", "Stop", "Ground", "Paused",
                          "No sound: there is no audio device, captions carry the words", "Grounding"};
    return lang.rfind("nl", 0) == 0 ? nl : en;
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

int runSession(const SessionRunOptions& o) {
    if (o.headless || !displayAvailable()) return runWithoutDisplay(o);

    auto loaded = loadSession(o.choice);
    if (!loaded) {
        log::error(loaded.error().id, "{}", loaded.error().message);
        return 1;
    }
    const std::string lang = (*loaded)->session.lang;
    const Words& words = wordsFor(lang);

    WindowDesc wd;
    wd.fullscreen = o.fullscreen;
    wd.title = "Soma";
    auto window = Window::create(wd);
    if (!window) {
        log::error(window.error().id, "{}", window.error().message);
        return runWithoutDisplay(o);
    }
    Window& w = **window;
    const RenderQuality quality = chooseQuality(w.glInfo());
    RendererDesc rd;
    rd.lod = quality.lod;
    rd.skinDepthPrepass = quality.skinDepthPrepass;
    auto renderer = Renderer::create(rd);
    if (!renderer) {
        log::error(renderer.error().id, "{}", renderer.error().message);
        return 1;
    }
    auto overlay = Overlay::create();
    if (!overlay) log::warn(overlay.error().id, "no captions on screen: {}", overlay.error().message);

    AudioEngineDesc ad;
    ad.audio.hrtf = o.hrtf;
    // Sound is refilled once a frame; a software renderer can take longer
    // than the default 400 ms of queued sound, so queue more.
    if (w.glInfo().isSoftware) ad.buffersAhead = 12;
    auto audio = AudioEngine::create(ad);
    if (!audio) {
        log::error(audio.error().id, "{}", audio.error().message);
        return 1;
    }
    SDL_InitSubSystem(SDL_INIT_GAMECONTROLLER);

    SequencerOptions so;
    so.reducedMotion = o.reducedMotion;
    auto seq = std::make_unique<Sequencer>((*loaded)->session, so);
    seq->setExercise((*loaded)->exercise, (*loaded)->describe);
    // Without a log the session still runs: it just cannot be replayed.
    EventLogDesc logDesc;
    logDesc.header.exercise = (*loaded)->session.exercise;
    logDesc.header.lang = (*loaded)->describe.lang;
    logDesc.header.variant = (*loaded)->describe.variant;
    logDesc.header.breathsPerMinute = (*loaded)->describe.breathsPerMinute;
    if ((*loaded)->describe.tension) logDesc.header.tension = *(*loaded)->describe.tension;
    std::unique_ptr<EventLog> eventLog;
    if (auto l = EventLog::create(logDesc)) eventLog = std::move(*l);
    else log::warn(l.error().id, "{}", l.error().message);
    seq->setEventLog(eventLog.get());
    Samples leftAt = -1; // where the exercise was left for grounding
    seq->attach(audio->get());
    seq->play();
    bool grounding = false;

    auto leaveForGrounding = [&] {
        if (grounding) return;
        grounding = true;
        seq->reportGrounding();
        leftAt = seq->position();
        seq->setEventLog(nullptr); // the grounding sequence is not the exercise's session
        auto g = buildSession(groundingRequest(lang));
        if (!g) {
            log::error(g.error().id, "{}", g.error().message);
            seq->pause();
            return;
        }
        log::info("run.grounding", "leaving '{}' at {:.1f} s for the grounding sequence", (*loaded)->session.exercise,
                  toSeconds(seq->position()));
        seq->attach(nullptr);
        seq = std::make_unique<Sequencer>(std::move(*g), so);
        seq->attach(audio->get());
        seq->seek(0);
        seq->play();
    };

    std::optional<NarratorSpace> space;
    if (auto figure = loadFigure({})) space.emplace(**figure);
    else log::warn(figure.error().id, "the narrator stays in front: {}", figure.error().message);

    auto togglePause = [&] {
        seq->togglePause();
        log::info(seq->paused() ? "run.paused" : "run.resumed", "{} at {:.2f} s", seq->paused() ? "paused" : "resumed",
                  toSeconds(seq->position()));
    };

    RenderTarget target({w.width(), w.height(), quality.msaaSamples});
    OverlayState os;
    int framesAfterEnd = 0;
    bool quit = false;
    while (!quit && !signals::stopRequested()) {
        os.buttons = layoutButtons(w.width(), w.height(), {"pause", "grounding", "stop"},
                                   {seq->paused() ? words.resume : words.pause, words.grounding, words.stop});
        SDL_Event e;
        while (SDL_PollEvent(&e)) {
            switch (e.type) {
            case SDL_QUIT: quit = true; break;
            case SDL_KEYDOWN:
                switch (e.key.keysym.sym) {
                case SDLK_ESCAPE: quit = true; break;
                case SDLK_SPACE: togglePause(); break;
                case SDLK_g: leaveForGrounding(); break;
                case SDLK_RIGHT:
                case SDLK_n: seq->skipToNextStep(); break;
                case SDLK_F11: w.setFullscreen(!w.fullscreen()); break;
                default: break;
                }
                break;
            case SDL_CONTROLLERDEVICEADDED: SDL_GameControllerOpen(e.cdevice.which); break;
            case SDL_CONTROLLERBUTTONDOWN:
                if (e.cbutton.button == SDL_CONTROLLER_BUTTON_A) togglePause();
                if (e.cbutton.button == SDL_CONTROLLER_BUTTON_B || e.cbutton.button == SDL_CONTROLLER_BUTTON_BACK) quit = true;
                if (e.cbutton.button == SDL_CONTROLLER_BUTTON_Y) leaveForGrounding();
                break;
            case SDL_MOUSEBUTTONDOWN:
            case SDL_FINGERDOWN: {
                // Touch gives 0..1 of the window; the mouse gives window
                // points. Buttons live in drawable pixels.
                float x, y;
                if (e.type == SDL_FINGERDOWN) {
                    x = e.tfinger.x * float(w.width());
                    y = e.tfinger.y * float(w.height());
                } else {
                    if (e.button.which == SDL_TOUCH_MOUSEID) break; // the finger event handles it
                    int ww = 1, wh = 1;
                    SDL_GetWindowSize(w.sdl(), &ww, &wh);
                    x = float(e.button.x) * float(w.width()) / float(std::max(1, ww));
                    y = float(e.button.y) * float(w.height()) / float(std::max(1, wh));
                }
                const auto hit = Overlay::buttonAt(os, x, y);
                const std::string id = hit ? os.buttons[size_t(*hit)].id : "";
                if (id == "stop") quit = true;
                else if (id == "grounding") leaveForGrounding();
                else togglePause(); // the pause button, or a tap anywhere
                break;
            }
            default: break;
            }
        }
        (*audio)->update();
        seq->update();
        if (seq->finished() && ++framesAfterEnd > 180) break; // a few quiet seconds after the end

        target.resize(w.width(), w.height());
        const Session& s = seq->session();
        const BodyState state = seq->state();
        if (space) space->place(**audio, state);
        if (auto st = drawBodyState(**renderer, target, state); !st) {
            log::error(st.error().id, "{}", st.error().message);
            return 1;
        }
        if (overlay) {
            os.caption = state.caption;
            os.paused = seq->paused();
            os.pausedLabel = words.paused;
            const int step = s.stepAt(seq->position());
            if ((*audio)->mode() == AudioMode::Silent) os.status = words.silent;
            else if (grounding) os.status = words.groundingNow;
            else if (step >= 0 && (s.steps[size_t(step)].note || seq->position() < fromSeconds(10))) os.status = s.note;
            else os.status.clear();
            (*overlay)->draw(target, os);
        }
        target.present(w.width(), w.height());
        w.swap();
    }
    // Stopping is not a pause the exercise should answer, nor one to replay.
    seq->setEventLog(nullptr);
    seq->pause();
    log::info("run.stopped", "stopped at {:.2f} s of {:.2f} s", toSeconds(seq->position()), toSeconds(seq->session().duration));
    if (eventLog) {
        eventLog->end(leftAt >= 0 ? leftAt : seq->position());
        std::printf("This session's log (replay it with `soma export %s --lang %s --variant %s --replay LOG --out DIR`): %s\n",
                    logDesc.header.exercise.c_str(), logDesc.header.lang.c_str(), logDesc.header.variant.c_str(),
                    eventLog->path().c_str());
    }
    return 0;
}

const CommandRegistrar kRun(20, "run", "Start a guided session in a window (exported instead where there is no display)",
                            [](CLI::App&, CLI::App& sub) -> CommandAction {
                                auto opt = std::make_shared<SessionRunOptions>();
                                sub.add_option("exercise", opt->choice.exercise, "Exercise id (`soma plugins` lists them)")
                                    ->capture_default_str();
                                sub.add_option("--lang", opt->choice.lang, "nl or en (default: the system's language)");
                                sub.add_option("--variant", opt->choice.variant, "short or long")->capture_default_str();
                                sub.add_option("--breaths-per-minute", opt->choice.breathsPerMinute,
                                               "Breathing pace, where the exercise has one (4.5 to 7)");
                                sub.add_flag("--headless", opt->headless, "Export instead of opening a window");
                                sub.add_flag("--fullscreen", opt->fullscreen, "Start fullscreen (F11 toggles)");
                                sub.add_flag("--hrtf", opt->hrtf, "Binaural audio for headphones");
                                sub.add_flag("--reduced-motion", opt->reducedMotion, "Keep the camera still");
                                sub.add_option("--out", opt->out,
                                               "Without a display: the folder to export to (a .png name also gets a picture)")
                                    ->capture_default_str();
                                return [opt] { return runSession(*opt); };
                            });

} // namespace
} // namespace soma::app
