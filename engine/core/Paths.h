// core/Paths: where Soma finds its own files and keeps the user's.
//
// Shaders, assets and plugins are found relative to the executable, in the
// same layout in the build tree and an installed prefix:
//   <root>/bin/soma, <root>/share/soma/{shaders,assets,plugins},
//   <root>/lib/soma/plugins (native plugins).
// User files follow the XDG base directory spec. Depends on nothing but the
// standard library and SDL's base path. Must never create files by itself.
#pragma once

#include <filesystem>
#include <vector>

namespace soma::paths {

namespace fs = std::filesystem;

// The folder holding the running executable.
fs::path executableDir();

// <root>/share/soma, found from the executable.
fs::path shareDir();
fs::path shaderDir();
fs::path assetDir();

// All places plugins are looked for, in order: shipped native plugins,
// shipped script plugins, then the user's own ($XDG_DATA_HOME/soma/plugins).
std::vector<fs::path> pluginDirs();
// Only the program's own two (what a package installs, root's to change):
// a kiosk loads nothing a user could have put there.
std::vector<fs::path> systemPluginDirs();

// $XDG_CONFIG_HOME/soma, $XDG_DATA_HOME/soma, $XDG_STATE_HOME/soma and
// $XDG_CACHE_HOME/soma (what can be made again; nothing of the person), with the
// spec's defaults under $HOME.
fs::path configHome();
fs::path dataHome();
fs::path stateHome();
fs::path cacheHome();

// $XDG_RUNTIME_DIR/soma (in memory on most systems, gone at logout), or
// $XDG_STATE_HOME/soma/runtime where there is none: for what must touch a
// disk only for a moment (a client's session log before it is sealed).
fs::path runtimeDir();

// <the person's documents>/Soma: where what they asked to take away goes
// (a client's readable export, a report), so they find it. The documents
// folder is $XDG_DOCUMENTS_DIR, else the one xdg-user-dirs names in
// $XDG_CONFIG_HOME/user-dirs.dirs, else ~/Documents when it is there, else ~.
fs::path documentsDir();

// $XDG_CONFIG_DIRS, each with /soma, most important first (the spec's
// order), /etc/xdg/soma when unset: where a centre puts its defaults.
// Relative entries are ignored, as the spec says.
std::vector<fs::path> configDirs();

// A font for text: the shipped one, else a Debian font package's.
fs::path findFont();

} // namespace soma::paths
