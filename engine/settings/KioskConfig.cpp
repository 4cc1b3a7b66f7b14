#include "settings/KioskConfig.h"
#include "core/Files.h"

#include "core/Text.h"
#include "core/Toml.h"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace soma {
namespace {

namespace fs = std::filesystem;

const std::vector<std::string> kKeys{"exercise", "languages", "idle_seconds", "warning_seconds", "anonymous_counts", "pin", "trusted_keys"};
const std::vector<std::string> kExerciseKeys{"id", "lengths"};

struct Reader {
    const fs::path& file;
    KioskConfigParse& out;

    SourceLocation at(const toml::source_region& r) const { return {file.string(), int(r.begin.line), int(r.begin.column)}; }
    void problem(const toml::source_region& r, const char* id, std::string message) { out.problems.push_back({at(r), id, std::move(message)}); }

    void unknown(const toml::key& k, const std::vector<std::string>& keys, const char* where) {
        const std::string key(k.str());
        const std::string meant = closestMatch(key, keys);
        problem(k.source(), "kiosk.key",
                meant.empty() ? fmt::format("unknown {}key '{}'; the keys are {}", where, key, join(keys, ", "))
                              : fmt::format("unknown {}key '{}': did you mean '{}'?", where, key, meant));
    }

    // A list of strings, each one of `allowed` (when given), none twice.
    std::optional<std::vector<std::string>> words(const toml::node& n, const std::string& key, const std::vector<std::string>& allowed) {
        const toml::array* a = n.as_array();
        if (!a || a->empty()) {
            problem(n.source(), "kiosk.value", fmt::format("{} must be a list of one or more of {}", key, join(allowed, ", ")));
            return std::nullopt;
        }
        std::vector<std::string> out;
        for (const toml::node& item : *a) {
            const auto s = item.value<std::string>();
            if (!s || (!allowed.empty() && std::find(allowed.begin(), allowed.end(), *s) == allowed.end())) {
                problem(item.source(), "kiosk.value", fmt::format("{} takes {}", key, join(allowed, ", ")));
                return std::nullopt;
            }
            if (std::find(out.begin(), out.end(), *s) != out.end()) {
                problem(item.source(), "kiosk.value", fmt::format("'{}' is in {} twice", *s, key));
                return std::nullopt;
            }
            out.push_back(*s);
        }
        return out;
    }

    std::optional<int> seconds(const toml::node& n, const std::string& key, int lo, int hi) {
        const auto v = n.value<std::int64_t>();
        if (!n.is_integer() || !v || *v < lo || *v > hi) {
            problem(n.source(), "kiosk.value", fmt::format("{} must be a whole number of seconds from {} to {}", key, lo, hi));
            return std::nullopt;
        }
        return int(*v);
    }

    void exercises(const toml::node& n) {
        const toml::array* list = n.as_array();
        if (!list || !list->is_array_of_tables()) {
            problem(n.source(), "kiosk.value", "exercise must be [[exercise]] tables, each with an id");
            return;
        }
        for (const toml::node& item : *list) {
            const toml::table& t = *item.as_table();
            KioskExercise e;
            for (auto&& [k, v] : t) {
                const std::string key(k.str());
                if (key == "id") {
                    const auto id = v.value<std::string>();
                    const bool fine = id && !id->empty() && std::all_of(id->begin(), id->end(), [](char c) {
                        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
                    });
                    if (!fine) problem(v.source(), "kiosk.value", "an exercise's id is lowercase letters, digits and '-' (soma plugins lists them)");
                    else e.id = *id;
                } else if (key == "lengths") {
                    if (auto l = words(v, "lengths", {"short", "long"})) e.lengths = *l;
                } else {
                    unknown(k, kExerciseKeys, "exercise ");
                }
            }
            if (!t.contains("id")) {
                problem(t.source(), "kiosk.value", "this [[exercise]] has no id");
                continue;
            }
            if (e.id.empty()) continue;
            if (std::any_of(out.config.exercises.begin(), out.config.exercises.end(), [&](const KioskExercise& o) { return o.id == e.id; })) {
                problem(t.get("id")->source(), "kiosk.value", fmt::format("exercise '{}' is listed twice", e.id));
                continue;
            }
            out.config.exercises.push_back(std::move(e));
        }
    }

    // A minisign public key as minisign prints it: base64 of "Ed", an
    // 8-byte key id and the 32-byte Ed25519 key.
    void keys(const toml::node& n) {
        const toml::array* a = n.as_array();
        if (!a) {
            problem(n.source(), "kiosk.value", "trusted_keys must be a list of minisign public keys (the second line of a .pub file)");
            return;
        }
        for (const toml::node& item : *a) {
            const auto s = item.value<std::string>();
            unsigned char raw[64];
            std::size_t len = 0;
            const bool decoded = s && sodium_base642bin(raw, sizeof raw, s->data(), s->size(), nullptr, &len, nullptr,
                                                        sodium_base64_VARIANT_ORIGINAL) == 0;
            if (!decoded || len != 42 || raw[0] != 'E' || raw[1] != 'd') {
                problem(item.source(), "kiosk.value",
                        "this is not a minisign public key: use the second line of the key's .pub file (it begins with RW)");
                continue;
            }
            out.config.trustedKeys.push_back(*s);
        }
    }
};

} // namespace

KioskConfigParse parseKioskConfig(std::string_view text, const fs::path& file) {
    KioskConfigParse out;
    out.config.file = file;
    if (sodium_init() < 0) {
        out.problems.push_back({{file.string(), 1, 1}, "kiosk.sodium", "libsodium could not start"});
        return out;
    }
    if (auto bad = firstInvalidUtf8(text)) {
        out.problems.push_back({locate(text, *bad, file.string()), "kiosk.syntax", "this is not UTF-8 text; save the file as UTF-8"});
        return out;
    }
    TomlParse parsed = parseToml(text, file.string());
    if (!parsed.ok) {
        out.problems.push_back({parsed.where, "kiosk.syntax", fmt::format("TOML syntax: {} (check the quotes here)", parsed.description)});
        return out;
    }
    Reader r{file, out};
    const toml::node* idle = nullptr;
    for (auto&& [k, v] : parsed.table) {
        const std::string key(k.str());
        if (key == "exercise") r.exercises(v);
        else if (key == "languages") {
            if (auto l = r.words(v, "languages", {"nl", "en"})) out.config.languages = *l;
        } else if (key == "idle_seconds") {
            idle = &v;
            if (auto s = r.seconds(v, key, 5, 86400)) out.config.idleSeconds = *s;
        } else if (key == "warning_seconds") {
            if (auto s = r.seconds(v, key, 1, 600)) out.config.warningSeconds = *s;
        } else if (key == "anonymous_counts") {
            if (auto b = v.value<bool>(); v.is_boolean() && b) out.config.anonymousCounts = *b;
            else r.problem(v.source(), "kiosk.value", "anonymous_counts must be true or false");
        } else if (key == "pin") {
            const auto s = v.value<std::string>();
            if (!s || s->rfind(crypto_pwhash_argon2id_STRPREFIX, 0) != 0 || s->size() >= crypto_pwhash_STRBYTES)
                r.problem(v.source(), "kiosk.pin",
                          "pin must be an Argon2id hash, never the PIN itself: `soma kiosk-pin` makes the line to put here");
            else out.config.pinHash = *s;
        } else if (key == "trusted_keys") {
            r.keys(v);
        } else {
            r.unknown(k, kKeys, "");
        }
    }
    if (!parsed.table.contains("exercise"))
        out.problems.push_back({{file.string(), 1, 1}, "kiosk.value", "no [[exercise]]: a kiosk offers at least one (id = \"body-scan\")"});
    if (idle && out.config.warningSeconds >= out.config.idleSeconds)
        r.problem(idle->source(), "kiosk.value",
                  fmt::format("idle_seconds ({}) must be longer than warning_seconds ({})", out.config.idleSeconds, out.config.warningSeconds));
    std::stable_sort(out.problems.begin(), out.problems.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.where.line, a.where.column) < std::tie(b.where.line, b.where.column);
    });
    return out;
}

KioskConfigParse loadKioskConfig(const fs::path& file) {
    auto text = readTextFile(file, "the kiosk config");
    if (!text) {
        KioskConfigParse out;
        out.config.file = file;
        out.problems.push_back({{file.string(), 1, 1}, "kiosk.read",
                                fmt::format("{}: kiosk mode needs its config; docs/kiosk.md shows one",
                                            text.error().message.substr(file.string().size() + 2))});
        return out;
    }
    return parseKioskConfig(*text, file);
}

bool looksLikeKioskConfig(const fs::path& file) {
    if (file.extension() != ".toml") return false;
    auto read = readTextFile(file);
    const std::string s = read ? *read : std::string();
    return s.find("[[step]]") == std::string::npos && (s.find("[[exercise]]") != std::string::npos || s.find("idle_seconds") != std::string::npos);
}

Result<std::string> hashKioskPin(std::string_view pin) {
    const bool digits = pin.size() >= 4 && pin.size() <= 12 && std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits) return Error{"kiosk.pin", "a kiosk PIN is 4 to 12 digits (the PIN pad has digits only)"};
    if (sodium_init() < 0) return Error{"kiosk.sodium", "libsodium could not start"};
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
        return Error{"kiosk.pin", "not enough memory to hash the PIN"};
    return std::string(out);
}

bool kioskPinMatches(const KioskConfig& config, std::string_view pin) {
    if (config.pinHash.empty() || sodium_init() < 0) return false;
    return crypto_pwhash_str_verify(config.pinHash.c_str(), pin.data(), pin.size()) == 0;
}

} // namespace soma
