// plugin/ScriptLoader: how the registry turns a script exercise folder into
// an Exercise without depending on session/ (which parses scripts).
//
// The script code (session/) provides a loader; the program installs it
// once with a static ScriptLoaderRegistrar in one of its app/*.cpp files
// (objects of the executable are always linked, unlike those of the static
// engine library), and tests pass one to PluginRegistry::load directly.
// Depends on plugin/Exercise. Must never parse scripts itself.
#pragma once

#include "core/Result.h"
#include "plugin/Exercise.h"

#include <filesystem>
#include <functional>
#include <memory>

namespace soma {

// Loads the script exercise in `folder` (holding manifest.toml), or says
// why not (an Error whose message names file:line:col).
using ScriptLoader = std::function<Result<std::unique_ptr<Exercise>>(const std::filesystem::path& folder)>;

// The program's loader; empty until one is installed.
const ScriptLoader& installedScriptLoader();
void installScriptLoader(ScriptLoader loader);

// In an app/*.cpp file:
//   const soma::ScriptLoaderRegistrar kScripts([](const std::filesystem::path& f) { return loadScriptExercise(f); });
struct ScriptLoaderRegistrar {
    explicit ScriptLoaderRegistrar(ScriptLoader loader) { installScriptLoader(std::move(loader)); }
};

} // namespace soma
