// plugin/script/ScriptParser: reads and checks a script exercise.
//
// toml++ parses; this file checks every key against the schema in
// docs/plugins.md and reports each problem at its file:line:col, with what
// to do about it: syntax errors, unknown keys, unknown regions (with the
// nearest valid names), missing translations (a language without a step's
// narration, or without one of the marks another language has), negative
// durations, pulses faster than 0.5 Hz, recordings ([step.recording]) whose
// audio or marks file is not there. It collects every problem rather
// than stopping at the first, so an author fixes a file in one pass.
//
// Depends on toml++, model/ (regions, narration, step rules). Must never run
// anything or synthesise speech.
#pragma once

#include "plugin/script/ScriptDocument.h"

#include <filesystem>
#include <vector>

namespace soma {

struct ScriptParse {
    ScriptDocument document;
    std::vector<Diagnostic> problems; // empty: the exercise is valid
    bool ok() const { return problems.empty(); }
};

// `path` is an exercise folder, its manifest.toml or its script.toml (then
// the manifest beside it is read too, when there is one).
ScriptParse parseScriptExercise(const std::filesystem::path& path);

} // namespace soma
