// ui/CheckInScreen: before and after a session, one gentle question: how
// much tension do you notice now? Eleven large buttons, 0 to 10, and the
// figure, where a tap may say where (both optional: Skip is always there).
//
// Ids: "level:<0-10>", "figure" (a tap there picks a region: the owner
// maps the point into the figure's picture), "skip", "continue".
// Depends on ui/Screen and catalog/. Must never store anything: the owner
// keeps the answer.
#pragma once

#include "ui/Screen.h"

#include <optional>
#include <string>

namespace soma::ui {

struct CheckInState {
    std::string lang;
    bool after = false;          // after the session (else before)
    std::optional<int> level;    // 0..10, once chosen
    std::string regionName;      // the region tapped, in the language; empty: none
    const Picture* figure = nullptr;
    bool waiting = false;        // before: the session is still being prepared
};

Screen layoutCheckIn(const CheckInState& state, int width, int height, const TextRenderer& fonts);

} // namespace soma::ui
