#include "session/SessionBuilder.h"

#include "audio/RecordedVoice.h"
#include "audio/Voice.h"
#include "catalog/Catalog.h"
#include "core/Log.h"
#include "model/Limits.h"
#include "model/Narration.h"
#include "session/OwnRecordings.h"
#include "session/Session.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <deque>
#include <mutex>
#include <optional>

namespace soma {

namespace {

// Natural, unhurried breathing for steps that ask for no pattern of their own.
constexpr BreathPattern kCalmBreath{4.0, 0.0, 6.0, 0.0, 0};

struct CacheKey {
    std::string ssml;
    std::string lang;
    int rate;
    int pitch;
    bool operator<(const CacheKey& o) const {
        return std::tie(ssml, lang, rate, pitch) < std::tie(o.ssml, o.lang, o.rate, o.pitch);
    }
};

// Bounded: a kiosk runs for days through every exercise in two languages,
// and an unbounded cache would end up holding all of their narration (a
// long session is ~110 MB of PCM). Oldest clips go first; a session that
// still holds a clip keeps it alive through its shared_ptr.
struct NarrationCache {
    std::mutex mutex;
    std::map<CacheKey, std::shared_ptr<const Utterance>> clips;
    std::deque<CacheKey> order; // oldest first
    std::size_t bytes = 0;
    std::size_t limitBytes = std::size_t(256) << 20;

    static std::size_t sizeOf(const Utterance& u) { return u.pcm.size() * sizeof(float); }
    void evictTo(std::size_t limit) {
        while (bytes > limit && !order.empty()) {
            auto it = clips.find(order.front());
            if (it != clips.end()) {
                bytes -= sizeOf(*it->second);
                clips.erase(it);
            }
            order.pop_front();
        }
    }
};

NarrationCache& cache() {
    static NarrationCache c;
    return c;
}

Result<std::shared_ptr<const Utterance>> synthesise(const std::string& ssml, const std::string& lang,
                                                    const SessionBuildOptions& o) {
    CacheKey key{ssml, lang, o.rateWpm, o.pitch};
    {
        std::lock_guard lock(cache().mutex);
        auto it = cache().clips.find(key);
        if (it != cache().clips.end()) return it->second;
    }
    VoiceSettings vs;
    vs.lang = lang;
    vs.rateWpm = o.rateWpm;
    vs.pitch = o.pitch;
    auto u = speak(ssml, vs);
    if (!u) return u.error();
    auto shared = std::make_shared<const Utterance>(std::move(*u));
    std::lock_guard lock(cache().mutex);
    NarrationCache& c = cache();
    if (c.clips.emplace(key, shared).second) {
        c.order.push_back(key);
        c.bytes += NarrationCache::sizeOf(*shared);
        c.evictTo(c.limitBytes);
    }
    return shared;
}

Samples secs(double s) { return fromSeconds(s); }

// Where the word at `at` becomes audible. The voice reports a word's start
// at its first phoneme, and a word that opens with a voiceless stop ("Chest",
// "Knieën") begins with the stop's silent closure: 50-70 ms in which nothing
// is heard. A highlight must land on what the person hears, so a mark in
// silence moves forward to the first sound (never further than 150 ms, and
// never when the mark already sits in sound).
Samples audibleOnset(const Utterance& u, Samples at) {
    const auto& pcm = u.pcm;
    if (pcm.empty() || at < 0 || at >= Samples(pcm.size())) return at;
    float peak = 0;
    for (float x : pcm) peak = std::max(peak, std::abs(x));
    const float threshold = peak * 0.01f;
    const Samples limit = std::min<Samples>(Samples(pcm.size()), at + fromMillis(150));
    for (Samples t = at; t < limit; ++t)
        if (std::abs(pcm[size_t(t)]) >= threshold) return t;
    return at;
}

double periodSec(const BreathPattern& b) { return b.inhaleSec + b.holdInSec + b.exhaleSec + b.holdOutSec; }

std::string whereOf(const StepRequest& s) {
    if (s.where.file.empty()) return fmt::format("step '{}'", s.id);
    return fmt::format("{}:{}:{}: step '{}'", s.where.file, s.where.line, s.where.column, s.id);
}

// The language's primary subtag, for the note ("nl-BE" -> "nl").
std::string primary(const std::string& lang) { return lang.substr(0, lang.find('-')); }

// The recording for the session's language: an exact tag, else its primary
// subtag ("nl-BE" finds "nl").
const RecordingRequest* recordingFor(const StepRequest& s, const std::string& lang) {
    if (auto it = s.recordings.find(lang); it != s.recordings.end()) return &it->second;
    if (auto it = s.recordings.find(primary(lang)); it != s.recordings.end()) return &it->second;
    return nullptr;
}

// The person's own recording of a step, when their folder has one for its
// id (audio in one of the formats RecordedVoice streams, marks beside it).
std::optional<RecordingRequest> userRecording(const std::filesystem::path& dir, const StepRequest& rq) {
    if (dir.empty() || rq.id.empty()) return std::nullopt;
    const std::string& name = rq.recordingSlot.empty() ? rq.id : rq.recordingSlot;
    std::error_code ec;
    for (const char* ext : {".flac", ".wav", ".ogg"}) {
        const auto audio = dir / (name + ext);
        if (!std::filesystem::is_regular_file(audio, ec)) continue;
        RecordingRequest rec;
        rec.audio = audio;
        if (const auto marks = dir / (name + ".vtt"); std::filesystem::is_regular_file(marks, ec)) rec.marks = marks;
        rec.where.file = audio.string();
        return rec;
    }
    return std::nullopt;
}

// Opens a step's recording and its marks, and checks that every mark the
// step's highlights start on is there. Anything wrong is logged once, here,
// as an error naming the file (and the line, where the marks file has one),
// and gives nothing: the caller lets the built-in voice speak instead, so a
// broken file never stops a session. (RecordedVoice notes the detail at warn
// level; this is the one error a person sees.)
std::shared_ptr<const Utterance> openRecording(const RecordingRequest& rec, const StepRequest& rq, const std::string& lang,
                                               const std::string& fingerprint) {
    const std::string instead =
        rq.narration.empty() ? fmt::format("step '{}' stays silent instead (it has no narration text)", rq.id)
                             : fmt::format("the built-in voice speaks step '{}' ({}) instead", rq.id, lang);
    auto voice = RecordedVoice::open(rec.audio, rec.marks);
    if (!voice) {
        // A script's entry has a line; a plugin's call or a person's file has none.
        const SourceLocation& w = rec.where;
        const std::string at = w.line > 0 ? fmt::format("{}:{}:{}", w.file, w.line, w.column) : w.file;
        log::error(voice.error().id, "{} (the recording named at {}): {}", voice.error().message, at, instead);
        return nullptr;
    }
    if (const std::string& read = voice->textFingerprint(); !read.empty() && read != fingerprint) {
        log::warn("recording.stale",
                  "{}: this recording was made for another text of step '{}' ({}): the exercise has changed since; {} "
                  "until it is recorded again",
                  rec.marks.string(), rq.id, lang, instead);
        return nullptr;
    }
    const Utterance& timing = voice->timing();
    for (const HighlightRequest& h : rq.highlights) {
        if (h.mark.empty() || timing.mark(h.mark)) continue;
        log::error("session.recording_mark",
                   "{}: the marks file has no cue \"mark:{}\", which the highlight on '{}' of {} starts on: add a cue "
                   "with the text mark:{} at the word's time; {}",
                   rec.marks.empty() ? rec.audio.string() + " (no marks file)" : rec.marks.string(), h.mark, h.region,
                   whereOf(rq), h.mark, instead);
        return nullptr;
    }
    if (timing.length() <= 0) {
        log::error("recording.empty", "{}: the recording holds no audio; {}", rec.audio.string(), instead);
        return nullptr;
    }
    return std::make_shared<const Utterance>(timing);
}

} // namespace

Result<std::shared_ptr<const Utterance>> speakNarration(const NarrationMarkup& markup, const std::string& lang,
                                                        const SessionBuildOptions& options) {
    return synthesise(toSsml(markup), lang, options);
}

std::string notMedicalNote(const std::string& lang) {
    return uiText(lang, "session.note");
}

std::size_t narrationCacheSize() {
    std::lock_guard lock(cache().mutex);
    return cache().clips.size();
}

std::size_t narrationCacheBytes() {
    std::lock_guard lock(cache().mutex);
    return cache().bytes;
}

void setNarrationCacheLimit(std::size_t bytes) {
    std::lock_guard lock(cache().mutex);
    cache().limitBytes = bytes;
    cache().evictTo(bytes);
}

void clearNarrationCache() {
    std::lock_guard lock(cache().mutex);
    cache().clips.clear();
    cache().order.clear();
    cache().bytes = 0;
}

Result<Session> buildSession(const SessionRequest& request, const SessionBuildOptions& options) {
    if (request.steps.empty())
        return Error{"session.empty", fmt::format("exercise '{}' has no steps for variant '{}'", request.exercise, request.variant)};

    Session s;
    s.exercise = request.exercise;
    s.lang = request.lang;
    s.variant = request.variant;
    s.request = request;
    s.note = notMedicalNote(request.lang);
    s.initialPose = request.pose;
    s.initialCamera = request.camera;

    std::vector<StepRequest> steps;
    if (options.note) {
        StepRequest note;
        note.id = "soma-note";
        // The first words also say that the person may stop at any moment.
        note.narration = s.note + " <break time=\"1s\"/> " + uiText(request.lang, "session.way_out");
        note.pauseAfterSec = 1.0;
        steps.push_back(note);
    }
    steps.insert(steps.end(), request.steps.begin(), request.steps.end());

    std::string pose = request.pose, camera = request.camera;
    s.ambience.push_back({0, request.ambience, 0.2f, 6.0});
    s.pacer.push_back({0, request.pacer});
    bool pacer = request.pacer;
    // The pattern that breathes from each step's start on (index by step).
    std::vector<std::pair<Samples, BreathPattern>> breathFrom;

    Samples cursor = 0;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const StepRequest& rq = steps[i];
        SessionStep st;
        st.id = rq.id;
        st.note = options.note && i == 0;
        st.start = cursor;

        // Narration, synthesised now so every mark has an exact sample time.
        std::shared_ptr<const Utterance> utt;
        std::filesystem::path recording; // set when a recording speaks this step
        NarrationMarkup markup;
        if (!rq.narration.empty()) {
            NarrationError err;
            if (!parseNarration(rq.narration, markup, err))
                return Error{"session.narration", fmt::format("{} ({}): {}", whereOf(rq), request.lang, err.message)};
        }
        const std::optional<RecordingRequest> own = recordingFor(rq, request.lang) ? std::nullopt : userRecording(options.userRecordings, rq);
        if (const RecordingRequest* rec = own ? &*own : recordingFor(rq, request.lang)) {
            utt = openRecording(*rec, rq, request.lang, textFingerprint(markup.plainText()));
            if (utt) recording = rec->audio;
        }
        if (!utt && !rq.narration.empty()) {
            auto u = synthesise(toSsml(markup), request.lang, options);
            if (!u) return u.error();
            utt = *u;
            for (auto& m : markup.marks())
                if (!utt->mark(m))
                    return Error{"session.mark", fmt::format("{}: the voice did not report mark '{}' ({}); this is a bug in "
                                                             "the voice, please report it",
                                                             whereOf(rq), m, request.lang)};
        }
        st.speechStart = st.speechEnd = st.start + secs(options.leadInSec);
        if (utt && utt->length() > 0) {
            st.clip = int(s.clips.size());
            st.speechEnd = st.speechStart + utt->length();
            NarrationClip clip;
            // A recording streams from its file; utt holds only its timing.
            if (recording.empty()) clip.speech = utt;
            else clip.recording = recording;
            clip.at = st.speechStart;
            s.clips.push_back(clip);
            for (const WordTiming& w : utt->words) {
                WordTiming a = w;
                a.start += st.speechStart;
                a.end += st.speechStart;
                s.words.push_back(std::move(a));
            }
            for (const MarkTiming& m : utt->marks) s.marks.push_back({m.name, rq.id, st.speechStart + audibleOnset(*utt, m.at)});
            auto cues = makeCaptions(utt->words, st.speechStart);
            s.captions.insert(s.captions.end(), cues.begin(), cues.end());
            st.text = markup.plainText();
            if (!recording.empty() && !utt->words.empty()) {
                // What the person hears: the recording's own words.
                st.text.clear();
                for (const WordTiming& w : utt->words) st.text += (st.text.empty() ? "" : " ") + w.text;
            }
            st.words = int(utt->words.size());
        } else if (!utt) {
            st.speechStart = st.speechEnd = st.start;
        }

        // The step lasts as long as its speech, its breath cycles and its
        // minimum duration need, then its quiet.
        BreathPattern pattern = rq.breath.value_or(kCalmBreath);
        Samples body = st.speechEnd;
        if (rq.breath && rq.breath->cycles > 0)
            body = std::max(body, st.start + secs(periodSec(pattern) * rq.breath->cycles));
        body = std::max(body, st.start + secs(rq.minDurationSec));
        st.end = body + secs(std::max(0.0, rq.pauseAfterSec));
        if (st.end <= st.start) st.end = st.start + secs(1.0); // never a zero-length step
        if (st.end > secs(kMaxSessionSec))
            return Error{"session.too_long",
                         fmt::format("{}: by the end of step '{}' the session would last {:.1f} hours, longer than the {:g} Soma plays: "
                                     "fewer breath cycles, shorter pauses or fewer steps",
                                     whereOf(rq), rq.id, toSeconds(st.end) / 3600.0, kMaxSessionSec / 3600.0)};
        breathFrom.emplace_back(st.start, pattern);

        // Pose and camera: slow, eased, one at a time; a change waits for the
        // previous one to finish rather than jumping from the middle of it.
        auto change = [&](std::vector<PresetChange>& list, std::string& current, const std::optional<std::string>& want,
                          double lengthSec) {
            if (!want || *want == current) return;
            Samples at = st.start;
            if (!list.empty()) at = std::max(at, list.back().at + list.back().length);
            list.push_back({at, secs(lengthSec), current, *want, rq.id});
            current = *want;
        };
        change(s.poses, pose, rq.pose, options.poseTransitionSec);
        change(s.cameras, camera, rq.camera, options.cameraMoveSec);
        if (rq.ambience && *rq.ambience != s.ambience.back().bed) s.ambience.push_back({st.start, *rq.ambience, 0.2f, 6.0});
        if (rq.pacer && *rq.pacer != pacer) {
            pacer = *rq.pacer;
            s.pacer.push_back({st.start, pacer});
        }

        for (const HighlightRequest& h : rq.highlights) {
            TimedHighlight th;
            th.region = h.region;
            th.mark = h.mark;
            th.step = rq.id;
            if (!h.mark.empty()) {
                const MarkTiming* m = utt ? utt->mark(h.mark) : nullptr;
                if (!m)
                    return Error{"session.mark", fmt::format("{}: a highlight on '{}' starts on mark '{}', which the {} "
                                                             "narration does not have: add <mark name=\"{}\"/> before the word",
                                                             whereOf(rq), h.region, h.mark, request.lang, h.mark)};
                th.start = st.speechStart + audibleOnset(*utt, m->at);
            } else {
                th.start = st.start + secs(std::max(0.0, h.atSec));
            }
            th.fadeIn = secs(std::max(kMinFadeSec, h.fadeInSec));
            th.fadeOut = secs(std::max(kMinFadeSec, h.fadeOutSec));
            th.holdEnd = h.holdSec < 0 ? std::max(st.end, th.start + th.fadeIn) : th.start + th.fadeIn + secs(h.holdSec);
            th.intensity = std::isfinite(h.intensity) ? std::clamp(h.intensity, 0.0f, 1.0f) : 0.0f;
            th.color = h.color;
            th.pulseHz = std::clamp(std::isfinite(h.pulseHz) ? h.pulseHz : 0.0, 0.0, kMaxPulseHz);
            th.withBreath = h.withBreath;
            s.highlights.push_back(th);
        }
        s.steps.push_back(st);
        cursor = st.end;
    }
    s.duration = cursor;
    std::stable_sort(s.highlights.begin(), s.highlights.end(),
                     [](const TimedHighlight& a, const TimedHighlight& b) { return a.start < b.start; });

    // Breath: whole cycles laid end to end from 0. A new pattern takes over
    // at the first cycle boundary inside its step, where the lungs are empty
    // in every pattern, so the figure's breathing never jumps.
    {
        Samples t = 0;
        std::size_t k = 0;
        while (t < s.duration) {
            while (k + 1 < breathFrom.size() && breathFrom[k + 1].first <= t) ++k;
            const BreathPattern& b = breathFrom[k].second;
            const std::pair<BreathKind, double> phases[] = {{BreathKind::Inhale, b.inhaleSec},
                                                            {BreathKind::HoldIn, b.holdInSec},
                                                            {BreathKind::Exhale, b.exhaleSec},
                                                            {BreathKind::HoldOut, b.holdOutSec}};
            Samples cycleStart = t;
            for (auto& [kind, sec] : phases) {
                if (sec <= 0) continue;
                Samples len = secs(sec);
                s.breath.push_back({kind, t, len});
                t += len;
            }
            if (t == cycleStart) t += secs(1.0); // unreachable for checked patterns; never loop forever
        }
    }
    return s;
}

Status applyReaction(Session& session, const ReactionRecord& record, const SessionBuildOptions& options) {
    // Steps in the request are the session's steps without the opening note.
    const int offset = (!session.steps.empty() && session.steps.front().note) ? 1 : 0;
    const auto& old = session.request.steps;
    // The request index of the last step that keeps its place: the one playing.
    const int keep = std::max(-1, session.stepAt(record.at()) - offset);
    auto indexOf = [&](const std::string& id) {
        for (std::size_t i = 0; i < old.size(); ++i)
            if (old[i].id == id) return int(i);
        return -1;
    };
    const SessionChange& ch = record.change;
    for (const std::string& id : ch.removeSteps) {
        const int i = indexOf(id);
        if (i < 0)
            return Error{"session.reaction", fmt::format("a reaction to {} removes step '{}', which the session does not have",
                                                         toString(record.event.type), id)};
        if (i <= keep)
            return Error{"session.reaction", fmt::format("a reaction to {} removes step '{}', which has already started: "
                                                         "only future steps may change",
                                                         toString(record.event.type), id)};
    }
    // Insert after the named step, or after the event's step. A step ends
    // at the moment the next one starts, so "after the step that just
    // ended" lands after the one playing now: never before it.
    int insertAt = keep; // a request index; the new steps follow it
    if (!ch.insertAfter.empty()) {
        insertAt = indexOf(ch.insertAfter);
        if (insertAt < 0 || insertAt < keep)
            return Error{"session.reaction", fmt::format("a reaction to {} inserts after step '{}', which {}: only future "
                                                         "steps may change",
                                                         toString(record.event.type), ch.insertAfter,
                                                         insertAt < 0 ? "does not exist" : "has already ended")};
    } else if (int ev = indexOf(record.event.stepId); ev > keep) {
        insertAt = ev;
    }
    std::vector<StepRequest> steps;
    for (int i = 0; i < int(old.size()); ++i) {
        const StepRequest& st = old[std::size_t(i)];
        if (std::find(ch.removeSteps.begin(), ch.removeSteps.end(), st.id) == ch.removeSteps.end()) steps.push_back(st);
        if (i == insertAt) steps.insert(steps.end(), ch.insertSteps.begin(), ch.insertSteps.end());
    }
    if (insertAt < 0) steps.insert(steps.begin(), ch.insertSteps.begin(), ch.insertSteps.end());
    SessionRequest rq = session.request;
    rq.steps = std::move(steps);
    auto rebuilt = buildSession(rq, options);
    if (!rebuilt) return rebuilt.error();
    std::vector<ReactionRecord> log = std::move(session.reactions);
    log.push_back(record);
    session = std::move(*rebuilt);
    session.reactions = std::move(log);
    log::info("session.reaction", "reaction to {} at sample {}: {} step(s) inserted, {} removed", toString(record.event.type),
              record.at(), ch.insertSteps.size(), ch.removeSteps.size());
    return Ok{};
}

// ----- Session

std::vector<BreathPhase> Session::pacerSchedule() const {
    std::vector<BreathPhase> out;
    for (const BreathPhase& p : breath) {
        // The pacer state at the phase's start decides; changes fall on step starts.
        bool on = false;
        for (const PacerChange& c : pacer)
            if (c.at <= p.start) on = c.on;
        if (on) out.push_back(p);
    }
    return out;
}

int Session::spokenWords() const {
    int n = 0;
    for (const SessionStep& s : steps)
        if (!s.note) n += s.words;
    return n;
}

int Session::stepAt(Samples t) const {
    if (steps.empty()) return -1;
    auto it = std::upper_bound(steps.begin(), steps.end(), t, [](Samples v, const SessionStep& s) { return v < s.start; });
    if (it == steps.begin()) return 0;
    return int(std::distance(steps.begin(), it)) - 1;
}

const SessionMark* Session::mark(const std::string& step, const std::string& name) const {
    for (const SessionMark& m : marks)
        if (m.step == step && m.name == name) return &m;
    return nullptr;
}

} // namespace soma
