#include "live/EventLog.h"
#include "core/Files.h"

#include "core/Json.h"
#include "core/Log.h"
#include "core/Toml.h"
#include "core/Paths.h"
#include "core/Text.h"
#include "model/Vocabulary.h"
#include "plugin/script/TensionMapFile.h"
#include "session/Session.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>

namespace soma {
namespace {

namespace fs = std::filesystem;

constexpr int kFormat = 1;

std::string tomlList(const std::vector<std::string>& list) {
    std::string o = "[";
    for (size_t i = 0; i < list.size(); ++i) o += (i ? ", " : "") + tomlString(list[i]);
    return o + "]";
}

std::string eventFields(const ExerciseEvent& e) {
    return fmt::format("at = {}  # {:.3f} s\nstep = {}\nstep_index = {}\n", e.at, toSeconds(e.at), tomlString(e.stepId), e.stepIndex);
}

// The wall clock only names the file (and says when, for the therapist);
// session time never comes from it.
std::string startStamp(std::string& readable) {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char name[32], text[32];
    std::strftime(name, sizeof name, "%Y%m%dT%H%M%SZ", &tm);
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    readable = text;
    return name;
}

int lineOf(const toml::node& n) { return int(n.source().begin.line); }

Error invalid(const fs::path& file, int line, const std::string& what) {
    return Error{"eventlog.invalid",
                 fmt::format("{}:{}: {} (a session log written by `soma run`; was it edited or cut short?)", file.string(), line, what)};
}

} // namespace


// ----- writing

namespace {

// A session log's own name: 20261201T174148Z-body-scan.toml (-2, -3, ...
// for a second run in the same second).
bool isSessionLogName(const std::string& name) {
    if (name.size() < 22 || name.compare(name.size() - 5, 5, ".toml") != 0) return false;
    for (size_t i = 0; i < 16; ++i) {
        const char c = name[i];
        const bool digit = c >= '0' && c <= '9';
        if (i == 8 ? c != 'T' : i == 15 ? c != 'Z' : !digit) return false;
    }
    return name[16] == '-';
}

// Deletes the folder's session logs past their time or their number; a log
// that cannot be deleted is reported once and left.
void pruneLogs(const fs::path& dir, int keepDays, int keepAtMost) {
    if (keepDays <= 0 && keepAtMost <= 0) return;
    std::error_code ec;
    std::vector<std::pair<fs::file_time_type, fs::path>> logs;
    for (const fs::directory_entry& e : fs::directory_iterator(dir, ec))
        if (e.is_regular_file(ec) && isSessionLogName(e.path().filename().string())) {
            std::error_code tec;
            const auto when = e.last_write_time(tec);
            if (!tec) logs.emplace_back(when, e.path()); // a file of unknown age is left alone
        }
    std::sort(logs.begin(), logs.end(), [](const auto& a, const auto& b) { return a.first > b.first; }); // newest first
    const auto cutoff = fs::file_time_type::clock::now() - std::chrono::hours(24) * keepDays;
    int removed = 0;
    for (size_t i = 0; i < logs.size(); ++i) {
        const bool tooOld = keepDays > 0 && logs[i].first < cutoff;
        const bool tooMany = keepAtMost > 0 && i >= size_t(keepAtMost);
        if (!tooOld && !tooMany) continue;
        if (fs::remove(logs[i].second, ec)) ++removed;
        else if (ec) {
            log::warn("eventlog.prune", "{}: cannot delete this old session log ({})", logs[i].second.string(), ec.message());
            return;
        }
    }
    if (removed > 0)
        log::info("eventlog.prune", "deleted {} session log(s) older than {} days or beyond the newest {} in {}", removed, keepDays,
                  keepAtMost, dir.string());
}

} // namespace

Result<std::unique_ptr<EventLog>> EventLog::create(const EventLogDesc& d) {
    const fs::path dir = d.dir.empty() ? paths::stateHome() / "sessions" : d.dir;
    std::error_code ec;
    const bool made = !fs::exists(dir, ec);
    fs::create_directories(dir, ec);
    if (!ec && made) fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace, ec); // this user's alone
    if (ec)
        return Error{"eventlog.open", fmt::format("{}: cannot create the folder for session logs ({}); the session goes on "
                                                  "without a log. Make the folder writable or set XDG_STATE_HOME.",
                                                  dir.string(), ec.message())};
    std::string started;
    const std::string stamp = startStamp(started);
    fs::path path;
    std::FILE* f = nullptr;
    // Two runs may start in the same second: the second gets a suffix.
    for (int n = 1; n < 100 && !f; ++n) {
        path = dir / (n == 1 ? fmt::format("{}-{}.toml", stamp, d.header.exercise)
                             : fmt::format("{}-{}-{}.toml", stamp, d.header.exercise, n));
        // Readable by this user alone: a log can hold a client's tension map.
        const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        f = fd >= 0 ? ::fdopen(fd, "w") : nullptr;
        if (fd >= 0 && !f) ::close(fd);
        if (!f && errno != EEXIST) break;
    }
    if (!f)
        return Error{"eventlog.open", fmt::format("{}: cannot write the session log ({}); the session goes on without a log. "
                                                  "Make the folder writable or set XDG_STATE_HOME.",
                                                  path.string(), std::strerror(errno))};
    std::unique_ptr<EventLog> log(new EventLog(path, f));
    pruneLogs(dir, d.keepDays, d.keepAtMost);
    const EventLogHeader& h = d.header;
    std::string text = fmt::format(
        "# A Soma session log: the person's events and the exercise's answers, at session times in samples\n"
        "# ({} a second). Replay it: soma export {} --lang {} --variant {} --replay THIS_FILE --out DIR\n"
        "format = {}\nstarted = {}\nsample_rate = {}\nexercise = {}\nlang = {}\nvariant = {}\nbreaths_per_minute = {}\n",
        kMixRate, h.exercise, h.lang, h.variant, kFormat, tomlString(started), kMixRate, tomlString(h.exercise), tomlString(h.lang),
        tomlString(h.variant), fmt::format("{:.3f}", h.breathsPerMinute));
    // The voice's speed sets every time in the session: a replay speaks at it too.
    if (h.voiceRateWpm > 0) text += fmt::format("voice_rate = {}\n", h.voiceRateWpm);
    // The person's mix as the session began: a replay sounds the same.
    text += fmt::format("voice_volume = {:.3f}\nambience_volume = {:.3f}\nambience = {}\nbreath_pacer = {}\n", h.mix.voiceVolume,
                        h.mix.ambienceVolume, tomlString(h.mix.ambience), h.mix.breathPacer ? "true" : "false");
    // The same tables as a tension map file (plugin/script/TensionMapFile.h), named [[tension]] here.
    if (h.tension) text += tensionTablesToml(*h.tension, "tension");
    log->append(text);
    if (log->mWriteFailed) return Error{"eventlog.open", fmt::format("{}: cannot write the session log", path.string())};
    return log;
}

EventLog::~EventLog() {
    if (mFile) std::fclose(mFile);
}

void EventLog::append(const std::string& text) {
    // Flushed entry by entry: a crash keeps all that came before it.
    const bool ok = std::fwrite(text.data(), 1, text.size(), mFile) == text.size() && std::fflush(mFile) == 0;
    if (!ok && !mWriteFailed)
        log::error("eventlog.write", "{}: cannot write to the session log ({}); the session goes on, but this log is incomplete",
                   mPath.string(), std::strerror(errno));
    mWriteFailed = mWriteFailed || !ok;
}

void EventLog::event(const ExerciseEvent& e) { append(fmt::format("\n[[event]]\ntype = {}\n{}", tomlString(toString(e.type)), eventFields(e))); }

void EventLog::reaction(const ReactionRecord& r) {
    std::vector<std::string> ids;
    for (const StepRequest& s : r.change.insertSteps) ids.push_back(s.id);
    append(fmt::format("\n[[reaction]]\nevent = {}\n{}insert_after = {}\ninsert = {}\nremove = {}\n", tomlString(toString(r.event.type)),
                       eventFields(r.event), tomlString(r.change.insertAfter), tomlList(ids), tomlList(r.change.removeSteps)));
}

void EventLog::seek(const SeekRecord& r) {
    append(fmt::format("\n[[seek]]\nat = {}  # {:.3f} s\nto = {}  # {:.3f} s\nstep = {}\nstep_index = {}\n", r.at, toSeconds(r.at), r.to,
                       toSeconds(r.to), tomlString(r.stepId), r.stepIndex));
}

void EventLog::mix(const MixRecord& r) {
    append(fmt::format("\n[[mix]]\nat = {}  # {:.3f} s\nfrom = {}\nvoice_volume = {:.3f}\nambience_volume = {:.3f}\n", r.at,
                       toSeconds(r.at), r.from, r.voiceVolume, r.ambienceVolume));
}

void EventLog::end(Samples at) { append(fmt::format("\n[end]\nat = {}  # {:.3f} s\n", at, toSeconds(at))); }

// ----- reading

namespace {

struct Reader {
    const fs::path& file;

    Result<std::string> text(const toml::table& t, const char* key, int line, bool required = true) {
        const toml::node* n = t.get(key);
        if (!n) {
            if (!required) return std::string{};
            return invalid(file, line, fmt::format("'{}' is missing", key));
        }
        if (!n->is_string()) return invalid(file, lineOf(*n), fmt::format("'{}' must be a string", key));
        return *n->value<std::string>();
    }

    Result<std::int64_t> integer(const toml::table& t, const char* key, int line, bool required = true, std::int64_t fallback = 0) {
        const toml::node* n = t.get(key);
        if (!n) {
            if (!required) return fallback;
            return invalid(file, line, fmt::format("'{}' is missing", key));
        }
        if (!n->is_integer()) return invalid(file, lineOf(*n), fmt::format("'{}' must be a whole number", key));
        return *n->value<std::int64_t>();
    }

    Result<std::vector<std::string>> strings(const toml::table& t, const char* key) {
        std::vector<std::string> out;
        const toml::node* n = t.get(key);
        if (!n) return out;
        const toml::array* a = n->as_array();
        if (!a) return invalid(file, lineOf(*n), fmt::format("'{}' must be a list of step ids", key));
        for (const toml::node& e : *a) {
            if (!e.is_string()) return invalid(file, lineOf(e), fmt::format("'{}' must hold only step ids (strings)", key));
            out.push_back(*e.value<std::string>());
        }
        return out;
    }

    // The fields an event and a reaction share.
    Result<ExerciseEvent> event(const toml::table& t, const char* typeKey, int line) {
        auto type = text(t, typeKey, line);
        if (!type) return type.error();
        auto kind = eventTypeFromString(*type);
        if (!kind) return invalid(file, lineOf(*t.get(typeKey)), fmt::format("unknown event type '{}' (known: paused, resumed, "
                                                                               "grounding, step_started, step_ended)", *type));
        auto at = integer(t, "at", line);
        if (!at) return at.error();
        if (*at < 0) return invalid(file, lineOf(*t.get("at")), "'at' is a session time in samples and cannot be negative");
        auto step = text(t, "step", line, false);
        if (!step) return step.error();
        auto index = integer(t, "step_index", line, false, -1);
        if (!index) return index.error();
        ExerciseEvent e;
        e.type = *kind;
        e.at = *at;
        e.stepId = *step;
        e.stepIndex = int(*index);
        return e;
    }

    // A level of the person's mix, 0..1; absent: left as it is.
    struct Volume {
        const char* key;
        float* value;
    };
    Status volume(const toml::table& t, const char* key, float* value) {
        const toml::node* n = t.get(key);
        if (!n) return Ok{};
        auto v = n->value<double>();
        if (!v || !std::isfinite(*v) || *v < 0 || *v > 1) return invalid(file, lineOf(*n), fmt::format("'{}' must be a number from 0 to 1", key));
        *value = float(*v);
        return Ok{};
    }

    const toml::array* tables(const toml::table& root, const char* key, Error& err) {
        const toml::node* n = root.get(key);
        if (!n) return nullptr;
        const toml::array* a = n->as_array();
        if (!a || !a->is_array_of_tables())
            err = invalid(file, lineOf(*n), fmt::format("'{}' must be written as [[{}]] entries", key, key));
        return a;
    }
};

} // namespace

Result<SessionLog> readEventLog(const fs::path& file) {
    auto text = readTextFile(file, "the session log");
    if (!text)
        return Error{"eventlog.open", fmt::format("{} (`soma run` says where it wrote its log when it ends)", text.error().message)};
    toml::table root;
    TomlParse parsed = parseToml(*text, file.string());
    if (!parsed.ok)
        return Error{"eventlog.syntax", fmt::format("{}:{}:{}: {} (not a session log as `soma run` writes it)", file.string(),
                                                    parsed.where.line, parsed.where.column, parsed.description)};
    root = std::move(parsed.table);
    Reader rd{file};
    SessionLog log;
    log.file = file;
    auto format = rd.integer(root, "format", 1);
    if (!format) return format.error();
    if (*format != kFormat)
        return invalid(file, lineOf(*root.get("format")),
                       fmt::format("log format {} is not the format {} this Soma reads", *format, kFormat));
    if (const toml::node* rate = root.get("sample_rate"); rate && rate->value<std::int64_t>() != std::int64_t(kMixRate))
        return invalid(file, lineOf(*rate), fmt::format("sample_rate must be {}", kMixRate));
    auto exercise = rd.text(root, "exercise", 1);
    if (!exercise) return exercise.error();
    log.headerLine = lineOf(*root.get("exercise"));
    auto lang = rd.text(root, "lang", 1);
    if (!lang) return lang.error();
    auto variant = rd.text(root, "variant", 1);
    if (!variant) return variant.error();
    log.header.exercise = *exercise;
    log.header.lang = *lang;
    log.header.variant = *variant;
    if (const toml::node* bpm = root.get("breaths_per_minute")) {
        auto v = bpm->value<double>();
        if (!v || !std::isfinite(*v) || *v < 0) return invalid(file, lineOf(*bpm), "'breaths_per_minute' must be 0 or a positive number");
        log.header.breathsPerMinute = *v;
    }
    if (const toml::node* rate = root.get("voice_rate")) {
        auto v = rate->value<std::int64_t>();
        if (!v || *v < 0 || *v > 1000) return invalid(file, lineOf(*rate), "'voice_rate' must be the voice's words a minute (0: its default)");
        log.header.voiceRateWpm = int(*v);
    }
    {
        // A log written before the mix was kept was made with the neutral one.
        Reader::Volume volumes[] = {{"voice_volume", &log.header.mix.voiceVolume}, {"ambience_volume", &log.header.mix.ambienceVolume}};
        for (const auto& v : volumes)
            if (auto st = rd.volume(root, v.key, v.value); !st) return st.error();
        if (const toml::node* bed = root.get("ambience")) {
            auto b = bed->value<std::string>();
            if (!b || (*b != "exercise" && !isAmbience(*b)))
                return invalid(file, lineOf(*bed), fmt::format("'ambience' must be \"exercise\" or an ambience ({})", join(ambienceIds(), ", ")));
            log.header.mix.ambience = *b;
        }
        if (const toml::node* pacer = root.get("breath_pacer")) {
            auto p = pacer->value<bool>();
            if (!p) return invalid(file, lineOf(*pacer), "'breath_pacer' must be true or false");
            log.header.mix.breathPacer = *p;
        }
    }
    if (root.contains("tension")) {
        // Checked by the tension map's own reader (from the same text, so the
        // lines are the log's), so a log holds exactly what a map file may.
        TensionMapParse tp = parseTensionTables(*text, file.string(), "tension");
        if (!tp.ok()) return invalid(file, tp.problems.front().where.line, tp.problems.front().message);
        log.header.tension = std::move(tp.map);
    }
    Error err;
    if (const toml::array* es = rd.tables(root, "event", err)) {
        for (const toml::node& n : *es) {
            auto e = rd.event(*n.as_table(), "type", lineOf(n));
            if (!e) return e.error();
            if (!isPersonEvent(e->type))
                return invalid(file, lineOf(n), fmt::format("an [[event]] is the person's own (paused, resumed, grounding), not {}",
                                                            toString(e->type)));
            log.events.push_back({*e, lineOf(n)});
        }
    }
    if (!err.id.empty()) return err;
    if (const toml::array* ss = rd.tables(root, "seek", err)) {
        for (const toml::node& n : *ss) {
            const toml::table& t = *n.as_table();
            LoggedSeek s;
            s.line = lineOf(n);
            for (auto [key, value] : {std::pair{"at", &s.seek.at}, std::pair{"to", &s.seek.to}}) {
                auto v = rd.integer(t, key, s.line);
                if (!v) return v.error();
                if (*v < 0) return invalid(file, lineOf(*t.get(key)), fmt::format("'{}' is a session time in samples and cannot be negative", key));
                *value = *v;
            }
            auto step = rd.text(t, "step", s.line, false);
            if (!step) return step.error();
            auto index = rd.integer(t, "step_index", s.line, false, -1);
            if (!index) return index.error();
            s.seek.stepId = *step;
            s.seek.stepIndex = int(*index);
            log.seeks.push_back(std::move(s));
        }
    }
    if (!err.id.empty()) return err;
    if (const toml::array* ms = rd.tables(root, "mix", err)) {
        for (const toml::node& n : *ms) {
            const toml::table& t = *n.as_table();
            LoggedMix m;
            m.line = lineOf(n);
            for (auto [key, value] : {std::pair{"at", &m.mix.at}, std::pair{"from", &m.mix.from}}) {
                auto v = rd.integer(t, key, m.line);
                if (!v) return v.error();
                if (*v < 0) return invalid(file, lineOf(*t.get(key)), fmt::format("'{}' is a session time in samples and cannot be negative", key));
                *value = *v;
            }
            for (auto [key, value] : {std::pair{"voice_volume", &m.mix.voiceVolume}, std::pair{"ambience_volume", &m.mix.ambienceVolume}}) {
                if (!t.get(key)) return invalid(file, m.line, fmt::format("'{}' is missing", key));
                if (auto st = rd.volume(t, key, value); !st) return st.error();
            }
            log.mixes.push_back(std::move(m));
        }
    }
    if (!err.id.empty()) return err;
    // In the order they happened: each at or after the clock the one before
    // left, and a seek leaves the clock where it went.
    Samples clock = 0;
    for (const ReplayItem& item : replayOrder(log)) {
        if (item.at < clock)
            return invalid(file, item.line, "the person's entries must be in the order they happened (this one is earlier than "
                                            "where the one before left the clock)");
        clock = item.seek ? item.seek->to : item.at;
    }
    if (const toml::array* rs = rd.tables(root, "reaction", err)) {
        for (const toml::node& n : *rs) {
            const toml::table& t = *n.as_table();
            auto e = rd.event(t, "event", lineOf(n));
            if (!e) return e.error();
            LoggedReaction r;
            r.event = *e;
            r.line = lineOf(n);
            auto after = rd.text(t, "insert_after", r.line, false);
            if (!after) return after.error();
            r.insertAfter = *after;
            auto ins = rd.strings(t, "insert");
            if (!ins) return ins.error();
            r.inserted = *ins;
            auto rem = rd.strings(t, "remove");
            if (!rem) return rem.error();
            r.removed = *rem;
            log.reactions.push_back(std::move(r));
        }
    }
    if (!err.id.empty()) return err;
    if (const toml::node* end = root.get("end")) {
        const toml::table* t = end->as_table();
        if (!t) return invalid(file, lineOf(*end), "'end' must be an [end] table");
        auto at = rd.integer(*t, "at", lineOf(*end));
        if (!at) return at.error();
        log.endedAt = *at;
    }
    // Anything else is a typo or another program's file: say so rather than ignore it.
    for (const auto& [key, node] : root) {
        static const char* known[] = {"format", "started", "sample_rate", "exercise", "lang", "variant", "breaths_per_minute",
                                      "voice_rate", "voice_volume", "ambience_volume", "ambience", "breath_pacer", "tension",
                                      "tension_choice", "event", "seek", "mix", "reaction", "end",
                                      "check_in"}; // the person's check-ins (live/CheckIns), not part of the replay
        const std::string_view name = key.str();
        if (std::find_if(std::begin(known), std::end(known), [name](const char* k) { return name == k; }) == std::end(known))
            return invalid(file, lineOf(node), fmt::format("unknown key '{}'", std::string(key.str())));
    }
    return log;
}

std::vector<ReplayItem> replayOrder(const SessionLog& log) {
    // The file is written as things happen, so its lines are their order.
    std::vector<std::pair<int, ReplayItem>> byLine;
    for (const LoggedEvent& e : log.events) byLine.push_back({e.line, {ReplayItem::Kind::Event, e.event.at, &e.event, nullptr, nullptr, e.line}});
    for (const LoggedSeek& s : log.seeks) byLine.push_back({s.line, {ReplayItem::Kind::Seek, s.seek.at, nullptr, &s.seek, nullptr, s.line}});
    for (const LoggedMix& m : log.mixes) byLine.push_back({m.line, {ReplayItem::Kind::Mix, m.mix.at, nullptr, nullptr, &m.mix, m.line}});
    std::stable_sort(byLine.begin(), byLine.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
    std::vector<ReplayItem> out;
    for (const auto& [line, item] : byLine) out.push_back(item);
    return out;
}

Status checkLogMatches(const SessionLog& log, const std::string& exercise, const std::string& lang, const std::string& variant,
                       double bpm, bool hasTensionMap) {
    const EventLogHeader& h = log.header;
    const bool same = h.exercise == exercise && h.lang == lang && h.variant == variant &&
                      std::fabs(h.breathsPerMinute - bpm) < 1e-6 && h.tension.has_value() == hasTensionMap;
    if (same) return Ok{};
    std::string bpmArg = h.breathsPerMinute > 0 ? fmt::format(" --breaths-per-minute {}", h.breathsPerMinute) : "";
    std::string why = h.tension && !hasTensionMap ? "; it was made with the client's tension map, which this export does not have" : "";
    return Error{"eventlog.mismatch",
                 fmt::format("{}:{}: this log is of a session of '{}' ({}, {}{}), not of '{}' ({}, {}{}){}: replay it with "
                             "`soma export {} --lang {} --variant {}{} --replay {}`",
                             log.file.string(), log.headerLine, h.exercise, h.lang, h.variant,
                             h.breathsPerMinute > 0 ? fmt::format(", {} breaths a minute", h.breathsPerMinute) : "", exercise, lang,
                             variant, bpm > 0 ? fmt::format(", {} breaths a minute", bpm) : "", why, h.exercise, h.lang, h.variant,
                             bpmArg, log.file.string())};
}

Status compareReactions(const SessionLog& log, const std::vector<ReactionRecord>& replayed, Samples upTo) {
    std::vector<const LoggedReaction*> expected;
    for (const LoggedReaction& r : log.reactions)
        if (r.event.at < upTo) expected.push_back(&r);
    for (size_t i = 0; i < std::max(expected.size(), replayed.size()); ++i) {
        if (i >= replayed.size())
            return Error{"eventlog.diverged", fmt::format("{}:{}: the live run's reaction to {} at {:.3f} s did not happen in the replay",
                                                          log.file.string(), expected[i]->line, toString(expected[i]->event.type),
                                                          toSeconds(expected[i]->event.at))};
        const ReactionRecord& got = replayed[i];
        if (i >= expected.size())
            return Error{"eventlog.diverged", fmt::format("{}: the replay reacted to {} at {:.3f} s, which the live run did not",
                                                          log.file.string(), toString(got.event.type), toSeconds(got.event.at))};
        std::vector<std::string> ids;
        for (const StepRequest& s : got.change.insertSteps) ids.push_back(s.id);
        const LoggedReaction& want = *expected[i];
        // A step event's time is when a frame (live) or a chunk (export)
        // noticed the boundary, so for those the step is what must match.
        const bool sameMoment = isPersonEvent(want.event.type) ? got.event.at == want.event.at : got.event.stepId == want.event.stepId;
        if (!sameMoment || got.event.type != want.event.type || got.change.insertAfter != want.insertAfter ||
            ids != want.inserted || got.change.removeSteps != want.removed)
            return Error{"eventlog.diverged",
                         fmt::format("{}:{}: the replay's reaction to {} at {:.3f} s differs from the live run's (the exercise does not "
                                     "answer the same events the same way)",
                                     log.file.string(), want.line, toString(got.event.type), toSeconds(got.event.at))};
    }
    return Ok{};
}

} // namespace soma
