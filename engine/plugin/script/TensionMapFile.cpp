#include "plugin/script/TensionMapFile.h"

#include "core/Files.h"
#include "core/Json.h"
#include "core/Text.h"
#include "core/Toml.h"
#include "model/RegionAtlas.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <system_error>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

namespace soma {
namespace {

namespace fs = std::filesystem;

constexpr const char* kFormatHint = "see docs/tension-maps.md";
constexpr std::int64_t kLastTomlSecond = 253402300799; // 9999-12-31T23:59:59Z

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's civil
// calendar arithmetic), so no time zone of this machine is involved.
std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + std::int64_t(doe) - 719468;
}

std::string utcText(std::int64_t t) {
    const auto tt = static_cast<std::time_t>(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

struct Parser {
    std::string file;
    TensionMapParse out;

    void problem(const toml::source_region& at, const char* id, std::string message) {
        out.problems.push_back({{file, int(at.begin.line), int(at.begin.column)}, id, std::move(message)});
    }
    void invalid(const toml::source_region& at, std::string message) { problem(at, "tension.invalid", std::move(message)); }

    std::optional<std::int64_t> time(const toml::node& n) {
        if (const auto* i = n.as_integer()) {
            if (i->get() < 0) {
                invalid(n.source(), "time cannot be before 1970: give seconds since 1970 (0 or more) or a date-time such as "
                                    "2026-11-30T10:15:00Z");
                return std::nullopt;
            }
            return i->get();
        }
        if (const auto* dt = n.as_date_time()) {
            const toml::date_time& v = dt->get();
            if (!v.offset) {
                invalid(n.source(), fmt::format("time has no time zone: add Z for UTC ({}-{:02}-{:02}T{:02}:{:02}:{:02}Z) or an "
                                                "offset such as +01:00",
                                                v.date.year, v.date.month, v.date.day, v.time.hour, v.time.minute, v.time.second));
                return std::nullopt;
            }
            // Whole seconds: a rating's time says when, not how precisely.
            const std::int64_t t = daysFromCivil(v.date.year, v.date.month, v.date.day) * 86400 + v.time.hour * 3600 +
                                   v.time.minute * 60 + v.time.second - std::int64_t(v.offset->minutes) * 60;
            if (t < 0) {
                invalid(n.source(), "time cannot be before 1970");
                return std::nullopt;
            }
            return t;
        }
        invalid(n.source(), "time must be a date-time with its time zone, such as 2026-11-30T10:15:00Z, or seconds since 1970");
        return std::nullopt;
    }

    // One [[region]] (or [[tension]]) entry; nullopt after reporting what is wrong.
    std::optional<TensionRating> rating(const toml::table& t, std::string_view table) {
        TensionRating r;
        bool ok = true;
        // A misspelt key is reported once, as itself, not again as the key it lacks.
        std::string misspelt;
        for (const auto& [key, node] : t) {
            const std::string k(key.str());
            if (k != "id" && k != "rating" && k != "note" && k != "time") {
                std::string meant;
                for (const char* known : {"id", "rating", "note", "time"})
                    if (editDistance(k, known) <= 2 && !t.get(known)) meant = known;
                if (!meant.empty()) misspelt += meant + ",";
                invalid(key.source(), fmt::format("unknown key '{}' in a [[{}]] entry{}: an entry holds id, rating and, if you like, "
                                                  "note and time",
                                                  k, table, meant.empty() ? "" : fmt::format(" (did you mean '{}'?)", meant)));
                ok = false;
            }
        }
        auto explained = [&](const char* key) { return misspelt.find(std::string(key) + ",") != std::string::npos; };
        const toml::node* id = t.get("id");
        if (!id && explained("id")) {
            ok = false;
        } else if (!id) {
            invalid(t.source(), fmt::format("this [[{}]] entry has no id: add one such as id = \"jaw\" (`soma regions` lists them)",
                                            table));
            ok = false;
        } else if (!id->is_string()) {
            invalid(id->source(), "id must be a region id in quotes, such as id = \"shoulder_left\" (`soma regions` lists them)");
            ok = false;
        } else {
            r.region = id->as_string()->get();
            if (!regionIndex(r.region)) {
                invalid(id->source(), fmt::format("unknown region '{}'; did you mean {}? (`soma regions` lists all)", r.region,
                                                  join(nearestRegions(r.region))));
                ok = false;
            }
        }
        const std::string who = r.region.empty() ? std::string("this entry") : fmt::format("region '{}'", r.region);
        if (const toml::node* n = t.get("rating")) {
            const auto* i = n->as_integer();
            if (!i || i->get() < 0 || i->get() > 10) {
                invalid(n->source(), fmt::format("the rating of {} must be a whole number from 0 (no tension) to 10", who));
                ok = false;
            } else {
                r.rating = int(i->get());
            }
        } else {
            if (!explained("rating")) invalid(t.source(), fmt::format("{} has no rating: add rating = 0 (no tension) to 10", who));
            ok = false;
        }
        if (const toml::node* n = t.get("note")) {
            if (!n->is_string()) {
                invalid(n->source(), "note must be text in quotes, such as note = \"trekt naar het oor\"");
                ok = false;
            } else {
                r.note = n->as_string()->get();
            }
        }
        if (const toml::node* n = t.get("time")) {
            if (auto v = time(*n)) r.timestamp = *v;
            else ok = false;
        }
        if (!ok) return std::nullopt;
        return r;
    }

    // One of the therapist's regions ("resource" or "tension"); nullopt
    // after reporting what is wrong.
    std::optional<std::string> chosenRegion(const toml::node& n, const char* key) {
        const auto* v = n.as_string();
        if (!v || v->get().empty()) {
            problem(n.source(), "tension.choice",
                    fmt::format("{} must be a region id in quotes, such as {} = \"{}\" (`soma regions` lists them), or leave the key out to "
                                "let the exercise choose",
                                key, key, std::string_view(key) == "resource" ? "hand_right" : "shoulder_left"));
            return std::nullopt;
        }
        const std::string id = v->get();
        if (!regionIndex(id)) {
            problem(n.source(), "tension.choice",
                    fmt::format("unknown region '{}' for {}; did you mean {}? (`soma regions` lists all)", id, key, join(nearestRegions(id))));
            return std::nullopt;
        }
        return id;
    }

    // The therapist's own choice of the easy place (resource) and the
    // place to work with (tension). Each is optional; together they must
    // make sense for an exercise that moves between them: the resource is
    // felt on the surface, and the two are neither one region nor
    // neighbours, or the "easy place" would be the tension's own edge.
    void choice(const toml::node* resource, const toml::node* tension) {
        std::optional<std::string> r, t;
        if (resource) r = chosenRegion(*resource, "resource");
        if (tension) t = chosenRegion(*tension, "tension");
        if (r) {
            const Region& region = regions()[size_t(*regionIndex(*r))];
            if (region.layer == Layer::Internal) {
                problem(resource->source(), "tension.choice",
                        fmt::format("resource '{}' lies inside the body: a resource is a place on the surface that the client can feel "
                                    "easily and that feels neutral or good, such as hand_right or foot_left",
                                    *r));
                r.reset();
            }
        }
        if (r && t && *r == *t) {
            problem(resource->source(), "tension.choice",
                    fmt::format("resource and tension are both '{}': choose a resource away from the tension", *r));
            return;
        }
        if (r && t && adjacent(*r, *t)) {
            problem(resource->source(), "tension.choice",
                    fmt::format("resource '{}' borders on tension '{}': choose a resource that does not touch it (not one of {})", *r, *t,
                                join(neighbours(*t))));
            return;
        }
        if (r) out.map.resource = *r;
        if (t) out.map.tension = *t;
    }

    // A session log's "<table>_choice = { resource = ..., tension = ... }".
    void embeddedChoice(const toml::node& n, std::string_view table) {
        const toml::table* t = n.as_table();
        if (!t) {
            invalid(n.source(), fmt::format("'{}_choice' must be a table such as {{ resource = \"hand_right\", tension = \"shoulder_left\" }}",
                                            table));
            return;
        }
        for (const auto& [key, node] : *t)
            if (key.str() != "resource" && key.str() != "tension")
                invalid(key.source(), fmt::format("unknown key '{}' in '{}_choice': it holds resource and tension", std::string(key.str()), table));
        choice(t->get("resource"), t->get("tension"));
    }

    void parse(std::string_view text, std::string_view table, bool wholeFile) {
        // Checked before TOML parses it, so the message can say what to do
        // (a note typed in Windows-1252 is the likely cause).
        if (auto bad = firstInvalidUtf8(text)) {
            out.problems.push_back({locate(text, *bad, file),
                                    "tension.syntax",
                                    "this is not UTF-8 text; save the file as UTF-8 (notes may be in any language, as in "
                                    "\"één keer per dag\", but not in Latin-1 or Windows-1252)"});
            return;
        }
        TomlParse parsed = parseToml(text, file);
        if (!parsed.ok) {
            out.problems.push_back({parsed.where, "tension.syntax",
                                    fmt::format("{} ({}: a tension map is TOML, [[region]] entries with id and rating)", parsed.description,
                                                kFormatHint)});
            return;
        }
        toml::table root = std::move(parsed.table);
        if (wholeFile) {
            for (const auto& [key, node] : root)
                if (key.str() != table && key.str() != "resource" && key.str() != "tension")
                    invalid(key.source(), fmt::format("unknown key '{}': a tension map holds [[region]] entries and, if you like, "
                                                      "resource and tension ({})",
                                                      std::string(key.str()), kFormatHint));
            choice(root.get("resource"), root.get("tension"));
        } else if (const toml::node* c = root.get(fmt::format("{}_choice", table))) {
            embeddedChoice(*c, table);
        }
        const toml::node* entries = root.get(table);
        if (!entries) {
            if (wholeFile)
                out.problems.push_back({{file, 1, 1}, "tension.invalid",
                                        fmt::format("no [[region]] entries: a tension map rates at least one region, as in\n"
                                                    "  [[region]]\n  id = \"shoulder_left\"\n  rating = 7\n({})",
                                                    kFormatHint)});
            return;
        }
        const toml::array* a = entries->as_array();
        if (!a || !a->is_array_of_tables()) {
            invalid(entries->source(), fmt::format("'{}' must be written as [[{}]] entries, one per region ({})", table, table, kFormatHint));
            return;
        }
        std::map<std::string, int> firstLine;
        bool ok = true;
        for (const toml::node& n : *a) {
            auto r = rating(*n.as_table(), table);
            if (!r) {
                ok = false;
                continue;
            }
            const toml::node& id = *n.as_table()->get("id");
            if (auto [it, fresh] = firstLine.emplace(r->region, int(id.source().begin.line)); !fresh) {
                invalid(id.source(), fmt::format("region '{}' is rated twice (first on line {}): give each region one rating",
                                                 r->region, it->second));
                ok = false;
                continue;
            }
            out.map.ratings.push_back(std::move(*r));
        }
        if (!ok) out.map.ratings.clear(); // never a partial map
        if (!out.problems.empty()) out.map = {};
    }
};

TensionMapParse parseImpl(std::string_view text, const std::string& file, std::string_view table, bool wholeFile) {
    Parser p{file, {}};
    p.parse(text, table, wholeFile);
    std::stable_sort(p.out.problems.begin(), p.out.problems.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return a.where.line != b.where.line ? a.where.line < b.where.line : a.where.column < b.where.column;
    });
    return std::move(p.out);
}

std::optional<std::string> readText(const fs::path& file, std::string& why) {
    auto text = readTextFile(file, "a tension map");
    if (!text) {
        why = text.error().message.substr(file.string().size() + 2);
        return std::nullopt;
    }
    return std::move(*text);
}

Error openError(const fs::path& file, const std::string& why) {
    return Error{"tension.open", fmt::format("{}: cannot read the tension map ({}); check the path ({})", file.string(), why, kFormatHint)};
}

// One error for the person: the first problem, and a pointer to the rest.
Error firstProblem(const TensionMapParse& p, const fs::path& file) {
    const Diagnostic& d = p.problems.front();
    std::string more;
    if (p.problems.size() > 1)
        more = fmt::format(" (and {} more problem(s): `soma validate {}` lists them all)", p.problems.size() - 1, file.string());
    return Error{d.id, fmt::format("{}:{}:{}: {}{}", d.where.file, d.where.line, d.where.column, d.message, more)};
}

} // namespace

TensionMapParse parseTensionMap(std::string_view text, const std::string& file) { return parseImpl(text, file, "region", true); }

TensionMapParse parseTensionTables(std::string_view text, const std::string& file, std::string_view table) {
    return parseImpl(text, file, table, false);
}

TensionMapParse checkTensionMapFile(const fs::path& file) {
    std::string why;
    auto text = readText(file, why);
    if (!text) {
        TensionMapParse p;
        p.problems.push_back({{file.string(), 1, 1}, "tension.open", openError(file, why).message});
        return p;
    }
    return parseTensionMap(*text, file.string());
}

Result<TensionMap> readTensionMap(const fs::path& file) {
    std::string why;
    auto text = readText(file, why);
    if (!text) return openError(file, why);
    TensionMapParse p = parseTensionMap(*text, file.string());
    if (!p.ok()) return firstProblem(p, file);
    return std::move(p.map);
}

namespace {

std::string entriesToml(const TensionMap& map, std::string_view table) {
    std::string o;
    for (const TensionRating& r : map.ratings) {
        o += fmt::format("\n[[{}]]\nid = {}\nrating = {}\n", table, tomlString(r.region), r.rating);
        if (!r.note.empty()) o += fmt::format("note = {}\n", tomlString(r.note));
        // A date-time where TOML can write one (years 1970 to 9999), seconds otherwise, so every value reads back.
        if (r.timestamp != 0)
            o += fmt::format("time = {}\n", r.timestamp < 0 || r.timestamp > kLastTomlSecond ? std::to_string(r.timestamp) : utcText(r.timestamp));
    }
    return o;
}

// "resource = ..." and "tension = ..." for the keys that are set, joined by sep.
std::string choiceKeys(const TensionMap& map, std::string_view sep) {
    std::string o;
    if (!map.resource.empty()) o += fmt::format("resource = {}", tomlString(map.resource));
    if (!map.tension.empty()) o += fmt::format("{}tension = {}", o.empty() ? "" : sep, tomlString(map.tension));
    return o;
}

} // namespace

// Keys come before the tables: in TOML, a key after [[table]] belongs to
// that table's last entry.
std::string tensionTablesToml(const TensionMap& map, std::string_view table) {
    std::string o;
    if (!map.resource.empty() || !map.tension.empty()) o += fmt::format("{}_choice = {{ {} }}\n", table, choiceKeys(map, ", "));
    return o + entriesToml(map, table);
}

std::string tensionMapToml(const TensionMap& map) {
    std::string o = "# A client's tension map for Soma: per region a rating from 0 (no tension) to 10,\n"
                    "# an optional note and when it was rated. `soma regions` lists the region ids;\n"
                    "# docs/tension-maps.md describes the format.\n";
    if (!map.resource.empty() || !map.tension.empty())
        o += "# The regions the therapist chose for exercises that move between an easy place and a tense one:\n" + choiceKeys(map, "\n") + "\n";
    return o + entriesToml(map, "region");
}

Status writeTensionMap(const TensionMap& map, const fs::path& file) {
    const std::string text = tensionMapToml(map);
    // What is written must read back as this map: check it as a reader would.
    TensionMapParse check = parseTensionMap(text, file.string());
    if (!check.ok()) {
        const Diagnostic& d = check.problems.front();
        return Error{"tension.invalid", fmt::format("{}: not written, this map cannot be read back: {}", file.string(), d.message)};
    }
    // Health data: readable by this user alone, like the file it replaces.
    AtomicWriteDesc wd;
    wd.mode = 0600;
    if (auto written = writeFileAtomically(file, text, wd); !written) return Error{"tension.write", written.error().message};
    return Ok{};
}

bool looksLikeTensionMap(const fs::path& file) {
    const std::string name = file.filename().string();
    if (file.extension() != ".toml" || name == "manifest.toml" || name == "script.toml") return false;
    auto text = readTextFile(file, "a tension map");
    if (!text) return false;
    // A byte order mark (some Windows editors write one) is not a line's start.
    if (text->rfind("\xEF\xBB\xBF", 0) == 0) text->erase(0, 3);
    std::istringstream in(*text);
    bool region = false;
    std::string line;
    while (std::getline(in, line)) {
        std::string s;
        for (char c : line.substr(0, line.find('#')))
            if (c != ' ' && c != '\t' && c != '\r') s += c;
        if (s == "[[region]]") region = true;
        if (s.rfind("[[step", 0) == 0 || s.rfind("[step", 0) == 0 || s.rfind("[[variants", 0) == 0) return false;
    }
    return region;
}

} // namespace soma
