// settings/KioskConfig: what a wellness centre's kiosk offers and how it
// behaves, from /etc/soma/kiosk.toml (docs/kiosk.md): the exercises and
// lengths shown, the languages, how long without a touch before the gentle
// warning and the reset, whether anonymous counts are kept, the PIN that
// leaves kiosk mode (an Argon2id hash, never the PIN), and the minisign
// keys whose signed native plugins may load.
//
// A kiosk runs unattended: a config that is wrong in any way is refused as
// a whole, every problem as file:line:col, so the kiosk never starts half
// set up. Depends on core/ (TOML, diagnostics) and libsodium (the PIN).
// Must never keep a PIN typed in, only its hash from the file.
#pragma once

#include "core/Diagnostic.h"
#include "core/Result.h"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace soma {

struct KioskExercise {
    std::string id;
    std::vector<std::string> lengths{"short", "long"};
};

struct KioskConfig {
    std::filesystem::path file;
    std::vector<KioskExercise> exercises;      // in the order shown, at least one
    std::vector<std::string> languages{"nl", "en"}; // the first is where a new visitor starts
    int idleSeconds = 60;                       // without a touch before the warning
    int warningSeconds = 20;                    // the warning, before the reset
    bool anonymousCounts = false;               // which exercise, how long, how often ended early
    std::string pinHash;                        // "$argon2id$..."; empty: kiosk mode is left from the service manager only
    std::vector<std::string> trustedKeys;       // minisign public keys (base64, as minisign prints them)
};

inline constexpr const char* kDefaultKioskConfig = "/etc/soma/kiosk.toml";

struct KioskConfigParse {
    KioskConfig config;
    std::vector<Diagnostic> problems; // in the file's order; any problem refuses the whole file
    bool ok() const { return problems.empty(); }
};

KioskConfigParse loadKioskConfig(const std::filesystem::path& file);
KioskConfigParse parseKioskConfig(std::string_view text, const std::filesystem::path& file);
// A .toml file that is a kiosk config (has `[[exercise]]` or `idle_seconds` and no steps).
bool looksLikeKioskConfig(const std::filesystem::path& file);

// The line a config's `pin` takes for this PIN: Argon2id (libsodium's
// interactive limits: a tenth of a second on a kiosk). Error "kiosk.pin"
// for a PIN that is not 4 to 12 digits.
Result<std::string> hashKioskPin(std::string_view pin);
// True when `pin` is the one the config's hash was made from.
bool kioskPinMatches(const KioskConfig& config, std::string_view pin);

} // namespace soma
