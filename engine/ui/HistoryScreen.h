// ui/HistoryScreen: the check-ins over time, per exercise: for each of the
// last sessions a pair of bars, the tension noticed before (cool) and
// after (warm), 0 to 10, with its date under it. A chart drawn by the
// engine, quiet and plain: it shows, it does not judge.
//
// Ids: "series:<exercise>" (which exercise), "back". Depends on ui/Screen
// and catalog/. Must never read files: the owner gives the points.
#pragma once

#include "ui/Screen.h"

#include <optional>
#include <string>
#include <vector>

namespace soma::ui {

struct HistoryPoint {
    int year = 0, month = 0, day = 0; // local date of the session
    std::optional<int> before, after; // 0..10 where answered
};

struct HistorySeries {
    std::string exercise;
    std::string title;                // in the language
    std::vector<HistoryPoint> points; // oldest first
};

struct HistoryState {
    std::string lang;
    std::vector<HistorySeries> series;
    std::string chosen; // an exercise of `series`; empty: the first
};

// At most this many sessions are drawn, the latest.
constexpr int kHistoryBars = 10;

Screen layoutHistory(const HistoryState& state, int width, int height, const TextRenderer& fonts);

} // namespace soma::ui
