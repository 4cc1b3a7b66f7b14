// live/CheckIns: the person's answers to "how much tension do you notice
// now?" before and after a session, kept for as long as they want them
// in $XDG_STATE_HOME/soma/check-ins.toml (one [[check_in]] table per
// session, the file rewritten atomically with each new one), and also
// added to that session's own log. The history screen reads them back.
//
// Depends on core/ (paths, files, TOML). Must never lose what was there: a
// file that cannot be read is left alone and said once, and nothing is
// added to it until it reads again.
#pragma once

#include "core/Result.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace soma {

struct CheckIn {
    std::string when;     // local time, "2026-12-06T22:45:10"
    std::string exercise;
    std::string lang;
    std::string variant;
    std::optional<int> before, after; // 0..10, where answered
    std::string beforeRegion, afterRegion; // region ids, where tapped
    std::filesystem::path log;             // the session's log, when there is one
    bool answered() const { return before || after; }
};

// $XDG_STATE_HOME/soma/check-ins.toml
std::filesystem::path checkInFile();

// The check-ins in `file`, oldest first. A missing file has none; a broken
// one gives Error "checkin.read" (file:line:col); an entry with a value out
// of range is left out and said once (checkin.value).
Result<std::vector<CheckIn>> readCheckIns(const std::filesystem::path& file);

// Adds one at the end. Error "checkin.write", or "checkin.read" when the
// file is there but broken (then nothing is written).
Status appendCheckIn(const std::filesystem::path& file, const CheckIn& checkIn);

// The same answers as a [[check_in]] table at the end of a session log.
Status appendCheckInToLog(const std::filesystem::path& log, const CheckIn& checkIn);

// Now, as CheckIn::when writes it.
std::string localTimeNow();

} // namespace soma
