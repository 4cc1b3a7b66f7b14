#include "app/CommandRegistry.h"
#include "app/Commands.h"
#include "core/Json.h"

#include "audio/AudioDevice.h"
#include "audio/Voice.h"
#include "xr/Headset.h"
#include "core/Log.h"
#include "core/Paths.h"
#include "platform/Window.h"
#include "plugin/PluginDirs.h"
#include "render/GlInfo.h"
#include "soma/plugin.h"
#include "soma/Version.h"

#include <fmt/format.h>

#include <SDL.h>

#include <filesystem>
#include <string>
#include <vector>

namespace soma::app {
namespace {

struct Line {
    std::string key;
    std::string value;
    bool ok = true;
};

} // namespace

int doctor(const DoctorOptions& opt) {
    std::vector<Line> lines;
    bool canRun = true;
    std::string failReason;

    lines.push_back({"version", fmt::format("soma {} (plugin ABI {}.{})", SOMA_VERSION_STRING, SOMA_PLUGIN_ABI_MAJOR, SOMA_PLUGIN_ABI_MINOR)});
    lines.push_back({"display", displayAvailable() ? "available (windows can open)" : "none (headless: offscreen rendering, exports)"});

    // Graphics: a real context, the same way a session makes one.
    {
        WindowDesc wd;
        wd.width = 64;
        wd.height = 64;
        wd.headless = true;
        auto w = Window::create(wd);
        if (w) {
            const GlInfo gi = queryGlInfo();
            lines.push_back({"gl_renderer", gi.renderer});
            lines.push_back({"gl_version", fmt::format("{} (GLSL {})", gi.version, gi.glsl)});
            lines.push_back({"gl_vendor", gi.vendor});
            lines.push_back({"gl_software", gi.isSoftware ? "yes: lighter settings are used" : "no: hardware GPU"});
        } else {
            lines.push_back({"gl_renderer", w.error().message, false});
            canRun = false;
            failReason = w.error().message;
        }
    }

    // Audio: the default device, or silent mode when there is none.
    {
        AudioDesc ad;
        ad.hrtf = true;
        auto a = AudioDevice::open(ad);
        if (a) {
            const AudioDevice& dev = **a;
            if (dev.mode() == AudioMode::Silent)
                lines.push_back({"audio", fmt::format("silent mode: {} (sessions run with captions)", dev.silentReason())});
            else
                lines.push_back({"audio", fmt::format("device \"{}\"", dev.deviceName())});
            lines.push_back({"hrtf", dev.hrtfStatus()});
        } else {
            lines.push_back({"audio", a.error().message, false});
        }
    }

    // The headset: which OpenXR runtime the loader finds (none is fine:
    // Soma runs on a screen; `soma run --xr` needs one).
    {
        const XrRuntimeInfo rt = probeXrRuntime();
        lines.push_back({"xr_runtime", rt.present ? rt.name : rt.problem + " (for a headset: install Monado or SteamVR)"});
    }

    // Voices: through the engine's own voice, which owns espeak-ng's global
    // state (initialising or terminating it here would break later speech).
    {
        const bool nl = voiceAvailable("nl"), en = voiceAvailable("en");
        lines.push_back({"voice_nl", nl ? "espeak-ng Dutch (nl)" : "missing: install espeak-ng-data", nl});
        lines.push_back({"voice_en", en ? "espeak-ng English (en)" : "missing: install espeak-ng-data", en});
    }

    // Data the program reads.
    {
        std::error_code ec;
        bool shaders = std::filesystem::is_regular_file(paths::shaderDir() / "background.frag", ec);
        lines.push_back({"shaders", fmt::format("{} ({})", paths::shaderDir().string(), shaders ? "found" : "missing"), shaders});
        if (!shaders) {
            canRun = false;
            failReason = fmt::format("shaders missing in {}: rebuild or reinstall Soma", paths::shaderDir().string());
        }
        for (const auto& dir : paths::pluginDirs()) {
            auto found = findPlugins(dir);
            int scripts = 0, natives = 0;
            for (auto& f : found) (f.kind == PluginKind::Script ? scripts : natives)++;
            std::string what = std::filesystem::is_directory(dir, ec)
                                   ? fmt::format("{} script exercise(s), {} native plugin(s)", scripts, natives)
                                   : "not present";
            lines.push_back({"plugins", fmt::format("{}: {}", dir.string(), what)});
        }
        auto font = paths::findFont();
        lines.push_back({"font", font.empty() ? "none found: install fonts-dejavu-core (captions need it)" : font.string(), !font.empty()});
        lines.push_back({"config", paths::configHome().string()});
        lines.push_back({"data", paths::dataHome().string()});
    }

    if (opt.json) {
        std::string o = "{";
        for (size_t i = 0; i < lines.size(); ++i) {
            // Repeated keys (plugin folders) become numbered keys.
            std::string key = lines[i].key;
            int n = 0;
            for (size_t j = 0; j < i; ++j) n += lines[j].key == lines[i].key;
            if (n) key += fmt::format("_{}", n);
            o += fmt::format("{}: {}, ", jsonString(key), jsonString(lines[i].value));
        }
        o += fmt::format("\"can_run\": {}", canRun ? "true" : "false");
        if (!canRun) o += fmt::format(", \"reason\": {}", jsonString(failReason));
        o += "}\n";
        std::fputs(o.c_str(), stdout);
    } else {
        for (auto& l : lines) std::printf("%-12s %s%s\n", (l.key + ":").c_str(), l.ok ? "" : "PROBLEM: ", l.value.c_str());
        if (canRun) std::printf("\nSoma can run here.\n");
        else std::printf("\nSoma cannot run here: %s\n", failReason.c_str());
    }
    return canRun ? 0 : 1;
}

} // namespace soma::app

namespace soma::app {
namespace {
const CommandRegistrar kDoctor(10, "doctor", "Check that Soma can run here: graphics, audio, voices, plugins, fonts",
                               [](CLI::App&, CLI::App& sub) -> CommandAction {
                                   auto opt = std::make_shared<DoctorOptions>();
                                   sub.add_flag("--json", opt->json, "Print one JSON object");
                                   return [opt] { return doctor(*opt); };
                               });
} // namespace
} // namespace soma::app
