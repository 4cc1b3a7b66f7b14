// session/Grounding: the short, calm sequence the grounding way out (the G
// key or the visible button) leaves an exercise for: feet on the ground,
// the weight of the body carried, eyes open to the room, a few slow
// breaths. About a minute, in Dutch and English, no highlights that ask
// for inner attention, nothing to achieve.
// Depends on session/SessionBuilder. Must never depend on a plugin: it has
// to work when every plugin failed to load.
#pragma once

#include "session/SessionBuilder.h"

#include <string>

namespace soma {

// The sequence as a request in `lang` ("nl", or English for anything else).
SessionRequest groundingRequest(const std::string& lang);

} // namespace soma
