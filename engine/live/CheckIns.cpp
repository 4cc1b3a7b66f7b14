#include "live/CheckIns.h"

#include "core/Files.h"
#include "core/Log.h"
#include "core/Paths.h"
#include "core/Toml.h"

#include <fmt/format.h>

#include <ctime>
#include <fstream>
#include <sstream>
#include <system_error>

namespace soma {
namespace {

namespace fs = std::filesystem;

// One table's lines, without its header.
std::string tableBody(const CheckIn& c, bool withLog) {
    toml::table t;
    t.insert("when", c.when);
    t.insert("exercise", c.exercise);
    t.insert("lang", c.lang);
    t.insert("variant", c.variant);
    if (c.before) t.insert("before", *c.before);
    if (!c.beforeRegion.empty()) t.insert("before_region", c.beforeRegion);
    if (c.after) t.insert("after", *c.after);
    if (!c.afterRegion.empty()) t.insert("after_region", c.afterRegion);
    if (withLog && !c.log.empty()) t.insert("log", c.log.string());
    std::ostringstream out;
    out << t << '\n';
    return out.str();
}

std::optional<int> level(const toml::table& t, const char* key, bool& bad) {
    const toml::node* n = t.get(key);
    if (!n) return std::nullopt;
    const auto v = n->value<int64_t>();
    if (!v || *v < 0 || *v > 10) {
        bad = true;
        return std::nullopt;
    }
    return int(*v);
}

} // namespace

fs::path checkInFile() { return paths::stateHome() / "check-ins.toml"; }

std::string localTimeNow() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
    return buf;
}

Result<std::vector<CheckIn>> readCheckIns(const fs::path& file) {
    std::vector<CheckIn> out;
    std::error_code ec;
    if (!fs::exists(file, ec)) return out;
    auto text = readTextFile(file, "the check-ins file");
    if (!text) return Error{"checkin.read", fmt::format("{} (Soma leaves this file as it is)", text.error().message)};
    TomlParse parsed = parseToml(*text, file.string());
    if (!parsed.ok)
        return Error{"checkin.read", fmt::format("{}:{}:{}: {} (Soma leaves this file as it is; move it away to begin a new one)",
                                                 parsed.where.file, parsed.where.line, parsed.where.column, parsed.description)};
    const toml::array* all = parsed.table["check_in"].as_array();
    if (!all) return out;
    for (const toml::node& n : *all) {
        const toml::table* t = n.as_table();
        if (!t) continue;
        CheckIn c;
        c.when = t->get("when") ? t->get("when")->value_or(std::string()) : std::string();
        c.exercise = (*t)["exercise"].value_or(std::string());
        c.lang = (*t)["lang"].value_or(std::string());
        c.variant = (*t)["variant"].value_or(std::string());
        c.beforeRegion = (*t)["before_region"].value_or(std::string());
        c.afterRegion = (*t)["after_region"].value_or(std::string());
        c.log = (*t)["log"].value_or(std::string());
        bool bad = false;
        c.before = level(*t, "before", bad);
        c.after = level(*t, "after", bad);
        if (bad || c.exercise.empty() || c.when.size() < 10) {
            const auto& where = t->source().begin;
            log::warn("checkin.value", "{}:{}:{}: a check-in without an exercise, a date or a level from 0 to 10; left out", file.string(),
                      where.line, where.column);
            continue;
        }
        out.push_back(std::move(c));
    }
    return out;
}

Status appendCheckIn(const fs::path& file, const CheckIn& c) {
    std::string text;
    std::error_code ec;
    if (fs::exists(file, ec)) {
        // Read first: a broken file is the person's to look at, not to overwrite.
        if (auto r = readCheckIns(file); !r) return r.error();
        std::ifstream in(file, std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        text = ss.str();
    } else {
        text = "# Soma's check-ins: how much tension you noticed before and after each session (0 to 10).\n";
    }
    if (!text.empty() && text.back() != '\n') text += '\n';
    text += "\n[[check_in]]\n" + tableBody(c, true);
    fs::create_directories(file.parent_path(), ec);
    if (auto st = writeFileAtomically(file, text); !st) return Error{"checkin.write", st.error().message};
    return Ok{};
}

Status appendCheckInToLog(const fs::path& logFile, const CheckIn& c) {
    std::ofstream out(logFile, std::ios::app);
    if (!out) return Error{"checkin.write", fmt::format("{}: cannot be added to", logFile.string())};
    out << "\n[[check_in]]\n" << tableBody(c, false);
    return out ? Status(Ok{}) : Status(Error{"checkin.write", fmt::format("{}: cannot be written", logFile.string())});
}

} // namespace soma
