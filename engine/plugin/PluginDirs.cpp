#include "plugin/PluginDirs.h"

#include <algorithm>

namespace soma {

namespace fs = std::filesystem;

std::vector<FoundPlugin> findPlugins(const fs::path& dir) {
    std::vector<FoundPlugin> out;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return out;
    auto consider = [&](const fs::directory_entry& e, int depth, auto& self) -> void {
        if (e.is_directory(ec)) {
            if (fs::is_regular_file(e.path() / "manifest.toml", ec)) {
                out.push_back({e.path(), PluginKind::Script});
                return;
            }
            if (depth == 0)
                for (auto& child : fs::directory_iterator(e.path(), ec)) self(child, depth + 1, self);
        } else if (e.is_regular_file(ec) && e.path().extension() == ".so") {
            out.push_back({e.path(), PluginKind::Native});
        }
    };
    for (auto& e : fs::directory_iterator(dir, ec)) consider(e, 0, consider);
    std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.path < b.path; });
    return out;
}

} // namespace soma
