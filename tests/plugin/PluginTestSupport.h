// Shared by the plugin tests: where the fixture plugins and the shipped
// natives are built, and a registry load that never touches another test's
// remembered check outcomes.
#pragma once

#include "plugin/PluginRegistry.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace soma::test {

namespace fs = std::filesystem;

// <build>/test-plugins/<name>/, built from tests/fixtures/plugins.
inline fs::path fixturePlugin(const std::string& name) { return fs::path(SOMA_BUILD_DIR) / "test-plugins" / name; }
inline fs::path shippedNatives() { return fs::path(SOMA_BUILD_DIR) / "lib" / "soma" / "plugins"; }

// A fresh folder inside this test process's own temporary XDG root.
inline fs::path scratchDir(const std::string& name) {
    static std::atomic<int> n{0};
    fs::path d = fs::path(std::getenv("XDG_STATE_HOME")).parent_path() / "scratch" / (name + "-" + std::to_string(n++));
    fs::create_directories(d);
    return d;
}

// A whole file's text ("" when it cannot be read).
inline std::string readAll(const fs::path& p) {
    std::ifstream f(p);
    return std::string((std::istreambuf_iterator<char>(f)), {});
}

inline RegistryOptions registryOptions(const fs::path& checksFile) {
    RegistryOptions o;
    o.validator = SOMA_BINARY;
    o.checksFile = checksFile;
    return o;
}

inline PluginRegistry loadFixtures(const std::vector<std::string>& names, const fs::path& checksFile) {
    std::vector<fs::path> dirs;
    for (auto& n : names) dirs.push_back(fixturePlugin(n));
    return PluginRegistry::load(dirs, registryOptions(checksFile));
}

inline const PluginRecord* recordFor(const PluginRegistry& reg, const fs::path& dir) {
    for (const auto& r : reg.records())
        if (r.path.parent_path() == dir || r.path == dir) return &r;
    return nullptr;
}

} // namespace soma::test
