// plugin/PluginCheckCache: the outcomes of native plugin checks, kept in
// $XDG_STATE_HOME/soma/plugin-checks.toml and keyed by path, size,
// modification time and the host's version, so start-up stays fast and a
// quarantined plugin (crashed or hung in its check) is not tried again
// until its file changes. Depends on plugin/PluginCheck and toml++. Must
// never make a check fail: a file it cannot read or write only costs a new
// check.
#pragma once

#include "plugin/PluginCheck.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace soma {

class PluginCheckCache {
public:
    explicit PluginCheckCache(std::filesystem::path file);

    // The remembered outcome for this file as it is now, or nullopt when it
    // was never checked, or changed since.
    std::optional<PluginCheckOutcome> find(const std::filesystem::path& library) const;
    void remember(const std::filesystem::path& library, const PluginCheckOutcome& outcome);
    // Size and modification time as the cache keys them; nullopt when the
    // file cannot be read. A check is only remembered when the file's stamp
    // is the same before and after it: a library rewritten while the child
    // has it mapped (an update, a rebuild) can crash the check (SIGBUS) for
    // that reason alone, and must not be quarantined for it.
    static std::optional<std::pair<std::int64_t, std::int64_t>> stamp(const std::filesystem::path& library);
    // Writes the file if anything changed (atomically: temp file + rename).
    // Failure is logged (plugin.cache_write) and otherwise ignored: the
    // cost is one more check on the next start.
    void save();

    const std::filesystem::path& file() const { return mFile; }

private:
    struct Entry {
        std::string path;
        std::int64_t size = 0;
        std::int64_t mtime = 0;
        std::string host;
        PluginCheckOutcome outcome;
    };
    std::filesystem::path mFile;
    std::vector<Entry> mEntries;
    bool mDirty = false;
};

} // namespace soma
