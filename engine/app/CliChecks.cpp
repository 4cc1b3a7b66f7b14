#include "app/CliChecks.h"

#include "catalog/Catalog.h"
#include "core/Text.h"
#include "model/Limits.h"
#include "model/Rules.h"

#include <fmt/format.h>

#include <cmath>
#include <optional>

namespace soma::app {

namespace {

// What CLI11 says about a value, without echoing a huge one back whole.
std::string shown(const std::string& value) {
    if (value.size() <= 40) return "'" + value + "'";
    return fmt::format("'{}...' ({} characters)", value.substr(0, 24), value.size());
}

// The whole of `value` as a number, or nullopt.
std::optional<double> number(const std::string& value) {
    try {
        std::size_t used = 0;
        const double v = std::stod(value, &used);
        if (used == value.size()) return v;
    } catch (const std::exception&) {
    }
    return std::nullopt;
}

} // namespace

CLI::Validator finiteIn(double lo, double hi) {
    return CLI::Validator(
        [lo, hi](std::string& value) -> std::string {
            const auto v = number(value);
            if (!v || !std::isfinite(*v) || *v < lo || *v > hi)
                return fmt::format("{} must be a number from {:g} to {:g}", shown(value), lo, hi);
            return {};
        },
        fmt::format("NUMBER in [{:g} - {:g}]", lo, hi));
}

CLI::Validator breathingPace() {
    return CLI::Validator(
        [](std::string& value) -> std::string {
            const std::string range = fmt::format("{:g} to {:g} breaths a minute, or 0 for the exercise's own pace", kMinPaceBpm, kMaxPaceBpm);
            const auto v = number(value);
            if (v && (*v == 0.0 || (std::isfinite(*v) && *v >= kMinPaceBpm && *v <= kMaxPaceBpm))) return {};
            return fmt::format("{} is not {}", shown(value), range);
        },
        fmt::format("0 or [{:g} - {:g}]", kMinPaceBpm, kMaxPaceBpm));
}

CLI::Validator languageTag() {
    return CLI::Validator(
        [](std::string& value) -> std::string {
            if (!checkLanguageTag(value)) return {};
            const std::vector<std::string> spoken = uiCatalog().languages();
            const std::string meant = closestMatch(value, spoken);
            return fmt::format("{} is not a language tag: write {}{}", shown(value), join(spoken, " or "),
                               meant.empty() ? "" : fmt::format(" (did you mean '{}'?)", meant));
        },
        "LANG");
}

CLI::Validator idWord(const std::string& what, const std::vector<std::string>& examples) {
    return CLI::Validator(
        [what, examples](std::string& value) -> std::string {
            if (!checkExerciseId(value)) return {};
            const std::string meant = closestMatch(value, examples);
            return fmt::format("{} is not {}: lowercase letters, digits and '-', like {}{}", shown(value), what, join(examples, " or "),
                               meant.empty() ? "" : fmt::format(" (did you mean '{}'?)", meant));
        },
        "ID");
}

} // namespace soma::app
