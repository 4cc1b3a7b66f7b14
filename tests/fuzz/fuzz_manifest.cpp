// An exercise folder's manifest.toml, beside a small valid script.
#include "FuzzInput.h"
#include "plugin/script/ScriptParser.h"

#include <fstream>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto manifest = soma::fuzz::asFile(data, size, "manifest.toml");
    static const bool script = [&] {
        std::ofstream(manifest.parent_path() / "script.toml")
            << "[[step]]\nid = \"a\"\n[step.narration]\nnl = \"Voel je <mark name=\\\"f\\\"/>voeten.\"\n"
               "en = \"Feel your <mark name=\\\"f\\\"/>feet.\"\n[[step.highlight]]\nregion = \"foot_left\"\nmark = \"f\"\n";
        return true;
    }();
    (void)script;
    (void)soma::parseScriptExercise(manifest.parent_path());
    return 0;
}
