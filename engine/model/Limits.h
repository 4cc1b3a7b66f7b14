// model/Limits: every limit a session's content must respect, defined once.
//
// The numbers are the plugin ABI's (soma/plugin.h SOMA_MAX_*), because a
// native plugin's author must be able to read them there; script exercises
// are held to the same ones (model/Rules checks both), and the
// sequencer and the session builder clamp to them, so no path lets a
// highlight pulse faster or a pause run longer than this file says.
//
// Depends on soma/plugin.h only. Must never be loosened for one kind of
// exercise alone.
#pragma once

#include <soma/plugin.h>

#include <cstddef>

namespace soma {

inline constexpr std::size_t kMaxIdBytes = SOMA_MAX_ID_BYTES;               // ids, mark names, language tags
inline constexpr std::size_t kMaxTextBytes = SOMA_MAX_TEXT_BYTES;           // titles, summaries, messages
inline constexpr std::size_t kMaxNarrationBytes = SOMA_MAX_NARRATION_BYTES; // one step's narration
inline constexpr std::size_t kMaxSteps = SOMA_MAX_STEPS;
inline constexpr std::size_t kMaxHighlightsPerStep = SOMA_MAX_HIGHLIGHTS_PER_STEP;
inline constexpr double kMaxPauseSec = SOMA_MAX_PAUSE_SEC;                  // a pause, a <break/>, a step's minimum length
inline constexpr double kMaxBreathPhaseSec = SOMA_MAX_BREATH_PHASE_SEC;     // inhale, holds, exhale
inline constexpr double kMinBreathCycleSec = SOMA_MIN_BREATH_CYCLE_SEC;     // inhale + exhale: never a rushed breath
inline constexpr int kMaxBreathCycles = SOMA_MAX_BREATH_CYCLES;
inline constexpr double kMaxAtSec = SOMA_MAX_AT_SEC;                        // a highlight's start in its step
inline constexpr double kMaxFadeSec = SOMA_MAX_FADE_SEC;
inline constexpr double kMaxHoldSec = SOMA_MAX_HOLD_SEC;
inline constexpr double kMaxPulseHz = SOMA_MAX_PULSE_HZ;                    // slower than breath: never a flash (WCAG 2.3.1 with room to spare)
// The shortest fade the session builder gives a highlight, whatever it was
// asked for: with a fade in and out of at least this, a region lights up at
// most once a second (far below 3 flashes a second).
inline constexpr double kMinFadeSec = 0.5;
inline constexpr std::size_t kMaxEntryList = SOMA_MAX_ENTRY_LIST;
inline constexpr double kMaxVariantMinutes = SOMA_MAX_VARIANT_MINUTES;
// The longest session Soma builds: a variant is at most 10 hours, so this
// leaves room for speech and quiet, and stops a script's cycles and pauses
// from adding up to days (whose breath alone would fill the memory).
inline constexpr double kMaxSessionSec = 12.0 * 3600.0;
// A breathing pace a person may ask for (--breaths-per-minute): slow,
// resonant breathing. Outside it a script's breath would be stretched into
// minutes-long (or rushed) breaths; 0 keeps the exercise's own.
inline constexpr double kMinPaceBpm = 4.5;
inline constexpr double kMaxPaceBpm = 7.0;

} // namespace soma
