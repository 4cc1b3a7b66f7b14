// session/Pacing: how much room an exercise leaves between its words,
// measured on the voice as it is heard (the exported voice stem).
//
// A guided body scan is mostly quiet: the voice names a place, then leaves
// the person time to feel it. Three figures say whether it does:
// - words a minute over the whole session (the opening note not counted);
// - the share of the voice stem that is quiet (20 ms windows below
//   -50 dBFS RMS, the gaps between words included);
// - the quiet after each newly named region: a naming is the start of a
//   highlight on another region than the previous highlight's; namings
//   less than 4 s apart are one group (a sentence that lists two places);
//   after a group's last naming, before the next group's first (or the end),
//   the longest stretch of quiet. Pendulation's brief visits count too:
//   brief means little speech, not little quiet.
// PacingRules holds the limits every shipped variant meets (issue 13:
// at most 80 words a minute, at least 35% quiet, at least 8 s after each
// naming); `soma export` prints the figures, the export test holds every
// shipped exercise to them.
//
// Depends on the standard library and session/Session (namingsOf only).
// Must never judge the words themselves: only their room.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace soma {

struct Session;

struct PacingRules {
    double maxWordsPerMinute = 80.0;
    double minQuietShare = 0.35;
    double minQuietAfterNamingSec = 8.0;
    double groupSec = 4.0;   // namings closer than this are one group
    double windowSec = 0.02;
    double quietDb = -50.0;  // a window below this RMS (dBFS) is quiet
};

// The start of a highlight on a region: where the voice names a place.
struct Naming {
    double at = 0.0;  // seconds
    std::string region;
};

// The voice stem, window by window: fed block by block as it is written or
// read, so a long session never sits in memory as samples.
class VoiceQuiet {
public:
    explicit VoiceQuiet(int rate, const PacingRules& rules = {});
    void feed(const float* samples, std::size_t count);
    // Windows so far (a last partial one counts once half full).
    std::size_t windows() const;
    bool quiet(std::size_t window) const;
    double windowSec() const { return double(window_) / rate_; }
    double seconds() const { return double(samples_) / rate_; }

private:
    void closeWindow();
    int rate_;
    std::size_t window_;
    double threshold_; // mean square
    std::vector<bool> quiet_;
    double sum_ = 0.0;
    std::size_t inWindow_ = 0;
    std::size_t samples_ = 0;
};

struct QuietAfterNaming {
    double at = 0.0;          // the group's last naming, seconds
    std::string regions;      // the group's regions, comma separated
    double quietSec = 0.0;    // the longest quiet before the next group (or the end)
};

struct Pacing {
    double seconds = 0.0;
    int words = 0;
    double wordsPerMinute = 0.0;
    double quietShare = 0.0;
    double longestQuietSec = 0.0;
    std::vector<QuietAfterNaming> afterNamings; // in time order

    // The naming with the least quiet after it, or nullptr when none.
    const QuietAfterNaming* leastQuietAfter() const;
    // What breaks the rules, one sentence each; empty when it keeps them.
    std::vector<std::string> problems(const PacingRules& rules = {}) const;
    // One line: "72 words a minute, 41% quiet, ... ".
    std::string summary() const;
};

// The namings of a session's highlights, in time order.
std::vector<Naming> namingsOf(const Session& session);

// `words` spoken over the voice measured by `voice`, with `namings`.
Pacing measurePacing(const VoiceQuiet& voice, std::vector<Naming> namings, int words, const PacingRules& rules = {});

} // namespace soma
