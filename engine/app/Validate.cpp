// `soma validate PATH...`: checks exercises and tension map files without
// running them, the way a compiler checks code: every problem as
// "file:line:col: error: message", exit 1 when there is any, 0 when all are
// valid. A .toml file with [[region]] entries and no steps is a tension map
// (plugin/script/TensionMapFile.h), checked as `--tension` would read it.
#include "app/CommandRegistry.h"
#include "app/JsonStdout.h"
#include "core/Json.h"
#include "plugin/PluginCheck.h"

#include "core/Log.h"
#include "plugin/PluginDirs.h"
#include "plugin/script/ScriptParser.h"
#include "plugin/script/TensionMapFile.h"
#include "core/Text.h"
#include "settings/KioskConfig.h"

#include <fmt/format.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace soma::app {
namespace {

namespace fs = std::filesystem;

struct ValidateOptions {
    std::vector<std::string> paths;
    bool json = false;
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

// What one path came to: valid (with what it is), or its problems.
struct Checked {
    fs::path path;
    std::string kind;    // exercise, native, tension-map, kiosk-config
    std::string summary; // for a valid one: "ok: ..." as the text output says it
    std::string id;      // an exercise's id, when known
    std::vector<Diagnostic> problems;
};

Checked checkOne(const fs::path& p) {
    Checked c{p, "exercise", {}, {}, {}};
    std::error_code ec;
    auto problem = [&](const fs::path& file, const std::string& id, const std::string& message) {
        c.problems.push_back({{file.string(), 1, 1}, id, message});
    };
    if (fs::is_directory(p, ec) && !fs::exists(p / "manifest.toml", ec)) {
        problem(p / "manifest.toml", "script.io",
                "no manifest.toml here: an exercise folder holds manifest.toml and script.toml (see docs/plugins.md)");
        return c;
    }
    // A native library, alone or named by a manifest, gets the check
    // `soma plugins` runs, in a child process, so a plugin that crashes
    // cannot take validate down with it.
    auto checkLibrary = [&](const fs::path& lib, const std::string& manifestId, const fs::path& manifest) {
        c.kind = "native";
        const PluginCheckOutcome o = checkNativePlugin(lib);
        c.id = o.exerciseId;
        if (o.kind != PluginCheckOutcome::Kind::Ok) problem(lib, o.error.id, o.error.message);
        else if (!manifestId.empty() && o.exerciseId != manifestId)
            problem(manifest, "plugin.manifest_id",
                    fmt::format("says id = \"{}\", but its library {} is the exercise '{}'; make them the same", manifestId, lib.string(),
                                o.exerciseId));
        else c.summary = fmt::format("ok: {} ({}{})", o.exerciseId, p.string(), manifestId.empty() ? "" : ", native: " + lib.filename().string());
    };
    if (p.extension() == ".so") {
        checkLibrary(p, {}, {});
        return c;
    }
    if (looksLikeKioskConfig(p)) {
        c.kind = "kiosk-config";
        const KioskConfigParse k = loadKioskConfig(p);
        c.problems = k.problems;
        if (k.ok())
            c.summary = fmt::format("ok: a kiosk config offering {} exercise(s) in {}, idle after {} s ({})", k.config.exercises.size(),
                                    join(k.config.languages, " and "), k.config.idleSeconds, p.string());
        return c;
    }
    if (looksLikeTensionMap(p)) {
        c.kind = "tension-map";
        const TensionMapParse t = checkTensionMapFile(p);
        c.problems = t.problems;
        if (t.ok()) c.summary = fmt::format("ok: a tension map rating {} region(s) ({})", t.map.ratings.size(), p.string());
        return c;
    }
    ScriptParse r = parseScriptExercise(p);
    c.problems = r.problems;
    c.id = r.document.info.id;
    if (r.ok() && r.document.info.kind == PluginKind::Native) {
        checkLibrary(r.document.folder / r.document.library, r.document.info.id, r.document.manifestFile);
        return c;
    }
    if (r.ok()) c.summary = fmt::format("ok: {} ({})", c.id.empty() ? p.string() : c.id, p.string());
    return c;
}

std::string asJson(const std::vector<Checked>& all) {
    std::string o = "{\"files\": [";
    for (std::size_t i = 0; i < all.size(); ++i) {
        const Checked& c = all[i];
        o += fmt::format("{}\n  {{\"path\": {}, \"kind\": {}, \"valid\": {}, \"id\": {}, \"problems\": [", i ? "," : "",
                         jsonString(c.path.string()), jsonString(c.kind), c.problems.empty() ? "true" : "false",
                         c.id.empty() ? "null" : jsonString(c.id));
        for (std::size_t k = 0; k < c.problems.size(); ++k) {
            const Diagnostic& d = c.problems[k];
            o += fmt::format("{}{{\"file\": {}, \"line\": {}, \"column\": {}, \"id\": {}, \"message\": {}}}", k ? ", " : "",
                             jsonString(d.where.file), d.where.line, d.where.column, jsonString(d.id), jsonString(d.message));
        }
        o += "]}";
    }
    o += "\n]}\n";
    return o;
}

int validate(const ValidateOptions& opt) {
    std::optional<JsonStdout> out;
    if (opt.json) out.emplace(); // a plugin checked here prints nothing into the JSON
    std::vector<Checked> all;
    int bad = 0, good = 0;
    for (const std::string& arg : opt.paths) {
        for (const fs::path& p : expand(arg)) {
            all.push_back(checkOne(p));
            const Checked& c = all.back();
            (c.problems.empty() ? good : bad)++;
            if (opt.json) continue;
            for (const Diagnostic& d : c.problems) std::printf("%s (%s)\n", d.format().c_str(), d.id.c_str());
            if (c.problems.empty()) std::printf("%s\n", c.summary.c_str());
            else log::debug("validate.failed", "{}: {} problem(s)", p.string(), c.problems.size());
        }
    }
    if (opt.json) return out->print(asJson(all)) ? (bad ? 1 : 0) : 1;
    if (bad) std::printf("%d file(s) with problems, %d valid\n", bad, good);
    return bad ? 1 : 0;
}

const CommandRegistrar kValidate(45, "validate", "Check exercise folders, scripts, tension maps or a kiosk config; print each problem as file:line:col",
                                 [](CLI::App&, CLI::App& sub) -> CommandAction {
                                     auto opt = std::make_shared<ValidateOptions>();
                                     sub.add_option("paths", opt->paths, "Exercise folders, manifest.toml, script.toml or tension map files")
                                         ->required();
                                     sub.add_flag("--json", opt->json, "Print one JSON object: each file with its problems");
                                     return [opt] { return validate(*opt); };
                                 });

} // namespace
} // namespace soma::app
