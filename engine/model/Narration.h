// model/Narration: the small markup narration is written in, as data.
//
// Authors write plain sentences with two SSML tags: <break time="2s"/> (or
// "500ms") for a real pause and <mark name="feet"/> just before the word a
// cue starts on. This module splits such a text into tokens, checks it, and
// turns it into the SSML the voice reads and into plain words for counting
// and captions. The one parser for every exercise, script or native, with
// the limits of model/Limits (mark names, each mark once, breaks).
// Depends on core/ and model/Limits. Must never synthesise anything.
#pragma once

#include "core/Result.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace soma {

struct NarrationToken {
    enum class Kind { Text, Mark, Break };
    Kind kind = Kind::Text;
    std::string text;     // Kind::Text: the words, as written
    std::string mark;     // Kind::Mark: the author's name for the word that follows
    double breakSec = 0;  // Kind::Break
    std::size_t offset = 0; // code points from the start of the narration, for error columns
};

struct NarrationMarkup {
    std::vector<NarrationToken> tokens;

    std::vector<std::string> marks() const; // in the order they are spoken
    std::string plainText() const;          // words only, tags removed
    int wordCount() const;
    double breakSeconds() const;            // the sum of all breaks
};

// Why a narration cannot be read, and where: `offset` counts code points
// from the start of the text, so a script can point at its column.
struct NarrationError {
    std::string message;
    std::size_t offset = 0;
};

// Parses the markup. On failure returns nothing and fills `error`.
bool parseNarration(std::string_view text, NarrationMarkup& out, NarrationError& error);

// The SSML document for the voice: text escaped, breaks and marks kept. A
// mark right after a sentence end gets a 1 ms break before it, because
// espeak-ng 1.51 silently drops such a mark (see shared environment notes).
std::string toSsml(const NarrationMarkup& markup);

// Words in a plain text (runs of letters or digits), for the 300/900-word
// rule and for captions.
int countWords(std::string_view plain);

} // namespace soma
