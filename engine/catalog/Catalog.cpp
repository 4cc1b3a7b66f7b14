#include "catalog/Catalog.h"

#include "core/Log.h"
#include "core/Paths.h"
#include "core/Text.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <optional>
#include <sstream>

namespace soma {
namespace {

namespace fs = std::filesystem;

// A .po file, one logical line at a time: keywords and their quoted
// strings, continuation strings on the lines that follow.
class PoReader {
public:
    PoReader(std::string_view text, std::string file) : mText(text), mFile(std::move(file)) {}

    CatalogParse read() {
        Entry e;
        for (std::size_t start = 0; start < mText.size();) {
            std::size_t end = mText.find('\n', start);
            if (end == std::string_view::npos) end = mText.size();
            std::string_view line = mText.substr(start, end - start);
            if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
            ++mLine;
            start = end + 1;
            const std::size_t indent = line.find_first_not_of(" \t");
            if (indent == std::string_view::npos) {
                finish(e);
                continue;
            }
            line.remove_prefix(indent);
            const int col = int(indent) + 1;
            if (line.substr(0, 2) == "#,") {
                if (line.find("fuzzy") != std::string_view::npos) e.fuzzy = true;
                continue;
            }
            if (line.front() == '#') continue; // comments, references, obsolete entries (#~)
            if (line.front() == '"') {
                if (!e.current) {
                    problem(col, "catalog.syntax", "a string outside an entry: it must follow msgid or msgstr");
                    continue;
                }
                if (auto s = quoted(line, col)) *e.current += *s;
                continue;
            }
            const std::size_t space = line.find_first_of(" \t");
            const std::string_view keyword = line.substr(0, space);
            std::string_view rest = space == std::string_view::npos ? std::string_view() : line.substr(space);
            const std::size_t restStart = rest.find_first_not_of(" \t");
            const int restCol = col + int(space == std::string_view::npos ? line.size() : space + (restStart == std::string_view::npos ? 0 : restStart));
            rest = restStart == std::string_view::npos ? std::string_view() : rest.substr(restStart);
            if (keyword == "msgctxt" || keyword == "msgid") {
                if (keyword == "msgctxt" || e.hasMsgstr || e.hasId) finish(e);
                if (keyword == "msgctxt") {
                    problem(col, "catalog.syntax", "msgctxt is not used by Soma: make the key itself unique (\"home.start\")");
                    e.bad = true;
                    continue;
                }
                e.hasId = true;
                e.idLine = mLine;
                e.current = &e.id;
            } else if (keyword == "msgstr") {
                if (!e.hasId) {
                    problem(col, "catalog.syntax", "msgstr without a msgid before it");
                    continue;
                }
                e.hasMsgstr = true;
                e.current = &e.str;
            } else if (keyword == "msgid_plural" || keyword.substr(0, 7) == "msgstr[") {
                if (keyword == "msgid_plural" || !e.bad) // once per entry
                    problem(col, "catalog.plural", "plural forms are not used by Soma: write one text per key");
                e.bad = true;
                e.current = nullptr;
                continue;
            } else {
                problem(col, "catalog.syntax",
                        fmt::format("unknown keyword '{}': a .po entry is msgid \"key\" then msgstr \"text\"", std::string(keyword)));
                continue;
            }
            if (auto s = quoted(rest, restCol)) *e.current = *s;
            else e.bad = true;
        }
        finish(e);
        return std::move(mOut);
    }

private:
    struct Entry {
        std::string id, str;
        std::string* current = nullptr;
        bool hasId = false, hasMsgstr = false, fuzzy = false, bad = false;
        int idLine = 0;
    };

    void problem(int col, const char* id, std::string message, int line = 0) {
        mOut.problems.push_back({{mFile, line ? line : mLine, col}, id, std::move(message)});
    }

    void finish(Entry& e) {
        // The header entry (msgid "") describes the file; fuzzy entries are
        // not yet translated, as gettext itself treats them.
        if (e.hasId && !e.bad && !e.id.empty() && !e.fuzzy) {
            if (!e.hasMsgstr) problem(1, "catalog.syntax", fmt::format("'{}' has no msgstr", e.id), e.idLine);
            else if (!e.str.empty() && !mOut.entries.emplace(e.id, e.str).second)
                problem(1, "catalog.duplicate", fmt::format("'{}' is here twice: keep one", e.id), e.idLine);
        }
        e = Entry{};
    }

    // A "..." string with C escapes, at `col`; nullopt (and a problem) when
    // it is not one.
    std::optional<std::string> quoted(std::string_view s, int col) {
        if (s.empty() || s.front() != '"') {
            problem(col, "catalog.syntax", "expected a string in double quotes");
            return std::nullopt;
        }
        std::string out;
        for (std::size_t i = 1; i < s.size(); ++i) {
            const char c = s[i];
            if (c == '"') {
                const std::string_view after = s.substr(i + 1);
                if (after.find_first_not_of(" \t") != std::string_view::npos) {
                    problem(col + int(i) + 1, "catalog.syntax", "text after the closing quote");
                    return std::nullopt;
                }
                return out;
            }
            if (c != '\\') {
                out += c;
                continue;
            }
            if (++i >= s.size()) break;
            switch (s[i]) {
            case 'n': out += '\n'; break;
            case 't': out += '\t'; break;
            case '"': out += '"'; break;
            case '\\': out += '\\'; break;
            default:
                problem(col + int(i), "catalog.syntax", fmt::format("unknown escape '\\{}': use \\n, \\t, \\\" or \\\\", s[i]));
                return std::nullopt;
            }
        }
        problem(col, "catalog.syntax", "the string is not closed: add a \" at its end");
        return std::nullopt;
    }

    std::string_view mText;
    std::string mFile;
    int mLine = 0;
    CatalogParse mOut;
};

} // namespace

CatalogParse parseCatalog(std::string_view text, const std::string& file) {
    if (auto bad = firstInvalidUtf8(text)) {
        CatalogParse p;
        p.problems.push_back({locate(text, *bad, file), "catalog.syntax", "this is not UTF-8 text; save the catalogue as UTF-8"});
        return p;
    }
    return PoReader(text, file).read();
}

Catalog Catalog::load(const fs::path& dir) {
    Catalog c;
    std::error_code ec;
    for (const auto& f : fs::directory_iterator(dir, ec)) {
        if (f.path().extension() != ".po") continue;
        std::ifstream in(f.path(), std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        CatalogParse p = parseCatalog(ss.str(), f.path().string());
        for (const auto& d : p.problems) log::warn(d.id, "{} (that text falls back to English)", d.format());
        c.mProblems.insert(c.mProblems.end(), p.problems.begin(), p.problems.end());
        c.add(f.path().stem().string(), std::move(p.entries));
    }
    if (ec || c.mTexts.empty())
        log::warn("catalog.missing", "no text catalogues in {}: Soma shows its keys instead of words; reinstall Soma", dir.string());
    return c;
}

void Catalog::add(const std::string& lang, std::map<std::string, std::string> entries) {
    auto& mine = mTexts[lang];
    for (auto& [k, v] : entries) mine[k] = std::move(v);
}

std::vector<std::string> Catalog::languages() const {
    std::vector<std::string> out;
    for (const auto& [lang, entries] : mTexts) out.push_back(lang);
    return out;
}

const std::string* Catalog::find(std::string_view lang, std::string_view key) const {
    auto l = mTexts.find(lang);
    if (l == mTexts.end()) return nullptr;
    auto e = l->second.find(std::string(key));
    return e == l->second.end() ? nullptr : &e->second;
}

bool Catalog::has(std::string_view lang, std::string_view key) const { return find(lang, key) != nullptr; }

std::string Catalog::text(std::string_view lang, std::string_view key) const {
    if (const std::string* t = find(lang, key)) return *t;
    const std::string_view primary = lang.substr(0, lang.find('-'));
    if (const std::string* t = primary != lang ? find(primary, key) : nullptr) return *t;
    const std::string* english = find("en", key);
    if (primary != "en") {
        std::lock_guard lock(mWarned->mutex);
        if (mWarned->seen.emplace(std::string(lang), std::string(key)).second)
            log::warn("catalog.fallback", "no '{}' text for '{}' in the catalogue; English is shown instead", lang, key);
    }
    return english ? *english : std::string(key);
}

const Catalog& uiCatalog() {
    static const Catalog catalog = Catalog::load(paths::assetDir() / "catalog");
    return catalog;
}

std::string uiText(std::string_view lang, std::string_view key) { return uiCatalog().text(lang, key); }

std::string fillIn(std::string text, std::string_view name, std::string_view value) {
    const std::string key = "{" + std::string(name) + "}";
    if (const auto at = text.find(key); at != std::string::npos) text.replace(at, key.size(), value);
    return text;
}

std::string inLanguage(const std::map<std::string, std::string>& texts, const std::string& lang) {
    for (const std::string& l : {lang, std::string("en")})
        if (auto it = texts.find(l); it != texts.end()) return it->second;
    return texts.empty() ? std::string() : texts.begin()->second;
}

} // namespace soma
