// session/Grounding: the short, calm sequence the grounding way out (the G
// key or the visible button) leaves an exercise for: feet on the ground,
// the weight of the body carried, eyes open to the room, a few slow
// breaths. About a minute, in Dutch and English, no highlights that ask
// for inner attention, nothing to achieve.
//
// Leaving is one operation on the session, spliceGrounding(), used by the
// live run and by an export replaying its log alike, so both give the same
// timeline: the exercise ends where the person left it (its voice and its
// lights fading out, the breath finishing its out-breath, the pose kept,
// the camera easing back to the whole body) and the grounding sequence
// follows on the same clock.
// Depends on session/SessionBuilder and session/Session. Must never depend
// on a plugin: it has to work when every plugin failed to load.
#pragma once

#include "core/Result.h"
#include "core/Time.h"
#include "session/Session.h"
#include "session/SessionBuilder.h"

#include <string>

namespace soma {

// The sequence as a request in `lang` ("nl", or English for anything else).
SessionRequest groundingRequest(const std::string& lang);

// The sequence built to follow an exercise: without the opening note,
// which the session has already given.
Result<Session> buildGroundingSession(const std::string& lang, SessionBuildOptions options = {});

// How the exercise lets go when the person leaves it.
inline constexpr double kGroundingVoiceFadeSec = 1.5; // the voice, mid-word, fades rather than stops
inline constexpr double kGroundingLightFadeSec = 4.0; // a lit region dims slowly
inline constexpr double kGroundingQuietSec = 2.5;     // quiet before the grounding voice begins

// `exercise` left at `at` (clamped to the session) for `grounding`: what
// was heard and seen before `at` is unchanged; from `at` on, the grounding
// sequence. The exercise's id, language, variant, note and reactions stay.
Session spliceGrounding(const Session& exercise, Samples at, const Session& grounding);

} // namespace soma
