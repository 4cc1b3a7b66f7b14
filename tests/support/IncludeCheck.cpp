#include "support/IncludeCheck.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <functional>
#include <map>
#include <set>

namespace soma::test {

namespace fs = std::filesystem;

namespace {

enum class Visibility { Private, Public };

struct Manifest {
    fs::path root;
    std::map<std::string, std::string> moduleFolders; // name -> folder relative to root, "" for root itself
    std::map<std::string, std::map<std::string, Visibility>> depends;
    std::map<std::string, int> dependsLine; // "a b" -> manifest line, to point a cycle at its source
    std::map<std::string, std::vector<std::string>> headerPrefixes; // prefix -> dependencies that provide it
};

bool readManifest(const fs::path& file, Manifest& m, std::vector<std::string>& errors) {
    const std::string where = file.string();
    std::ifstream in(file);
    if (!in) {
        errors.push_back(where + ": error: cannot read the module manifest; configure the build with CMake to write it");
        return false;
    }
    bool ok = true;
    auto fail = [&](int n, const std::string& what) {
        errors.push_back(where + (n > 0 ? ":" + std::to_string(n) : std::string{}) + ": error: " + what);
        ok = false;
    };
    // module and depends lines are checked once the whole file is read, so
    // their order (and root's) does not matter.
    std::vector<std::pair<int, std::vector<std::string>>> modules, depends;
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line[0] == '#') continue;
        const std::string keyword = line.substr(0, line.find(' '));
        if (keyword != "root" && keyword != "module" && keyword != "depends" && keyword != "headers") {
            fail(n, "unknown entry '" + keyword + "'; expected root, module, depends or headers");
            continue;
        }
        // The last field takes the rest of the line, since folders may hold spaces.
        const size_t want = keyword == "root" ? 2 : keyword == "depends" ? 4 : 3;
        std::vector<std::string> f;
        size_t start = 0;
        for (size_t space; f.size() + 1 < want && (space = line.find(' ', start)) != std::string::npos; start = space + 1) {
            f.push_back(line.substr(start, space - start));
        }
        f.push_back(line.substr(start));
        const bool pathLast = keyword == "root" || keyword == "module";
        if (f.size() != want || std::any_of(f.begin(), f.end(), [](const auto& s) { return s.empty(); }) ||
            (!pathLast && f.back().find(' ') != std::string::npos)) {
            fail(n, "cannot parse '" + line + "'; expected '" + keyword + "' and " + std::to_string(want - 1) +
                        " fields separated by single spaces");
        } else if (keyword == "root") {
            if (!m.root.empty()) fail(n, "a second 'root'; the manifest describes one engine folder");
            m.root = (file.parent_path() / f[1]).lexically_normal();
            if (!m.root.has_filename()) m.root = m.root.parent_path();
            if (!fs::is_directory(m.root)) fail(n, "root folder " + m.root.string() + " does not exist");
        } else if (keyword == "headers") {
            m.headerPrefixes[f[2]].push_back(f[1]);
        } else {
            (keyword == "module" ? modules : depends).emplace_back(n, f);
        }
    }
    if (m.root.empty()) fail(0, "no 'root' entry; the manifest must name the engine folder");
    if (modules.empty()) fail(0, "no 'module' entries, so there is nothing to check");
    for (const auto& [n, f] : modules) {
        std::string rel = fs::path(f[2]).lexically_normal().generic_string();
        if (!rel.empty() && rel.back() == '/') rel.pop_back();
        if (rel == ".") rel.clear();
        if (fs::path(rel).is_absolute() || rel == ".." || rel.starts_with("../")) {
            fail(n, "module folder '" + f[2] + "' must be relative to root and inside it");
        } else if (!m.moduleFolders.emplace(f[1], rel).second) {
            fail(n, "module '" + f[1] + "' is declared twice");
        } else if (!m.root.empty() && !fs::is_directory(m.root / rel)) {
            fail(n, "module folder '" + f[2] + "' does not exist under " + m.root.string());
        }
    }
    for (const auto& [n, f] : depends) {
        std::string vis = f[2];
        std::transform(vis.begin(), vis.end(), vis.begin(), [](unsigned char c) { return std::tolower(c); });
        if (!m.moduleFolders.count(f[1])) {
            fail(n, "'depends' names '" + f[1] + "', which is not a declared module");
        } else if (vis != "public" && vis != "private") {
            fail(n, "'" + f[2] + "' is neither public nor private");
        } else {
            // Declared both ways, the PUBLIC one is what dependents see.
            auto& v = m.depends[f[1]][f[3]];
            v = std::max(v, vis == "public" ? Visibility::Public : Visibility::Private);
            m.dependsLine.emplace(f[1] + " " + f[3], n);
        }
    }
    return ok;
}

void findCycle(const Manifest& m, const fs::path& file, std::vector<std::string>& errors) {
    std::map<std::string, int> state; // 0 unseen, 1 on the current path, 2 done
    std::vector<std::string> path;
    std::function<bool(const std::string&)> visit = [&](const std::string& mod) {
        state[mod] = 1;
        path.push_back(mod);
        if (auto it = m.depends.find(mod); it != m.depends.end()) {
            for (const auto& [dep, vis] : it->second) {
                if (!m.moduleFolders.count(dep)) continue;
                if (state[dep] == 1) {
                    auto from = std::find(path.begin(), path.end(), dep);
                    std::string cycle;
                    for (auto p = from; p != path.end(); ++p) cycle += *p + " -> ";
                    errors.push_back(file.string() + ":" + std::to_string(m.dependsLine.at(mod + " " + dep)) +
                                     ": error: modules depend on each other in a cycle: " + cycle + dep +
                                     "; remove one of these depends, or move the shared code into a module below them");
                    return true;
                }
                if (state[dep] == 0 && visit(dep)) return true;
            }
        }
        state[mod] = 2;
        path.pop_back();
        return false;
    };
    for (const auto& [mod, folder] : m.moduleFolders) {
        if (state[mod] == 0 && visit(mod)) return;
    }
}

// The module whose folder is the deepest one holding `rel` (a path from
// root). A module at root itself owns files but cannot be told from a path.
const std::string* owningModule(const Manifest& m, const std::string& rel, bool rootCounts) {
    const std::string* owner = nullptr;
    size_t depth = 0;
    for (const auto& [name, folder] : m.moduleFolders) {
        if (folder.empty() ? rootCounts && !owner : rel.starts_with(folder + "/") && folder.size() + 1 > depth) {
            owner = &name;
            depth = folder.size() + 1;
        }
    }
    return owner;
}

// Blanks out comments (and the strings and character literals that could
// hide a comment marker, like "plugins/*.so"), keeping block-comment state
// across lines.
std::string stripComments(const std::string& line, bool& inBlock) {
    std::string out;
    for (size_t i = 0; i < line.size(); ++i) {
        if (inBlock) {
            if (line.compare(i, 2, "*/") == 0) { inBlock = false; ++i; }
            continue;
        }
        if (line.compare(i, 2, "//") == 0) break;
        if (line.compare(i, 2, "/*") == 0) { inBlock = true; ++i; out += ' '; continue; }
        const char c = line[i];
        // A ' after a digit or letter is a digit separator or literal prefix, not a quote.
        const bool quote = c == '"' || (c == '\'' && (i == 0 || !std::isalnum(static_cast<unsigned char>(line[i - 1]))));
        out += c;
        if (!quote) continue;
        for (++i; i < line.size() && line[i] != c; ++i) {
            if (line[i] == '\\') ++i;
            if (i < line.size()) out += line[i];
        }
        if (i < line.size()) out += c;
    }
    return out;
}

// The include target of a directive, with its delimiters ("a/b.h" or <a/b.h>), or "".
std::string includeOf(const std::string& code) {
    size_t i = code.find_first_not_of(" \t");
    if (i == std::string::npos || code[i] != '#') return {};
    i = code.find_first_not_of(" \t", i + 1);
    if (i == std::string::npos || code.compare(i, 7, "include") != 0) return {};
    i = code.find_first_not_of(" \t", i + 7);
    if (i == std::string::npos || (code[i] != '"' && code[i] != '<')) return {};
    size_t end = code.find(code[i] == '"' ? '"' : '>', i + 1);
    return end == std::string::npos ? std::string{} : code.substr(i, end - i + 1);
}

} // namespace

IncludeCheckReport checkModuleIncludes(const fs::path& manifestFile) {
    IncludeCheckReport report;
    Manifest m;
    if (!readManifest(manifestFile, m, report.errors)) return report;
    findCycle(m, manifestFile, report.errors);

    const std::set<std::string> sourceExt{".h", ".hpp", ".inl", ".c", ".cpp"};
    std::vector<fs::path> files;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(m.root, fs::directory_options::skip_permission_denied, ec), end;
         !ec && it != end; it.increment(ec)) {
        std::error_code fileEc; // a dangling link is skipped, not fatal
        if (it->is_regular_file(fileEc) && sourceExt.count(it->path().extension().string())) files.push_back(it->path());
    }
    if (ec) report.errors.push_back(m.root.string() + ": error: cannot list the engine sources: " + ec.message());
    std::sort(files.begin(), files.end());

    const std::string rootName = m.root.filename().string();
    for (const auto& path : files) {
        const std::string rel = path.lexically_relative(m.root).generic_string();
        const std::string* owner = owningModule(m, rel, true);
        if (!owner) continue;
        const std::string& mod = *owner;
        const std::string ext = path.extension().string();
        const bool header = ext == ".h" || ext == ".hpp" || ext == ".inl";
        const auto& deps = m.depends[mod];
        ++report.filesChecked;

        std::ifstream in(path);
        if (!in) report.errors.push_back(rootName + "/" + rel + ": error: cannot read this file");
        std::string line;
        bool inBlock = false;
        for (int n = 1; std::getline(in, line); ++n) {
            const std::string inc = includeOf(stripComments(line, inBlock));
            if (inc.empty()) continue;
            ++report.includesChecked;
            const std::string target = inc.substr(1, inc.size() - 2);
            // Engine includes are written from root, so the folder a quoted
            // path lies in names its module (body/bake/X.h is bake's); failing
            // that, a first component that is a module's name.
            std::vector<std::string> candidates;
            const size_t slash = target.find('/');
            if (const std::string* provider = inc[0] == '"' ? owningModule(m, target, false) : nullptr) {
                candidates.push_back(*provider);
            } else if (inc[0] == '"' && slash != std::string::npos && m.moduleFolders.count(target.substr(0, slash))) {
                candidates.push_back(target.substr(0, slash));
            } else {
                size_t best = 0;
                for (const auto& [prefix, providers] : m.headerPrefixes) {
                    if (target.starts_with(prefix) && prefix.size() > best) { best = prefix.size(); candidates = providers; }
                }
            }
            if (candidates.empty() || std::count(candidates.begin(), candidates.end(), mod)) continue;

            const std::string* privateDep = nullptr;
            bool allowed = false;
            for (const auto& c : candidates) {
                if (auto d = deps.find(c); d != deps.end()) {
                    if (!header || d->second == Visibility::Public) allowed = true;
                    else privateDep = &c;
                }
            }
            if (allowed) continue;
            const std::string at = rootName + "/" + rel + ":" + std::to_string(n) + ": error: ";
            if (privateDep) {
                report.errors.push_back(at + "header of module '" + mod + "' includes " + inc + " but '" + *privateDep +
                                        "' is a PRIVATE dependency of '" + mod + "'; make it PUBLIC or include it from a .cpp");
            } else {
                report.errors.push_back(at + "module '" + mod + "' includes " + inc + " but does not depend on '" +
                                        candidates.front() + "'; declare it in " + rootName +
                                        "/CMakeLists.txt or move the code");
            }
        }
    }
    return report;
}

} // namespace soma::test
