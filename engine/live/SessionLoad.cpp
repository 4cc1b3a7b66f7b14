#include "live/SessionLoad.h"

#include "core/Paths.h"

#include <fmt/format.h>

#include <cstdlib>

namespace soma {
namespace {

// Fills `out` (a PreparedSession or a LoadedSession) for the choice.
Status prepareInto(PreparedSession& out, const PluginRegistry& registry, const SessionChoice& choice,
                   const SessionBuildOptions& build) {
    auto exercise = findExercise(registry, choice.exercise);
    if (!exercise) return exercise.error();
    out.exercise = *exercise;
    out.tension = choice.tension;
    out.describe.tension = out.tension ? &*out.tension : nullptr;
    auto rq = describeChoice(*out.exercise, choice, out.describe);
    if (!rq) return rq.error();
    out.build = build;
    if (choice.voiceRateWpm > 0) out.build.rateWpm = choice.voiceRateWpm;
    // The person's own recordings of this exercise, where they made any.
    if (out.build.userRecordings.empty()) {
        std::error_code ec;
        const auto own = userRecordingsDir() / rq->exercise / rq->lang;
        if (std::filesystem::is_directory(own, ec)) out.build.userRecordings = own;
    }
    auto s = buildSession(*rq, out.build);
    if (!s) return s.error();
    out.session = std::move(*s);
    return Ok{};
}

} // namespace

Result<SessionRequest> describeChoice(Exercise& exercise, const SessionChoice& choice, DescribeOptions& describe) {
    describe.lang = choice.lang.empty() ? systemLanguage() : choice.lang;
    describe.variant = choice.variant;
    describe.breathsPerMinute = choice.breathsPerMinute;
    auto rq = exercise.describe(describe);
    if (!rq) return rq.error();
    if (rq->exercise.empty()) rq->exercise = choice.exercise;
    rq->lang = describe.lang;
    rq->variant = describe.variant;
    return rq;
}

std::filesystem::path userRecordingsDir() { return paths::dataHome() / "recordings"; }

std::string systemLanguage() {
    // POSIX order of precedence: LC_ALL overrides LC_MESSAGES overrides LANG.
    for (const char* var : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        const char* v = std::getenv(var);
        if (v && *v) return std::string(v).rfind("nl", 0) == 0 ? "nl" : "en";
    }
    return "en";
}

Result<Exercise*> findExercise(const PluginRegistry& registry, const std::string& id) {
    if (Exercise* e = registry.find(id)) return e;
    std::string known, why;
    for (const auto& r : registry.records()) {
        if (r.ok()) known += (known.empty() ? "" : ", ") + r.id;
        else if (r.id == id) why = fmt::format(": {}", r.message);
    }
    return Error{"session.exercise", why.empty() ? fmt::format("no exercise '{}' (available: {}; `soma plugins` lists them)", id,
                                                               known.empty() ? "none" : known)
                                                 : fmt::format("exercise '{}' cannot be used{}", id, why)};
}

Result<std::unique_ptr<PreparedSession>> prepareSession(const PluginRegistry& registry, const SessionChoice& choice,
                                                        const SessionBuildOptions& build) {
    auto out = std::make_unique<PreparedSession>();
    if (auto st = prepareInto(*out, registry, choice, build); !st) return st.error();
    return out;
}

Result<std::unique_ptr<LoadedSession>> loadSession(const SessionChoice& choice, const SessionBuildOptions& build) {
    auto out = std::make_unique<LoadedSession>();
    out->registry = PluginRegistry::loadDefault();
    if (auto st = prepareInto(*out, out->registry, choice, build); !st) return st.error();
    return out;
}

} // namespace soma
