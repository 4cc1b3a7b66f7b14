// app/RenderHook: lets `soma render EXERCISE --at SECONDS` take its frame
// from an exercise without app/Render.cpp depending on the session module.
// The session code sets the hook (from a static registrar in its own file);
// the options given on the command line then override the state it returns.
#pragma once

#include "body/BodyState.h"
#include "core/Result.h"

#include <functional>
#include <string>

namespace soma::app {

// lang empty: the system's language; variant empty: "short".
using RenderExerciseHook = std::function<Result<BodyState>(const std::string& exercise, const std::string& lang,
                                                           const std::string& variant, double atSec)>;

// Replaces any earlier hook. Call before main() runs commands.
void setRenderExerciseHook(RenderExerciseHook hook);

} // namespace soma::app
