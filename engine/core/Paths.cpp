#include "core/Paths.h"

#include <SDL.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <string>

namespace soma::paths {
namespace {

fs::path xdg(const char* var, const char* fallbackUnderHome) {
    if (const char* v = std::getenv(var); v && *v && fs::path(v).is_absolute()) return fs::path(v) / "soma";
    const char* home = std::getenv("HOME");
    fs::path base = (home && *home) ? fs::path(home) : fs::temp_directory_path();
    return base / fallbackUnderHome / "soma";
}

} // namespace

fs::path executableDir() {
    static const fs::path dir = [] {
        std::error_code ec;
        fs::path self = fs::read_symlink("/proc/self/exe", ec);
        if (!ec) return self.parent_path();
        char* base = SDL_GetBasePath();
        fs::path p = base ? fs::path(base) : fs::current_path();
        SDL_free(base);
        return p;
    }();
    return dir;
}

fs::path shareDir() { return (executableDir() / ".." / "share" / "soma").lexically_normal(); }
fs::path shaderDir() { return shareDir() / "shaders"; }
fs::path assetDir() { return shareDir() / "assets"; }

std::vector<fs::path> systemPluginDirs() {
    return {
        (executableDir() / ".." / "lib" / "soma" / "plugins").lexically_normal(),
        shareDir() / "plugins",
    };
}

std::vector<fs::path> pluginDirs() {
    auto dirs = systemPluginDirs();
    dirs.push_back(dataHome() / "plugins");
    return dirs;
}

fs::path configHome() { return xdg("XDG_CONFIG_HOME", ".config"); }
fs::path dataHome() { return xdg("XDG_DATA_HOME", ".local/share"); }
fs::path stateHome() { return xdg("XDG_STATE_HOME", ".local/state"); }
fs::path cacheHome() { return xdg("XDG_CACHE_HOME", ".cache"); }

fs::path runtimeDir() {
    const char* v = std::getenv("XDG_RUNTIME_DIR");
    return v && *v && fs::path(v).is_absolute() ? fs::path(v) / "soma" : stateHome() / "runtime";
}

fs::path documentsDir() {
    const char* homeVar = std::getenv("HOME");
    const fs::path home = homeVar && *homeVar ? fs::path(homeVar) : fs::temp_directory_path();
    if (const char* v = std::getenv("XDG_DOCUMENTS_DIR"); v && *v) return fs::path(v) / "Soma";
    // user-dirs.dirs holds lines like XDG_DOCUMENTS_DIR="$HOME/Documenten".
    const char* config = std::getenv("XDG_CONFIG_HOME");
    std::ifstream dirs((config && *config ? fs::path(config) : home / ".config") / "user-dirs.dirs");
    for (std::string line; std::getline(dirs, line);) {
        const std::string key = "XDG_DOCUMENTS_DIR=\"";
        if (line.rfind(key, 0) != 0 || line.size() < key.size() + 1 || line.back() != '"') continue;
        std::string value = line.substr(key.size(), line.size() - key.size() - 1);
        if (value.rfind("$HOME", 0) == 0) value = home.string() + value.substr(5);
        if (fs::path(value).is_absolute()) return fs::path(value) / "Soma";
    }
    std::error_code ec;
    if (fs::is_directory(home / "Documents", ec)) return home / "Documents" / "Soma";
    return home / "Soma";
}

std::vector<fs::path> configDirs() {
    std::vector<fs::path> dirs;
    const char* v = std::getenv("XDG_CONFIG_DIRS");
    const std::string list = v && *v ? v : "/etc/xdg";
    std::size_t start = 0;
    while (start <= list.size()) {
        const std::size_t end = std::min(list.find(':', start), list.size());
        const fs::path dir = list.substr(start, end - start);
        if (dir.is_absolute()) dirs.push_back(dir / "soma");
        start = end + 1;
    }
    return dirs;
}

fs::path findFont() {
    const fs::path candidates[] = {
        assetDir() / "fonts" / "Soma-Regular.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    };
    for (const auto& c : candidates) {
        std::error_code ec;
        if (fs::is_regular_file(c, ec)) return c;
    }
    return {};
}

} // namespace soma::paths
