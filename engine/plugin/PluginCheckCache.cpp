#include "plugin/PluginCheckCache.h"

#include "core/Files.h"
#include "core/Log.h"
#include "core/Toml.h"
#include "soma/Version.h"

#include <soma/plugin.h>

#include <fmt/format.h>
#include <toml++/toml.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace soma {

namespace fs = std::filesystem;

namespace {

std::string hostStamp() { return fmt::format("{}+abi{}.{}", SOMA_VERSION_STRING, SOMA_PLUGIN_ABI_MAJOR, SOMA_PLUGIN_ABI_MINOR); }

PluginCheckOutcome::Kind kindFrom(std::string_view s) {
    using K = PluginCheckOutcome::Kind;
    for (K k : {K::Ok, K::Failed, K::Crashed, K::TimedOut})
        if (s == toString(k)) return k;
    return K::NotRun;
}

} // namespace

PluginCheckCache::PluginCheckCache(fs::path file) : mFile(std::move(file)) {
    std::error_code ec;
    if (!fs::is_regular_file(mFile, ec)) return;
    try {
        std::ifstream in(mFile, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        TomlParse parsed = parseToml(text.str(), mFile.string());
        if (!parsed.ok) throw std::runtime_error(parsed.description);
        toml::table& t = parsed.table;
        if (auto* arr = t["plugin"].as_array()) {
            for (auto& node : *arr) {
                auto* e = node.as_table();
                if (!e) continue;
                Entry en;
                en.path = (*e)["path"].value_or(std::string());
                en.size = (*e)["size"].value_or(int64_t{-1});
                en.mtime = (*e)["mtime"].value_or(int64_t{-1});
                en.host = (*e)["host"].value_or(std::string());
                en.outcome.kind = kindFrom((*e)["status"].value_or(std::string()));
                en.outcome.exerciseId = (*e)["id"].value_or(std::string());
                en.outcome.error.id = (*e)["reason"].value_or(std::string());
                en.outcome.error.message = (*e)["message"].value_or(std::string());
                if (!en.path.empty() && en.outcome.kind != PluginCheckOutcome::Kind::NotRun) mEntries.push_back(std::move(en));
            }
        }
    } catch (const std::exception& e) {
        // A damaged file only costs a new check of every plugin.
        log::warn("plugin.cache_read", "{}: cannot be read ({}); plugins are checked again", mFile.string(), e.what());
    }
}

namespace {
bool statFile(const fs::path& p, std::int64_t& size, std::int64_t& mtime) {
    std::error_code ec;
    auto s = fs::file_size(p, ec);
    if (ec) return false;
    auto t = fs::last_write_time(p, ec);
    if (ec) return false;
    size = static_cast<std::int64_t>(s);
    // Nanoseconds since the Unix epoch: readable in the file, exact as a key.
    const auto sys = std::chrono::file_clock::to_sys(t);
    mtime = static_cast<std::int64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(sys.time_since_epoch()).count());
    return true;
}
} // namespace

std::optional<std::pair<std::int64_t, std::int64_t>> PluginCheckCache::stamp(const fs::path& library) {
    std::int64_t size = 0, mtime = 0;
    if (!statFile(library, size, mtime)) return std::nullopt;
    return std::make_pair(size, mtime);
}

std::optional<PluginCheckOutcome> PluginCheckCache::find(const fs::path& library) const {
    std::int64_t size = 0, mtime = 0;
    if (!statFile(library, size, mtime)) return std::nullopt;
    const std::string key = library.string();
    const std::string host = hostStamp();
    for (const auto& e : mEntries)
        if (e.path == key && e.size == size && e.mtime == mtime && e.host == host) return e.outcome;
    return std::nullopt;
}

void PluginCheckCache::remember(const fs::path& library, const PluginCheckOutcome& outcome) {
    if (outcome.kind == PluginCheckOutcome::Kind::NotRun) return;
    Entry en;
    if (!statFile(library, en.size, en.mtime)) return;
    en.path = library.string();
    en.host = hostStamp();
    en.outcome = outcome;
    std::erase_if(mEntries, [&](const Entry& e) { return e.path == en.path; });
    mEntries.push_back(std::move(en));
    mDirty = true;
}

void PluginCheckCache::save() {
    if (!mDirty) return;
    toml::array arr;
    for (const auto& e : mEntries) {
        arr.push_back(toml::table{{"path", e.path},
                                  {"size", e.size},
                                  {"mtime", e.mtime},
                                  {"host", e.host},
                                  {"status", toString(e.outcome.kind)},
                                  {"id", e.outcome.exerciseId},
                                  {"reason", e.outcome.error.id},
                                  {"message", e.outcome.error.message}});
    }
    toml::table root{{"plugin", std::move(arr)}};
    std::ostringstream text;
    text << "# Written by soma: outcomes of checking native plugins in a child process.\n"
            "# status \"crashed\" or \"timeout\" is quarantine: the plugin is not loaded again\n"
            "# until its file changes. Delete an entry (or this file) to check again.\n\n"
         << root << "\n";
    AtomicWriteDesc wd;
    wd.createFolder = true;
    wd.sync = false; // what is lost in a crash is checked again
    if (auto written = writeFileAtomically(mFile, text.str(), wd); !written) {
        log::warn("plugin.cache_write", "{}; plugins will be checked again next time", written.error().message);
        return;
    }
    mDirty = false;
}

} // namespace soma
