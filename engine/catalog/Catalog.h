// catalog/Catalog: the words Soma shows and speaks of its own (buttons,
// status lines, the opening note, the grounding way out), one catalogue
// per language, as gettext .po files translators can edit with the tools
// they know (Poedit, Weblate). Soma reads them itself: the language
// changes while it runs, and a kiosk has no locales installed.
//
// A catalogue is assets/catalog/LANG.po; msgid is a stable key
// ("session.pause"), msgstr the text. Adding a language is adding a file.
// A key a language lacks falls back to its primary language ("nl-BE" to
// "nl"), then to English, with one warning per language and key; never to
// nothing.
//
// Depends on core/ (paths, diagnostics, log). Must never decide wording in
// code: every text a person reads or hears from Soma itself comes from
// here (an exercise's own narration comes from the exercise).
#pragma once

#include "core/Diagnostic.h"

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace soma {

// One .po file read: its entries (key -> text) and what was wrong in it.
// Entries that were read well count even when others were not.
struct CatalogParse {
    std::map<std::string, std::string> entries;
    std::vector<Diagnostic> problems; // ids catalog.syntax, catalog.duplicate, catalog.plural
};
CatalogParse parseCatalog(std::string_view text, const std::string& file);

class Catalog {
public:
    Catalog() = default;
    // Every LANG.po in `dir`; each problem is logged once and kept.
    static Catalog load(const std::filesystem::path& dir);
    void add(const std::string& lang, std::map<std::string, std::string> entries);

    // The languages there are catalogues for, sorted.
    std::vector<std::string> languages() const;
    bool has(std::string_view lang, std::string_view key) const;
    // The text of `key` in `lang`, falling back as above; the key itself
    // when not even English has it.
    std::string text(std::string_view lang, std::string_view key) const;

    const std::vector<Diagnostic>& problems() const { return mProblems; }

private:
    const std::string* find(std::string_view lang, std::string_view key) const;

    std::map<std::string, std::map<std::string, std::string>, std::less<>> mTexts;
    std::vector<Diagnostic> mProblems;
    // Fallbacks already warned about; text() may be called from any thread.
    struct Warned {
        std::mutex mutex;
        std::set<std::pair<std::string, std::string>> seen;
    };
    std::unique_ptr<Warned> mWarned = std::make_unique<Warned>();
};

// The program's catalogues (share/soma/assets/catalog), read on first use.
const Catalog& uiCatalog();
// uiCatalog().text(lang, key).
std::string uiText(std::string_view lang, std::string_view key);
// A translation with its "{name}" filled in ("nog {minutes} min"). Done by
// hand, not by a format library: a translation that lacks the name, or
// spells it otherwise, never throws.
std::string fillIn(std::string text, std::string_view name, std::string_view value);
// A text given in several languages (a plugin's title) in `lang`, else in
// English, else in any it has; empty when it has none.
std::string inLanguage(const std::map<std::string, std::string>& texts, const std::string& lang);

} // namespace soma
