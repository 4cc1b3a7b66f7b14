#include "plugin/script/ScriptParser.h"
#include "core/Files.h"

#include "core/Text.h"
#include "core/Toml.h"
#include "model/Limits.h"
#include "model/Rules.h"
#include "model/Vocabulary.h"

#include "model/Narration.h"
#include "model/RegionAtlas.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

namespace soma {

namespace {

namespace fs = std::filesystem;

std::string languageName(const std::string& tag) {
    if (tag == "nl") return "Dutch (nl)";
    if (tag == "en") return "English (en)";
    if (tag == "fr") return "French (fr)";
    if (tag == "de") return "German (de)";
    return tag;
}

// sRGB hex to the linear RGB BodyState carries.
bool parseColor(const std::string& s, glm::vec3& out) {
    if (s.size() != 7 || s[0] != '#') return false;
    float c[3];
    for (int k = 0; k < 3; ++k) {
        int v = 0;
        for (int j = 0; j < 2; ++j) {
            char h = char(std::tolower(static_cast<unsigned char>(s[1 + 2 * k + j])));
            int d = (h >= '0' && h <= '9') ? h - '0' : (h >= 'a' && h <= 'f') ? h - 'a' + 10 : -1;
            if (d < 0) return false;
            v = v * 16 + d;
        }
        const float x = float(v) / 255.0f;
        c[k] = x <= 0.04045f ? x / 12.92f : std::pow((x + 0.055f) / 1.055f, 2.4f);
    }
    out = {c[0], c[1], c[2]};
    return true;
}

// Checks one TOML file against the schema and keeps the problems.
class Checker {
public:
    Checker(std::string file, std::string source, std::vector<Diagnostic>& problems)
        : mFile(std::move(file)), mProblems(problems) {
        std::istringstream in(source);
        for (std::string line; std::getline(in, line);) mLines.push_back(line);
    }

    const std::string& file() const { return mFile; }

    SourceLocation at(const toml::source_region& r) const { return {mFile, int(r.begin.line), int(r.begin.column)}; }
    SourceLocation at(const toml::node& n) const { return at(n.source()); }
    SourceLocation at(const toml::key& k) const { return at(k.source()); }

    void error(const SourceLocation& where, std::string id, std::string message) {
        mProblems.push_back({where, std::move(id), std::move(message)});
    }

    // A broken rule of model/Rules, at the key it is about (the table's own
    // position when the key is not written), under the script's error ids.
    void rule(const toml::table& t, const RuleBreak& r) {
        const toml::node* n = r.field.empty() ? nullptr : t.get(r.field);
        const char* id = r.kind == RuleBreak::Kind::Region      ? "script.region"
                         : r.kind == RuleBreak::Kind::Pulse     ? "script.pulse"
                         : r.kind == RuleBreak::Kind::Duration  ? "script.duration"
                         : r.kind == RuleBreak::Kind::Narration ? "script.narration"
                         : r.kind == RuleBreak::Kind::Mark      ? "script.mark"
                         : r.kind == RuleBreak::Kind::Id        ? "script.step"
                                                                : "script.value";
        error(n ? at(*n) : at(t), id, r.message);
    }
    void rules(const toml::table& t, const std::vector<RuleBreak>& rs) {
        for (const auto& r : rs) rule(t, r);
    }

    // A pose, camera preset or ambience id (model/Vocabulary), checked by
    // the rulebook like a native plugin's.
    std::optional<std::string> choice(const toml::table& t, const char* key, const std::string& where) {
        auto s = str(t, key, where);
        if (!s) return std::nullopt;
        if (auto r = checkChoice(key, *s)) {
            rule(t, *r);
            return std::nullopt;
        }
        return s;
    }

    void checkKeys(const toml::table& t, const std::vector<std::string>& allowed, const std::string& where) {
        for (auto&& [k, v] : t) {
            const std::string name(k.str());
            if (std::find(allowed.begin(), allowed.end(), name) != allowed.end()) continue;
            std::string hint = closestMatch(name, allowed);
            error(at(k), "script.key",
                  hint.empty() ? fmt::format("unknown key '{}' in {}: the keys are {}", name, where, join(allowed))
                               : fmt::format("unknown key '{}' in {}: did you mean '{}'?", name, where, hint));
        }
    }

    std::optional<std::string> str(const toml::table& t, const char* key, const std::string& where) {
        const toml::node* n = t.get(key);
        if (!n) return std::nullopt;
        if (auto s = n->as_string()) return s->get();
        error(at(*n), "script.type", fmt::format("'{}' in {} must be a string in quotes", key, where));
        return std::nullopt;
    }

    std::optional<double> number(const toml::table& t, const char* key, const std::string& where, bool nonNegative = true) {
        const toml::node* n = t.get(key);
        if (!n) return std::nullopt;
        double v;
        if (auto i = n->as_integer()) v = double(i->get());
        else if (auto f = n->as_floating_point()) v = f->get();
        else {
            error(at(*n), "script.type", fmt::format("'{}' in {} must be a number", key, where));
            return std::nullopt;
        }
        if (!std::isfinite(v)) {
            error(at(*n), "script.value", fmt::format("'{}' in {} must be a finite number", key, where));
            return std::nullopt;
        }
        if (nonNegative && v < 0) {
            error(at(*n), "script.duration",
                  fmt::format("'{}' in {} is negative ({}): durations and times are seconds, 0 or more", key, where, v));
            return std::nullopt;
        }
        return v;
    }

    std::optional<bool> boolean(const toml::table& t, const char* key, const std::string& where) {
        const toml::node* n = t.get(key);
        if (!n) return std::nullopt;
        if (auto b = n->as_boolean()) return b->get();
        error(at(*n), "script.type", fmt::format("'{}' in {} must be true or false", key, where));
        return std::nullopt;
    }

    std::optional<std::string> oneOf(const toml::table& t, const char* key, const std::vector<std::string>& options,
                                     const std::string& where, const char* what) {
        auto s = str(t, key, where);
        if (!s) return std::nullopt;
        if (std::find(options.begin(), options.end(), *s) != options.end()) return s;
        std::string hint = closestMatch(*s, options);
        error(at(*t.get(key)), "script.value",
              fmt::format("unknown {} '{}'{}: the {}s are {}", what, *s, hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint),
                          what, join(options)));
        return std::nullopt;
    }

    std::vector<std::string> strings(const toml::table& t, const char* key, const std::string& where) {
        std::vector<std::string> out;
        const toml::node* n = t.get(key);
        if (!n) return out;
        const toml::array* a = n->as_array();
        if (!a) {
            error(at(*n), "script.type", fmt::format("'{}' in {} must be a list of strings, like [\"a\", \"b\"]", key, where));
            return out;
        }
        for (auto& e : *a) {
            if (auto s = e.as_string()) out.push_back(s->get());
            else error(at(e), "script.type", fmt::format("'{}' in {} must hold only strings", key, where));
        }
        return out;
    }

    // Where the code point `offset` of a string value's decoded text lies in
    // the file: walks the raw source from the opening quote, so escapes and
    // multi-line strings still point at the right column.
    SourceLocation inString(const toml::node& value, std::size_t offset) const {
        SourceLocation loc = at(value);
        if (loc.line < 1 || size_t(loc.line) > mLines.size()) return loc;
        size_t line = size_t(loc.line) - 1;
        const std::string* raw = &mLines[line];
        // Column is 1-based in code points; find its byte.
        auto byteOfColumn = [](const std::string& s, int col) {
            size_t b = 0;
            int c = 1;
            while (b < s.size() && c < col) {
                ++b;
                while (b < s.size() && (static_cast<unsigned char>(s[b]) & 0xC0) == 0x80) ++b;
                ++c;
            }
            return b;
        };
        size_t b = byteOfColumn(*raw, loc.column);
        int col = loc.column;
        if (b >= raw->size()) return loc;
        const char quote = (*raw)[b];
        if (quote != '"' && quote != '\'') return loc;
        const bool literal = quote == '\'';
        const bool multi = raw->compare(b, 3, std::string(3, quote)) == 0;
        b += multi ? 3 : 1;
        col += multi ? 3 : 1;
        if (multi && b >= raw->size() && line + 1 < mLines.size()) {
            // A newline right after the opening quotes is not part of the value.
            ++line;
            raw = &mLines[line];
            b = 0;
            col = 1;
        }
        size_t decoded = 0;
        while (decoded < offset) {
            if (b >= raw->size()) {
                if (!multi || line + 1 >= mLines.size()) break;
                ++line;
                raw = &mLines[line];
                b = 0;
                col = 1;
                ++decoded; // the newline itself
                continue;
            }
            unsigned char c = (*raw)[b];
            if (!literal && c == '\\' && b + 1 < raw->size()) {
                char e = (*raw)[b + 1];
                size_t len = e == 'u' ? 6 : e == 'U' ? 10 : 2;
                b += len;
                col += int(len);
            } else {
                ++b;
                while (b < raw->size() && (static_cast<unsigned char>((*raw)[b]) & 0xC0) == 0x80) ++b;
                ++col;
            }
            ++decoded;
        }
        return {mFile, int(line + 1), col};
    }

private:
    std::string mFile;
    std::vector<Diagnostic>& mProblems;
    std::vector<std::string> mLines;
};

Result<std::string> readFile(const fs::path& p, std::string_view what) { return readTextFile(p, what); }

// Parses TOML; a syntax error becomes a diagnostic at its position.
std::optional<toml::table> parseScriptToml(const std::string& file, const std::string& text, std::vector<Diagnostic>& problems) {
    // Saved in another encoding (Latin-1, Windows-1252): say so, rather
    // than let the TOML parser guess at quotes.
    if (auto bad = firstInvalidUtf8(text)) {
        const std::string_view before(text.data(), *bad);
        const auto nl = before.rfind('\n');
        const int line = 1 + int(std::count(before.begin(), before.end(), '\n'));
        const int column = 1 + int(countCodePoints(before.substr(nl == std::string_view::npos ? 0 : nl + 1)));
        problems.push_back({{file, line, column}, "script.encoding",
                            fmt::format("this is not UTF-8 text (byte 0x{:02X} here): save the file as UTF-8 in your editor",
                                        static_cast<unsigned char>(text[*bad]))});
        return std::nullopt;
    }
    TomlParse parsed = parseToml(text, file);
    if (parsed.ok) return std::move(parsed.table);
    problems.push_back({parsed.where, "script.syntax", fmt::format("TOML syntax: {} (check the quotes and brackets here)", parsed.description)});
    return std::nullopt;
}

void parseManifest(Checker& c, const toml::table& t, ScriptDocument& doc) {
    const std::string where = "manifest.toml";
    c.checkKeys(t, {"id", "kind", "script", "library", "languages", "title", "summary", "variants", "version", "author",
                    "license", "homepage", "tags"},
                where);
    SourceLocation top{c.file(), 1, 1};
    if (auto id = c.str(t, "id", where)) {
        if (auto rule = checkExerciseId(*id)) c.error(c.at(*t.get("id")), "manifest.id", rule->message);
        doc.info.id = *id;
    } else if (!t.get("id")) {
        c.error(top, "manifest.id", "the manifest has no id: add id = \"my-exercise\" (lowercase letters, digits, '-')");
    }
    const std::string kind = c.oneOf(t, "kind", {"script", "native"}, where, "kind").value_or("script");
    doc.info.kind = kind == "native" ? PluginKind::Native : PluginKind::Script;
    if (doc.info.kind == PluginKind::Native) {
        if (auto lib = c.str(t, "library", where)) {
            const fs::path name(*lib);
            if (name.filename() != name || name.extension() != ".so" || *lib == ".so")
                c.error(c.at(*t.get("library")), "manifest.library",
                        fmt::format("library = \"{}\" must be the file name of a library in the exercise's own folder, like \"{}.so\"", *lib,
                                    doc.info.id.empty() ? "my-exercise" : doc.info.id));
            else doc.library = *lib;
        } else if (!t.get("library")) {
            c.error(top, "manifest.library", "a native exercise needs library = \"name.so\" in its manifest");
        }
    }
    doc.scriptFile = c.str(t, "script", where).value_or("script.toml");
    // The script belongs to the exercise: never a file elsewhere on the machine.
    const fs::path scriptName(doc.scriptFile);
    const bool inside = !scriptName.empty() && scriptName.is_relative() &&
                        std::none_of(scriptName.begin(), scriptName.end(), [](const fs::path& part) { return part == ".."; });
    if (!inside) {
        c.error(c.at(*t.get("script")), "manifest.script",
                fmt::format("script = \"{}\" must name a file inside the exercise's folder, like \"script.toml\"", doc.scriptFile.string()));
        doc.scriptFile = "script.toml";
    }

    doc.info.languages = c.strings(t, "languages", where);
    if (!t.get("languages"))
        c.error(top, "manifest.languages", "the manifest has no languages: add languages = [\"nl\", \"en\"]");
    else if (doc.info.languages.empty())
        c.error(c.at(*t.get("languages")), "manifest.languages", "languages is empty: name at least one, like [\"nl\", \"en\"]");
    {
        std::set<std::string> seen;
        for (auto& l : doc.info.languages) {
            if (auto rule = checkLanguageTag(l)) c.error(c.at(*t.get("languages")), "manifest.languages", rule->message);
            if (!seen.insert(l).second)
                c.error(c.at(*t.get("languages")), "manifest.languages", fmt::format("language \"{}\" is listed twice", l));
        }
    }

    auto perLanguage = [&](const char* key, std::map<std::string, std::string>& out, bool required) {
        const toml::node* n = t.get(key);
        if (!n) {
            if (required)
                c.error(top, "script.translation",
                        fmt::format("the manifest has no [{}]: add one line per language ({})", key, join(doc.info.languages)));
            return;
        }
        const toml::table* tt = n->as_table();
        if (!tt) {
            c.error(c.at(*n), "script.type", fmt::format("'{}' must be a table of language = \"text\"", key));
            return;
        }
        for (auto&& [k, v] : *tt) {
            const std::string lang(k.str());
            if (auto s = v.as_string()) out[lang] = s->get();
            else c.error(c.at(v), "script.type", fmt::format("{}.{} must be a string", key, lang));
        }
        for (auto& l : doc.info.languages)
            if (!tt->get(l))
                c.error(c.at(*n), "script.translation",
                        fmt::format("missing translation: [{}] has no {} text: add {} = \"...\"", key, languageName(l), l));
    };
    perLanguage("title", doc.info.title, true);
    perLanguage("summary", doc.info.summary, false);

    const toml::node* vn = t.get("variants");
    if (!vn) {
        c.error(top, "manifest.variants", "the manifest has no [[variants]]: add at least one, like id = \"short\", minutes = 5");
    } else if (const toml::array* va = vn->as_array(); !va || !va->is_array_of_tables()) {
        c.error(c.at(*vn), "script.type", "variants must be a list of tables: write [[variants]] sections");
    } else {
        std::set<std::string> seen;
        for (auto& e : *va) {
            const toml::table& vt = *e.as_table();
            c.checkKeys(vt, {"id", "minutes"}, "[[variants]]");
            ExerciseVariant v;
            if (auto id = c.str(vt, "id", "[[variants]]")) v.id = *id;
            else if (!vt.get("id")) c.error(c.at(vt), "manifest.variants", "a variant has no id: add id = \"short\"");
            const auto minutes = c.number(vt, "minutes", "[[variants]]");
            if (minutes) v.minutes = *minutes;
            for (const auto& r : checkVariant(v.id, v.minutes))
                if ((r.field == "id" && !v.id.empty()) || (r.field == "minutes" && minutes))
                    c.error(c.at(*vt.get(r.field)), r.field == "id" ? "manifest.variants" : "script.duration", r.message);
            if (!v.id.empty() && !seen.insert(v.id).second)
                c.error(c.at(vt), "manifest.variants", fmt::format("variant \"{}\" is defined twice", v.id));
            doc.info.variants.push_back(v);
        }
    }
}

std::optional<BreathPattern> parseBreath(Checker& c, const toml::node& n, const std::string& where) {
    const toml::table* t = n.as_table();
    if (!t) {
        c.error(c.at(n), "script.type",
                fmt::format("breath in {} must be a table: {{ inhale = 4.0, exhale = 6.0 }}", where));
        return std::nullopt;
    }
    const std::string w = where + " breath";
    c.checkKeys(*t, {"inhale", "hold_in", "exhale", "hold_out", "cycles"}, w);
    BreathPattern b;
    b.inhaleSec = c.number(*t, "inhale", w).value_or(b.inhaleSec);
    b.holdInSec = c.number(*t, "hold_in", w).value_or(b.holdInSec);
    b.exhaleSec = c.number(*t, "exhale", w).value_or(b.exhaleSec);
    b.holdOutSec = c.number(*t, "hold_out", w).value_or(b.holdOutSec);
    if (const toml::node* cn = t->get("cycles")) {
        if (auto i = cn->as_integer(); i && i->get() >= 0 && i->get() <= kMaxBreathCycles) b.cycles = int(i->get());
        else c.error(c.at(*cn), "script.value", fmt::format("cycles must be a whole number from 0 (while the step lasts) to {}", kMaxBreathCycles));
    }
    c.rules(*t, checkBreath(b));
    return b;
}

void parseHighlight(Checker& c, const toml::table& t, ScriptStep& step, const std::string& where) {
    const std::string w = where + " [[step.highlight]]";
    c.checkKeys(t, {"region", "mark", "at", "intensity", "color", "fade_in", "hold", "fade_out", "pulse"}, w);
    HighlightRequest h;
    if (auto r = c.str(t, "region", w)) h.region = *r;
    else if (!t.get("region")) c.error(c.at(t), "script.region", "a highlight needs region = \"...\" (a region id from `soma regions`)");
    if (auto m = c.str(t, "mark", w)) h.mark = *m;
    if (auto a = c.number(t, "at", w)) h.atSec = *a;
    if (t.get("mark") && t.get("at"))
        c.error(c.at(*t.get("at")), "script.value", "a highlight starts on a mark or at a time, not both: remove one");
    if (auto i = c.number(t, "intensity", w, false)) h.intensity = float(*i);
    if (auto col = c.str(t, "color", w)) {
        if (!parseColor(*col, h.color))
            c.error(c.at(*t.get("color")), "script.value", fmt::format("color \"{}\" is not like \"#ffb27a\"", *col));
    }
    h.fadeInSec = c.number(t, "fade_in", w).value_or(h.fadeInSec);
    h.holdSec = c.number(t, "hold", w).value_or(h.holdSec);
    h.fadeOutSec = c.number(t, "fade_out", w).value_or(h.fadeOutSec);
    if (auto p = c.number(t, "pulse", w)) h.pulseHz = *p;
    auto broken = checkHighlight(h);
    // A missing region, or one that is not a string, was reported above.
    if (h.region.empty()) std::erase_if(broken, [](const RuleBreak& r) { return r.kind == RuleBreak::Kind::Region; });
    c.rules(t, broken);
    step.request.highlights.push_back(h);
    step.highlightWhere.push_back(c.at(t));
}

// [step.recording]: per language, a recorded narration and its marks file,
// relative to the exercise folder. A file that is not there is an error
// now, at the path's own position, rather than a surprise in a session.
void parseRecordings(Checker& c, const toml::node& n, const ScriptDocument& doc, ScriptStep& step, const std::string& where) {
    const toml::table* rt = n.as_table();
    if (!rt) {
        c.error(c.at(n), "script.type",
                fmt::format("recording in {} must be a table: [step.recording] with nl = {{ audio = \"voice/nl/x.flac\", "
                            "marks = \"voice/nl/x.vtt\" }}",
                            where));
        return;
    }
    const auto& langs = doc.info.languages;
    for (auto&& [k, v] : *rt) {
        const std::string lang(k.str());
        const std::string w = fmt::format("{} recording.{}", where, lang);
        const toml::table* e = v.as_table();
        if (!e) {
            c.error(c.at(v), "script.type",
                    fmt::format("{} must be a table: {} = {{ audio = \"voice/{}/x.flac\", marks = \"voice/{}/x.vtt\" }}", w,
                                lang, lang, lang));
            continue;
        }
        if (!langs.empty() && std::find(langs.begin(), langs.end(), lang) == langs.end())
            c.error(c.at(k), "script.translation",
                    fmt::format("{} has a recording in '{}', which is not in the manifest's languages ({})", where, lang,
                                join(langs)));
        c.checkKeys(*e, {"audio", "marks"}, w);
        RecordingRequest rec;
        rec.where = c.at(v);
        bool ok = true;
        auto file = [&](const char* key, const char* what, fs::path& out) {
            const toml::node* node = e->get(key);
            auto rel = c.str(*e, key, w);
            if (!rel) {
                ok = false;
                return;
            }
            const fs::path full = doc.folder / fs::path(*rel);
            std::error_code ec;
            if (rel->empty() || !fs::is_regular_file(full, ec)) {
                c.error(c.at(*node), "script.recording",
                        fmt::format("{}: no {} '{}' (looked for {}): paths are relative to the exercise folder", w, what, *rel,
                                    full.string()));
                ok = false;
                return;
            }
            out = full;
        };
        if (!e->get("audio")) {
            c.error(rec.where, "script.recording",
                    fmt::format("{} has no audio: add audio = \"voice/{}/{}.flac\" (WAV, FLAC or Ogg)", w, lang, step.id));
            ok = false;
        } else {
            file("audio", "audio file", rec.audio);
        }
        if (e->get("marks")) file("marks", "marks file", rec.marks);
        if (ok) step.request.recordings[lang] = std::move(rec);
    }
}

void parseStep(Checker& c, const toml::table& t, ScriptDocument& doc, const ScriptDefaults& defaults, int index) {
    ScriptStep step;
    step.where = c.at(t);
    if (auto id = c.str(t, "id", "[[step]]")) step.id = *id;
    else if (!t.get("id")) c.error(step.where, "script.step", fmt::format("step {} has no id: add id = \"...\"", index + 1));
    const std::string where = step.id.empty() ? fmt::format("step {}", index + 1) : fmt::format("step '{}'", step.id);
    c.checkKeys(t, {"id", "variants", "pose", "camera", "ambience", "pacer", "pause_after", "duration", "breath",
                    "narration", "highlight", "recording"},
                where);
    step.variants = c.strings(t, "variants", where);
    for (auto& v : step.variants) {
        bool known = std::any_of(doc.info.variants.begin(), doc.info.variants.end(), [&](auto& x) { return x.id == v; });
        if (!known && !doc.info.variants.empty()) {
            std::vector<std::string> ids;
            for (auto& x : doc.info.variants) ids.push_back(x.id);
            c.error(c.at(*t.get("variants")), "script.variant",
                    fmt::format("{} names variant '{}', which the manifest does not define ({})", where, v, join(ids)));
        }
    }
    step.request.id = step.id;
    step.request.where = step.where;
    if (!step.id.empty())
        if (auto r = checkStepId(step.id)) c.rule(t, *r);
    step.request.pose = c.choice(t, "pose", where);
    step.request.camera = c.choice(t, "camera", where);
    step.request.ambience = c.choice(t, "ambience", where);
    step.request.pacer = c.boolean(t, "pacer", where);
    step.request.pauseAfterSec = c.number(t, "pause_after", where).value_or(0.0);
    step.request.minDurationSec = c.number(t, "duration", where).value_or(0.0);
    for (auto [key, sec] : {std::pair{"pause_after", step.request.pauseAfterSec}, std::pair{"duration", step.request.minDurationSec}})
        if (auto r = checkStepSeconds(key, sec)) c.rule(t, *r);
    if (const toml::node* b = t.get("breath")) step.request.breath = parseBreath(c, *b, where);
    else step.request.breath = defaults.breath;

    if (const toml::node* n = t.get("narration")) {
        step.narrationWhere = c.at(*n);
        if (const toml::table* nt = n->as_table()) {
            for (auto&& [k, v] : *nt) {
                const std::string lang(k.str());
                if (auto s = v.as_string()) step.narration[lang] = {s->get(), c.at(v)};
                else c.error(c.at(v), "script.type", fmt::format("narration.{} in {} must be a string", lang, where));
            }
        } else {
            c.error(c.at(*n), "script.type", fmt::format("narration in {} must be a table: [step.narration] with nl = \"...\"", where));
        }
    }
    if (const toml::node* r = t.get("recording")) parseRecordings(c, *r, doc, step, where);
    if (const toml::node* h = t.get("highlight")) {
        const toml::array* a = h->as_array();
        if (!a || !a->is_array_of_tables()) {
            c.error(c.at(*h), "script.type", fmt::format("highlight in {} must be [[step.highlight]] sections", where));
        } else {
            for (auto& e : *a) parseHighlight(c, *e.as_table(), step, where);
            if (auto r = checkHighlightCount(a->size())) c.error(c.at(*h), "script.value", fmt::format("{}: {}", where, r->message));
        }
    }
    doc.steps.push_back(std::move(step));
}

// The rules that span languages and steps: every language speaks every
// step that speaks, with the same marks; highlights name marks that exist.
void checkTranslations(Checker& c, const toml::table& root, ScriptDocument& doc) {
    const auto& langs = doc.info.languages;
    std::set<std::string> ids;
    for (size_t si = 0; si < doc.steps.size(); ++si) {
        ScriptStep& step = doc.steps[si];
        const std::string where = step.id.empty() ? fmt::format("step {}", si + 1) : fmt::format("step '{}'", step.id);
        if (!step.id.empty() && !ids.insert(step.id).second)
            c.error(step.where, "script.step", fmt::format("step id '{}' is used twice: step ids must be unique", step.id));

        std::map<std::string, NarrationMarkup> parsed;
        for (auto& [lang, text] : step.narration) {
            if (std::find(langs.begin(), langs.end(), lang) == langs.end()) {
                c.error(text.where, "script.translation",
                        fmt::format("{} has narration in '{}', which is not in the manifest's languages ({})", where, lang,
                                    join(langs)));
                continue;
            }
            NarrationMarkup m;
            NarrationError err;
            // The node is needed to map offsets inside the string.
            const toml::node* node = nullptr;
            if (auto steps = root.get("step"); steps && steps->as_array())
                if (auto st = (*steps->as_array())[si].as_table())
                    if (auto nt = st->get("narration"); nt && nt->as_table()) node = nt->as_table()->get(lang);
            if (auto r = checkNarration(text.text, m, &err)) {
                c.error(node ? c.inString(*node, err.offset) : text.where, "script.narration",
                        fmt::format("{} narration ({}): {}", where, lang, r->message));
                continue;
            }
            parsed[lang] = std::move(m);
        }
        if (step.narration.empty()) {
            if (!step.request.highlights.empty())
                for (size_t hi = 0; hi < step.request.highlights.size(); ++hi)
                    if (!step.request.highlights[hi].mark.empty())
                        c.error(step.highlightWhere[hi], "script.mark",
                                fmt::format("{} has no narration, so its highlight cannot start on mark '{}': use at = seconds",
                                            where, step.request.highlights[hi].mark));
            continue;
        }
        // A missing language.
        const SourceLocation narrationWhere = step.narrationWhere.line ? step.narrationWhere : step.narration.begin()->second.where;
        for (auto& l : langs)
            if (!step.narration.count(l))
                c.error(narrationWhere, "script.translation",
                        fmt::format("missing translation: {} has no {} narration: add {} = \"...\" under [step.narration]", where,
                                    languageName(l), l));
        // Every language has the marks any other language has.
        std::set<std::string> all;
        for (auto& [l, m] : parsed)
            for (auto& mk : m.marks()) all.insert(mk);
        for (auto& [l, m] : parsed) {
            auto mine = m.marks();
            for (auto& mk : all)
                if (std::find(mine.begin(), mine.end(), mk) == mine.end()) {
                    std::vector<std::string> others;
                    for (auto& [ol, om] : parsed) {
                        auto x = om.marks();
                        if (std::find(x.begin(), x.end(), mk) != x.end()) others.push_back(ol);
                    }
                    c.error(step.narration[l].where, "script.translation",
                            fmt::format("missing translation: the {} narration of {} has no <mark name=\"{}\"/> ({} has it): "
                                        "put it before the word it belongs to",
                                        languageName(l), where, mk, join(others)));
                }
        }
        for (size_t hi = 0; hi < step.request.highlights.size(); ++hi) {
            const auto& h = step.request.highlights[hi];
            if (h.mark.empty() || all.count(h.mark)) continue;
            std::vector<std::string> marks(all.begin(), all.end());
            std::string hint = closestMatch(h.mark, marks);
            c.error(step.highlightWhere[hi], "script.mark",
                    fmt::format("the highlight's mark '{}' is not in the narration of {}{}", h.mark, where,
                                marks.empty() ? std::string(": the narration has no marks")
                                : hint.empty() ? fmt::format(" (its marks: {})", join(marks))
                                               : fmt::format(": did you mean '{}'?", hint)));
        }
    }
    // A script alone (no manifest) is checked as one variant of every step.
    std::vector<std::string> variantIds;
    for (auto& v : doc.info.variants) variantIds.push_back(v.id);
    if (variantIds.empty()) variantIds.emplace_back();
    for (const std::string& variant : variantIds) {
        auto inVariant = [&](const ScriptStep& s) {
            return variant.empty() || s.variants.empty() || std::find(s.variants.begin(), s.variants.end(), variant) != s.variants.end();
        };
        bool any = std::any_of(doc.steps.begin(), doc.steps.end(), inVariant);
        if (!any && !variant.empty())
            c.error({doc.manifestFile.string(), 1, 1}, "script.variant", fmt::format("variant '{}' has no steps", variant));
        // What the steps' breath cycles, durations and pauses add up to,
        // before a word is spoken: more than Soma plays is said here, not
        // when the session is built.
        double total = 0;
        for (const ScriptStep& step : doc.steps) {
            if (!inVariant(step)) continue;
            const StepRequest& rq = step.request;
            double body = rq.minDurationSec;
            if (rq.breath && rq.breath->cycles > 0)
                body = std::max(body, rq.breath->cycles * (rq.breath->inhaleSec + rq.breath->holdInSec + rq.breath->exhaleSec +
                                                           rq.breath->holdOutSec));
            total += body + rq.pauseAfterSec;
            if (total > kMaxSessionSec) {
                c.error(step.where, "script.too_long",
                        fmt::format("by step '{}' the {} lasts {:.1f} hours without its narration, longer than the {:g} Soma "
                                    "plays: fewer breath cycles, shorter pauses or fewer steps",
                                    step.id, variant.empty() ? std::string("session") : "'" + variant + "' variant", total / 3600.0,
                                    kMaxSessionSec / 3600.0));
                break;
            }
        }
    }
}

void parseScript(Checker& c, const toml::table& root, ScriptDocument& doc) {
    c.checkKeys(root, {"defaults", "step"}, "script.toml");
    if (const toml::node* d = root.get("defaults")) {
        if (const toml::table* dt = d->as_table()) {
            c.checkKeys(*dt, {"pose", "camera", "ambience", "pacer", "breath"}, "[defaults]");
            auto& df = doc.defaults;
            df.pose = c.choice(*dt, "pose", "[defaults]").value_or(df.pose);
            df.camera = c.choice(*dt, "camera", "[defaults]").value_or(df.camera);
            df.ambience = c.choice(*dt, "ambience", "[defaults]").value_or(df.ambience);
            df.pacer = c.boolean(*dt, "pacer", "[defaults]").value_or(df.pacer);
            if (const toml::node* b = dt->get("breath")) df.breath = parseBreath(c, *b, "[defaults]");
        } else {
            c.error(c.at(*d), "script.type", "defaults must be a table: [defaults]");
        }
    }
    const toml::node* s = root.get("step");
    if (!s) {
        c.error({c.file(), 1, 1}, "script.step", "the script has no [[step]]: add at least one");
        return;
    }
    const toml::array* a = s->as_array();
    if (!a || !a->is_array_of_tables()) {
        c.error(c.at(*s), "script.type", "step must be [[step]] sections");
        return;
    }
    for (size_t i = 0; i < a->size(); ++i) parseStep(c, *(*a)[i].as_table(), doc, doc.defaults, int(i));
    if (auto r = checkStepCount(a->size())) c.error(c.at(*s), "script.step", r->message);
    checkTranslations(c, root, doc);
}

} // namespace

ScriptParse parseScriptExercise(const fs::path& path) {
    ScriptParse out;
    ScriptDocument& doc = out.document;
    std::error_code ec;
    fs::path manifest, script;
    if (fs::is_directory(path, ec)) {
        doc.folder = path;
        manifest = path / "manifest.toml";
    } else if (path.filename() == "manifest.toml") {
        doc.folder = path.parent_path();
        manifest = path;
    } else {
        doc.folder = path.parent_path();
        script = path;
        if (fs::is_regular_file(doc.folder / "manifest.toml", ec)) manifest = doc.folder / "manifest.toml";
    }
    if (!fs::exists(path, ec)) {
        out.problems.push_back({{path.string(), 1, 1}, "script.io", "no such file or folder"});
        return out;
    }

    std::optional<toml::table> manifestTable;
    if (!manifest.empty()) {
        doc.manifestFile = manifest;
        auto text = readFile(manifest, "manifest.toml");
        if (!text) {
            out.problems.push_back({{manifest.string(), 1, 1}, "script.io",
                                    fmt::format("{}: an exercise folder needs one (see docs/plugins.md)",
                                                text.error().message.substr(manifest.string().size() + 2))});
            return out;
        }
        manifestTable = parseScriptToml(manifest.string(), *text, out.problems);
        if (manifestTable) {
            Checker c(manifest.string(), *text, out.problems);
            parseManifest(c, *manifestTable, doc);
        }
        if (script.empty()) script = doc.folder / (doc.scriptFile.empty() ? fs::path("script.toml") : doc.scriptFile);
        if (doc.info.kind == PluginKind::Native) {
            doc.info.path = doc.folder;
            // A native exercise's session comes from its library, which
            // must be there.
            if (!doc.library.empty() && !fs::is_regular_file(doc.folder / doc.library, ec))
                out.problems.push_back({{manifest.string(), 1, 1}, "manifest.library",
                                        fmt::format("{}: no such library in the exercise's folder: build it there, or correct library = "
                                                    "\"{}\" in manifest.toml",
                                                    (doc.folder / doc.library).string(), doc.library)});
            return out;
        }
    }
    doc.info.path = doc.folder;
    doc.scriptFile = script;
    auto text = readFile(script, "the script file");
    if (!text) {
        out.problems.push_back({{script.string(), 1, 1}, "script.io",
                                fmt::format("{}; check the name in manifest.toml", text.error().message.substr(script.string().size() + 2))});
        return out;
    }
    auto root = parseScriptToml(script.string(), *text, out.problems);
    if (!root) return out;
    Checker c(script.string(), *text, out.problems);
    if (!manifestTable) {
        // A script on its own: its languages are the ones it uses.
        std::set<std::string> langs;
        if (auto s = root->get("step"); s && s->as_array())
            for (auto& e : *s->as_array())
                if (auto t = e.as_table())
                    if (auto n = t->get("narration"); n && n->as_table())
                        for (auto&& [k, v] : *n->as_table()) langs.insert(std::string(k.str()));
        doc.info.languages.assign(langs.begin(), langs.end());
    }
    parseScript(c, *root, doc);
    return out;
}

} // namespace soma
