// settings/Settings: what a person chose, kept between runs.
//
// Layers, least important first: the built-in defaults; a centre's
// defaults in $XDG_CONFIG_DIRS (/etc/xdg/soma/settings.toml); the person's
// own file, $XDG_CONFIG_HOME/soma/settings.toml; then, for one run, the
// command line. A file that cannot be read, an unknown key or a value out
// of range gives one file:line:col error and leaves that value to the
// layer below; nothing is ever written while reading, so a broken file
// stays as the person left it until they save new settings. Saving writes
// only what differs from the layers below (so a centre's later defaults
// still reach what the person never changed), atomically.
//
// Depends on core/ (paths, files, diagnostics), model/Vocabulary (ambience
// ids), catalog/ (the languages there are) and toml++ (in the .cpp only). Must never write a file on its own
// and never refuse to start over a bad setting.
#pragma once

#include "core/Diagnostic.h"
#include "core/Result.h"

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace soma {

enum class CaptionSize { Small, Medium, Large };

struct Settings {
    std::string language = "system";  // "system" (from LANG), or a language with a catalogue (catalog/): "nl", "en"
    int voiceRateWpm = 135;           // the built-in voice's speed, words a minute
    bool headphones = false;          // binaural sound (HRTF) for headphones; speakers otherwise
    double voiceVolume = 1.0;         // 0..1
    double ambienceVolume = 1.0;      // 0..1, of each exercise's own level
    std::string ambience = "exercise"; // "exercise" (each exercise's own), or an ambience id
    bool breathPacer = true;          // the pacing tones, where an exercise has them
    bool captions = true;
    CaptionSize captionSize = CaptionSize::Medium;
    bool highContrast = false;
    bool reducedMotion = false;       // no camera moves
    bool fullscreen = false;
    bool checkIn = true;              // before and after a session: how much tension now

    bool operator==(const Settings&) const = default;
};

// How much larger than medium a caption size draws its text (0.8, 1, 1.3).
float captionScale(CaptionSize size);

// The settings' keys as written in the file, in the order they are shown.
const std::vector<std::string>& settingKeys();

// Where the layers are read from; empty: from the environment (above).
struct SettingsFiles {
    std::filesystem::path user;                 // the person's own file
    std::vector<std::filesystem::path> centre;  // most important first
    static SettingsFiles fromEnvironment();
};

struct LoadedSettings {
    Settings settings;                  // what applies
    Settings below;                     // the built-in and centre layers alone: what a save compares with
    std::map<std::string, std::filesystem::path> origin; // key -> the file its value came from (absent: built in)
    std::vector<Diagnostic> problems;   // ids settings.syntax, settings.key, settings.value, settings.read
    SettingsFiles files;
};

// Reads every layer. Each problem is also logged once, as file:line:col.
LoadedSettings loadSettings(const SettingsFiles& files = SettingsFiles::fromEnvironment());

// One setting from text, as the file or the command line gives it
// ("language", "nl"); Error "settings.key" or "settings.value" saying what
// is allowed.
Status setSetting(Settings& settings, const std::string& key, const std::string& value);
// A setting's value as the file writes it ("nl", "135", "true", "medium").
std::string settingText(const Settings& settings, const std::string& key);

// The values a setting can take, in order, where they are few (languages,
// ambience beds, caption sizes; "false" and "true"); empty for numbers.
std::vector<std::string> settingChoices(const std::string& key);

// Moves a setting `steps` along, as a settings screen does: numbers by
// their step (5 words a minute, a tenth of a volume), stopping at their
// ends; choices and switches round to the first after the last.
Status stepSetting(Settings& settings, const std::string& key, int steps);

// The person's file for `settings`: the keys that differ from `below`,
// each with a comment on what it means. Reads back as `settings`.
std::string settingsToml(const Settings& settings, const Settings& below);

// Writes the person's file atomically (core/Files) with what differs from
// `loaded.below`. Error "settings.write" naming the file.
Status saveSettings(const LoadedSettings& loaded, const Settings& settings);

} // namespace soma
