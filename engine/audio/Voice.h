// audio/Voice: the built-in voice. espeak-ng speaks SSML in-process (Dutch
// "nl", English "en"), tuned for relaxation: a slower rate, a lower pitch and
// real pauses between sentences; <break time="2s"/> and <mark name="x"/> are
// honoured. The result is PCM at the mix rate with the sample time of every
// word and every mark, synthesised ahead of the moment it is heard.
//
// espeak-ng is one global engine per process, so speak() serialises callers
// on a mutex; it may be called from any thread.
// Depends on espeak-ng and core/. Must never touch OpenAL or play anything.
#pragma once

#include "audio/Utterance.h"
#include "core/Result.h"

#include <string>
#include <string_view>

namespace soma {

struct VoiceSettings {
    std::string lang = "en"; // "en" or "nl"; any espeak-ng voice name works, with a variant too ("nl+f3")
    int rateWpm = 0;         // words per minute; 0 = the relaxed default (~135)
    int pitch = 0;           // espeak-ng 0..100; 0 = the relaxed default (35)
};

// The relaxed defaults, as numbers (for `soma doctor` and tests).
inline constexpr int kRelaxedRateWpm = 135;
inline constexpr int kRelaxedPitch = 35;
// Silence added after each sentence end, so sentences do not run together.
inline constexpr int kSentencePauseMs = 800;

// Speaks `ssml` (plain text or SSML; a <speak> root is added when missing,
// bare '&' is escaped). Every <mark> in the text appears in marks, in text
// order, at the start of the word that follows it (also a mark right after a
// sentence end, which espeak-ng 1.51 would drop). Errors: "voice.init"
// (espeak-ng data missing), "voice.lang" (no such voice), "voice.synth".
Result<Utterance> speak(std::string_view ssml, const VoiceSettings& settings = {});

// Whether espeak-ng can speak `lang` here.
bool voiceAvailable(const std::string& lang);

} // namespace soma
