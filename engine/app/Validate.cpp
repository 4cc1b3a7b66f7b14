// `soma validate PATH...`: checks exercises and tension map files without
// running them, the way a compiler checks code: every problem as
// "file:line:col: error: message", exit 1 when there is any, 0 when all are
// valid. A .toml file with [[region]] entries and no steps is a tension map
// (plugin/script/TensionMapFile.h), checked as `--tension` would read it.
#include "app/CommandRegistry.h"
#include "plugin/PluginCheck.h"

#include "core/Log.h"
#include "plugin/PluginDirs.h"
#include "plugin/script/ScriptParser.h"
#include "plugin/script/TensionMapFile.h"
#include "core/Text.h"
#include "settings/KioskConfig.h"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace soma::app {
namespace {

namespace fs = std::filesystem;

struct ValidateOptions {
    std::vector<std::string> paths;
};

// A folder of exercises (plugins/) is checked exercise by exercise.
std::vector<fs::path> expand(const fs::path& p) {
    std::error_code ec;
    if (!fs::is_directory(p, ec) || fs::exists(p / "manifest.toml", ec)) return {p};
    std::vector<fs::path> out;
    for (const FoundPlugin& f : findPlugins(p)) out.push_back(f.path);
    if (out.empty()) out.push_back(p); // reported as "no manifest.toml"
    return out;
}

int validate(const ValidateOptions& opt) {
    int bad = 0, good = 0;
    for (const std::string& arg : opt.paths) {
        for (const fs::path& p : expand(arg)) {
            std::error_code ec;
            if (fs::is_directory(p, ec) && !fs::exists(p / "manifest.toml", ec)) {
                std::printf("%s:1:1: error: no manifest.toml here: an exercise folder holds manifest.toml and script.toml "
                            "(see docs/plugins.md)\n",
                            (p / "manifest.toml").string().c_str());
                ++bad;
                continue;
            }
            if (p.extension() == ".so") {
                // The same check `soma plugins` runs, in a child process, so
                // a plugin that crashes cannot take validate down with it.
                const PluginCheckOutcome o = checkNativePlugin(p);
                if (o.kind == PluginCheckOutcome::Kind::Ok) {
                    ++good;
                    std::printf("ok: %s (%s)\n", o.exerciseId.c_str(), p.string().c_str());
                } else {
                    ++bad;
                    std::printf("%s:1:1: error: %s (%s)\n", p.string().c_str(), o.error.message.c_str(), o.error.id.c_str());
                }
                continue;
            }
            if (looksLikeKioskConfig(p)) {
                const KioskConfigParse k = loadKioskConfig(p);
                for (const Diagnostic& d : k.problems) std::printf("%s\n", d.format().c_str());
                if (k.ok()) {
                    ++good;
                    std::printf("ok: a kiosk config offering %zu exercise(s) in %s, idle after %d s (%s)\n", k.config.exercises.size(),
                                join(k.config.languages, " and ").c_str(), k.config.idleSeconds, p.string().c_str());
                } else {
                    ++bad;
                }
                continue;
            }
            if (looksLikeTensionMap(p)) {
                const TensionMapParse t = checkTensionMapFile(p);
                for (const Diagnostic& d : t.problems) std::printf("%s\n", d.format().c_str());
                if (t.ok()) {
                    ++good;
                    std::printf("ok: a tension map rating %zu region(s) (%s)\n", t.map.ratings.size(), p.string().c_str());
                } else {
                    ++bad;
                    log::debug("validate.failed", "{}: {} problem(s)", p.string(), t.problems.size());
                }
                continue;
            }
            ScriptParse r = parseScriptExercise(p);
            for (const Diagnostic& d : r.problems) std::printf("%s\n", d.format().c_str());
            if (r.ok()) {
                ++good;
                std::printf("ok: %s (%s)\n", r.document.info.id.empty() ? p.string().c_str() : r.document.info.id.c_str(),
                            p.string().c_str());
            } else {
                ++bad;
                log::debug("validate.failed", "{}: {} problem(s)", p.string(), r.problems.size());
            }
        }
    }
    if (bad) std::printf("%d file(s) with problems, %d valid\n", bad, good);
    return bad ? 1 : 0;
}

const CommandRegistrar kValidate(45, "validate", "Check exercise folders, scripts, tension maps or a kiosk config; print each problem as file:line:col",
                                 [](CLI::App&, CLI::App& sub) -> CommandAction {
                                     auto opt = std::make_shared<ValidateOptions>();
                                     sub.add_option("paths", opt->paths, "Exercise folders, manifest.toml, script.toml or tension map files")
                                         ->required();
                                     return [opt] { return validate(*opt); };
                                 });

} // namespace
} // namespace soma::app
