#include "settings/Settings.h"

#include "catalog/Catalog.h"
#include "core/Files.h"
#include "core/Log.h"
#include "core/Paths.h"
#include "core/Text.h"
#include "core/Toml.h"
#include "model/Vocabulary.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>
#include <tuple>
#include <variant>

namespace soma {
namespace {

namespace fs = std::filesystem;

using Field = std::variant<bool Settings::*, int Settings::*, double Settings::*, std::string Settings::*, CaptionSize Settings::*>;

struct Spec {
    const char* key;
    Field field;
    double lo = 0, hi = 0;                      // numbers
    double step = 0;                            // numbers: one step on a settings screen
    std::vector<std::string> (*choices)() = nullptr; // strings and caption sizes
    const char* comment;
};

// "system", then every language there is a catalogue for (catalog/).
std::vector<std::string> languageChoices() {
    std::vector<std::string> c{"system"};
    for (const auto& lang : uiCatalog().languages()) c.push_back(lang);
    return c;
}
std::vector<std::string> ambienceChoices() {
    std::vector<std::string> c{"exercise"};
    for (const auto& id : ambienceIds()) c.push_back(id);
    return c;
}
std::vector<std::string> captionSizes() { return {"small", "medium", "large"}; }

const std::vector<Spec>& specs() {
    static const std::vector<Spec> s = {
        {"language", &Settings::language, 0, 0, 0, languageChoices, "the language of the screens and the voice; \"system\": from LANG"},
        {"voice_rate", &Settings::voiceRateWpm, 100, 170, 5, nullptr, "the built-in voice's speed, words a minute"},
        {"headphones", &Settings::headphones, 0, 0, 0, nullptr, "binaural sound for headphones (HRTF); false: speakers"},
        {"voice_volume", &Settings::voiceVolume, 0, 1, 0.1, nullptr, "0 to 1"},
        {"ambience_volume", &Settings::ambienceVolume, 0, 1, 0.1, nullptr, "0 to 1, of each exercise's own level"},
        {"ambience", &Settings::ambience, 0, 0, 0, ambienceChoices, "\"exercise\": each exercise's own; or one bed for all"},
        {"breath_pacer", &Settings::breathPacer, 0, 0, 0, nullptr, "the soft pacing tones, where an exercise has them"},
        {"captions", &Settings::captions, 0, 0, 0, nullptr, "the spoken words on screen"},
        {"caption_size", &Settings::captionSize, 0, 0, 0, captionSizes, "small, medium or large"},
        {"high_contrast", &Settings::highContrast, 0, 0, 0, nullptr, "stronger contrast for text and buttons"},
        {"reduced_motion", &Settings::reducedMotion, 0, 0, 0, nullptr, "the camera stays still"},
        {"fullscreen", &Settings::fullscreen, 0, 0, 0, nullptr, "start fullscreen"},
        {"check_in", &Settings::checkIn, 0, 0, 0, nullptr, "before and after a session: how much tension do you notice"},
    };
    return s;
}

const Spec* findSpec(std::string_view key) {
    for (const auto& s : specs())
        if (key == s.key) return &s;
    return nullptr;
}

// What a value may be, for messages.
std::string allowed(const Spec& s) {
    return std::visit(
        [&](auto field) -> std::string {
            using T = std::remove_reference_t<decltype(std::declval<Settings>().*field)>;
            if constexpr (std::is_same_v<T, bool>) return "true or false";
            else if constexpr (std::is_same_v<T, int>) return fmt::format("a whole number from {} to {}", s.lo, s.hi);
            else if constexpr (std::is_same_v<T, double>) return fmt::format("a number from {} to {}", s.lo, s.hi);
            else return "one of " + join(s.choices(), ", ");
        },
        s.field);
}

// A TOML value as the text setSetting takes, or nullopt when its type is
// not the key's.
std::optional<std::string> asText(const Spec& s, const toml::node& n) {
    return std::visit(
        [&](auto field) -> std::optional<std::string> {
            using T = std::remove_reference_t<decltype(std::declval<Settings>().*field)>;
            if constexpr (std::is_same_v<T, bool>) {
                if (auto b = n.as_boolean()) return b->get() ? "true" : "false";
            } else if constexpr (std::is_same_v<T, int>) {
                if (auto i = n.as_integer()) return std::to_string(i->get());
            } else if constexpr (std::is_same_v<T, double>) {
                if (auto i = n.as_integer()) return std::to_string(i->get());
                if (auto f = n.as_floating_point()) return fmt::format("{}", f->get());
            } else {
                if (auto str = n.as_string()) return str->get();
            }
            return std::nullopt;
        },
        s.field);
}

SourceLocation at(const fs::path& file, const toml::source_region& r) { return {file.string(), int(r.begin.line), int(r.begin.column)}; }

void problem(LoadedSettings& out, SourceLocation where, const char* id, std::string message) {
    out.problems.push_back({std::move(where), id, std::move(message)});
}

void readLayerInto(const fs::path& file, Settings& s, LoadedSettings& out);

// One layer: every key it sets well, into `s`; its problems into `out`,
// logged once each, in the order of the file's lines.
void readLayer(const fs::path& file, Settings& s, LoadedSettings& out) {
    const std::size_t first = out.problems.size();
    readLayerInto(file, s, out);
    std::stable_sort(out.problems.begin() + std::ptrdiff_t(first), out.problems.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.where.line, a.where.column) < std::tie(b.where.line, b.where.column);
    });
    for (std::size_t i = first; i < out.problems.size(); ++i)
        log::warn(out.problems[i].id, "{} (Soma uses its default instead and leaves the file as it is)", out.problems[i].format());
}

void readLayerInto(const fs::path& file, Settings& s, LoadedSettings& out) {
    std::error_code ec;
    if (!fs::exists(file, ec)) return;
    auto text = readTextFile(file, "the settings file");
    if (!text) {
        problem(out, {file.string(), 1, 1}, "settings.read", text.error().message.substr(file.string().size() + 2));
        return;
    }
    const std::string source = std::move(*text);
    if (auto bad = firstInvalidUtf8(source)) {
        problem(out, locate(source, *bad, file.string()), "settings.syntax", "this is not UTF-8 text; save the file as UTF-8");
        return;
    }
    toml::table root;
    TomlParse parsed = parseToml(source, file.string());
    if (!parsed.ok) {
        problem(out, parsed.where, "settings.syntax", fmt::format("TOML syntax: {} (check the quotes here)", parsed.description));
        return;
    }
    root = std::move(parsed.table);
    for (auto&& [k, v] : root) {
        const std::string key(k.str());
        const Spec* spec = findSpec(key);
        if (!spec) {
            const std::string meant = closestMatch(key, settingKeys());
            problem(out, at(file, k.source()), "settings.key",
                    meant.empty() ? fmt::format("unknown setting '{}'; the settings are {}", key, join(settingKeys(), ", "))
                                  : fmt::format("unknown setting '{}': did you mean '{}'?", key, meant));
            continue;
        }
        auto value = asText(*spec, v);
        if (!value) {
            problem(out, at(file, v.source()), "settings.value", fmt::format("{} must be {}", key, allowed(*spec)));
            continue;
        }
        if (auto st = setSetting(s, key, *value); !st) {
            problem(out, at(file, v.source()), st.error().id.c_str(), st.error().message);
            continue;
        }
        out.origin[key] = file;
    }
}

} // namespace

float captionScale(CaptionSize size) { return size == CaptionSize::Small ? 0.8f : size == CaptionSize::Large ? 1.3f : 1.0f; }

const std::vector<std::string>& settingKeys() {
    static const std::vector<std::string> keys = [] {
        std::vector<std::string> k;
        for (const auto& s : specs()) k.push_back(s.key);
        return k;
    }();
    return keys;
}

SettingsFiles SettingsFiles::fromEnvironment() {
    SettingsFiles f;
    f.user = paths::configHome() / "settings.toml";
    for (const auto& dir : paths::configDirs()) f.centre.push_back(dir / "settings.toml");
    return f;
}

Status setSetting(Settings& settings, const std::string& key, const std::string& value) {
    const Spec* spec = findSpec(key);
    if (!spec) {
        const std::string meant = closestMatch(key, settingKeys());
        return Error{"settings.key", meant.empty() ? fmt::format("unknown setting '{}'; the settings are {}", key, join(settingKeys(), ", "))
                                                   : fmt::format("unknown setting '{}': did you mean '{}'?", key, meant)};
    }
    auto bad = [&] { return Error{"settings.value", fmt::format("{} = {} is not allowed: it must be {}", key, value, allowed(*spec))}; };
    return std::visit(
        [&](auto field) -> Status {
            using T = std::remove_reference_t<decltype(std::declval<Settings>().*field)>;
            if constexpr (std::is_same_v<T, bool>) {
                if (value != "true" && value != "false") return bad();
                settings.*field = value == "true";
            } else if constexpr (std::is_same_v<T, int> || std::is_same_v<T, double>) {
                char* end = nullptr;
                const double v = std::strtod(value.c_str(), &end);
                if (value.empty() || *end || !std::isfinite(v) || v < spec->lo || v > spec->hi) return bad();
                if constexpr (std::is_same_v<T, int>) {
                    if (v != std::floor(v)) return bad();
                    settings.*field = int(v);
                } else {
                    settings.*field = v;
                }
            } else {
                const auto choices = spec->choices();
                const auto it = std::find(choices.begin(), choices.end(), value);
                if (it == choices.end()) return bad();
                if constexpr (std::is_same_v<T, CaptionSize>) settings.*field = CaptionSize(it - choices.begin());
                else settings.*field = value;
            }
            return Ok{};
        },
        spec->field);
}

std::string settingText(const Settings& settings, const std::string& key) {
    const Spec* spec = findSpec(key);
    if (!spec) return {};
    return std::visit(
        [&](auto field) -> std::string {
            using T = std::remove_reference_t<decltype(std::declval<Settings>().*field)>;
            const T& v = settings.*field;
            if constexpr (std::is_same_v<T, bool>) return v ? "true" : "false";
            else if constexpr (std::is_same_v<T, int>) return std::to_string(v);
            else if constexpr (std::is_same_v<T, double>) return fmt::format("{}", v);
            else if constexpr (std::is_same_v<T, CaptionSize>) return spec->choices()[std::size_t(v)];
            else return v;
        },
        spec->field);
}

std::vector<std::string> settingChoices(const std::string& key) {
    const Spec* spec = findSpec(key);
    if (!spec) return {};
    if (spec->choices) return spec->choices();
    if (std::holds_alternative<bool Settings::*>(spec->field)) return {"false", "true"};
    return {};
}

Status stepSetting(Settings& settings, const std::string& key, int steps) {
    const Spec* spec = findSpec(key);
    if (!spec) return setSetting(settings, key, ""); // its error names the settings there are
    if (spec->step > 0) {
        // Numbers stop at their ends: a volume turned past full stays full.
        const double now = std::strtod(settingText(settings, key).c_str(), nullptr);
        const double next = std::clamp(std::round(now / spec->step + steps) * spec->step, spec->lo, spec->hi);
        return setSetting(settings, key, fmt::format("{}", std::round(next * 1000.0) / 1000.0));
    }
    // Choices go round: the next after the last is the first again.
    const auto choices = settingChoices(key);
    if (choices.empty()) return Ok{};
    const auto it = std::find(choices.begin(), choices.end(), settingText(settings, key));
    const long n = long(choices.size()), at = it == choices.end() ? 0 : long(it - choices.begin());
    return setSetting(settings, key, choices[std::size_t(((at + steps) % n + n) % n)]);
}

LoadedSettings loadSettings(const SettingsFiles& files) {
    LoadedSettings out;
    out.files = files;
    // The least important centre file first, so the more important ones win.
    for (auto it = files.centre.rbegin(); it != files.centre.rend(); ++it) readLayer(*it, out.below, out);
    out.settings = out.below;
    if (!files.user.empty()) readLayer(files.user, out.settings, out);
    return out;
}

std::string settingsToml(const Settings& settings, const Settings& below) {
    std::string text = "# Soma's settings, as chosen in Soma. What is not here comes from a\n"
                       "# centre's defaults (/etc/xdg/soma/settings.toml) or Soma's own.\n";
    for (const auto& s : specs()) {
        const std::string v = settingText(settings, s.key);
        if (v == settingText(below, s.key)) continue;
        const bool quoted = s.choices != nullptr;
        text += fmt::format("\n# {}\n{} = {}\n", s.comment, s.key, quoted ? fmt::format("\"{}\"", v) : v);
    }
    return text;
}

Status saveSettings(const LoadedSettings& loaded, const Settings& settings) {
    if (loaded.files.user.empty()) return Error{"settings.write", "there is no settings file to write to (no $XDG_CONFIG_HOME or $HOME)"};
    AtomicWriteDesc wd;
    wd.createFolder = true;
    if (auto st = writeFileAtomically(loaded.files.user, settingsToml(settings, loaded.below), wd); !st)
        return Error{"settings.write", st.error().message};
    return Ok{};
}

} // namespace soma
