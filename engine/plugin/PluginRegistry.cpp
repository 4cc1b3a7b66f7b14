#include "plugin/PluginRegistry.h"

#include "core/Log.h"
#include "core/Paths.h"
#include "plugin/NativeExercise.h"
#include "plugin/script/ScriptExercise.h"
#include "plugin/script/ScriptParser.h"

#include <fmt/format.h>

#include <map>

namespace soma {

namespace fs = std::filesystem;

namespace {

void refuse(PluginRecord& r, const Error& e) {
    r.status = e.id.empty() ? "plugin.failed" : e.id;
    r.message = e.message;
    r.exercise.reset();
    log::warn(r.status, "{}", r.message);
}

} // namespace

PluginRegistry PluginRegistry::load(const std::vector<fs::path>& dirs, const RegistryOptions& options) {
    PluginRegistry reg;
    PluginCheckCache cache(options.checksFile.empty() ? paths::stateHome() / "plugin-checks.toml" : options.checksFile);
    const fs::path validator = options.validator.empty() ? paths::executableDir() / "soma" : options.validator;
    std::map<std::string, fs::path> taken; // id -> the path that has it

    auto claim = [&](PluginRecord& r) {
        auto [it, fresh] = taken.emplace(r.id, r.path);
        if (fresh) return true;
        refuse(r, {"plugin.duplicate_id", fmt::format("{}: exercise id '{}' is already taken by {}; this one is not loaded (rename its id or remove one)",
                                                      r.path.string(), r.id, it->second.string())});
        return false;
    };

    // A native library, found as a .so or named by a manifest.toml
    // (manifestId then the id the manifest gives it): in a kiosk, signed by
    // a trusted key before anything else; then checked in a child (or
    // remembered), then opened.
    auto loadNative = [&](PluginRecord r, const std::string& manifestId, const fs::path& manifest) {
        if (options.signedNativesOnly) {
            auto signature = verifyMinisign(r.path, options.trustedKeys);
            if (!signature) {
                refuse(r, signature.error());
                reg.mRecords.push_back(std::move(r));
                return;
            }
            log::info("plugin.signed", "{}: signed by trusted key {} ({})", r.path.string(), signature->keyId,
                      signature->trustedComment);
        }
        std::optional<PluginCheckOutcome> outcome = cache.find(r.path);
        const bool remembered = outcome.has_value();
        if (!outcome) {
            const auto before = PluginCheckCache::stamp(r.path);
            outcome = checkInChild(validator, r.path, options.checkTimeoutSec);
            if (before && before == PluginCheckCache::stamp(r.path)) {
                cache.remember(r.path, *outcome);
            } else {
                log::warn("plugin.changed_during_check",
                          "{}: the file changed while it was being checked; nothing is remembered and it is checked again "
                          "on the next start",
                          r.path.string());
            }
        }
        r.id = outcome->exerciseId;
        if (outcome->kind != PluginCheckOutcome::Kind::Ok) {
            Error e = outcome->error;
            if (remembered && outcome->quarantined()) {
                std::string earlier = outcome->error.message;
                if (earlier.rfind(r.path.string() + ": ", 0) == 0) earlier = earlier.substr(r.path.string().size() + 2);
                e = {"plugin.quarantined", fmt::format("{}: not loaded, in quarantine since an earlier check: {}; rebuild or replace the file, or delete its entry in {}",
                                                       r.path.string(), earlier, cache.file().string())};
            }
            refuse(r, e);
            reg.mRecords.push_back(std::move(r));
            return;
        }
        if (!manifestId.empty() && r.id != manifestId) {
            refuse(r, {"plugin.manifest_id", fmt::format("{}: says id = \"{}\", but its library {} is the exercise '{}'; make them the same",
                                                         manifest.string(), manifestId, r.path.string(), r.id)});
            reg.mRecords.push_back(std::move(r));
            return;
        }
        if (!r.id.empty() && !claim(r)) {
            reg.mRecords.push_back(std::move(r));
            return;
        }
        auto ex = NativeExercise::open(r.path);
        if (!ex) {
            refuse(r, ex.error());
        } else if ((*ex)->info().id != r.id) {
            // The file changed between the check and now.
            refuse(r, {"plugin.changed", fmt::format("{}: changed while it was being checked; start Soma again", r.path.string())});
        } else {
            // A client's map is an input its check never tried: it is
            // checked in a child too before this process uses it.
            (*ex)->enableMapChecks({validator, cache.file(), options.checkTimeoutSec});
            r.exercise = std::move(*ex);
            r.status = "ok";
        }
        reg.mRecords.push_back(std::move(r));
    };

    for (const auto& dir : dirs) {
        for (const auto& found : findPlugins(dir)) {
            PluginRecord r;
            r.path = found.path;
            r.kind = found.kind;
            if (found.kind == PluginKind::Native) {
                loadNative(std::move(r), {}, {});
                continue;
            }
            ScriptParse parsed = parseScriptExercise(found.path);
            if (parsed.ok() && parsed.document.info.kind == PluginKind::Native) {
                // The manifest form of a native exercise (docs/plugins.md).
                r.kind = PluginKind::Native;
                r.path = parsed.document.folder / parsed.document.library;
                loadNative(std::move(r), parsed.document.info.id, parsed.document.manifestFile);
                continue;
            }
            auto ex = loadScriptExercise(std::move(parsed));
            if (!ex) {
                refuse(r, ex.error());
            } else {
                r.id = (*ex)->info().id;
                r.exercise = std::move(*ex);
                r.status = "ok";
                claim(r);
            }
            reg.mRecords.push_back(std::move(r));
        }
    }
    cache.save();
    return reg;
}

PluginRegistry PluginRegistry::loadDefault() { return load(paths::pluginDirs()); }

Exercise* PluginRegistry::find(std::string_view id) const {
    for (const auto& r : mRecords)
        if (r.ok() && r.id == id) return r.exercise.get();
    return nullptr;
}

std::vector<Exercise*> PluginRegistry::exercises() const {
    std::vector<Exercise*> out;
    for (const auto& r : mRecords)
        if (r.ok()) out.push_back(r.exercise.get());
    return out;
}

} // namespace soma
