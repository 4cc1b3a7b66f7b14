// A script exercise's script.toml alone: TOML, the rules and the
// narration markup of every step.
#include "FuzzInput.h"
#include "plugin/script/ScriptParser.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    (void)soma::parseScriptExercise(soma::fuzz::asFile(data, size, "script.toml"));
    return 0;
}
