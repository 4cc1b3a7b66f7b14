// `soma settings [--json] [--set KEY=VALUE ...]`: the settings that apply,
// each with the file it comes from, and a way to change one without an
// editor (a kiosk's installer, a script). Changes are checked like the
// file is and saved atomically to the person's own file (settings/Settings.h).
#include "app/CommandRegistry.h"

#include "core/Json.h"
#include "core/Log.h"
#include "settings/Settings.h"

#include <fmt/format.h>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace soma::app {
namespace {

struct SettingsOptions {
    bool json = false;
    std::vector<std::string> set; // "key=value"
};

int showSettings(const SettingsOptions& o) {
    LoadedSettings loaded = loadSettings();
    if (!o.set.empty()) {
        Settings changed = loaded.settings;
        for (const std::string& kv : o.set) {
            const auto eq = kv.find('=');
            if (eq == std::string::npos) {
                log::error("settings.value", "--set {}: write it as key=value, like --set language=nl", kv);
                return 2;
            }
            if (auto st = setSetting(changed, kv.substr(0, eq), kv.substr(eq + 1)); !st) {
                log::error(st.error().id, "--set: {}", st.error().message);
                return 2;
            }
        }
        if (auto st = saveSettings(loaded, changed); !st) {
            log::error(st.error().id, "{}", st.error().message);
            return 1;
        }
        loaded = loadSettings(loaded.files);
        if (!o.json) std::printf("Saved to %s\n\n", loaded.files.user.c_str());
    }
    auto origin = [&](const std::string& key) {
        auto it = loaded.origin.find(key);
        return it == loaded.origin.end() ? std::string() : it->second.string();
    };
    if (o.json) {
        std::string out = "{\n  \"settings\": {\n";
        const auto& keys = settingKeys();
        for (std::size_t i = 0; i < keys.size(); ++i)
            out += fmt::format("    {}: {{\"value\": {}, \"from\": {}}}{}\n", jsonString(keys[i]), jsonString(settingText(loaded.settings, keys[i])),
                               jsonString(origin(keys[i])), i + 1 < keys.size() ? "," : "");
        out += fmt::format("  }},\n  \"file\": {},\n  \"problems\": [", jsonString(loaded.files.user.string()));
        for (std::size_t i = 0; i < loaded.problems.size(); ++i)
            out += fmt::format("{}{}", i ? ", " : "", jsonString(loaded.problems[i].format()));
        out += "]\n}\n";
        std::fputs(out.c_str(), stdout);
        return 0;
    }
    for (const auto& key : settingKeys()) {
        const std::string from = origin(key);
        std::printf("%-16s %-12s %s\n", key.c_str(), settingText(loaded.settings, key).c_str(),
                    from.empty() ? "(Soma's own)" : ("(" + from + ")").c_str());
    }
    std::printf("\nYour own settings file: %s\n", loaded.files.user.c_str());
    return 0;
}

const CommandRegistrar kSettings(45, "settings", "Show the settings that apply and where each comes from; change one with --set",
                                 [](CLI::App&, CLI::App& sub) -> CommandAction {
                                     auto opt = std::make_shared<SettingsOptions>();
                                     sub.add_flag("--json", opt->json, "Print JSON: each setting's value and the file it comes from");
                                     sub.add_option("--set", opt->set, "Change a setting and save it, e.g. --set language=nl (repeatable)");
                                     return [opt] { return showSettings(*opt); };
                                 });

} // namespace
} // namespace soma::app
