#include "core/Paths.h"

#include <SDL.h>

#include <algorithm>
#include <cstdlib>
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

std::vector<fs::path> pluginDirs() {
    return {
        (executableDir() / ".." / "lib" / "soma" / "plugins").lexically_normal(),
        shareDir() / "plugins",
        dataHome() / "plugins",
    };
}

fs::path configHome() { return xdg("XDG_CONFIG_HOME", ".config"); }
fs::path dataHome() { return xdg("XDG_DATA_HOME", ".local/share"); }
fs::path stateHome() { return xdg("XDG_STATE_HOME", ".local/state"); }
fs::path cacheHome() { return xdg("XDG_CACHE_HOME", ".cache"); }

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
