#include "plugin/script/ScriptExercise.h"

#include "model/Limits.h"

#include "core/Text.h"
#include "plugin/script/ScriptParser.h"

#include <fmt/format.h>

#include <algorithm>

namespace soma {
namespace {

// "; did you mean 'nl'?" when one of `options` is near `word`.
std::string didYouMean(const std::string& word, const std::vector<std::string>& options) {
    const std::string meant = closestMatch(word, options);
    return meant.empty() ? std::string() : fmt::format("; did you mean '{}'?", meant);
}

} // namespace

ScriptExercise::ScriptExercise(ScriptDocument document) : mDoc(std::move(document)) {}

Result<SessionRequest> ScriptExercise::describe(const DescribeOptions& o) {
    const auto& langs = mDoc.info.languages;
    if (std::find(langs.begin(), langs.end(), o.lang) == langs.end())
        return Error{"exercise.lang", fmt::format("exercise '{}' has no '{}' narration (it has: {}){}", mDoc.info.id, o.lang, join(langs),
                                                  didYouMean(o.lang, langs))};
    std::vector<std::string> variants;
    for (auto& v : mDoc.info.variants) variants.push_back(v.id);
    if (std::find(variants.begin(), variants.end(), o.variant) == variants.end())
        return Error{"exercise.variant",
                     fmt::format("exercise '{}' has no variant '{}' (it has: {}){}", mDoc.info.id, o.variant, join(variants),
                                 didYouMean(o.variant, variants))};
    // The same range the command line takes: any other pace would stretch
    // a breath into minutes, or rush it.
    if (o.breathsPerMinute != 0.0 && !(o.breathsPerMinute >= kMinPaceBpm && o.breathsPerMinute <= kMaxPaceBpm))
        return Error{"exercise.pace", fmt::format("a breathing pace of {} breaths a minute: choose from {:g} to {:g}, or 0 for the exercise's own",
                                                  o.breathsPerMinute, kMinPaceBpm, kMaxPaceBpm)};

    SessionRequest rq;
    rq.exercise = mDoc.info.id;
    rq.lang = o.lang;
    rq.variant = o.variant;
    rq.pose = mDoc.defaults.pose;
    rq.camera = mDoc.defaults.camera;
    rq.ambience = mDoc.defaults.ambience;
    rq.pacer = mDoc.defaults.pacer;
    for (const ScriptStep& s : mDoc.steps) {
        if (!s.variants.empty() && std::find(s.variants.begin(), s.variants.end(), o.variant) == s.variants.end()) continue;
        StepRequest st = s.request;
        if (auto it = s.narration.find(o.lang); it != s.narration.end()) {
            st.narration = it->second.text;
            st.where = it->second.where; // errors in the narration point at its text
        }
        // A breathing pace chosen by the person scales each pattern to that
        // many breaths a minute, keeping its proportions.
        if (o.breathsPerMinute > 0 && st.breath) {
            BreathPattern& b = *st.breath;
            const double period = b.inhaleSec + b.holdInSec + b.exhaleSec + b.holdOutSec;
            const double k = (60.0 / o.breathsPerMinute) / period;
            b.inhaleSec *= k, b.holdInSec *= k, b.exhaleSec *= k, b.holdOutSec *= k;
        }
        rq.steps.push_back(std::move(st));
    }
    return rq;
}

Result<std::unique_ptr<Exercise>> loadScriptExercise(const std::filesystem::path& folder) { return loadScriptExercise(parseScriptExercise(folder)); }

Result<std::unique_ptr<Exercise>> loadScriptExercise(ScriptParse p) {
    if (!p.ok()) {
        std::string msg;
        for (auto& d : p.problems) msg += (msg.empty() ? "" : "\n") + d.format();
        return Error{"script.invalid", msg};
    }
    if (p.document.info.kind != PluginKind::Script)
        return Error{"script.kind", fmt::format("{}: kind = \"native\": a native exercise is loaded from its library, not as a script",
                                                p.document.manifestFile.string())};
    return std::unique_ptr<Exercise>(std::make_unique<ScriptExercise>(std::move(p.document)));
}

} // namespace soma
