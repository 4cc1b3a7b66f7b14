// model/ExerciseEvent: what happens while a session runs (steps starting and
// ending, the person pausing, resuming, taking the grounding way out), what
// an exercise may change in answer (future steps only), and the record of
// one such answer that a live run logs and an export replays.
//
// The sequencer (session/) reports events and applies changes; exercises
// (plugin/) answer them; live/EventLog writes them down. Depends on
// core/Time and model/SessionRequest. Must never hold anything but data.
#pragma once

#include "core/Time.h"
#include "model/SessionRequest.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace soma {

// Something that happened while a session of this exercise runs.
struct ExerciseEvent {
    enum class Type : std::uint32_t { StepStarted = 1, StepEnded = 2, Paused = 3, Resumed = 4, Grounding = 5 };
    Type type = Type::StepStarted;
    Samples at = 0;        // session time of the event
    int stepIndex = -1;    // the step that started/ended or was running; -1 if none
    std::string stepId;    // its id, "" if none
};

const char* toString(ExerciseEvent::Type type); // "step_started", ...
// The person's events, which are the ones a log keeps (and replays).
bool isPersonEvent(ExerciseEvent::Type type);
// "paused" -> Paused, ...; nullopt for an unknown name.
std::optional<ExerciseEvent::Type> eventTypeFromString(const std::string& name);

// What an exercise changes in answer to an event: only steps that have not
// started. The sequencer applies it (and refuses a change to a step that
// has started), logs it with the event's sample time, and an export
// replays the log, so the same events give the same session.
struct SessionChange {
    std::vector<std::string> removeSteps;  // ids of future steps to drop
    std::string insertAfter;               // insert after this step id ("" = after the event's step)
    std::vector<StepRequest> insertSteps;  // in order
    bool empty() const { return removeSteps.empty() && insertSteps.empty(); }
};

// What a plugin's reaction did: the event it answered (with its sample
// time) and the change it asked for; logged, and replayed in order.
struct ReactionRecord {
    ExerciseEvent event;
    SessionChange change;
    Samples at() const { return event.at; }
};

} // namespace soma
