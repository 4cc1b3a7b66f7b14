// app/RenderHook: lets `soma render EXERCISE --at SECONDS` take its frame
// from an exercise without app/Render.cpp depending on the session module.
// The session code sets the hook (from a static registrar in its own file);
// the options given on the command line then override the state it returns.
#pragma once

#include "body/BodyState.h"
#include "core/Result.h"

#include <filesystem>
#include <functional>
#include <string>

namespace soma::app {

// One moment of an exercise to render.
struct RenderExerciseRequest {
    std::string exercise;
    std::string lang;    // empty: the system's language
    std::string variant; // empty: "short"
    double atSec = 0.0;
    std::filesystem::path tension; // a tension map file (`--tension`); empty: none
};

using RenderExerciseHook = std::function<Result<BodyState>(const RenderExerciseRequest& request)>;

// Replaces any earlier hook. Call before main() runs commands.
void setRenderExerciseHook(RenderExerciseHook hook);

} // namespace soma::app
