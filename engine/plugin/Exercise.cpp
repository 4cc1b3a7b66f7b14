#include "plugin/Exercise.h"
#include "plugin/ScriptLoader.h"

namespace soma {

const char* toString(ExerciseEvent::Type type) {
    switch (type) {
    case ExerciseEvent::Type::StepStarted: return "step_started";
    case ExerciseEvent::Type::StepEnded: return "step_ended";
    case ExerciseEvent::Type::Paused: return "paused";
    case ExerciseEvent::Type::Resumed: return "resumed";
    case ExerciseEvent::Type::Grounding: return "grounding";
    }
    return "unknown";
}

namespace {
ScriptLoader& loaderSlot() {
    static ScriptLoader loader;
    return loader;
}
} // namespace

const ScriptLoader& installedScriptLoader() { return loaderSlot(); }
void installScriptLoader(ScriptLoader loader) { loaderSlot() = std::move(loader); }

} // namespace soma
