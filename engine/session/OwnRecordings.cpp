#include "session/OwnRecordings.h"

#include "audio/Loudness.h"
#include "audio/Resampler.h"
#include "audio/WavWriter.h"
#include "audio/Captions.h"
#include "core/Files.h"
#include "session/SessionBuilder.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <system_error>

namespace soma {

namespace {

std::string primaryTag(const std::string& lang) { return lang.substr(0, lang.find('-')); }

// A pause of the written text: the quiet a run of breaks asks for, and the
// index of the text token after it (where the reading reference's mark goes).
struct WrittenPause {
    std::size_t beforeToken = 0;
    double sec = 0;
};

std::vector<WrittenPause> writtenPauses(const NarrationMarkup& markup) {
    std::vector<WrittenPause> out;
    double run = 0;
    for (std::size_t i = 0; i < markup.tokens.size(); ++i) {
        const NarrationToken& t = markup.tokens[i];
        if (t.kind == NarrationToken::Kind::Break) {
            run += t.breakSec;
        } else if (t.kind == NarrationToken::Kind::Text && run > 0) {
            if (!out.empty() || i > 0) out.push_back({i, run}); // a break before any word is the step's lead-in
            run = 0;
        }
    }
    return out; // a break after the last word is the step's own quiet, kept by the builder
}

std::string pauseMark(std::size_t n) { return fmt::format("soma_pause_{}", n); }

Error writeError(const std::filesystem::path& file, const std::string& why) {
    return Error{"record.write", fmt::format("{}: could not be written ({}); the earlier recording, if any, is kept", file.string(), why)};
}

} // namespace

std::string textFingerprint(std::string_view plainText) {
    std::uint64_t h = 1469598103934665603ull;
    bool gap = false, any = false;
    auto add = [&](unsigned char c) {
        h ^= c;
        h *= 1099511628211ull;
    };
    for (char ch : plainText) {
        const auto c = static_cast<unsigned char>(ch);
        const bool word = c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (!word) {
            gap = any;
            continue;
        }
        if (gap) add(' ');
        gap = false;
        any = true;
        add(c >= 'A' && c <= 'Z' ? static_cast<unsigned char>(c - 'A' + 'a') : c);
    }
    return fmt::format("{:016x}", h);
}

std::vector<StepToRead> stepsToRead(const SessionRequest& request) {
    std::vector<StepToRead> out;
    for (const StepRequest& rq : request.steps) {
        if (rq.narration.empty()) continue;
        if (rq.recordings.count(request.lang) || rq.recordings.count(primaryTag(request.lang))) continue;
        StepToRead s;
        s.slot = rq.recordingSlot.empty() ? rq.id : rq.recordingSlot;
        if (std::any_of(out.begin(), out.end(), [&](const StepToRead& o) { return o.slot == s.slot; })) continue;
        NarrationError err;
        if (!parseNarration(rq.narration, s.markup, err)) continue;
        s.stepId = rq.id;
        s.text = s.markup.plainText();
        s.fingerprint = textFingerprint(s.text);
        for (const HighlightRequest& h : rq.highlights)
            if (!h.mark.empty()) s.markRegions[h.mark].push_back(h.region);
        out.push_back(std::move(s));
    }
    return out;
}

Result<std::shared_ptr<const Utterance>> readingReference(const StepToRead& step, const std::string& lang,
                                                          const SessionBuildOptions& options) {
    NarrationMarkup reading;
    const std::vector<WrittenPause> pauses = writtenPauses(step.markup);
    std::size_t next = 0;
    for (std::size_t i = 0; i < step.markup.tokens.size(); ++i) {
        NarrationToken t = step.markup.tokens[i];
        if (next < pauses.size() && pauses[next].beforeToken == i) {
            NarrationToken mark;
            mark.kind = NarrationToken::Kind::Mark;
            mark.mark = pauseMark(next++);
            reading.tokens.push_back(mark);
        }
        if (t.kind == NarrationToken::Kind::Break) t.breakSec = std::min(t.breakSec, kReadingBreakSec);
        reading.tokens.push_back(std::move(t));
    }
    return speakNarration(reading, lang, options);
}

Result<std::vector<TakePiece>> cutIntoTexts(std::span<const std::shared_ptr<const Utterance>> references,
                                            std::span<const float> pcm) {
    std::vector<Utterance> steps;
    steps.reserve(references.size());
    for (const auto& r : references) steps.push_back(*r);
    auto aligned = alignSteps(steps, PcmView{pcm, kMixRate});
    if (!aligned) return aligned.error();
    std::vector<TakePiece> out;
    const auto& s = aligned->steps;
    const auto sample = [&](double sec) { return std::clamp<std::size_t>(std::size_t(std::max<Samples>(0, fromSeconds(sec))), 0, pcm.size()); };
    for (std::size_t i = 0; i < s.size(); ++i) {
        TakePiece p;
        p.from = i == 0 ? 0 : sample((s[i - 1].endSec + s[i].startSec) / 2);
        p.to = i + 1 == s.size() ? pcm.size() : sample((s[i].endSec + s[i + 1].startSec) / 2);
        p.to = std::max(p.to, p.from);
        p.confidence = s[i].confidence;
        out.push_back(p);
    }
    return out;
}

RecordingState OwnRecordings::state(const StepToRead& step, std::string* why) const {
    std::error_code ec;
    bool audio = false;
    for (const char* ext : {".flac", ".wav", ".ogg"})
        audio = audio || std::filesystem::is_regular_file(mFolder / (step.slot + ext), ec);
    if (!audio) return RecordingState::None;
    auto m = marks(step.slot);
    if (!m) {
        if (why) *why = m.error().message;
        return RecordingState::Broken;
    }
    if (!m->textFingerprint.empty() && m->textFingerprint != step.fingerprint) return RecordingState::Stale;
    return RecordingState::Recorded;
}

std::size_t OwnRecordings::firstToRecord(std::span<const StepToRead> steps) const {
    for (std::size_t i = 0; i < steps.size(); ++i)
        if (state(steps[i]) != RecordingState::Recorded) return i;
    return steps.size();
}

Result<MarksFile> OwnRecordings::marks(const std::string& slot) const { return loadMarks(marksPath(slot)); }

std::string ownMarksVtt(const std::string& fingerprint, std::span<const WordTiming> words, std::span<const MarkTiming> marks) {
    struct Cue {
        Samples start, end;
        std::string text;
    };
    std::vector<Cue> cues;
    for (const WordTiming& w : words) {
        std::string text = w.text;
        for (std::size_t p; (p = text.find("-->")) != std::string::npos;) text.replace(p, 3, "->");
        cues.push_back({w.start, std::max(w.start, w.end), text});
    }
    for (const MarkTiming& m : marks) cues.push_back({m.at, m.at, "mark:" + m.name});
    std::stable_sort(cues.begin(), cues.end(), [](const Cue& a, const Cue& b) { return a.start < b.start; });
    std::string out = fmt::format("WEBVTT\n\nNOTE soma-text {}\n\n", fingerprint);
    for (const Cue& c : cues) out += fmt::format("{} --> {}\n{}\n\n", webVttTime(c.start), webVttTime(c.end), c.text);
    return out;
}

double SavedTake::savedTime(double takeSec) const {
    const double t = takeSec - leadTrimmedSec;
    double add = 0;
    for (const Pause& p : pauses)
        if (p.atSec <= t) add += p.sec;
    return t + add;
}

Result<SavedTake> OwnRecordings::save(const StepToRead& step, const Utterance& reference, std::span<const float> pcm,
                                      int rate) const {
    std::vector<float> take(pcm.begin(), pcm.end());
    if (rate != kMixRate) take = Resampler::convert(take, rate, kMixRate);

    SavedTake out;
    Trimmed trimmed = trimSilence(take, kMixRate);
    out.trimmedSec = toSeconds(Samples(take.size() - trimmed.pcm.size()));
    out.leadTrimmedSec = toSeconds(trimmed.startOffset);
    auto aligned = alignUtterance(reference, PcmView{trimmed.pcm, kMixRate});
    if (!aligned) return aligned.error();
    out.medianCost = aligned->medianCost;

    // The written pauses, put back where the person paused: after the last
    // word that ends before the pause's mark, in the middle of their quiet.
    struct Insert {
        Samples at, length;
    };
    std::vector<Insert> inserts;
    const std::vector<WrittenPause> pauses = writtenPauses(step.markup);
    for (std::size_t n = 0; n < pauses.size(); ++n) {
        const auto it = std::find_if(aligned->marks.begin(), aligned->marks.end(),
                                     [&](const AlignedMark& m) { return m.name == pauseMark(n); });
        if (it == aligned->marks.end()) continue;
        double quietFrom = -1;
        for (const AlignedWord& w : aligned->words)
            if (w.endSec <= it->sec + 0.02) quietFrom = std::max(quietFrom, w.endSec);
        quietFrom = quietFrom < 0 ? it->sec : std::min(quietFrom, it->sec);
        const double have = it->sec - quietFrom;
        const double add = pauses[n].sec - have;
        if (add < 0.05) continue;
        inserts.push_back({fromSeconds(quietFrom + have / 2), fromSeconds(add)});
    }
    std::sort(inserts.begin(), inserts.end(), [](const Insert& a, const Insert& b) { return a.at < b.at; });

    // The quiet goes in with 20 ms fades either side, so the room's own
    // sound never stops or starts with a click.
    std::vector<float> spoken;
    spoken.reserve(trimmed.pcm.size());
    const Samples fade = fromSeconds(0.02);
    const auto copy = [&](Samples from, Samples to, bool fadeIn, bool fadeOut) {
        for (Samples i = from; i < to; ++i) {
            double g = 1;
            if (fadeIn) g = std::min(g, double(i - from + 1) / double(fade));
            if (fadeOut) g = std::min(g, double(to - i) / double(fade));
            spoken.push_back(trimmed.pcm[std::size_t(i)] * float(g));
        }
    };
    Samples from = 0;
    for (const Insert& ins : inserts) {
        const Samples at = std::clamp<Samples>(ins.at, from, Samples(trimmed.pcm.size()));
        copy(from, at, from > 0, true);
        spoken.insert(spoken.end(), std::size_t(ins.length), 0.0f);
        from = at;
        out.pauses.push_back({toSeconds(at), toSeconds(ins.length)});
        out.pausesAddedSec += toSeconds(ins.length);
    }
    copy(from, Samples(trimmed.pcm.size()), from > 0, false);
    const auto shifted = [&](double sec) {
        const Samples t = fromSeconds(sec);
        Samples add = 0;
        for (const Insert& ins : inserts)
            if (ins.at <= t) add += ins.length;
        return t + add;
    };

    auto loud = normalizeLoudness(spoken, kMixRate);
    if (!loud) return loud.error();
    out.loudnessLufs = loud->loudnessLufs;
    out.gainDb = loud->gainDb;
    out.limited = loud->limited;
    out.seconds = toSeconds(Samples(loud->pcm.size()));

    std::vector<WordTiming> words;
    std::vector<MarkTiming> marks;
    for (const AlignedWord& w : aligned->words) {
        WordTiming t{shifted(w.startSec), shifted(w.endSec), w.text};
        // A word never reaches into the quiet put back after it.
        t.end = std::max(t.start, std::min(t.end, t.start + fromSeconds(w.endSec - w.startSec)));
        words.push_back(t);
        out.words.push_back({w.text, toSeconds(t.start), toSeconds(t.end), w.confidence});
    }
    for (const AlignedMark& m : aligned->marks) {
        if (m.name.rfind("soma_pause_", 0) == 0) continue;
        marks.push_back({m.name, shifted(m.sec)});
        out.marks.push_back({m.name, toSeconds(marks.back().at), m.confidence});
        out.doubtful = out.doubtful || m.confidence < kDoubtfulConfidence;
    }
    out.doubtful = out.doubtful || out.medianCost > kOtherTextCost;

    // Audio first, beside the old one; the old marks go before the new audio
    // takes its place (so a crash in between leaves audio without marks,
    // which is shown as broken and spoken by the built-in voice, never new
    // audio with old marks); then the new marks.
    std::error_code ec;
    std::filesystem::create_directories(mFolder, ec);
    if (ec) return writeError(mFolder, ec.message());
    const auto audio = audioPath(step.slot);
    auto part = audio;
    part += ".part";
    {
        auto writer = WavWriter::create(part, 1, kMixRate, SampleFormat::Flac16);
        if (!writer) return writeError(audio, writer.error().message);
        if (auto s = (*writer)->write(loud->pcm.data(), loud->pcm.size()); !s) return writeError(audio, s.error().message);
        if (auto s = (*writer)->close(); !s) {
            std::filesystem::remove(part, ec);
            return writeError(audio, s.error().message);
        }
    }
    std::filesystem::remove(marksPath(step.slot), ec);
    std::filesystem::rename(part, audio, ec);
    if (ec) {
        std::filesystem::remove(part, ec);
        return writeError(audio, ec.message());
    }
    for (const char* ext : {".wav", ".ogg"}) std::filesystem::remove(mFolder / (step.slot + ext), ec);
    if (auto s = writeFileAtomically(marksPath(step.slot), ownMarksVtt(step.fingerprint, words, marks)); !s) return s.error();
    return out;
}

Status OwnRecordings::saveMarks(const StepToRead& step, std::span<const MarkTiming> marks) const {
    auto old = this->marks(step.slot);
    if (!old) return old.error();
    return writeFileAtomically(marksPath(step.slot), ownMarksVtt(step.fingerprint, old->words, marks));
}

Status OwnRecordings::remove(const std::string& slot) const {
    std::error_code ec;
    for (const char* ext : {".flac", ".wav", ".ogg", ".vtt"}) {
        std::filesystem::remove(mFolder / (slot + ext), ec);
        if (ec) return Error{"record.write", fmt::format("{}: could not be removed ({})", (mFolder / (slot + ext)).string(), ec.message())};
    }
    return Ok{};
}

} // namespace soma
