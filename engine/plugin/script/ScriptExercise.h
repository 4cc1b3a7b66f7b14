// plugin/script/ScriptExercise: a script exercise (manifest.toml + script.toml) as
// an Exercise the registry can list and the sequencer can play.
//
// loadScriptExercise is what the plugin registry calls for each script
// folder: it parses and checks the whole exercise
// once, and describe() then picks the steps of a variant and the narration
// of a language. Depends on plugin/script/ScriptParser and plugin/Exercise. Must
// never synthesise speech (buildSession does that).
#pragma once

#include "plugin/Exercise.h"
#include "plugin/script/ScriptParser.h"
#include "plugin/script/ScriptDocument.h"

#include <filesystem>
#include <memory>

namespace soma {

class ScriptExercise final : public Exercise {
public:
    explicit ScriptExercise(ScriptDocument document);

    const ExerciseInfo& info() const override { return mDoc.info; }
    // Errors: "exercise.lang" (a language the exercise does not have),
    // "exercise.variant" (a variant it does not have).
    Result<SessionRequest> describe(const DescribeOptions& options) override;

    const ScriptDocument& document() const { return mDoc; }

private:
    ScriptDocument mDoc;
};

// Parses and checks the exercise in `folder`. On problems, one Error with id
// "script.invalid" whose message lists every problem as file:line:col.
Result<std::unique_ptr<Exercise>> loadScriptExercise(const std::filesystem::path& folder);
// The same from a parse already made (the registry looks at the kind first).
Result<std::unique_ptr<Exercise>> loadScriptExercise(ScriptParse parse);

} // namespace soma
