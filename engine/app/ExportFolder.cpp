#include "app/ExportFolder.h"

#include "core/Files.h"
#include "core/Json.h"
#include "core/Toml.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <iterator>

namespace soma::app {

namespace fs = std::filesystem;

namespace {

constexpr const char* kFramesFolder = "frames/";
// A hand-edited list must never point the export outside its folder.
bool safeName(const std::string& n) {
    if (n.empty() || n.size() > 255 || n.front() == '/') return false;
    for (std::size_t start = 0; start <= n.size();) {
        const std::size_t end = std::min(n.find('/', start), n.size());
        const std::string part = n.substr(start, end - start);
        if (part == "." || part == "..") return false;
        start = end + 1;
    }
    return n.find('\0') == std::string::npos;
}

bool inFrames(const std::string& name) { return name.rfind(kFramesFolder, 0) == 0; }

std::int64_t modifiedNs(const fs::path& p, std::error_code& ec) {
    const auto t = fs::last_write_time(p, ec);
    return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}

} // namespace

Result<std::vector<ExportFolder::Entry>> ExportFolder::readList(const fs::path& folder) {
    const fs::path file = folder / kListName;
    std::vector<Entry> out;
    std::error_code ec;
    if (!fs::exists(file, ec)) return out;
    std::ifstream in(file, std::ios::binary);
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (!in.good() && !in.eof()) return Error{"export.list", fmt::format("{}: cannot be read", file.string())};
    const TomlParse p = parseToml(text, file.string());
    auto broken = [&](const std::string& why) {
        return Error{"export.list", fmt::format("{}: {}; it lists the files an earlier export wrote here: remove it only together with "
                                                "those files, or export into another folder",
                                                file.string(), why)};
    };
    if (!p.ok) return broken(fmt::format("line {}: {}", p.where.line, p.description));
    const toml::array* files = p.table["file"].as_array();
    if (!files) return out;
    for (const toml::node& n : *files) {
        const toml::table* t = n.as_table();
        if (!t) return broken("a [[file]] entry is not a table");
        Entry e;
        e.name = (*t)["name"].value_or(std::string());
        if (!safeName(e.name)) return broken(fmt::format("'{}' is not a name inside the folder", e.name));
        e.pending = (*t)["pending"].value_or(false);
        e.size = std::uintmax_t((*t)["size"].value_or(std::int64_t(-1)));
        e.modifiedNs = (*t)["modified_ns"].value_or(std::int64_t(0));
        out.push_back(std::move(e));
    }
    return out;
}

Status ExportFolder::saveList(const std::vector<Entry>& entries) const {
    std::string o = "# What `soma export` wrote into this folder: the only files it may overwrite or remove here,\n"
                    "# and only while they are as it left them. Everything else in the folder is left alone.\n"
                    "version = 1\n";
    for (const Entry& e : entries) {
        o += fmt::format("\n[[file]]\nname = {}\n", tomlString(e.name));
        if (e.pending) o += "pending = true\n";
        else o += fmt::format("size = {}\nmodified_ns = {}\n", e.size, e.modifiedNs);
    }
    AtomicWriteDesc d;
    d.sync = false;
    if (auto st = writeFileAtomically(mFolder / kListName, o, d); !st) return Error{"export.list", st.error().message};
    return Ok{};
}

bool ExportFolder::ownsAsLeft(const std::string& name) const {
    for (const Entry& e : mEarlier) {
        if (e.pending && (e.name == name || (e.name == kFramesFolder && inFrames(name)))) return true;
        if (e.name != name) continue;
        std::error_code ec;
        const fs::path p = mFolder / name;
        if (!fs::is_regular_file(fs::symlink_status(p, ec))) return false;
        const auto size = fs::file_size(p, ec);
        const auto t = modifiedNs(p, ec);
        return !ec && size == e.size && t == e.modifiedNs;
    }
    return false;
}

ExportFolder::Entry ExportFolder::entryFor(const std::string& name) const {
    Entry e;
    e.name = name;
    std::error_code ec;
    e.size = fs::file_size(mFolder / name, ec);
    e.modifiedNs = modifiedNs(mFolder / name, ec);
    return e;
}

Result<ExportFolder> ExportFolder::claim(const fs::path& folder, const std::vector<std::string>& names) {
    ExportFolder f;
    f.mFolder = folder;
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec || !fs::is_directory(folder, ec))
        return Error{"export.mkdir", fmt::format("{}: cannot be made a folder to export into ({}); choose another with --out", folder.string(),
                                                 ec ? ec.message() : "a file of that name is there")};
    auto earlier = readList(folder);
    if (!earlier) return earlier.error();
    f.mEarlier = std::move(*earlier);
    f.mClaimed = names;

    auto inTheWay = [&](const fs::path& p, bool changed) {
        return Error{"export.not_own",
                     fmt::format("{}: {}; an export never overwrites a file it did not write: move it, or export into another folder "
                                 "with --out",
                                 p.string(),
                                 changed ? "was changed since an earlier export wrote it" : "is in the way and not from an earlier export")};
    };
    auto listed = [&](const std::string& name) {
        return std::any_of(f.mEarlier.begin(), f.mEarlier.end(), [&](const Entry& e) { return e.name == name; });
    };
    for (const std::string& name : names) {
        const fs::path p = folder / name;
        const auto st = fs::symlink_status(p, ec);
        if (!fs::exists(st)) continue;
        if (name.back() == '/') {
            if (!fs::is_directory(st)) return inTheWay(p, false);
            for (const auto& e : fs::directory_iterator(p, ec)) {
                const std::string rel = name + e.path().filename().string();
                if (!f.ownsAsLeft(rel)) return inTheWay(e.path(), listed(rel));
            }
            continue;
        }
        if (!f.ownsAsLeft(name)) return inTheWay(p, listed(name));
    }
    // Saved before the first byte is written: those to come are ours even
    // if this export never gets to say so.
    std::vector<Entry> list = f.mEarlier;
    for (const std::string& name : names) {
        auto it = std::find_if(list.begin(), list.end(), [&](const Entry& e) { return e.name == name; });
        if (it == list.end()) it = list.insert(list.end(), Entry{name, 0, 0, true});
        it->pending = true;
    }
    if (auto st = f.saveList(list); !st) return st.error();
    return f;
}

void ExportFolder::wrote(const std::string& name) { mWritten.push_back(name); }

Status ExportFolder::finish() {
    std::error_code ec;
    auto written = [&](const std::string& name) { return std::find(mWritten.begin(), mWritten.end(), name) != mWritten.end(); };
    // Earlier files this export did not make again would mix two exports.
    for (const Entry& e : mEarlier) {
        if (e.name == kFramesFolder) continue;
        if (!written(e.name) && ownsAsLeft(e.name)) fs::remove(mFolder / e.name, ec);
    }
    const fs::path frames = mFolder / kFramesFolder;
    if (fs::is_directory(frames, ec)) {
        std::vector<fs::path> stale;
        for (const auto& e : fs::directory_iterator(frames, ec)) {
            const std::string rel = std::string(kFramesFolder) + e.path().filename().string();
            if (!written(rel) && ownsAsLeft(rel)) stale.push_back(e.path());
        }
        for (const fs::path& p : stale) fs::remove(p, ec);
        if (fs::is_empty(frames, ec)) fs::remove(frames, ec);
    }
    std::vector<Entry> list;
    for (const std::string& name : mWritten)
        if (fs::is_regular_file(mFolder / name, ec)) list.push_back(entryFor(name));
    return saveList(list);
}

void ExportFolder::abandon() {
    std::error_code ec;
    for (const std::string& name : mWritten) fs::remove(mFolder / name, ec);
    // A claimed file no longer as it was left is one this export was
    // writing when it ended.
    for (const std::string& name : mClaimed)
        if (name.back() != '/' && fs::exists(mFolder / name, ec) && !ownsAsLeft(name)) fs::remove(mFolder / name, ec);
    std::vector<Entry> list;
    for (const Entry& e : mEarlier)
        if (fs::exists(mFolder / e.name, ec) && (e.pending || ownsAsLeft(e.name))) list.push_back(e);
    (void)saveList(list);
}

} // namespace soma::app
