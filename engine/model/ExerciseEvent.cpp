#include "model/ExerciseEvent.h"

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

bool isPersonEvent(ExerciseEvent::Type t) {
    return t == ExerciseEvent::Type::Paused || t == ExerciseEvent::Type::Resumed || t == ExerciseEvent::Type::Grounding;
}

std::optional<ExerciseEvent::Type> eventTypeFromString(const std::string& name) {
    for (auto t : {ExerciseEvent::Type::StepStarted, ExerciseEvent::Type::StepEnded, ExerciseEvent::Type::Paused,
                   ExerciseEvent::Type::Resumed, ExerciseEvent::Type::Grounding})
        if (name == toString(t)) return t;
    return std::nullopt;
}

} // namespace soma
