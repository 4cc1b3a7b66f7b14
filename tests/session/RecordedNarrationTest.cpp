// A therapist's own recording in a script exercise ([step.recording]): a
// good one speaks the step with its marks file's timings, through the
// session, timeline.json, captions and voice.wav; a broken audio file, a
// truncated one and a malformed marks file each log one error naming the
// file, and the session is built and exported with the built-in voice for
// that step; `soma validate` reports a missing recording at file:line:col.
//
// The "recording" is made here by the built-in voice (a copy of the same
// samples, so onsets are exact) with a WebVTT marks file whose times the
// test writes itself.
#include "audio/Voice.h"
#include "audio/WavWriter.h"
#include "core/Log.h"
#include "Json.h"
#include "plugin/script/ScriptExercise.h"
#include "plugin/script/ScriptParser.h"
#include "session/Session.h"
#include "session/SessionBuilder.h"
#include "support/RunProgram.h"

#include <gtest/gtest.h>
#include <sndfile.h>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace soma {
namespace {

namespace fs = std::filesystem;
using test::Json;

// What the recording says: deliberately other words than the script's
// narration, so a caption or a sample shows which voice spoke.
constexpr const char* kRecordedText = "Welcome here. Now notice your feet, resting on the ground.";
constexpr const char* kNarration = "Let your <mark name=\\\"feet\\\"/>feet rest, heavy and warm.";

std::string vttTime(long ms) {
    return fmt::format("{:02d}:{:02d}:{:02d}.{:03d}", ms / 3600000, ms / 60000 % 60, ms / 1000 % 60, ms % 1000);
}

void writeText(const fs::path& p, const std::string& text) {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
}

std::string readText(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::vector<float> readMono(const fs::path& p, int* rate = nullptr) {
    SF_INFO info{};
    SNDFILE* f = sf_open(p.c_str(), SFM_READ, &info);
    if (!f) return {};
    std::vector<float> all(size_t(info.frames) * size_t(info.channels));
    sf_readf_float(f, all.data(), info.frames);
    sf_close(f);
    if (rate) *rate = info.samplerate;
    std::vector<float> mono(size_t(info.frames));
    for (size_t i = 0; i < mono.size(); ++i) mono[i] = all[i * size_t(info.channels)];
    return mono;
}

double rms(const std::vector<float>& v, Samples a, Samples b) {
    a = std::max<Samples>(0, a), b = std::min<Samples>(Samples(v.size()), b);
    double s = 0;
    for (Samples i = a; i < b; ++i) s += double(v[size_t(i)]) * v[size_t(i)];
    return b > a ? std::sqrt(s / double(b - a)) : 0.0;
}

// One exercise in $XDG_DATA_HOME/soma/plugins/<id> (so `soma export <id>` finds
// it), with a recording of its step "arrive" made by the built-in voice.
struct RecordedExercise {
    std::string id;
    fs::path folder;
    fs::path audio, marks;
    Utterance speech;   // the recording's samples and word times
    long markMs = 0;    // the "feet" mark, as written into the marks file
    std::string script;

    explicit RecordedExercise(const std::string& name) : id(name) {
        const char* data = std::getenv("XDG_DATA_HOME");
        folder = fs::path(data ? data : fs::temp_directory_path().string()) / "soma" / "plugins" / id;
        fs::remove_all(folder);
        audio = folder / "voice/en/arrive.wav";
        marks = folder / "voice/en/arrive.vtt";
        writeText(folder / "manifest.toml", fmt::format("id = \"{}\"\nkind = \"script\"\nlanguages = [\"en\"]\n\n[title]\nen = "
                                                        "\"Recorded\"\n\n[[variants]]\nid = \"short\"\nminutes = 1\n",
                                                        id));
        script = fmt::format(R"([defaults]
ambience = "none"

[[step]]
id = "arrive"
pause_after = 0.5

[step.narration]
en = "{}"

[step.recording]
en = {{ audio = "voice/en/arrive.wav", marks = "voice/en/arrive.vtt" }}

[[step.highlight]]
region = "foot_left"
mark = "feet"
)",
                             kNarration);
        writeText(folder / "script.toml", script);

        auto u = speak(kRecordedText, VoiceSettings{"en"});
        EXPECT_TRUE(u) << (u ? "" : u.error().message);
        if (!u) return;
        speech = std::move(*u);
        fs::create_directories(audio.parent_path());
        auto w = WavWriter::create(audio, 1, kMixRate, SampleFormat::Float32);
        EXPECT_TRUE(w);
        if (!w) return;
        EXPECT_TRUE((*w)->write(speech.pcm.data(), speech.pcm.size()));
        EXPECT_TRUE((*w)->close());

        // Word cues at the voice's own word times (to the millisecond), and
        // the mark on the word "feet," at a time the test chooses.
        std::string vtt = "WEBVTT\n\n";
        for (const WordTiming& wt : speech.words) {
            const long a = long(wt.start * 1000 / kMixRate), b = long(wt.end * 1000 / kMixRate);
            if (wt.text.rfind("feet", 0) == 0) {
                markMs = a;
                vtt += fmt::format("{} --> {}\nmark:feet\n\n", vttTime(a), vttTime(a));
            }
            vtt += fmt::format("{} --> {}\n{}\n\n", vttTime(a), vttTime(b), wt.text);
        }
        EXPECT_GT(markMs, 0) << "the voice reported no word 'feet'";
        writeText(marks, vtt);
    }
    ~RecordedExercise() {
        std::error_code ec;
        fs::remove_all(folder, ec);
    }

    Result<Session> build() const {
        auto ex = loadScriptExercise(folder);
        if (!ex) return ex.error();
        DescribeOptions d;
        d.lang = "en";
        d.variant = "short";
        auto rq = (*ex)->describe(d);
        if (!rq) return rq.error();
        return buildSession(*rq);
    }
};

const SessionStep* stepById(const Session& s, const std::string& id) {
    for (const SessionStep& st : s.steps)
        if (st.id == id) return &st;
    return nullptr;
}

std::vector<log::Record> errors(const log::Capture& c) {
    std::vector<log::Record> out;
    for (const auto& r : c.records())
        if (r.level == log::Level::Error) out.push_back(r);
    return out;
}

struct TempDir {
    fs::path dir;
    explicit TempDir(const std::string& name) : dir(fs::temp_directory_path() / ("soma-rec-" + name + "-" + std::to_string(getpid()))) {
        fs::remove_all(dir);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
};

// The narration cue of step `id` in an exported timeline.json.
const Json* narrationCue(const Json& timeline, const std::string& id) {
    for (const Json& c : timeline["cues"].array)
        if (c["type"].string == "narration" && c["step"].string == id) return &c;
    return nullptr;
}

TEST(RecordedNarration, GoodRecordingGivesTheTimingsCaptionsAndClip) {
    RecordedExercise ex("rec-good");
    ASSERT_GT(ex.markMs, 0);
    log::Capture cap;
    auto s = ex.build();
    ASSERT_TRUE(s) << s.error().message;
    EXPECT_TRUE(errors(cap).empty()) << errors(cap).front().message;
    const SessionStep* st = stepById(*s, "arrive");
    ASSERT_TRUE(st);
    ASSERT_GE(st->clip, 0);
    const NarrationClip& clip = s->clips[size_t(st->clip)];
    EXPECT_FALSE(clip.speech) << "a recording streams from its file, it is not held in memory";
    EXPECT_EQ(clip.recording, ex.audio);
    EXPECT_EQ(st->speechEnd - st->speechStart, Samples(ex.speech.pcm.size()));
    // The highlight starts on the marks file's time, not the built-in voice's.
    ASSERT_EQ(s->highlights.size(), 1u);
    EXPECT_EQ(s->highlights[0].start, st->speechStart + fromMillis(ex.markMs));
    const SessionMark* m = s->mark("arrive", "feet");
    ASSERT_TRUE(m);
    EXPECT_EQ(m->at, st->speechStart + fromMillis(ex.markMs));
    // Captions and words are the recording's.
    std::string captions;
    for (const CaptionCue& c : s->captions)
        if (c.start >= st->speechStart && c.start < st->speechEnd) captions += c.text() + " ";
    EXPECT_NE(captions.find("Welcome"), std::string::npos) << captions;
    EXPECT_EQ(captions.find("heavy"), std::string::npos) << captions;
    EXPECT_EQ(st->words, int(ex.speech.words.size()));
}

TEST(RecordedNarration, ExportCarriesTheRecordingInVoiceTimelineAndCaptions) {
    RecordedExercise ex("rec-export");
    ASSERT_GT(ex.markMs, 0);
    TempDir d("export");
    auto r = test::runSoma({"export", ex.id, "--lang", "en", "--out", d.dir.string(), "--no-reverb"});
    ASSERT_EQ(r.exitCode, 0) << r.out;
    const Json timeline = Json::parse(readText(d.dir / "timeline.json"));
    const Json* cue = narrationCue(timeline, "arrive");
    ASSERT_TRUE(cue) << readText(d.dir / "timeline.json");
    const Samples start = fromSeconds((*cue)["start"].number);
    EXPECT_NEAR((*cue)["end"].number - (*cue)["start"].number, toSeconds(Samples(ex.speech.pcm.size())), 1e-5);
    EXPECT_NE((*cue)["text"].string.find("Welcome"), std::string::npos) << (*cue)["text"].string;
    bool highlight = false;
    for (const Json& c : timeline["cues"].array)
        if (c["type"].string == "highlight" && c["step"].string == "arrive") {
            highlight = true;
            EXPECT_NEAR(c["start"].number, toSeconds(start + fromMillis(ex.markMs)), 2e-6);
        }
    EXPECT_TRUE(highlight);
    EXPECT_NE(readText(d.dir / "captions.vtt").find("Welcome"), std::string::npos);

    // voice.wav holds the recording's very samples from the step's speech start.
    int rate = 0;
    const std::vector<float> voice = readMono(d.dir / "voice.wav", &rate);
    ASSERT_EQ(rate, kMixRate);
    ASSERT_GE(Samples(voice.size()), start + Samples(ex.speech.pcm.size()));
    double worst = 0;
    for (size_t i = 0; i < ex.speech.pcm.size(); ++i)
        worst = std::max(worst, double(std::abs(voice[size_t(start) + i] - ex.speech.pcm[i])));
    EXPECT_LT(worst, 1e-3) << "voice.wav differs from the recording (16-bit output: 3e-5 expected)";
    EXPECT_GT(rms(ex.speech.pcm, 0, Samples(ex.speech.pcm.size())), 0.01);
    // audio.wav, the full mix, is not silent while the recording plays.
    const std::vector<float> mix = readMono(d.dir / "audio.wav");
    EXPECT_GT(rms(mix, start, start + Samples(ex.speech.pcm.size())), 0.005);
}

// A recording that cannot be used, each way it can fail.
struct Breakage {
    const char* name;
    const char* errorId;
    const char* file;     // the file the error must name
    const char* line;     // "file:line" the message must hold, or ""
};

void PrintTo(const Breakage& b, std::ostream* os) { *os << b.name; }

class RecordedFallback : public ::testing::TestWithParam<Breakage> {};

void breakIt(const RecordedExercise& ex, const std::string& name) {
    if (name == "broken") {
        writeText(ex.audio, "RIFF0000WAVEthis is not audio at all, only words");
    } else if (name == "truncated") {
        fs::resize_file(ex.audio, fs::file_size(ex.audio) / 2);
    } else if (name == "malformed_marks") {
        writeText(ex.marks, "WEBVTT\n\n00:00:00.100 --> soon\nWelcome\n");
    }
}

TEST_P(RecordedFallback, LogsOneErrorNamingTheFileAndTheBuiltInVoiceSpeaks) {
    const Breakage& b = GetParam();
    std::string id = std::string("rec-") + b.name;
    std::replace(id.begin(), id.end(), '_', '-');
    RecordedExercise ex(id);
    ASSERT_GT(ex.markMs, 0);
    breakIt(ex, b.name);
    {
        log::Capture cap;
        auto s = ex.build();
        ASSERT_TRUE(s) << s.error().message;
        const auto errs = errors(cap);
        ASSERT_EQ(errs.size(), 1u) << "one clear error, not many";
        EXPECT_EQ(errs[0].id, b.errorId) << errs[0].message;
        EXPECT_NE(errs[0].message.find(b.file), std::string::npos) << errs[0].message;
        EXPECT_NE(errs[0].message.find(b.line), std::string::npos) << errs[0].message;
        EXPECT_NE(errs[0].message.find("built-in voice"), std::string::npos) << errs[0].message;
        const SessionStep* st = stepById(*s, "arrive");
        ASSERT_TRUE(st);
        ASSERT_GE(st->clip, 0);
        const NarrationClip& clip = s->clips[size_t(st->clip)];
        ASSERT_TRUE(clip.speech) << "the built-in voice speaks the step";
        EXPECT_TRUE(clip.recording.empty());
        EXPECT_EQ(st->text, "Let your feet rest, heavy and warm.");
        // The highlight lands on the built-in voice's mark.
        ASSERT_EQ(s->highlights.size(), 1u);
        const MarkTiming* m = clip.speech->mark("feet");
        ASSERT_TRUE(m);
        EXPECT_GE(s->highlights[0].start, st->speechStart + m->at);
        EXPECT_LE(s->highlights[0].start, st->speechStart + m->at + fromMillis(150));
    }
    // And the export goes through, with the built-in voice in voice.wav.
    TempDir d(b.name);
    auto r = test::runSoma({"export", ex.id, "--lang", "en", "--out", d.dir.string(), "--no-reverb"});
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_NE(r.out.find(b.errorId), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(b.file), std::string::npos) << r.out;
    const Json timeline = Json::parse(readText(d.dir / "timeline.json"));
    const Json* cue = narrationCue(timeline, "arrive");
    ASSERT_TRUE(cue);
    EXPECT_EQ((*cue)["text"].string, "Let your feet rest, heavy and warm.");
    const std::vector<float> voice = readMono(d.dir / "voice.wav");
    EXPECT_GT(rms(voice, fromSeconds((*cue)["start"].number), fromSeconds((*cue)["end"].number)), 0.01);
    EXPECT_EQ(readText(d.dir / "captions.vtt").find("Welcome"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Broken, RecordedFallback,
                         ::testing::Values(Breakage{"broken", "recording.open", "arrive.wav", ""},
                                           Breakage{"truncated", "recording.truncated", "arrive.wav", ""},
                                           Breakage{"malformed_marks", "marks.syntax", "arrive.vtt", "arrive.vtt:3"}),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(RecordedNarration, MarksFileWithoutTheHighlightsMarkFallsBack) {
    RecordedExercise ex("rec-nomark");
    ASSERT_GT(ex.markMs, 0);
    writeText(ex.marks, "WEBVTT\n\n00:00:00.100 --> 00:00:00.500\nWelcome\n");
    log::Capture cap;
    auto s = ex.build();
    ASSERT_TRUE(s) << s.error().message;
    const auto errs = errors(cap);
    ASSERT_EQ(errs.size(), 1u);
    EXPECT_EQ(errs[0].id, "session.recording_mark");
    EXPECT_NE(errs[0].message.find("arrive.vtt"), std::string::npos) << errs[0].message;
    EXPECT_NE(errs[0].message.find("mark:feet"), std::string::npos) << errs[0].message;
    const SessionStep* st = stepById(*s, "arrive");
    ASSERT_TRUE(st && st->clip >= 0);
    EXPECT_TRUE(s->clips[size_t(st->clip)].speech);
}

TEST(RecordedNarration, ValidateReportsAMissingRecordingAtItsPosition) {
    RecordedExercise ex("rec-missing");
    // Point the recording at a file that is not there.
    std::string script = ex.script;
    const std::string from = "voice/en/arrive.wav";
    script.replace(script.find(from), from.size(), "voice/en/missing.flac");
    writeText(ex.folder / "script.toml", script);
    int line = 1;
    size_t lineStart = 0;
    const size_t at = script.find("\"voice/en/missing.flac\"");
    for (size_t i = 0; i < at; ++i)
        if (script[i] == '\n') ++line, lineStart = i + 1;
    const std::string where = fmt::format("script.toml:{}:{}", line, at - lineStart + 1);
    auto r = test::runSoma({"validate", ex.folder.string()});
    EXPECT_NE(r.exitCode, 0) << r.out;
    EXPECT_NE(r.out.find(where), std::string::npos) << "expected " << where << " in:\n" << r.out;
    EXPECT_NE(r.out.find("missing.flac"), std::string::npos) << r.out;
}

TEST(RecordedNarration, ParserChecksTheRecordingTable) {
    RecordedExercise ex("rec-parse");
    std::string script = ex.script;
    const std::string from = "marks = \"voice/en/arrive.vtt\"";
    script.replace(script.find(from), from.size(), "marks = \"voice/en/gone.vtt\", volume = 1");
    script += "\n[[step]]\nid = \"rest\"\n[step.narration]\nen = \"Rest.\"\n[step.recording]\nfr = { audio = \"voice/en/arrive.wav\" }\n";
    writeText(ex.folder / "script.toml", script);
    const ScriptParse p = parseScriptExercise(ex.folder);
    auto count = [&](const std::string& id, const std::string& text) {
        return std::count_if(p.problems.begin(), p.problems.end(), [&](const Diagnostic& d) {
            return d.id == id && d.message.find(text) != std::string::npos;
        });
    };
    EXPECT_EQ(count("script.recording", "gone.vtt"), 1) << p.problems.size();
    EXPECT_EQ(count("script.key", "volume"), 1);
    EXPECT_EQ(count("script.translation", "'fr'"), 1);
    // The good audio path of the first step is not a problem.
    EXPECT_EQ(count("script.recording", "arrive.wav"), 0);
    for (const Diagnostic& d : p.problems) std::printf("%s\n", d.format().c_str());
}

} // namespace
} // namespace soma
