// plugin/PluginRegistry: every exercise the program can offer, found in the
// plugin folders, of both kinds, with the reason for each one that cannot
// be offered.
//
// Folders are searched in order (core/Paths pluginDirs(): shipped natives,
// shipped scripts, the user's own); a plugin's id is taken by the first one
// found, a later one with the same id is refused naming both paths. Script
// folders are parsed by plugin/script; native libraries are checked in a child
// process first (plugin/PluginCheck), then opened here with map checks on
// (a client's tension map is checked in a child before first use). One bad plugin
// never stops the others: each failure is logged once, with the path and a
// stable reason id, and kept in its record for `soma plugins`.
//
// Depends on plugin/* (script/ too), core/Paths, core/Log. Must never open a native
// library that failed or crashed its check, and never throw.
#pragma once

#include "plugin/Exercise.h"
#include "plugin/PluginCheck.h"
#include "plugin/PluginCheckCache.h"
#include "plugin/PluginDirs.h"
#include "plugin/Signature.h"

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace soma {

struct PluginRecord {
    std::filesystem::path path;
    PluginKind kind = PluginKind::Script;
    std::string id;      // the exercise id, when it could be read
    std::string status;  // "ok", or the reason id ("plugin.abi_major", ...)
    std::string message; // why not, for people; empty when ok
    std::unique_ptr<Exercise> exercise; // set when ok

    bool ok() const { return exercise != nullptr; }
};

struct RegistryOptions {
    // The program run as `VALIDATOR plugin-check LIBRARY` to check a native
    // plugin; empty: the `soma` beside the running executable.
    std::filesystem::path validator;
    // Remembered check outcomes; empty: $XDG_STATE_HOME/soma/plugin-checks.toml.
    std::filesystem::path checksFile;
    double checkTimeoutSec = kDefaultCheckTimeoutSec;
    // A kiosk's rule: a native plugin loads only when it is signed by one of
    // `trustedKeys` (plugin/Signature), checked before anything runs it.
    // Script plugins are data the program reads, and need no signature.
    bool signedNativesOnly = false;
    std::vector<MinisignKey> trustedKeys;
};

class PluginRegistry {
public:
    PluginRegistry() = default;
    PluginRegistry(PluginRegistry&&) = default;
    PluginRegistry& operator=(PluginRegistry&&) = default;

    static PluginRegistry load(const std::vector<std::filesystem::path>& dirs, const RegistryOptions& options = {});
    // The program's folders (core/Paths pluginDirs()).
    static PluginRegistry loadDefault();

    // Every plugin found, loaded or not, in search order.
    const std::vector<PluginRecord>& records() const { return mRecords; }
    // A loaded exercise by id, or nullptr.
    Exercise* find(std::string_view id) const;
    // All loaded exercises, in search order.
    std::vector<Exercise*> exercises() const;

private:
    std::vector<PluginRecord> mRecords;
};

} // namespace soma
