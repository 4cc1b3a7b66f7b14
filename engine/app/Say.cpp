// `soma say`: speaks a narration text with the built-in voice into a WAV
// file, with its captions as WebVTT, and lists when each word and mark
// falls. For authors checking pace, pauses and marks without running a
// whole session.
#include "app/CliChecks.h"
#include "app/CommandRegistry.h"

#include "audio/Captions.h"
#include "audio/Voice.h"
#include "audio/WavWriter.h"
#include "core/Log.h"
#include "model/Narration.h"

#include <cstdio>
#include <memory>
#include <string>

namespace soma::app {
namespace {

struct SayOptions {
    std::string text;
    std::string lang = "en";
    int rate = 0;
    int pitch = 0;
    std::string out = "soma-voice.wav";
    std::string vtt;
    bool words = false;
};

int say(const SayOptions& o) {
    VoiceSettings vs;
    vs.lang = o.lang;
    vs.rateWpm = o.rate;
    vs.pitch = o.pitch;
    // The text is narration markup, parsed as an exercise's is: only words,
    // <break> and <mark> reach the voice, escaped, never espeak-ng's other
    // SSML (an <audio src=...> would have it open any file).
    NarrationMarkup markup;
    NarrationError bad;
    if (!parseNarration(o.text, markup, bad)) {
        std::fprintf(stderr, "soma say: %s (at character %zu); write plain sentences with <break time=\"2s\"/> and <mark name=\"x\"/>\n",
                     bad.message.c_str(), bad.offset + 1);
        return 2;
    }
    auto u = speak(toSsml(markup), vs);
    if (!u) {
        std::fprintf(stderr, "%s\n", u.error().message.c_str());
        return 1;
    }
    auto w = WavWriter::create(o.out, 1);
    if (!w) {
        std::fprintf(stderr, "%s\n", w.error().message.c_str());
        return 1;
    }
    if (auto s = (*w)->write(u->pcm.data(), u->pcm.size()); !s) {
        std::fprintf(stderr, "%s\n", s.error().message.c_str());
        return 1;
    }
    if (auto s = (*w)->close(); !s) {
        std::fprintf(stderr, "%s\n", s.error().message.c_str());
        return 1;
    }
    const auto cues = makeCaptions(u->words);
    if (!o.vtt.empty()) {
        if (auto s = writeWebVtt(cues, o.vtt); !s) {
            std::fprintf(stderr, "%s\n", s.error().message.c_str());
            return 1;
        }
    }
    std::printf("%s: %.2f s, %zu words, %zu marks, %zu captions\n", o.out.c_str(), toSeconds(u->length()), u->words.size(),
                u->marks.size(), cues.size());
    for (const auto& m : u->marks) std::printf("mark %-20s %8.3f s\n", m.name.c_str(), toSeconds(m.at));
    if (o.words)
        for (const auto& wd : u->words) std::printf("word %-20s %8.3f .. %.3f s\n", wd.text.c_str(), toSeconds(wd.start), toSeconds(wd.end));
    return 0;
}

const CommandRegistrar kSay(60, "say", "Speak a narration text with the built-in voice into a WAV file, listing its marks",
                            [](CLI::App&, CLI::App& sub) -> CommandAction {
                                auto opt = std::make_shared<SayOptions>();
                                sub.add_option("text", opt->text, "Text, with <break time=\"2s\"/> and <mark name=\"x\"/>")->required();
                                sub.add_option("--lang", opt->lang, "nl or en")->capture_default_str()->check(languageTag());
                                sub.add_option("--rate", opt->rate, "Words per minute (default: the relaxed pace)");
                                sub.add_option("--pitch", opt->pitch, "0..100 (default: the relaxed pitch)");
                                sub.add_option("--out", opt->out, "WAV file to write (48 kHz mono)")->capture_default_str();
                                sub.add_option("--vtt", opt->vtt, "Also write the captions to this WebVTT file");
                                sub.add_flag("--words", opt->words, "List every word with its time");
                                return [opt] { return say(*opt); };
                            });

} // namespace
} // namespace soma::app
