#include "records/RecordToml.h"

#include "core/Toml.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <ctime>
#include <optional>
#include <sstream>

namespace soma {
namespace {

// A rating's time as the therapist's clock showed it, for people.
toml::date_time localDateTime(std::int64_t t) {
    const auto tt = static_cast<std::time_t>(t);
    std::tm tm{};
    localtime_r(&tt, &tm);
    return toml::date_time{toml::date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday}, toml::time{tm.tm_hour, tm.tm_min, tm.tm_sec},
                           toml::time_offset{0, static_cast<int>(tm.tm_gmtoff / 60)}};
}

void putText(toml::table& t, std::string_view key, const std::string& value) {
    if (!value.empty()) t.insert(key, value);
}

toml::table recordTable(const ClientRecord& r, const std::vector<std::string>* logFiles) {
    toml::table t;
    if (!logFiles) t.insert("format", kRecordFormat);
    t.insert("id", r.id);
    t.insert("name", r.name);
    putText(t, "created", r.created);
    putText(t, "notes", r.notes);
    toml::array maps;
    for (const DatedMap& m : r.maps) {
        toml::table mt;
        putText(mt, "when", m.when);
        putText(mt, "resource", m.map.resource);
        putText(mt, "tension", m.map.tension);
        toml::array ratings;
        for (const TensionRating& rating : m.map.ratings) {
            toml::table rt;
            rt.insert("region", rating.region);
            rt.insert("rating", rating.rating);
            putText(rt, "note", rating.note);
            if (!logFiles) rt.insert("time", rating.timestamp);
            else if (rating.timestamp != 0) rt.insert("time", localDateTime(rating.timestamp));
            ratings.push_back(std::move(rt));
        }
        if (!ratings.empty()) mt.insert("rating", std::move(ratings));
        maps.push_back(std::move(mt));
    }
    if (!maps.empty()) t.insert("map", std::move(maps));
    toml::array sessions;
    for (std::size_t i = 0; i < r.sessions.size(); ++i) {
        const ClientSession& s = r.sessions[i];
        toml::table st;
        putText(st, "when", s.when);
        putText(st, "exercise", s.exercise);
        putText(st, "lang", s.lang);
        putText(st, "variant", s.variant);
        if (s.before) st.insert("before", *s.before);
        putText(st, "before_region", s.beforeRegion);
        if (s.after) st.insert("after", *s.after);
        putText(st, "after_region", s.afterRegion);
        if (!logFiles) putText(st, "log", s.log);
        else if (i < logFiles->size()) putText(st, "log_file", (*logFiles)[i]);
        sessions.push_back(std::move(st));
    }
    if (!sessions.empty()) t.insert("session", std::move(sessions));
    return t;
}

std::string written(const toml::table& t) {
    std::ostringstream out;
    out << t << '\n';
    return out.str();
}

struct Reader {
    std::string file;
    std::optional<Error> error;

    void fail(const toml::node& at, std::string_view what) {
        if (error) return; // the first problem is the one to fix
        const auto& b = at.source().begin;
        error = Error{"records.format", fmt::format("{}:{}:{}: {} (the file decrypted, but its text is not a record Soma writes; "
                                                    "restore it from a backup)",
                                                    file, b.line, b.column, what)};
    }

    std::string text(const toml::table& t, std::string_view key) {
        const toml::node* n = t.get(key);
        if (!n) return {};
        if (const auto* s = n->as_string()) return s->get();
        fail(*n, fmt::format("'{}' must be text", key));
        return {};
    }

    std::optional<std::int64_t> integer(const toml::table& t, std::string_view key, std::int64_t lo, std::int64_t hi) {
        const toml::node* n = t.get(key);
        if (!n) return std::nullopt;
        const auto* i = n->as_integer();
        if (!i || i->get() < lo || i->get() > hi) {
            fail(*n, fmt::format("'{}' must be a whole number from {} to {}", key, lo, hi));
            return std::nullopt;
        }
        return i->get();
    }

    const toml::array* tables(const toml::table& t, std::string_view key) {
        const toml::node* n = t.get(key);
        if (!n) return nullptr;
        const toml::array* a = n->as_array();
        if (!a || !a->is_array_of_tables()) {
            fail(*n, fmt::format("'{}' must be written as [[{}]] tables", key, key));
            return nullptr;
        }
        return a;
    }

    ClientRecord record(const toml::table& t) {
        ClientRecord r;
        if (const toml::node* f = t.get("format"); !f || !f->is_integer()) {
            fail(f ? *f : static_cast<const toml::node&>(t), "no format version");
        } else if (f->as_integer()->get() > kRecordFormat) {
            fail(*f, fmt::format("written by a newer Soma (record format {}, this one reads {}); open it with that version",
                                 f->as_integer()->get(), kRecordFormat));
            return r;
        }
        r.id = text(t, "id");
        r.name = text(t, "name");
        r.created = text(t, "created");
        r.notes = text(t, "notes");
        if (const toml::array* maps = tables(t, "map")) {
            for (const toml::node& n : *maps) {
                const toml::table& mt = *n.as_table();
                DatedMap m;
                m.when = text(mt, "when");
                m.map.resource = text(mt, "resource");
                m.map.tension = text(mt, "tension");
                if (const toml::array* ratings = tables(mt, "rating")) {
                    for (const toml::node& rn : *ratings) {
                        const toml::table& rt = *rn.as_table();
                        TensionRating rating;
                        rating.region = text(rt, "region");
                        rating.rating = int(integer(rt, "rating", 0, 10).value_or(0));
                        rating.note = text(rt, "note");
                        rating.timestamp = integer(rt, "time", INT64_MIN, INT64_MAX).value_or(0);
                        m.map.ratings.push_back(std::move(rating));
                    }
                }
                r.maps.push_back(std::move(m));
            }
        }
        if (const toml::array* sessions = tables(t, "session")) {
            for (const toml::node& n : *sessions) {
                const toml::table& st = *n.as_table();
                ClientSession s;
                s.when = text(st, "when");
                s.exercise = text(st, "exercise");
                s.lang = text(st, "lang");
                s.variant = text(st, "variant");
                if (auto v = integer(st, "before", 0, 10)) s.before = int(*v);
                if (auto v = integer(st, "after", 0, 10)) s.after = int(*v);
                s.beforeRegion = text(st, "before_region");
                s.afterRegion = text(st, "after_region");
                s.log = text(st, "log");
                r.sessions.push_back(std::move(s));
            }
        }
        return r;
    }
};

} // namespace

std::string recordToml(const ClientRecord& record) { return written(recordTable(record, nullptr)); }

Result<ClientRecord> parseRecordToml(std::string_view text, const std::string& file) {
    TomlParse parsed = parseToml(text, file);
    if (!parsed.ok)
        return Error{"records.format", fmt::format("{}:{}:{}: {} (the file decrypted, but its text is not TOML; restore it from a backup)",
                                                   parsed.where.file, parsed.where.line, parsed.where.column, parsed.description)};
    Reader reader{file, std::nullopt};
    ClientRecord r = reader.record(parsed.table);
    if (reader.error) return *reader.error;
    return r;
}

std::string readableToml(const ClientRecord& record, const std::vector<std::string>& logFiles) {
    return "# A client's record, exported from Soma in readable form. This is health data:\n"
           "# keep it where only you can read it, and delete it when you no longer need it.\n"
           "# Ratings run from 0 (no tension) to 10; each session's log is in the file named by log_file.\n\n" +
           written(recordTable(record, &logFiles));
}

} // namespace soma
