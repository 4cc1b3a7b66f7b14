#include "audio/Voice.h"

#include "audio/Resampler.h"
#include "core/Log.h"
#include "core/Paths.h"

#include <espeak-ng/speak_lib.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <optional>
#include <mutex>

#include <unistd.h>

namespace soma {
namespace {

namespace fs = std::filesystem;

std::mutex& espeakMutex() {
    static std::mutex m;
    return m;
}

// espeak-ng's rate once initialised; 0 before, < 0 when it cannot start.
int gEspeakRate = 0;

struct RawEvent {
    espeak_EVENT_TYPE type;
    int textPos;  // 1-based code points into the text espeak read
    int length;
    Samples sample; // at espeak's rate
    std::string name;
};

struct SynthSink {
    std::vector<std::int16_t> pcm;
    std::vector<RawEvent> events;
};
SynthSink* gSink = nullptr; // only touched under espeakMutex()

int onSynth(short* wav, int n, espeak_EVENT* ev) {
    if (!gSink) return 1;
    if (wav && n > 0) gSink->pcm.insert(gSink->pcm.end(), wav, wav + n);
    for (; ev && ev->type != espeakEVENT_LIST_TERMINATED; ++ev) {
        RawEvent r{ev->type, ev->text_position, ev->length, 0, {}};
        // `sample` is the exact count; audio_position is the same in ms.
        // Prefer the sample count when the two agree.
        const Samples fromMs = Samples(ev->audio_position) * gEspeakRate / 1000;
        r.sample = std::abs(Samples(ev->sample) - fromMs) <= gEspeakRate / 500 ? Samples(ev->sample) : fromMs;
        if (ev->type == espeakEVENT_MARK && ev->id.name) r.name = ev->id.name;
        gSink->events.push_back(std::move(r));
    }
    return 0;
}

// espeak-ng's pitch flutter walks a table whose place is kept in a function
// static from one utterance to the next, so the same text comes out a few
// samples longer or shorter depending on what was spoken before it (in any
// language). A session is built ahead and an export rebuilds it in another
// process, so a replayed live run would drift. Our own voice variant,
// "soma", turns the flutter off; with it the timing of every word depends
// only on the text and the settings. espeak-ng finds variants only inside
// its data folder, so the variant lives in an overlay of that folder (links
// to the system's files plus voices/!v/soma), kept in the cache.
constexpr const char* kVariant = "soma";
constexpr const char* kVariantFile =
    "// Soma's calm narrator: espeak-ng's own voice without pitch flutter, so\n"
    "// that the same text always takes the same time.\n"
    "language variant\n"
    "name soma\n"
    "flutter 0\n";

std::optional<fs::path> systemEspeakData() {
    std::vector<fs::path> candidates;
    if (const char* env = std::getenv("ESPEAK_DATA_PATH"); env && *env) {
        candidates.push_back(fs::path(env) / "espeak-ng-data");
        candidates.push_back(env);
    }
#ifdef SOMA_ESPEAK_DATA_DIR
    candidates.push_back(SOMA_ESPEAK_DATA_DIR);
#endif
    // Where Debian and espeak-ng's own install put it.
    for (const char* c : {"/usr/lib/x86_64-linux-gnu/espeak-ng-data", "/usr/lib/aarch64-linux-gnu/espeak-ng-data",
                          "/usr/share/espeak-ng-data", "/usr/local/share/espeak-ng-data"})
        candidates.emplace_back(c);
    std::error_code ec;
    for (const fs::path& c : candidates)
        if (fs::is_regular_file(c / "phontab", ec)) return c;
    return std::nullopt;
}

// espeak-ng keeps its data path in a small fixed buffer (160 bytes up to
// 1.52): a longer one would be cut and espeak would quietly use its own.
constexpr std::size_t kMaxEspeakPath = 150;

// What the overlay was made from: the system folder, its entries and the
// time of its phoneme data, so an espeak-ng upgrade gets a fresh overlay.
std::string overlayKey(const fs::path& system) {
    std::error_code ec;
    std::vector<std::string> names;
    for (const fs::directory_entry& e : fs::directory_iterator(system, ec)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    // "v2": overlays from before the system's variants were linked in are
    // made again.
    std::string key = "v2:" + system.string();
    for (const std::string& n : names) key += "/" + n;
    const auto stamp = fs::last_write_time(system / "phondata", ec);
    if (!ec) key += fmt::format("@{}", stamp.time_since_epoch().count());
    return fmt::format("{:016x}", std::hash<std::string>{}(key));
}

// Links every entry of `from` into `to`, except the one called `skip`.
std::error_code linkEntries(const fs::path& from, const fs::path& to, std::string_view skip) {
    std::error_code ec;
    if (!fs::is_directory(from, ec)) return {};
    for (const fs::directory_entry& e : fs::directory_iterator(from, ec)) {
        if (e.path().filename() == skip) continue;
        fs::create_symlink(e.path(), to / e.path().filename(), ec);
        if (ec) return ec;
    }
    return ec;
}

// Each variant file of `from` into `to` with "flutter 0" added at its end
// (a later line wins in a variant file).
std::error_code copyVariantsWithoutFlutter(const fs::path& from, const fs::path& to) {
    std::error_code ec;
    if (!fs::is_directory(from, ec)) return {};
    for (const fs::directory_entry& e : fs::directory_iterator(from, ec)) {
        if (e.path().filename() == kVariant || !e.is_regular_file(ec)) continue;
        std::FILE* in = std::fopen(e.path().c_str(), "rb");
        if (!in) continue; // an unreadable variant is one variant less
        std::string text;
        char buf[4096];
        for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, in)) > 0;) text.append(buf, n);
        std::fclose(in);
        text += "\nflutter 0\n";
        std::FILE* out = std::fopen((to / e.path().filename()).c_str(), "wb");
        if (!out || std::fwrite(text.data(), 1, text.size(), out) != text.size()) ec = std::make_error_code(std::errc::io_error);
        if (out) std::fclose(out);
        if (ec) return ec;
    }
    return ec;
}

bool overlayComplete(const fs::path& dir) {
    std::error_code ec;
    return fs::is_regular_file(dir / "phontab", ec) && fs::is_regular_file(dir / "voices" / "!v" / kVariant, ec);
}

// The overlay folder, made once per system data folder; nullopt (and the
// plain voice) when it cannot be made.
std::optional<fs::path> variantOverlay() {
    const auto system = systemEspeakData();
    if (!system) return std::nullopt;
    const fs::path dir = paths::cacheHome() / ("espeak-ng-data-" + overlayKey(*system));
    if (dir.string().size() > kMaxEspeakPath) return std::nullopt;
    if (overlayComplete(dir)) return dir;
    std::error_code ec;
    // Half an overlay (a cache cleaner took some of it) is made again.
    if (fs::exists(dir, ec)) fs::remove_all(dir, ec);
    // Built beside, then moved into place, so processes starting together
    // never see half an overlay.
    const fs::path tmp = fs::path(dir.string() + fmt::format(".tmp{}-{}", ::getpid(),
                                                             std::chrono::steady_clock::now().time_since_epoch().count()));
    fs::create_directories(tmp / "voices" / "!v", ec);
    if (ec) return std::nullopt;
    for (const fs::directory_entry& e : fs::directory_iterator(*system, ec)) {
        const std::string name = e.path().filename().string();
        if (name == "voices") continue;
        fs::create_symlink(e.path(), tmp / name, ec);
        if (ec) break;
    }
    // The system's own voices beside ours, and its variants copied without
    // their flutter, so that a voice name with a variant ("nl+f3") finds
    // it here too and times its words the same way every time.
    if (!ec) ec = linkEntries(*system / "voices", tmp / "voices", "!v");
    if (!ec) ec = copyVariantsWithoutFlutter(*system / "voices" / "!v", tmp / "voices" / "!v");
    if (!ec) {
        std::FILE* f = std::fopen((tmp / "voices" / "!v" / kVariant).c_str(), "wb");
        if (!f || std::fputs(kVariantFile, f) < 0) ec = std::make_error_code(std::errc::io_error);
        if (f) std::fclose(f);
    }
    if (!ec) fs::rename(tmp, dir, ec); // another process may have won: its overlay is as good
    fs::remove_all(tmp, ec);
    if (overlayComplete(dir)) return dir;
    return std::nullopt;
}

bool gVariant = false; // the overlay with the "soma" variant is in use

bool ensureEspeak() {
    if (gEspeakRate == 0) {
        const auto overlay = variantOverlay();
        gEspeakRate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, overlay ? overlay->c_str() : nullptr, espeakINITIALIZE_DONT_EXIT);
        if (gEspeakRate <= 0) gEspeakRate = -1;
        else espeak_SetSynthCallback(onSynth);
        // In use only when espeak really found it there.
        gVariant = overlay.has_value() && gEspeakRate > 0 && espeak_SetVoiceByName((std::string("en+") + kVariant).c_str()) == EE_OK;
        if (gEspeakRate > 0 && !gVariant)
            log::warn("voice.variant", "espeak-ng's data folder was not found or the cache ({}) is not writable: the voice keeps its "
                                       "pitch flutter, and a replayed session may differ by a few milliseconds",
                      paths::cacheHome().string());
    }
    return gEspeakRate > 0;
}

// A name that carries its own variant ("nl+f3") is taken as given (espeak-ng
// takes one variant): the overlay's copy of it has no flutter either.
bool selectVoice(const std::string& lang) {
    const bool ownVariant = lang.find('+') != std::string::npos;
    if (gVariant && !ownVariant && espeak_SetVoiceByName((lang + "+" + kVariant).c_str()) == EE_OK) return true;
    if (espeak_SetVoiceByName(lang.c_str()) == EE_OK) return true;
    espeak_VOICE spec{};
    spec.languages = lang.c_str();
    return espeak_SetVoiceByProperties(&spec) == EE_OK;
}

bool startsWith(std::string_view s, std::size_t i, std::string_view what) { return s.substr(i, what.size()) == what; }

// Whether s[i] ('&') starts an entity such as &amp; or &#233;.
bool isEntity(std::string_view s, std::size_t i) {
    std::size_t j = i + 1;
    while (j < s.size() && j - i <= 10 && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '#')) ++j;
    return j > i + 1 && j < s.size() && s[j] == ';';
}

// Where the mark tags sit in the text we hand espeak-ng, in text order.
struct MarkSpot {
    std::string name;
    int codePoint = 0; // 1-based, of the '<' of the tag
};

struct Prepared {
    std::string text;
    std::vector<MarkSpot> marks;
};

// Turns what the caller wrote into the SSML espeak-ng reads: a <speak> root,
// bare '&' escaped, a real pause after every sentence that is followed by
// more, and a 1 ms break in front of a mark that follows a sentence end
// without one (espeak-ng 1.51 drops such a mark).
Prepared prepare(std::string_view in) {
    std::string body;
    std::size_t a = 0;
    while (a < in.size() && std::isspace(static_cast<unsigned char>(in[a]))) ++a;
    const bool hasRoot = startsWith(in, a, "<speak");
    std::string_view src = in;

    const std::string pause = fmt::format("<break time=\"{}ms\"/>", kSentencePauseMs);
    bool afterSentenceEnd = false; // only whitespace (and marks) since . ! ?
    bool breakSinceEnd = false;
    for (std::size_t i = 0; i < src.size(); ++i) {
        const char c = src[i];
        if (c == '<') {
            const std::size_t close = src.find('>', i);
            if (close == std::string_view::npos) { body += "&lt;"; continue; }
            std::string_view tag = src.substr(i, close - i + 1);
            const bool isBreak = startsWith(tag, 0, "<break");
            const bool isMark = startsWith(tag, 0, "<mark");
            if (isMark && afterSentenceEnd && !breakSinceEnd) {
                body += "<break time=\"1ms\"/>";
                breakSinceEnd = true;
            }
            if (isBreak) breakSinceEnd = true;
            if (!isBreak && !isMark) afterSentenceEnd = false;
            body += tag;
            i = close;
            continue;
        }
        if (c == '&' && !isEntity(src, i)) { body += "&amp;"; afterSentenceEnd = false; continue; }
        if (std::isspace(static_cast<unsigned char>(c))) {
            body += c;
            continue;
        }
        if ((c == '.' || c == '!' || c == '?') && i + 1 < src.size() &&
            (std::isspace(static_cast<unsigned char>(src[i + 1])) || src[i + 1] == '<')) {
            body += c;
            // A pause only where more speech follows.
            std::size_t j = i + 1;
            while (j < src.size() && std::isspace(static_cast<unsigned char>(src[j]))) ++j;
            const bool more = j < src.size() && !startsWith(src, j, "</speak");
            if (more && !startsWith(src, j, "<break")) {
                body += pause;
                breakSinceEnd = true;
            } else {
                breakSinceEnd = false;
            }
            afterSentenceEnd = true;
            continue;
        }
        afterSentenceEnd = false;
        breakSinceEnd = false;
        body += c;
    }

    Prepared p;
    p.text = hasRoot ? body : "<speak>" + body + "</speak>";
    // Mark positions in code points, the unit of espeak's text_position.
    int cp = 0;
    for (std::size_t i = 0; i < p.text.size(); ++i) {
        if ((static_cast<unsigned char>(p.text[i]) & 0xC0) != 0x80) ++cp;
        if (startsWith(p.text, i, "<mark")) {
            const std::size_t close = p.text.find('>', i);
            std::string_view tag = std::string_view(p.text).substr(i, close - i);
            std::size_t q = tag.find("name");
            std::string name;
            if (q != std::string_view::npos) {
                q = tag.find_first_of("\"'", q);
                if (q != std::string_view::npos) {
                    const std::size_t e = tag.find(tag[q], q + 1);
                    if (e != std::string_view::npos) name = std::string(tag.substr(q + 1, e - q - 1));
                }
            }
            p.marks.push_back({name, cp});
        }
    }
    return p;
}

std::string decodeEntities(std::string s) {
    static const std::pair<const char*, const char*> kEntities[] = {
        {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}};
    for (auto [from, to] : kEntities) {
        for (std::size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + 1)) s.replace(p, std::strlen(from), to);
    }
    return s;
}

// A word of the text as written, outside tags, with trailing punctuation
// kept (captions break on it).
struct TextWord {
    std::string text;
    int codePoint = 0; // 1-based, of its first character
    int length = 0;    // code points
};

std::vector<TextWord> wordsOf(const std::string& text) {
    std::vector<TextWord> out;
    int cp = 0;
    bool inTag = false;
    std::size_t wordStart = std::string::npos;
    int wordCp = 0;
    auto close = [&](std::size_t end) {
        if (wordStart == std::string::npos) return;
        std::string t = decodeEntities(text.substr(wordStart, end - wordStart));
        int len = 0;
        for (unsigned char c : t) len += (c & 0xC0) != 0x80;
        // A lone dash or ellipsis is not a word anyone says.
        if (std::any_of(t.begin(), t.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80); }))
            out.push_back({std::move(t), wordCp, len});
        wordStart = std::string::npos;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if ((c & 0xC0) != 0x80) ++cp;
        if (inTag) {
            if (c == '>') inTag = false;
            continue;
        }
        if (c == '<') {
            close(i);
            inTag = true;
        } else if (std::isspace(c)) {
            close(i);
        } else if (wordStart == std::string::npos) {
            wordStart = i;
            wordCp = cp;
        }
    }
    close(text.size());
    return out;
}

// Which text word each WORD event speaks. espeak-ng joins unstressed words
// into the next one ("on the floor" gives events for "on" and "floor") and
// sometimes reports a position a few characters early, so each event goes
// to the nearest of the next few words, in order.
std::vector<int> alignEvents(const std::vector<TextWord>& words, const std::vector<int>& eventPos) {
    std::vector<int> at(eventPos.size(), -1);
    int last = -1;
    for (std::size_t k = 0; k < eventPos.size(); ++k) {
        int best = -1, bestDist = 1 << 30;
        for (int j = last + 1; j < int(words.size()) && j <= last + 4; ++j) {
            const int d = std::abs(words[size_t(j)].codePoint - eventPos[k]);
            if (d < bestDist) { bestDist = d; best = j; }
        }
        if (best < 0) break; // more events than words: the rest say nothing new
        at[k] = best;
        last = best;
    }
    return at;
}

} // namespace

bool voiceAvailable(const std::string& lang) {
    std::lock_guard lock(espeakMutex());
    return ensureEspeak() && selectVoice(lang);
}

Result<Utterance> speak(std::string_view ssml, const VoiceSettings& settings) {
    const Prepared prep = prepare(ssml);
    SynthSink sink;
    int rate = 0;
    {
        std::lock_guard lock(espeakMutex());
        if (!ensureEspeak()) {
            log::error("voice.init", "espeak-ng could not start: install espeak-ng-data");
            return Error{"voice.init", "the built-in voice (espeak-ng) could not start: install espeak-ng-data"};
        }
        if (!selectVoice(settings.lang)) {
            log::error("voice.lang", "espeak-ng has no voice \"{}\"", settings.lang);
            return Error{"voice.lang", fmt::format("the built-in voice has no language \"{}\": use \"en\" or \"nl\", or install espeak-ng-data", settings.lang)};
        }
        rate = gEspeakRate;
        espeak_SetParameter(espeakRATE, settings.rateWpm > 0 ? settings.rateWpm : kRelaxedRateWpm, 0);
        espeak_SetParameter(espeakPITCH, settings.pitch > 0 ? settings.pitch : kRelaxedPitch, 0);
        // A narrower pitch range reads calmer than espeak's lively default.
        espeak_SetParameter(espeakRANGE, 35, 0);
        // Breath noise (variants such as f2, f3) comes from the C library's
        // rand(), which espeak-ng seeds from the clock when it starts: seeded
        // here, the same text is the same samples in every run.
        std::srand(1);
        gSink = &sink;
        const espeak_ERROR err = espeak_Synth(prep.text.c_str(), prep.text.size() + 1, 0, POS_CHARACTER, 0,
                                              espeakCHARS_UTF8 | espeakSSML, nullptr, nullptr);
        if (err == EE_OK) espeak_Synchronize();
        gSink = nullptr;
        if (err != EE_OK) {
            log::error("voice.synth", "espeak_Synth failed ({})", int(err));
            return Error{"voice.synth", "the built-in voice failed to speak this text"};
        }
    }

    Utterance u;
    std::vector<float> in(sink.pcm.size());
    for (std::size_t i = 0; i < in.size(); ++i) in[i] = float(sink.pcm[i]) / 32768.0f;
    u.pcm = Resampler::convert(in, rate, kMixRate);
    const auto toMix = [rate](Samples s) { return Samples(std::llround(double(s) * kMixRate / rate)); };

    // Words: every word of the text, timed by the WORD events. A word
    // espeak-ng spoke together with its neighbour shares that event's time
    // in proportion to its length. Each word ends where the next begins, or
    // where its sound fades out before a pause.
    const std::vector<TextWord> textWords = wordsOf(prep.text);
    std::vector<RawEvent> events;
    for (const auto& e : sink.events)
        if (e.type == espeakEVENT_WORD && e.length > 0) events.push_back(e);
    std::vector<int> eventPos;
    for (const auto& e : events) eventPos.push_back(e.textPos);
    const std::vector<int> owner = alignEvents(textWords, eventPos);
    const Samples total = Samples(sink.pcm.size());
    std::vector<Samples> starts(textWords.size(), -1);
    for (std::size_t k = 0; k < events.size(); ++k)
        if (owner[k] >= 0) starts[size_t(owner[k])] = std::clamp<Samples>(events[k].sample, 0, total);
    // Groups: a word with its own event, and the unspoken-for words after it.
    std::vector<std::size_t> heads;
    for (std::size_t j = 0; j < textWords.size(); ++j)
        if (starts[j] >= 0) heads.push_back(j);
    for (std::size_t g = 0; g < heads.size(); ++g) {
        const std::size_t first = g == 0 ? 0 : heads[g]; // words before the first event join it
        const std::size_t endWord = g + 1 < heads.size() ? heads[g + 1] : textWords.size();
        const Samples start = starts[first];
        const Samples next = g + 1 < heads.size() ? std::max(start, starts[heads[g + 1]]) : total;
        // Trim the silence before the next event (a pause, a break).
        Samples lastLoud = start;
        for (Samples i = next; i > start; --i)
            if (std::abs(int(sink.pcm[size_t(i - 1)])) > 300) { lastLoud = i; break; }
        const Samples spokenEnd = std::max(start + 1, std::min(next, lastLoud + rate / 50)); // 20 ms of decay
        int chars = 0;
        for (std::size_t j = first; j < endWord; ++j) chars += textWords[j].length + 1;
        Samples t = start;
        int seen = 0;
        for (std::size_t j = first; j < endWord; ++j) {
            seen += textWords[j].length + 1;
            const Samples e = j + 1 == endWord ? spokenEnd : start + (spokenEnd - start) * seen / std::max(1, chars);
            u.words.push_back({toMix(t), toMix(std::max(e, t)), textWords[j].text});
            t = e;
        }
    }

    // Marks: each one the synthesiser reported, in order; any it dropped is
    // placed at the start of the first word after its tag.
    std::vector<bool> used(sink.events.size(), false);
    for (const MarkSpot& spot : prep.marks) {
        std::optional<Samples> at;
        for (std::size_t i = 0; i < sink.events.size(); ++i) {
            if (used[i] || sink.events[i].type != espeakEVENT_MARK || sink.events[i].name != spot.name) continue;
            used[i] = true;
            at = toMix(sink.events[i].sample);
            break;
        }
        if (!at) {
            at = u.length();
            for (std::size_t j = 0; j < textWords.size() && j < u.words.size(); ++j)
                if (textWords[j].codePoint > spot.codePoint) { at = u.words[j].start; break; }
            log::debug("voice.mark_recovered", "mark \"{}\" placed from the word that follows it", spot.name);
        }
        u.marks.push_back({spot.name, *at});
    }
    return u;
}

} // namespace soma
