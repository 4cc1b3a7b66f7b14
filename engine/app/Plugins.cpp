// app/Plugins: `soma plugins [--json]` lists every exercise found and why
// any of them cannot be offered; the hidden `soma plugin-check LIBRARY` is
// the child process in which a native plugin is checked before the host
// trusts it (plugin/PluginCheck).
#include "app/CommandRegistry.h"
#include "app/JsonStdout.h"
#include "core/Json.h"

#include "core/Log.h"
#include "core/Paths.h"
#include "plugin/PluginCheck.h"
#include "plugin/PluginRegistry.h"

#include <fmt/format.h>

#include <cstdio>
#include <memory>
#include <optional>
#include <string>

namespace soma::app {
namespace {

std::string titleIn(const ExerciseInfo& info, const char* lang) {
    auto it = info.title.find(lang);
    return it == info.title.end() ? std::string() : it->second;
}

std::string minutes(double m) { return fmt::format("{:g}", m); }

int listPlugins(bool json) {
    // The listing is the report; the log lines would say the same twice.
    log::setStderrLevel(log::Level::Error);
    std::optional<JsonStdout> out;
    if (json) out.emplace(); // before any plugin is loaded: what they print is not the JSON
    const PluginRegistry reg = PluginRegistry::loadDefault();

    if (json) {
        std::string o = "{\"exercises\": [";
        bool first = true;
        for (const auto& r : reg.records()) {
            o += first ? "\n  " : ",\n  ";
            first = false;
            const ExerciseInfo* info = r.ok() ? &r.exercise->info() : nullptr;
            o += "{\"id\": " + jsonString(r.id.empty() ? r.path.stem().string() : r.id);
            o += ", \"kind\": " + jsonString(r.kind == PluginKind::Native ? "native" : "script");
            o += ", \"title\": {\"nl\": " + jsonString(info ? titleIn(*info, "nl") : "") + ", \"en\": " + jsonString(info ? titleIn(*info, "en") : "") + "}";
            o += ", \"languages\": [";
            if (info)
                for (size_t i = 0; i < info->languages.size(); ++i) o += (i ? ", " : "") + jsonString(info->languages[i]);
            o += "], \"variants\": [";
            if (info)
                for (size_t i = 0; i < info->variants.size(); ++i)
                    o += fmt::format("{}{{\"id\": {}, \"minutes\": {}}}", i ? ", " : "", jsonString(info->variants[i].id), minutes(info->variants[i].minutes));
            o += "], \"status\": " + jsonString(r.status);
            o += ", \"message\": " + (r.ok() ? std::string("null") : jsonString(r.message));
            o += ", \"path\": " + jsonString(r.path.string()) + "}";
        }
        o += "\n]}\n";
        return out->print(o) ? 0 : 1;
    }

    if (reg.records().empty()) {
        std::printf("No exercises found. Plugin folders searched:\n");
        for (const auto& d : paths::pluginDirs()) std::printf("  %s\n", d.string().c_str());
        return 0;
    }
    for (const auto& r : reg.records()) {
        const char* kind = r.kind == PluginKind::Native ? "native" : "script";
        if (r.ok()) {
            const ExerciseInfo& info = r.exercise->info();
            std::string variants;
            for (const auto& v : info.variants) variants += fmt::format("{}{} {} min", variants.empty() ? "" : ", ", v.id, minutes(v.minutes));
            std::printf("%-24s %-6s ok   nl: %s | en: %s | %s\n", r.id.c_str(), kind, titleIn(info, "nl").c_str(), titleIn(info, "en").c_str(),
                        variants.c_str());
        } else {
            std::printf("%-24s %-6s NOT LOADED (%s): %s\n", (r.id.empty() ? r.path.filename().string() : r.id).c_str(), kind, r.status.c_str(),
                        r.message.c_str());
        }
    }
    return 0;
}

const CommandRegistrar kPlugins(50, "plugins", "List the exercises found: id, titles, variants, kind, and why any cannot be used",
                                [](CLI::App&, CLI::App& sub) -> CommandAction {
                                    auto json = std::make_shared<bool>(false);
                                    sub.add_flag("--json", *json, "Print one JSON object");
                                    return [json] { return listPlugins(*json); };
                                });

// The child side of plugin validation: prints one answer line, exits 0
// when the plugin is fine and 3 when it is not. A crash kills this process,
// which is the point: the parent sees the signal.
const CommandRegistrar kPluginCheck(1000, "plugin-check", "Internal: check one native plugin (run by Soma in a child process)",
                                    [](CLI::App&, CLI::App& sub) -> CommandAction {
                                        sub.group(""); // hidden from --help
                                        auto lib = std::make_shared<std::string>();
                                        sub.add_option("library", *lib, "The plugin's shared library")->required();
                                        return [lib] {
                                            log::setStderrLevel(log::Level::Error);
                                            if (!followCheckParent()) return 3;
                                            const std::string key = readAnswerKey(); // before the plugin is loaded
                                            PluginCheckOutcome o = checkInProcess(*lib);
                                            const std::string line = formatCheckLine(o, key);
                                            std::fputs(line.c_str(), stdout);
                                            std::fflush(stdout);
                                            return o.kind == PluginCheckOutcome::Kind::Ok ? 0 : 3;
                                        };
                                    });

} // namespace
} // namespace soma::app
