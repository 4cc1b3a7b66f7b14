// `soma export EXERCISE --lang nl --variant short --out DIR [--video] [--frames]`:
// a whole session headless and faster than real time. The audio goes
// through the same AudioEngine as a live run, on the loopback device, so
// audio.wav is exactly what a listener would hear; every frame is the
// sequencer's state at that frame's sample time, so picture and sound
// cannot drift apart. audio.wav is mixed as the person's settings say
// (voice and ambience level, the bed, the pacer; a replay: as the live run
// was), voice.wav is the narration at its own level.
#include "anim/Poses.h"
#include "app/ClientRecords.h"
#include "app/CliChecks.h"
#include "app/CommandRegistry.h"
#include "app/ExportFolder.h"
#include "app/JsonStdout.h"
#include "app/SessionCommands.h"
#include "core/Files.h"
#include "core/Json.h"

#include "audio/AudioEngine.h"
#include "audio/AudioFileStream.h"
#include "audio/Captions.h"
#include "audio/WavWriter.h"
#include "core/Log.h"
#include "core/Paths.h"
#include "core/Process.h"
#include "core/Signals.h"
#include "core/Text.h"
#include "live/EventLog.h"
#include "live/NarratorSpace.h"
#include "platform/Window.h"
#include "render/Overlay.h"
#include "render/Renderer.h"
#include "render/RenderTarget.h"
#include "session/Grounding.h"
#include "session/Pacing.h"
#include "model/Vocabulary.h"
#include "session/Sequencer.h"
#include "settings/Settings.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <unistd.h>
#include <fstream>

namespace soma::app {
namespace {

namespace fs = std::filesystem;

std::string sec(Samples t) { return fmt::format("{:.6f}", toSeconds(t)); }

const char* breathName(BreathKind k) {
    switch (k) {
    case BreathKind::Inhale: return "inhale";
    case BreathKind::HoldIn: return "hold_in";
    case BreathKind::Exhale: return "exhale";
    case BreathKind::HoldOut: return "hold_out";
    }
    return "inhale";
}

// The word spoken at or right after `t` (the word a mark anchors).
// The word a highlight starts on: the one whose start lies nearest to t
// (a mark's time is its word's heard onset, which the word's own timing
// may place a few samples either side of).
std::string wordAt(const Session& s, Samples t) {
    const WordTiming* best = nullptr;
    for (const WordTiming& w : s.words)
        if (!best || std::llabs(w.start - t) < std::llabs(best->start - t)) best = &w;
    return best ? best->text : std::string();
}

struct Cue {
    Samples start;
    std::string json;
};

std::string timelineJson(const Session& s, Samples duration, bool reducedMotion) {
    std::vector<Cue> cues;
    auto add = [&](const char* type, Samples start, Samples end, const std::string& mark, const std::string& extra) {
        if (start >= duration) return;
        end = std::min(end, duration);
        cues.push_back({start, fmt::format("{{\"type\": \"{}\", \"start\": {}, \"end\": {}, \"mark\": {}{}}}", type, sec(start),
                                           sec(end), mark.empty() ? "null" : jsonString(mark), extra)});
    };
    for (const SessionStep& st : s.steps) {
        if (st.clip < 0) continue;
        // A step a recording speaks names its file (a person's own voice, or the exercise's).
        const std::filesystem::path& recording = s.clips[std::size_t(st.clip)].recording;
        add("narration", st.speechStart, st.speechEnd, "",
            fmt::format(", \"step\": {}, \"words\": {}, \"text\": {}, \"recording\": {}", jsonString(st.id), st.words,
                        jsonString(st.text), recording.empty() ? "null" : jsonString(recording.filename().string())));
    }
    for (const CaptionCue& c : s.captions) add("caption", c.start, c.end, "", fmt::format(", \"text\": {}", jsonString(c.text())));
    for (const TimedHighlight& h : s.highlights)
        add("highlight", h.start, h.end(), h.mark,
            fmt::format(", \"region\": {}, \"intensity\": {:.3f}, \"step\": {}, \"pulse\": {:.3f}{}, \"word\": {}",
                        jsonString(h.region), h.intensity, jsonString(h.step), h.pulseHz,
                        h.withBreath ? ", \"with_breath\": true" : "", h.mark.empty() ? "null" : jsonString(wordAt(s, h.start))));
    for (const BreathPhase& b : s.breath) add("breath", b.start, b.start + b.length, "", fmt::format(", \"phase\": \"{}\"", breathName(b.kind)));
    for (const PresetChange& p : s.poses)
        add("pose", p.at, p.at + p.length, "", fmt::format(", \"from\": {}, \"to\": {}", jsonString(p.from), jsonString(p.to)));
    if (!reducedMotion)
        for (const PresetChange& p : s.cameras)
            add("camera", p.at, p.at + p.length, "", fmt::format(", \"from\": {}, \"to\": {}", jsonString(p.from), jsonString(p.to)));
    for (size_t i = 0; i < s.ambience.size(); ++i) {
        const Samples end = i + 1 < s.ambience.size() ? s.ambience[i + 1].at : s.duration;
        add("ambience", s.ambience[i].at, end, "", fmt::format(", \"bed\": {}", jsonString(s.ambience[i].bed)));
    }
    std::stable_sort(cues.begin(), cues.end(), [](const Cue& a, const Cue& b) { return a.start < b.start; });
    std::string o = fmt::format("{{\"exercise\": {}, \"lang\": {}, \"variant\": {}, \"duration\": {}, \"cues\": [\n",
                                jsonString(s.exercise), jsonString(s.lang), jsonString(s.variant), sec(duration));
    for (size_t i = 0; i < cues.size(); ++i) o += "  " + cues[i].json + (i + 1 < cues.size() ? ",\n" : "\n");
    o += "]}\n";
    return o;
}

Status writeText(const fs::path& p, const std::string& text) {
    AtomicWriteDesc d;
    d.sync = false; // made again by exporting again
    if (auto st = writeFileAtomically(p, text, d); !st) return Error{"export.write", st.error().message};
    return Ok{};
}

// What a child said on stderr, for a message: without the line breaks
// at its end, and its last 600 bytes when it said more.
std::string trimmed(std::string s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
    if (s.size() > 600) s = "..." + s.substr(s.size() - 600);
    return s.empty() ? std::string("it said nothing") : s;
}

// Between two blocks of work: a signal (Ctrl-C, SIGTERM) asked the export to stop.
Status stillWanted() {
    if (!signals::stopRequested()) return Ok{};
    return Error{"export.stopped", "stopped: the files this export had begun are removed"};
}

// The narration alone, mono, straight from the synthesised clips and the
// recordings (streamed block by block, never read whole).
// The voice stem alone, measured for its pacing as it is written.
Status writeVoice(const Session& s, Samples duration, const fs::path& path, VoiceQuiet& meter) {
    auto w = WavWriter::create(path, 1);
    if (!w) return w.error();
    constexpr Samples kBlock = 48000;
    std::vector<float> buf, rec;
    // One stream per recorded clip, opened when its first sample is due.
    std::vector<std::unique_ptr<AudioFileStream>> streams(s.clips.size());
    std::vector<bool> ended(s.clips.size(), false);
    for (Samples at = 0; at < duration; at += kBlock) {
        const Samples n = std::min(kBlock, duration - at);
        buf.assign(size_t(n), 0.0f);
        for (size_t ci = 0; ci < s.clips.size(); ++ci) {
            const NarrationClip& c = s.clips[ci];
            if (!c.speech) {
                if (c.recording.empty() || ended[ci] || c.at >= at + n) continue;
                if (c.fadeOutAt >= 0 && at >= c.fadeOutAt + c.fadeOutLength) continue; // faded out for grounding
                if (!streams[ci]) {
                    auto st = AudioFileStream::open(c.recording);
                    if (!st) {
                        ended[ci] = true; // the session checked it; one that vanished since stays quiet
                        continue;
                    }
                    streams[ci] = std::move(*st);
                    streams[ci]->seek(std::max<Samples>(0, at - c.at));
                }
                const Samples from = std::max(at, c.at);
                rec.assign(size_t(at + n - from), 0.0f);
                const size_t got = streams[ci]->read(rec.data(), rec.size());
                for (size_t k = 0; k < got; ++k) buf[size_t(from - at) + k] += c.gainAt(from + Samples(k)) * rec[k];
                if (got < rec.size()) ended[ci] = true, streams[ci].reset();
                continue;
            }
            const auto& pcm = c.speech->pcm;
            const Samples a = std::max(at, c.at), b = std::min(at + n, c.at + c.heardLength(Samples(pcm.size())));
            for (Samples t = a; t < b; ++t) buf[size_t(t - at)] += c.gainAt(t) * pcm[size_t(t - c.at)];
        }
        meter.feed(buf.data(), buf.size());
        if (auto st = (*w)->write(buf.data(), size_t(n)); !st) return st;
        if (auto st = stillWanted(); !st) return st;
    }
    return (*w)->close();
}

// A stretch of the session as it was heard: `length` samples from `from`.
// A plain export is one stretch from 0; a replay of a live run where the
// person skipped or went back is several, in the order they were heard.
struct Heard {
    Samples from = 0;
    Samples length = 0;
};

// The full mix through the loopback device, as a live run would hear it.
// The exercise hears the same step events as in a live run, as the clock
// passes each step boundary, so a plugin that reacts changes the future of
// the export exactly as it would live; `out` is the session as it ended.
// With `replay`, the live run's person events and seeks happen at their own
// samples, and `heard` says which stretches of the session audio.wav holds.
// "progress: 0.42" lines for a caller that shows a bar (therapist mode runs
// an export as a child and reads them); each hundredth once.
class Progress {
public:
    explicit Progress(bool on) : mOn(on) {}
    // `part` of the stage that spans [from, to] of the whole.
    void stage(double from, double to) { mFrom = from, mTo = to; }
    void at(double part) {
        const int hundredths = int((mFrom + (mTo - mFrom) * std::clamp(part, 0.0, 1.0)) * 100.0);
        if (!mOn || hundredths <= mLast) return;
        mLast = hundredths;
        std::printf("progress: %.2f\n", hundredths / 100.0);
        std::fflush(stdout);
    }

private:
    bool mOn = false;
    double mFrom = 0, mTo = 1;
    int mLast = -1;
};

Status writeMix(LoadedSession& loaded, const SessionMix& mix, Samples maxSamples, bool hrtf, bool reverb, const fs::path& path,
                Session& out, Samples& duration, std::vector<Heard>& heard, const SessionLog* replay, Progress& progress) {
    AudioEngineDesc d;
    d.audio.loopback = true;
    d.audio.hrtf = hrtf;
    d.reverb = reverb;
    auto engine = AudioEngine::create(d);
    if (!engine) return engine.error();
    Sequencer seq(loaded.session);
    seq.setReactor(reactorFor(loaded.exercise, loaded.describe), loaded.build);
    seq.setMix(mix);
    // A replay synthesises the grounding sequence right after the session,
    // when a live run does too: espeak-ng carries a little state from one
    // utterance to the next, so a reaction's narration is spoken after the
    // same utterances as it was live. A plain export builds it only if asked.
    const std::string lang = loaded.session.lang;
    if (replay) {
        auto ahead = std::make_shared<Result<Session>>(buildGroundingSession(lang, loaded.build));
        seq.setGroundingSource([ahead] { return *ahead; });
    } else {
        seq.setGroundingSource([lang, build = loaded.build] { return buildGroundingSession(lang, build); });
    }
    seq.attach(engine->get());
    seq.play();
    auto w = WavWriter::create(path, 2);
    if (!w) return w.error();
    constexpr int kChunk = 4800;
    std::vector<float> buf(size_t(kChunk) * 2);
    // The end is read each time round: a reaction may lengthen or shorten the session.
    auto end = [&] { return maxSamples > 0 ? std::min(maxSamples, seq.session().duration) : seq.session().duration; };
    Samples at = 0;
    // The narrator follows the attended regions, chunk by chunk (100 ms).
    std::optional<NarratorSpace> space;
    if (auto figure = loadFigure({})) space.emplace(**figure);
    else log::warn(figure.error().id, "the narrator stays in front: {}", figure.error().message);
    const std::vector<ReplayItem> todo = replay ? replayOrder(*replay) : std::vector<ReplayItem>{};
    size_t next = 0; // the next logged entry to replay
    heard.assign(1, Heard{});
    for (;;) {
        seq.update();
        // Before the end is tested: a grounding taken at the very end (in
        // the quiet after it), or a step back from there, is replayed too,
        // and the session goes on.
        for (; next < todo.size() && todo[next].at <= at; ++next) {
            if (todo[next].event) {
                seq.replayEvent(*todo[next].event);
                continue;
            }
            if (todo[next].mix) {
                seq.replayMix(*todo[next].mix);
                continue;
            }
            seq.replaySeek(*todo[next].seek);
            at = seq.position();
            heard.push_back({at, 0});
        }
        if (at >= end()) break;
        if (space) space->place(**engine, seq.state());
        int n = int(std::min<Samples>(kChunk, end() - at));
        // The chunk ends where the next logged entry happens, so it is heard at that very sample.
        if (next < todo.size()) n = int(std::min<Samples>(n, todo[next].at - at));
        if (n <= 0) break;
        (*engine)->render(buf.data(), n);
        (*engine)->update();
        if (auto st = (*w)->write(buf.data(), size_t(n)); !st) return st;
        if (auto st = stillWanted(); !st) return st;
        at += n;
        progress.at(double(at) / double(std::max<Samples>(1, end())));
        heard.back().length += n;
    }
    std::erase_if(heard, [](const Heard& h) { return h.length == 0; });
    // The session's own files (voice.wav, captions, timeline) reach as far
    // into the session as anything was heard.
    duration = 0;
    for (const Heard& h : heard) duration = std::max(duration, h.from + h.length);
    duration = std::min(duration, end());
    out = seq.session();
    return (*w)->close();
}

// The session time heard `t` samples into audio.wav.
Samples sessionTimeAt(const std::vector<Heard>& heard, Samples t) {
    for (const Heard& h : heard) {
        if (t < h.length) return h.from + t;
        t -= h.length;
    }
    return heard.empty() ? t : heard.back().from + heard.back().length;
}

// Frames at 30 fps, in step with audio.wav (the stretches heard): into
// ffmpeg's stdin as raw RGBA and/or into PNGs.
Status writeFrames(const Session& s, const std::vector<Heard>& heard, const ExportOptions& o, ExportFolder& folder, Progress& progress) {
    const fs::path dir = fs::absolute(folder.folder()); // a name starting with '-' never reads as an option of ffmpeg's
    WindowDesc wd;
    wd.width = o.width;
    wd.height = o.height;
    wd.headless = true;
    auto window = Window::create(wd);
    if (!window) return window.error();
    const RenderQuality q = chooseQuality(queryGlInfo());
    auto renderer = Renderer::create(RendererDesc::forQuality(q));
    if (!renderer) return renderer.error();
    auto overlay = Overlay::create();
    if (!overlay) log::warn(overlay.error().id, "captions are not drawn into the frames: {}", overlay.error().message);
    RenderTarget target({o.width, o.height, q.msaaSamples});

    if (o.frames) fs::create_directories(dir / "frames");
    SequencerOptions so;
    so.reducedMotion = o.reducedMotion;
    Samples length = 0;
    for (const Heard& h : heard) length += h.length;
    const Samples frames = (length * o.fps + kMixRate - 1) / kMixRate;
    Status result = Ok{};
    Samples i = 0;
    // The next frame, drawn (and kept as a PNG when asked); false when
    // there is none left or something failed (`result` says what).
    auto nextFrame = [&](Image& img) {
        if (i >= frames || !result) return false;
        if (result = stillWanted(); !result) return false;
        const Samples t = sessionTimeAt(heard, i * kMixRate / o.fps);
        const BodyState state = evaluate(s, t, so);
        if (result = drawBodyState(**renderer, target, state); !result) return false;
        if (overlay) {
            OverlayState os;
            os.caption = state.caption;
            const int step = s.stepAt(t);
            if (step >= 0 && s.steps[size_t(step)].note) os.status = s.note;
            (*overlay)->draw(target, os);
        }
        progress.at(double(i + 1) / double(frames));
        img = target.readPixels();
        if (o.frames) {
            const std::string name = fmt::format("frames/{:06d}.png", i);
            if (result = writePng(img, dir / name); !result) return false;
            folder.wrote(name);
        }
        ++i;
        return true;
    };
    if (!o.video) {
        Image img;
        while (nextFrame(img)) {
        }
        return result;
    }
    const auto ffmpeg = findProgram("ffmpeg");
    if (!ffmpeg) return Error{"export.ffmpeg", "cannot find ffmpeg: install it (Debian package ffmpeg) or export without --video"};
    // Written beside video.mp4 and renamed once whole; a stop removes it.
    const fs::path video = dir / "video.mp4", part = dir / fmt::format(".video.mp4.{}.part", ::getpid());
    const signals::PartialFile guard(part);
    ProcessDesc p;
    p.program = *ffmpeg;
    p.args = {"-hide_banner", "-loglevel", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgba", "-s", fmt::format("{}x{}", o.width, o.height),
              "-framerate", std::to_string(o.fps), "-i", "-", "-i", (dir / "audio.wav").string(), "-c:v", "libx264", "-preset", "veryfast",
              "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "160k", "-shortest", "-f", "mp4", part.string()};
    p.stdoutTo = ProcessDesc::Output::Discard;
    p.stderrTo = ProcessDesc::Output::Capture;
    p.input = [&] {
        Image img;
        if (!nextFrame(img)) return std::string();
        return std::string(img.rgba.begin(), img.rgba.end());
    };
    auto ran = runProcess(p);
    std::error_code ec;
    if (!ran) return Error{"export.ffmpeg", fmt::format("{}; install ffmpeg (Debian package ffmpeg) or export without --video", ran.error().message)};
    if (!result) {
        fs::remove(part, ec);
        return result;
    }
    if (!ran->succeeded() || ran->inputRefused) {
        fs::remove(part, ec);
        return Error{"export.ffmpeg", fmt::format("ffmpeg could not write {}: {}", video.string(), trimmed(ran->output))};
    }
    fs::rename(part, video, ec);
    if (ec) return Error{"export.write", fmt::format("{}: cannot be put in place ({})", video.string(), ec.message())};
    folder.wrote("video.mp4");
    return Ok{};
}

// What a client takes home, and nothing else: the video (captions in the
// picture) or the sound as AAC in an .m4a (a tenth of the WAV, and every
// phone plays it), each with captions.vtt.
Status keepForHome(ExportFolder& folder, const std::string& what) {
    const fs::path dir = fs::absolute(folder.folder());
    if (what == "audio") {
        const auto ffmpeg = findProgram("ffmpeg");
        if (!ffmpeg) return Error{"export.ffmpeg", "cannot find ffmpeg: install it (Debian package ffmpeg) to write audio.m4a"};
        const fs::path m4a = dir / "audio.m4a", part = dir / fmt::format(".audio.m4a.{}.part", ::getpid());
        const signals::PartialFile guard(part);
        ProcessDesc p;
        p.program = *ffmpeg;
        p.args = {"-hide_banner", "-loglevel", "error", "-y", "-i", (dir / "audio.wav").string(), "-c:a", "aac", "-b:a", "128k",
                  "-f", "ipod", part.string()};
        p.stdoutTo = ProcessDesc::Output::Discard;
        p.stderrTo = ProcessDesc::Output::Capture;
        auto run = runProcess(p);
        std::error_code ec;
        if (!run) return run.error();
        if (!run->succeeded()) {
            fs::remove(part, ec);
            return Error{"export.ffmpeg", fmt::format("ffmpeg could not write {}: {}", m4a.string(), trimmed(run->output))};
        }
        fs::rename(part, m4a, ec);
        if (ec) return Error{"export.write", fmt::format("{}: cannot be put in place ({})", m4a.string(), ec.message())};
        folder.wrote("audio.m4a");
    }
    std::error_code ec;
    for (const char* f : {"audio.wav", "voice.wav", "timeline.json"}) fs::remove(dir / f, ec);
    return Ok{};
}

// With a replay, the session is the one the log's header describes: what
// the command line leaves out (exercise, language, variant, pace, tension
// map) comes from the log, and what it does give must agree with the log.
// An empty exercise or variant in `given` means "not given".
// What the command line says of the mix; not given: -1 or empty.
struct MixFlags {
    double voiceVolume = -1;
    double ambienceVolume = -1;
    std::string ambience;
    int breathPacer = -1;
};

// The person's mix: their settings, or with a replay the one the live run
// began with (its log's), then what the command line says.
SessionMix mixFor(const MixFlags& flags, const SessionLog* replay) {
    SessionMix m;
    if (replay) {
        m = replay->header.mix;
    } else {
        const Settings s = loadSettings().settings;
        m = {float(s.voiceVolume), float(s.ambienceVolume), s.ambience, s.breathPacer};
    }
    if (flags.voiceVolume >= 0) m.voiceVolume = float(flags.voiceVolume);
    if (flags.ambienceVolume >= 0) m.ambienceVolume = float(flags.ambienceVolume);
    if (!flags.ambience.empty()) m.ambience = flags.ambience;
    if (flags.breathPacer >= 0) m.breathPacer = flags.breathPacer == 1;
    return m;
}

// jsonReport: with ExportOptions::json, what was written.
int exportWithMix(const ExportOptions& given, const MixFlags& mixFlags, std::string& jsonReport);

// The export with its JSON: stdout holds only that object (the export's
// own lines, and whatever a plugin prints, go to stderr).
int exportPrinting(const ExportOptions& o, const std::function<int(std::string&)>& run) {
    std::string report;
    if (!o.json) return run(report);
    JsonStdout out;
    const int rc = run(report);
    if (rc == 0 && !out.print(report)) return 1;
    return rc;
}

} // namespace

int exportSession(const ExportOptions& options) {
    std::string unused;
    return exportWithMix(options, {}, unused);
}

namespace {

int exportWithMix(const ExportOptions& given, const MixFlags& mixFlags, std::string& jsonReport) {
    const fs::path& replayPath = given.replay;
    const auto t0 = std::chrono::steady_clock::now();
    ExportOptions o = given;
    std::optional<SessionLog> replay;
    if (!replayPath.empty()) {
        auto l = readEventLog(replayPath);
        if (!l) {
            log::error(l.error().id, "{}", l.error().message);
            return 1;
        }
        const EventLogHeader& h = l->header;
        SessionChoice& c = o.choice;
        if (c.exercise.empty()) c.exercise = h.exercise;
        if (c.lang.empty()) c.lang = h.lang;
        if (c.variant.empty()) c.variant = h.variant;
        if (c.breathsPerMinute <= 0) c.breathsPerMinute = h.breathsPerMinute;
        if (c.voiceRateWpm <= 0) c.voiceRateWpm = h.voiceRateWpm;
        // The log keeps the map the live run had; a --tension beside it may only repeat it.
        if (c.tension && (!h.tension || *c.tension != *h.tension)) {
            log::error("eventlog.mismatch", "{}:{}: {}; replay it without --tension: the log keeps the map its session was made with",
                       l->file.string(), l->headerLine,
                       h.tension ? "this log's session was made with another tension map than --tension gives"
                                 : "this log's session was made without a tension map");
            return 1;
        }
        if (!c.tension) c.tension = h.tension;
        replay = std::move(*l);
    }
    if (o.choice.exercise.empty()) {
        log::error("export.exercise", "name the exercise to export (`soma plugins` lists them), or replay a session log with "
                                      "--replay LOG");
        return 2;
    }
    if (o.choice.variant.empty()) o.choice.variant = "short";
    auto loaded = loadSession(o.choice);
    if (!loaded) {
        log::error(loaded.error().id, "{}", loaded.error().message);
        return 1;
    }
    Session s = (*loaded)->session;
    if (replay) {
        const DescribeOptions& d = (*loaded)->describe;
        if (Status st = checkLogMatches(*replay, s.exercise, d.lang, d.variant, d.breathsPerMinute, d.tension != nullptr); !st) {
            log::error(st.error().id, "{}", st.error().message);
            return 1;
        }
    }
    Samples duration = 0;
    std::vector<Heard> heard;
    if (o.forHome == "video") o.video = true;
    std::vector<std::string> names{"audio.wav", "voice.wav", "captions.vtt", "timeline.json"};
    if (o.video) names.push_back("video.mp4");
    if (o.frames) names.push_back("frames/");
    if (o.forHome == "audio") names.push_back("audio.m4a");
    auto claimed = ExportFolder::claim(o.out, names);
    if (!claimed) {
        log::error(claimed.error().id, "{}", claimed.error().message);
        return 1;
    }
    ExportFolder& folder = *claimed;
    // Ctrl-C or SIGTERM: the loops below notice within a block and the
    // files begun are removed; past the grace the program ends at once.
    const signals::Patience patience(0.8);
    auto fail = [&folder](const Error& e) {
        folder.abandon();
        if (e.id == "export.stopped") {
            std::fprintf(stderr, "%s\n", e.message.c_str());
            return signals::stopExitCode();
        }
        log::error(e.id, "{}", e.message);
        return 1;
    };
    auto since = [](std::chrono::steady_clock::time_point a) {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - a).count();
    };
    const double buildSec = since(t0);
    auto t1 = std::chrono::steady_clock::now();
    const SessionMix mix = mixFor(mixFlags, replay ? &*replay : nullptr);
    // The bar moves with the work: the frames are most of a video's, the
    // mix most of the rest.
    Progress progress(o.progress);
    progress.stage(0.0, o.video || o.frames ? 0.3 : 0.85);
    if (auto st = writeMix(**loaded, mix, o.maxSec > 0 ? fromSeconds(o.maxSec) : 0, o.hrtf, !o.noReverb, o.out / "audio.wav", s,
                           duration, heard, replay ? &*replay : nullptr, progress);
        !st)
        return fail(st.error());
    folder.wrote("audio.wav");
    const double mixSec = since(t1);
    if (replay) {
        if (auto st = compareReactions(*replay, s.reactions, duration); !st) log::warn(st.error().id, "{}", st.error().message);
        std::printf("replayed %zu event(s), %zu seek(s) and %zu change(s) of level of the live run from %s\n", replay->events.size(),
                    replay->seeks.size(), replay->mixes.size(), replayPath.string().c_str());
    }
    t1 = std::chrono::steady_clock::now();
    VoiceQuiet meter(kMixRate);
    if (auto st = writeVoice(s, duration, o.out / "voice.wav", meter); !st) return fail(st.error());
    folder.wrote("voice.wav");
    const double voiceSec = since(t1);
    std::vector<CaptionCue> captions;
    for (const CaptionCue& c : s.captions)
        if (c.start < duration) captions.push_back(c), captions.back().end = std::min(captions.back().end, duration);
    if (auto st = writeWebVtt(captions, o.out / "captions.vtt"); !st) return fail(st.error());
    folder.wrote("captions.vtt");
    if (auto st = writeText(o.out / "timeline.json", timelineJson(s, duration, o.reducedMotion)); !st) return fail(st.error());
    folder.wrote("timeline.json");
    progress.stage(0.3, 0.98);
    if (o.video || o.frames)
        if (auto st = writeFrames(s, heard, o, folder, progress); !st) return fail(st.error());
    if (!o.forHome.empty())
        if (auto st = keepForHome(folder, o.forHome); !st) return fail(st.error());
    if (auto st = folder.finish(); !st) return fail(st.error());
    if (o.json) {
        // What was written, for a program that runs the export.
        std::string files;
        std::error_code ec;
        for (const std::string& name : folder.written()) {
            const fs::path p = o.out / name;
            if (!fs::is_regular_file(p, ec)) continue; // audio.wav and the like, for home removed again
            files += fmt::format("{}{{\"name\": {}, \"bytes\": {}}}", files.empty() ? "" : ", ", jsonString(name), fs::file_size(p, ec));
        }
        jsonReport = fmt::format("{{\"exercise\": {}, \"lang\": {}, \"variant\": {}, \"folder\": {}, \"seconds\": {:.3f}, \"words\": {}, "
                                 "\"files\": [{}]}}\n",
                                 jsonString(s.exercise), jsonString(s.lang), jsonString(s.variant), jsonString(fs::absolute(o.out).string()),
                                 toSeconds(duration), s.spokenWords(), files);
    }
    progress.stage(0.0, 1.0);
    progress.at(1.0);
    const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("exported %s (%s, %s): %.1f s of session, %d words, into %s in %.1f s (%.0fx real time; "
                "build %.2f s, voice.wav %.2f s, mix %.2f s)\n",
                s.exercise.c_str(), s.lang.c_str(), s.variant.c_str(), toSeconds(duration), s.spokenWords(),
                o.out.string().c_str(), took, toSeconds(duration) / std::max(took, 1e-3), buildSec, voiceSec, mixSec);
    // The room the voice leaves, against the rules every shipped exercise keeps.
    std::vector<Naming> namings;
    for (const Naming& m : namingsOf(s))
        if (m.at < toSeconds(duration)) namings.push_back(m);
    const Pacing pacing = measurePacing(meter, std::move(namings), s.spokenWords());
    std::printf("pacing: %s\n", pacing.summary().c_str());
    for (const std::string& p : pacing.problems()) std::printf("pacing: %s\n", p.c_str());
    return 0;
}

// A session from a client's record: its log (which holds their map) is
// handed to the replay as a file in the private folder only this user
// reads, and removed again.
int exportClientSession(ExportOptions o, const MixFlags& mix, const fs::path& dir, const std::string& which, int number, std::string& report) {
    auto fail = [](const Error& e) {
        log::error(e.id, "{}", e.message);
        return 1;
    };
    if (!o.replay.empty()) return fail({"export.client", "give either --client or --replay, not both"});
    auto practice = openPractice(dir);
    if (!practice) return fail(practice.error());
    auto record = findClient(*practice, which);
    if (!record) return fail(record.error());
    const auto& sessions = record->sessions;
    if (sessions.empty()) return fail({"export.client", fmt::format("{} has no sessions in their record yet", record->name)});
    if (number < 0 || number > int(sessions.size()))
        return fail({"export.client", fmt::format("{} has {} session(s): give --session 1 to {}", record->name, sessions.size(),
                                                  sessions.size())});
    const ClientSession& chosen = sessions[size_t(number == 0 ? int(sessions.size()) : number) - 1];
    if (chosen.log.empty())
        return fail({"export.client", fmt::format("that session of {} ({}) kept no log to replay", record->name, chosen.when)});
    const fs::path privateDir = paths::runtimeDir() / "client-session";
    if (auto st = makePrivateFolder(privateDir); !st) return fail(st.error());
    std::error_code ec;
    const fs::path log = privateDir / fmt::format("replay-{}.toml", ::getpid());
    AtomicWriteDesc mine;
    mine.mode = 0600;
    if (auto st = writeFileAtomically(log, chosen.log, mine); !st) return fail(st.error());
    o.replay = log;
    const int rc = exportWithMix(o, mix, report);
    fs::remove(log, ec);
    (void)practice->noteAccess(record->id, fmt::format("replayed the session of {} into {}", chosen.when, o.out.string()));
    return rc;
}

const CommandRegistrar kExport(
    35, "export", "Export a session headless, faster than real time: audio, voice, captions, timeline, video",
    [](CLI::App&, CLI::App& sub) -> CommandAction {
        auto opt = std::make_shared<ExportOptions>();
        auto mix = std::make_shared<MixFlags>();
        auto replay = std::make_shared<std::string>();
        auto tension = std::make_shared<std::string>();
        // Empty means "not given": a replay takes these from its log.
        opt->choice.exercise.clear();
        opt->choice.variant.clear();
        sub.add_option("exercise", opt->choice.exercise, "Exercise id (`soma plugins` lists them); with --replay, the log's");
        sub.add_option("--lang", opt->choice.lang, "Language: nl or en (default: the system's; with --replay, the log's)")->check(languageTag());
        sub.add_option("--variant", opt->choice.variant, "short or long (default: short; with --replay, the log's)")
            ->check(idWord("a variant", {"short", "long"}));
        sub.add_option("--out", opt->out, "Folder to write into")->required();
        sub.add_flag("--video", opt->video, "Also write video.mp4 (ffmpeg, 30 fps, with audio.wav)");
        sub.add_flag("--frames", opt->frames, "Also write every frame as frames/NNNNNN.png");
        sub.add_flag("--reduced-motion", opt->reducedMotion, "Keep the camera still");
        sub.add_flag("--hrtf", opt->hrtf, "Binaural mix for headphones");
        sub.add_flag("--no-reverb", opt->noReverb, "A dry mix, without the room reverb (several times faster)");
        sub.add_option("--width", opt->width, "Frame width in pixels")->check(CLI::Range(16, 7680))->capture_default_str();
        sub.add_option("--height", opt->height, "Frame height in pixels")->check(CLI::Range(16, 4320))->capture_default_str();
        sub.add_option("--max-seconds", opt->maxSec, "Export only the start of the session (seconds)")->check(finiteIn(0.0, 24 * 3600.0));
        sub.add_option("--breaths-per-minute", opt->choice.breathsPerMinute, "Breathing pace, where the exercise has one (4.5 to 7)")
            ->check(breathingPace());
        sub.add_option("--tension", *tension, "The client's tension map, a TOML file (docs/tension-maps.md)");
        // The mix: the settings' (`soma settings`), or with --replay the live run's; these override it.
        sub.add_option("--voice-volume", mix->voiceVolume, "The voice's level, 0 to 1 (default: the setting voice_volume)")
            ->check(finiteIn(0.0, 1.0));
        sub.add_option("--ambience-volume", mix->ambienceVolume, "The ambience's level, 0 to 1 (default: the setting ambience_volume)")
            ->check(finiteIn(0.0, 1.0));
        std::vector<std::string> beds{"exercise"};
        for (const std::string& id : ambienceIds()) beds.push_back(id);
        sub.add_option("--ambience", mix->ambience, "\"exercise\" (its own), or one bed for all: " + join(ambienceIds(), ", "))
            ->check(CLI::IsMember(beds));
        sub.add_flag("--breath-pacer{1},--no-breath-pacer{0}", mix->breathPacer, "The breath-pacing tones, where the exercise has them");
        sub.add_option("--for-home", opt->forHome,
                       "Only what a client takes home: video (video.mp4, captions in the picture) or audio (audio.m4a), "
                       "each with captions.vtt")
            ->check(CLI::IsMember({"video", "audio"}));
        sub.add_flag("--progress", opt->progress, "Print progress: 0.42 lines as it goes");
        sub.add_flag("--json", opt->json, "At the end, one JSON object on stdout: what was written where (all else on stderr)");
        auto client = std::make_shared<std::string>();
        auto practice = std::make_shared<std::string>();
        auto sessionNo = std::make_shared<int>(0);
        sub.add_option("--client", *client,
                       "Replay a session from a client's encrypted record (name or id; asks the practice's passphrase, or reads it "
                       "from stdin)");
        sub.add_option("--session", *sessionNo, "With --client: which of their sessions, 1 the first (default: the latest)");
        sub.add_option("--practice", *practice, "With --client: the records' folder (default ~/.local/share/soma/clients)");
        sub.add_option("--replay", *replay,
                       "A session log of `soma run`: the same session (exercise, language, variant, pace, tension map) and "
                       "mix, its pauses, resumes, grounding, skips, steps back and changes of level at the same times");
        return [opt, mix, replay, tension, client, practice, sessionNo] {
            if (opt->video && (opt->width % 2 || opt->height % 2)) {
                std::fprintf(stderr, "--video needs an even width and height\n");
                return 2;
            }
            if (!readTensionOption(*tension, opt->choice)) return 1;
            opt->replay = *replay;
            return exportPrinting(*opt, [&](std::string& report) {
                if (client->empty()) return exportWithMix(*opt, *mix, report);
                return exportClientSession(*opt, *mix, *practice, *client, *sessionNo, report);
            });
        };
    });
} // namespace

} // namespace soma::app
