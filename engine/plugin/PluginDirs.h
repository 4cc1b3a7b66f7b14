// plugin/PluginDirs: what lies in the folders plugins are found in: script
// exercise folders (with a manifest) and native shared libraries. Finding
// only; checking and loading come after. Depends on core/Paths. Must never
// load or run anything.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace soma {

enum class PluginKind { Script, Native };

struct FoundPlugin {
    std::filesystem::path path; // the folder (script) or the library (native)
    PluginKind kind;
};

// Scripts: a folder holding manifest.toml. Natives: a *.so in the folder or
// one level down. Sorted by path, so every run sees the same order.
std::vector<FoundPlugin> findPlugins(const std::filesystem::path& dir);

} // namespace soma
