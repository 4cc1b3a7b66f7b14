#include "model/Rules.h"

#include "core/Text.h"
#include "model/Limits.h"
#include "model/RegionAtlas.h"
#include "model/Vocabulary.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>

namespace soma {
namespace {

using Kind = RuleBreak::Kind;

// 1-64 bytes of lowercase letters, digits, '-' (and '_' where allowed).
bool isId(std::string_view id, bool underscore) {
    return !id.empty() && id.size() <= kMaxIdBytes && std::all_of(id.begin(), id.end(), [underscore](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || (underscore && c == '_');
    });
}

bool within(double v, double lo, double hi) { return std::isfinite(v) && v >= lo && v <= hi; }

// "'a', 'b' or 'c'".
std::string alternatives(const std::vector<std::string>& ids) {
    std::string out;
    for (std::size_t i = 0; i < ids.size(); ++i)
        out += (i == 0 ? "" : i + 1 == ids.size() ? " or " : ", ") + ("'" + ids[i] + "'");
    return out;
}

} // namespace

std::optional<RuleBreak> checkExerciseId(std::string_view id) {
    if (isId(id, false) && id.front() != '-' && id.back() != '-') return std::nullopt;
    return RuleBreak{Kind::Id, "id",
                     fmt::format("exercise id '{}' must be 1-{} lowercase letters, digits and '-' (like \"body-scan\")", id, kMaxIdBytes)};
}

std::optional<RuleBreak> checkLanguageTag(std::string_view tag) {
    // A primary subtag of 2-3 letters, then subtags of 1-8 letters or digits.
    std::size_t i = 0, n = 0;
    while (i < tag.size() && std::isalpha(static_cast<unsigned char>(tag[i]))) ++i, ++n;
    bool ok = n >= 2 && n <= 3 && tag.size() <= kMaxIdBytes;
    while (ok && i < tag.size()) {
        ok = tag[i++] == '-';
        n = 0;
        while (i < tag.size() && std::isalnum(static_cast<unsigned char>(tag[i]))) ++i, ++n;
        ok = ok && n >= 1 && n <= 8;
    }
    if (ok) return std::nullopt;
    return RuleBreak{Kind::Id, "languages", fmt::format("\"{}\" is not a BCP-47 language tag (like \"nl\", \"en\" or \"nl-BE\")", tag)};
}

std::vector<RuleBreak> checkVariant(std::string_view id, double minutes) {
    std::vector<RuleBreak> out;
    if (!isId(id, true))
        out.push_back({Kind::Id, "id", fmt::format("variant id '{}' must be 1-{} lowercase letters, digits, '_' or '-'", id, kMaxIdBytes)});
    if (!(std::isfinite(minutes) && minutes > 0.0 && minutes <= kMaxVariantMinutes))
        out.push_back({Kind::Duration, "minutes",
                       fmt::format("variant '{}' has {} minutes: more than 0 and at most {}", id, minutes, kMaxVariantMinutes)});
    return out;
}

std::optional<RuleBreak> checkStepId(std::string_view id) {
    if (isId(id, true)) return std::nullopt;
    return RuleBreak{Kind::Id, "id", fmt::format("step id '{}' must be 1-{} lowercase letters, digits, '_' or '-'", id, kMaxIdBytes)};
}

std::optional<RuleBreak> checkRecordingSlot(std::string_view name) {
    if (isId(name, true)) return std::nullopt;
    return RuleBreak{Kind::Id, "recording_slot",
                     fmt::format("recording slot '{}' must be 1-{} lowercase letters, digits, '_' or '-', like a step id", name, kMaxIdBytes)};
}

std::optional<RuleBreak> checkStepCount(std::size_t steps) {
    if (steps <= kMaxSteps) return std::nullopt;
    return RuleBreak{Kind::Value, "", fmt::format("more than {} steps in one session", kMaxSteps)};
}

std::optional<RuleBreak> checkHighlightCount(std::size_t highlights) {
    if (highlights <= kMaxHighlightsPerStep) return std::nullopt;
    return RuleBreak{Kind::Value, "highlight", fmt::format("more than {} highlights in one step", kMaxHighlightsPerStep)};
}

std::vector<RuleBreak> checkHighlight(const HighlightRequest& h) {
    std::vector<RuleBreak> out;
    const std::string on = fmt::format("highlight on '{}'", h.region);
    if (!regionIndex(h.region))
        out.push_back({Kind::Region, "region",
                       fmt::format("unknown region '{}': did you mean {}? (`soma regions` lists them all)", h.region,
                                   alternatives(nearestRegions(h.region, 3)))});
    if (h.mark.empty() && !within(h.atSec, 0.0, kMaxAtSec))
        out.push_back({Kind::Duration, "at", fmt::format("{}: at {} s must be a time between 0 and {} s", on, h.atSec, kMaxAtSec)});
    if (!within(h.intensity, 0.0, 1.0))
        out.push_back({Kind::Value, "intensity", fmt::format("{}: intensity {} must be between 0 and 1", on, h.intensity)});
    for (float c : {h.color.r, h.color.g, h.color.b})
        if (!within(c, 0.0, 1.0)) {
            out.push_back({Kind::Value, "color", fmt::format("{}: colour channel {} must be between 0 and 1", on, c)});
            break;
        }
    if (!within(h.fadeInSec, 0.0, kMaxFadeSec))
        out.push_back({Kind::Duration, "fade_in", fmt::format("{}: fade_in {} s must be between 0 and {} s", on, h.fadeInSec, kMaxFadeSec)});
    if (!std::isfinite(h.holdSec) || h.holdSec > kMaxHoldSec)
        out.push_back({Kind::Duration, "hold",
                       fmt::format("{}: hold {} s must be at most {} s (or left out: until the step ends)", on, h.holdSec, kMaxHoldSec)});
    if (!within(h.fadeOutSec, 0.0, kMaxFadeSec))
        out.push_back({Kind::Duration, "fade_out", fmt::format("{}: fade_out {} s must be between 0 and {} s", on, h.fadeOutSec, kMaxFadeSec)});
    if (!within(h.pulseHz, 0.0, kMaxPulseHz))
        out.push_back({Kind::Pulse, "pulse",
                       fmt::format("{}: pulse {} Hz is too fast: at most {} Hz, so nothing ever flashes", on, h.pulseHz, kMaxPulseHz)});
    return out;
}

std::vector<RuleBreak> checkBreath(const BreathPattern& b) {
    std::vector<RuleBreak> out;
    auto phase = [&](const char* field, double sec, bool positive) {
        if (within(sec, 0.0, kMaxBreathPhaseSec) && (!positive || sec > 0.0)) return;
        out.push_back({Kind::Duration, field,
                       fmt::format("breath {} {} s must be {} and at most {} s", field, sec, positive ? "more than 0" : "0 or more",
                                   kMaxBreathPhaseSec)});
    };
    phase("inhale", b.inhaleSec, true);
    phase("hold_in", b.holdInSec, false);
    phase("exhale", b.exhaleSec, true);
    phase("hold_out", b.holdOutSec, false);
    if (out.empty() && b.inhaleSec + b.exhaleSec < kMinBreathCycleSec)
        out.push_back({Kind::Duration, "",
                       fmt::format("breath is too fast: inhale + exhale must be at least {} s (a breath is never rushed)", kMinBreathCycleSec)});
    if (b.cycles < 0 || b.cycles > kMaxBreathCycles)
        out.push_back({Kind::Value, "cycles",
                       fmt::format("breath cycles {} must be a whole number from 0 (while the step lasts) to {}", b.cycles, kMaxBreathCycles)});
    return out;
}

std::optional<RuleBreak> checkStepSeconds(std::string_view field, double seconds) {
    if (within(seconds, 0.0, kMaxPauseSec)) return std::nullopt;
    return RuleBreak{Kind::Duration, std::string(field),
                     fmt::format("{} {} s must be between 0 and {} s", field, seconds, kMaxPauseSec)};
}

std::optional<RuleBreak> checkChoice(std::string_view field, std::string_view id) {
    const std::vector<std::string>* ids = field == "pose" ? &poseIds() : field == "camera" ? &cameraPresetIds() : &ambienceIds();
    if (std::find(ids->begin(), ids->end(), id) != ids->end()) return std::nullopt;
    const std::string meant = closestMatch(id, *ids);
    return RuleBreak{Kind::Value, std::string(field),
                     fmt::format("{} '{}' is not one of {}{}", field, id, join(*ids), meant.empty() ? "" : fmt::format(" (did you mean '{}'?)", meant))};
}

std::optional<RuleBreak> checkNarration(std::string_view text, NarrationMarkup& markup, NarrationError* error) {
    if (text.size() > kMaxNarrationBytes)
        return RuleBreak{Kind::Narration, "narration",
                         fmt::format("narration of one step is {} bytes, longer than {}: split the step", text.size(), kMaxNarrationBytes)};
    NarrationError e;
    if (parseNarration(text, markup, e)) return std::nullopt;
    if (error) *error = e;
    return RuleBreak{Kind::Narration, "narration", e.message};
}

std::vector<RuleBreak> checkMarks(const std::vector<HighlightRequest>& highlights, const std::vector<std::string>& marks) {
    std::vector<RuleBreak> out;
    for (const auto& h : highlights) {
        if (h.mark.empty() || std::find(marks.begin(), marks.end(), h.mark) != marks.end()) continue;
        out.push_back({Kind::Mark, "mark",
                       fmt::format("highlight on '{}' starts on mark '{}', which the step's narration does not have{}", h.region, h.mark,
                                   marks.empty() ? std::string(" (it has no marks)") : fmt::format(" (its marks: {})", join(marks)))});
    }
    return out;
}

} // namespace soma
