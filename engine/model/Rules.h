// model/Rules: the one rulebook for what an exercise and its steps may hold,
// whichever way they were made. Script exercises (plugin/script/ScriptParser)
// and native plugins (plugin/NativeExercise) both turn what they read into
// model values (ids, StepRequest, HighlightRequest, BreathPattern) and check
// them here, so a rule cannot hold for one kind and not the other; only
// where a problem is reported differs (a script's file:line:col, a plugin's
// path and step).
//
// Narration markup has its own parser (model/Narration), used by both too.
// Depends on model/ (limits, regions, vocabulary, narration). Must never
// clamp or repair: a value breaks a rule or it does not.
#pragma once

#include "model/Narration.h"
#include "model/SessionRequest.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace soma {

// One broken rule. `field` is the key a script author writes for the value
// ("pulse", "inhale", "pause_after", ...; empty: the thing as a whole), so
// a script can point at it; `message` says what is wrong and what to do,
// without saying where.
struct RuleBreak {
    enum class Kind { Id, Region, Value, Duration, Pulse, Narration, Mark };
    Kind kind = Kind::Value;
    std::string field;
    std::string message;
};

// An exercise id: 1-64 bytes of [a-z0-9-], not starting or ending in '-'.
std::optional<RuleBreak> checkExerciseId(std::string_view id);
// A language tag in BCP-47's shape ("nl", "en", "nl-BE").
std::optional<RuleBreak> checkLanguageTag(std::string_view tag);
// A variant: id 1-64 bytes of [a-z0-9_-], 0 < minutes <= kMaxVariantMinutes.
std::vector<RuleBreak> checkVariant(std::string_view id, double minutes);

// A step id: 1-64 bytes of [a-z0-9_-].
std::optional<RuleBreak> checkStepId(std::string_view id);
// The name a person's own recording of a step is filed under (a file name
// in their recordings folder): the same shape as a step id.
std::optional<RuleBreak> checkRecordingSlot(std::string_view name);
// How many steps a session has (inserted ones too), how many highlights a
// step has: at most kMaxSteps, kMaxHighlightsPerStep.
std::optional<RuleBreak> checkStepCount(std::size_t steps);
std::optional<RuleBreak> checkHighlightCount(std::size_t highlights);

// A highlight's own values: a known region (with the nearest ids when not),
// its start (at), intensity, colour, fades, hold and pulse. Whether its mark
// is in the narration is checkMarks'.
std::vector<RuleBreak> checkHighlight(const HighlightRequest& highlight);

// A breath pattern: inhale and exhale > 0, holds >= 0, each at most
// kMaxBreathPhaseSec; inhale + exhale at least kMinBreathCycleSec; cycles
// 0..kMaxBreathCycles.
std::vector<RuleBreak> checkBreath(const BreathPattern& breath);

// Seconds of quiet after a step's narration ("pause_after"), or the
// shortest a step lasts ("duration"): 0..kMaxPauseSec.
std::optional<RuleBreak> checkStepSeconds(std::string_view field, double seconds);

// A pose, camera preset or ambience id ("pose", "camera", "ambience") from
// model/Vocabulary, with the nearest id when it is not one.
std::optional<RuleBreak> checkChoice(std::string_view field, std::string_view id);

// A narration's markup (model/Narration: only <mark/> and <break/>, mark
// names of letters, digits, '_' and '-', each mark once, breaks up to
// kMaxPauseSec) and its size. On success `markup` holds the parse.
std::optional<RuleBreak> checkNarration(std::string_view text, NarrationMarkup& markup, NarrationError* error = nullptr);

// Every highlight that starts on a mark names one of `marks`.
std::vector<RuleBreak> checkMarks(const std::vector<HighlightRequest>& highlights, const std::vector<std::string>& marks);

} // namespace soma
