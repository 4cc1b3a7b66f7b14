// audio/Utterance: the timing model every narration shares, whether the
// built-in voice spoke it or a therapist recorded it: mono PCM at the mix
// rate plus the sample times of its words and marks.
//
// Depends on core/Time only. Must never hold anything but plain data.
#pragma once

#include "core/Time.h"

#include <string>
#include <vector>

namespace soma {

struct WordTiming {
    Samples start = 0; // first sample of the word, from the utterance start
    Samples end = 0;   // one past its last sample
    std::string text;  // as written, with trailing punctuation ("buik.")
};

struct MarkTiming {
    std::string name;
    Samples at = 0; // the start of the word that follows the mark
};

struct Utterance {
    std::vector<float> pcm; // mono, kMixRate; empty for a streamed recording
    std::vector<WordTiming> words;
    std::vector<MarkTiming> marks;
    Samples lengthSamples = 0; // set when pcm is empty (a recording)

    Samples length() const { return pcm.empty() ? lengthSamples : Samples(pcm.size()); }
    // The mark called `name`, or nullptr.
    const MarkTiming* mark(const std::string& name) const {
        for (const auto& m : marks)
            if (m.name == name) return &m;
        return nullptr;
    }
};

} // namespace soma
