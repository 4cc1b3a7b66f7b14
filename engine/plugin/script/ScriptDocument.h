// plugin/script/ScriptDocument: a script exercise (manifest.toml + script.toml)
// as parsed data, language-independent, with the source position of
// everything an error may need to point at.
//
// ScriptParser fills it; ScriptExercise turns it into a SessionRequest for
// one language and variant. Depends on model/SessionRequest and
// plugin/Exercise (ExerciseInfo). Must never touch files itself.
#pragma once

#include "model/SessionRequest.h"
#include "plugin/Exercise.h"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace soma {

struct ScriptText {
    std::string text;
    SourceLocation where;
};

struct ScriptStep {
    std::string id;
    SourceLocation where;
    std::vector<std::string> variants;            // empty: every variant
    std::map<std::string, ScriptText> narration;  // BCP-47 tag -> text with tags
    SourceLocation narrationWhere;                // the [step.narration] table
    std::vector<SourceLocation> highlightWhere;   // one per request.highlights entry
    StepRequest request;                          // all but the narration
};

struct ScriptDefaults {
    std::string pose = "supine";
    std::string camera = "whole_body";
    std::string ambience = "brown-noise";
    bool pacer = false;
    std::optional<BreathPattern> breath; // for steps that name none
};

struct ScriptDocument {
    std::filesystem::path folder;
    std::filesystem::path manifestFile;
    std::filesystem::path scriptFile;
    ExerciseInfo info;
    std::string library;          // kind = "native": the shared library's file name
    ScriptDefaults defaults;
    std::vector<ScriptStep> steps;
};

} // namespace soma
