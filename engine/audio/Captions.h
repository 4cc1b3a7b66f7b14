// audio/Captions: caption cues from the words of the narration, and WebVTT.
//
// A cue is at most two lines of at most ~42 characters, shown while its
// words are spoken (BBC subtitle guidance: never more than 1.5 s early or
// late), breaking at sentence ends and at pauses. The session gathers the
// cues of all narration clips (each offset to its clip's start); the
// renderer draws the active one.
//
// Depends on audio/Utterance. Must never draw or play anything.
#pragma once

#include "audio/Utterance.h"
#include "core/Result.h"

#include <filesystem>
#include <string>
#include <vector>

namespace soma {

struct CaptionCue {
    Samples start = 0; // absolute session time
    Samples end = 0;
    std::vector<std::string> lines; // 1 or 2
    std::string text() const;       // lines joined with '\n'
};

struct CaptionOptions {
    int maxLineChars = 42;
    int maxLines = 2;
    double pauseSec = 0.7;     // a silence this long between words ends a cue
    double minShowSec = 1.0;   // short cues stay up at least this long ...
    double maxLingerSec = 1.2; // ... but never longer than this after their last word
};

// Cues for `words` (times from the clip start) placed at `offset`.
std::vector<CaptionCue> makeCaptions(const std::vector<WordTiming>& words, Samples offset = 0,
                                     const CaptionOptions& options = {});

// The cue showing at `t`, or nullptr. `cues` sorted by start.
const CaptionCue* activeCaption(const std::vector<CaptionCue>& cues, Samples t);

std::string toWebVtt(const std::vector<CaptionCue>& cues);
// Error "captions.write" naming the file.
Status writeWebVtt(const std::vector<CaptionCue>& cues, const std::filesystem::path& path);

// "hh:mm:ss.mmm"
std::string webVttTime(Samples t);

} // namespace soma
