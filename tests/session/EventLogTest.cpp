// The session log of a live run and its replay by `soma export --replay`:
// a pendulation session played by the sequencer on a loopback engine, with
// the person pausing during a tension step (the plugin answers with a
// return-to-resource step), written to a real log file; the export that
// replays that log has the live run's timeline, one without it does not;
// broken, mismatched and unwritable logs give their clear errors.
#include "audio/AudioEngine.h"
#include "Json.h"
#include "live/EventLog.h"
#include "plugin/PluginTestSupport.h"
#include "session/Sequencer.h"
#include "session/Session.h"
#include "support/LoopbackRun.h"
#include "support/RunProgram.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sndfile.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace soma {
namespace {

namespace fs = std::filesystem;
using test::Json;

std::string readText(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void writeText(const fs::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary);
    out << text;
}

// A step's narration start, as the timeline lists it.
struct StepStart {
    std::string step;
    Samples start;
    bool operator==(const StepStart& o) const { return step == o.step && start == o.start; }
};

std::ostream& operator<<(std::ostream& os, const StepStart& s) { return os << s.step << "@" << s.start; }

Samples samplesOf(double sec) { return Samples(std::llround(sec * double(kMixRate))); }

std::vector<StepStart> narrationOf(const Json& timeline) {
    std::vector<StepStart> out;
    for (const Json& c : timeline["cues"].array)
        if (c["type"].string == "narration") out.push_back({c["step"].string, samplesOf(c["start"].number)});
    return out;
}

std::vector<StepStart> highlightsOf(const Json& timeline) {
    std::vector<StepStart> out;
    for (const Json& c : timeline["cues"].array)
        if (c["type"].string == "highlight") out.push_back({c["region"].string, samplesOf(c["start"].number)});
    return out;
}

class EventLogReplay : public ::testing::Test {
protected:
    void SetUp() override {
        mReg = PluginRegistry::load({test::shippedNatives()}, test::registryOptions(test::scratchDir("checks") / "checks.toml"));
        mExercise = mReg.find("pendulation");
        ASSERT_NE(mExercise, nullptr) << "the pendulation plugin is built into " << test::shippedNatives();
        mDescribe.lang = "en";
        mDescribe.variant = "short";
    }

    Session build() {
        auto rq = mExercise->describe(mDescribe);
        EXPECT_TRUE(rq) << rq.error().message;
        // As `soma run` and `soma export` build it (app/SessionCommon.cpp).
        if (rq->exercise.empty()) rq->exercise = "pendulation";
        rq->lang = mDescribe.lang;
        rq->variant = mDescribe.variant;
        auto s = buildSession(*rq);
        EXPECT_TRUE(s) << s.error().message;
        return std::move(*s);
    }

    PluginRegistry mReg;
    Exercise* mExercise = nullptr;
    DescribeOptions mDescribe;
};

TEST_F(EventLogReplay, ExportReplayingALiveRunsLogHasItsTimeline) {
    Session session = build();
    // Without a tension map the jaw is the tension: the first step that names it.
    int tensionStep = -1;
    for (size_t i = 0; i < session.steps.size() && tensionStep < 0; ++i)
        if (session.steps[i].text.find("jaw") != std::string::npos) tensionStep = int(i);
    ASSERT_GE(tensionStep, 0);
    // Pause a little way into that step, at a sample no chunk boundary would hit by itself.
    const Samples pauseAt = session.steps[size_t(tensionStep)].speechStart + fromSeconds(1.5) + 17;
    // Runs on until a few seconds into what the pause inserted (set below).
    Samples until = pauseAt + fromSeconds(1.0);
    const std::string inserted = "return-to-resource-" + std::to_string(pauseAt);

    fs::path logFile;
    Session live;
    {
        test::LoopbackRun run(session, mExercise, mDescribe, {"pendulation", "en", "short", 0.0, std::nullopt},
                              test::scratchDir("sessions"));
        logFile = run.logFile();
        run.playTo(pauseAt);
        ASSERT_EQ(run.seq().position(), pauseAt);
        run.seq().pause();
        // A paused engine renders silence and its clock stands still.
        run.render(4800);
        ASSERT_EQ(run.seq().position(), pauseAt);
        run.seq().play();
        for (const SessionStep& s : run.seq().session().steps)
            if (s.id == inserted) until = s.speechStart + fromSeconds(3.0);
        ASSERT_GT(until, pauseAt + fromSeconds(1.0)) << "the plugin answers a pause in a tension step";
        run.playTo(until);
        run.end();
        live = run.seq().session();
    }
    // The plugin answered the pause with a return to the resource, logged.
    ASSERT_EQ(live.reactions.size(), 1u);
    EXPECT_TRUE(std::any_of(live.steps.begin(), live.steps.end(), [&](const SessionStep& s) { return s.id == inserted; }));
    auto read = readEventLog(logFile);
    ASSERT_TRUE(read) << read.error().message;
    ASSERT_EQ(read->events.size(), 2u); // paused, resumed
    EXPECT_EQ(read->events[0].event.type, ExerciseEvent::Type::Paused);
    EXPECT_EQ(read->events[0].event.at, pauseAt);
    EXPECT_EQ(read->events[1].event.type, ExerciseEvent::Type::Resumed);
    ASSERT_EQ(read->reactions.size(), 1u);
    EXPECT_EQ(read->reactions[0].inserted, std::vector<std::string>{inserted});
    ASSERT_TRUE(read->endedAt);
    EXPECT_EQ(*read->endedAt, until);

    // What the live run heard up to `until`.
    std::vector<StepStart> liveSteps, liveHighlights;
    for (const SessionStep& s : live.steps)
        if (s.clip >= 0 && s.speechStart < until) liveSteps.push_back({s.id, s.speechStart});
    for (const TimedHighlight& h : live.highlights)
        if (h.start < until) liveHighlights.push_back({h.region, h.start});

    const std::string maxSec = fmt::format("{:.6f}", toSeconds(until));
    const fs::path replayed = test::scratchDir("replayed"), plain = test::scratchDir("plain");
    auto r = test::runSoma({"export", "pendulation", "--lang", "en", "--variant", "short", "--no-reverb", "--max-seconds", maxSec,
                            "--out", replayed.string(), "--replay", logFile.string()});
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_EQ(r.out.find("eventlog.diverged"), std::string::npos) << r.out;
    const Json t = Json::parse(readText(replayed / "timeline.json"));
    EXPECT_EQ(narrationOf(t), liveSteps);
    EXPECT_EQ(highlightsOf(t), liveHighlights);

    auto p = test::runSoma({"export", "pendulation", "--lang", "en", "--variant", "short", "--no-reverb", "--max-seconds", maxSec,
                            "--out", plain.string()});
    ASSERT_EQ(p.exitCode, 0) << p.out;
    const std::vector<StepStart> plainSteps = narrationOf(Json::parse(readText(plain / "timeline.json")));
    EXPECT_NE(plainSteps, liveSteps);
    EXPECT_TRUE(std::none_of(plainSteps.begin(), plainSteps.end(), [&](const StepStart& s) { return s.step == inserted; }));
}

// The person goes back into the tension step and pauses there: the log
// holds the seek, and the export replaying it goes back at the same
// sample, so audio.wav holds what the person heard (the step twice) and
// the exercise answers the pause as it did live.
TEST_F(EventLogReplay, ASeekBackIsReplayedAtItsOwnSample) {
    Session session = build();
    int tensionStep = -1;
    for (size_t i = 0; i < session.steps.size() && tensionStep < 0; ++i)
        if (session.steps[i].text.find("jaw") != std::string::npos) tensionStep = int(i);
    ASSERT_GE(tensionStep, 0);
    const SessionStep& tension = session.steps[size_t(tensionStep)];
    const Samples backAt = tension.start + fromSeconds(Sequencer::kRestartStepSec + 2.0) + 29;
    ASSERT_LT(backAt, tension.end);
    const Samples pauseAt = tension.speechStart + fromSeconds(1.0) + 17;
    ASSERT_LT(pauseAt, backAt); // after going back, earlier in the session than where the person was
    const std::string inserted = "return-to-resource-" + std::to_string(pauseAt);

    fs::path logFile;
    Session live;
    Samples until = 0, heard = 0;
    {
        test::LoopbackRun run(session, mExercise, mDescribe, {"pendulation", "en", "short", 0.0, std::nullopt},
                              test::scratchDir("sessions-back"));
        logFile = run.logFile();
        run.playTo(backAt);
        ASSERT_TRUE(run.seq().backToPreviousStep());
        ASSERT_EQ(run.seq().position(), tension.start); // some seconds in: the step again
        run.playTo(pauseAt);
        run.seq().pause();
        run.render(4800);
        run.seq().play();
        for (const SessionStep& s : run.seq().session().steps)
            if (s.id == inserted) until = s.speechStart + fromSeconds(2.0);
        ASSERT_GT(until, backAt) << "the plugin answers a pause in a tension step";
        run.playTo(until);
        run.end();
        heard = run.heard();
        live = run.seq().session();
    }
    EXPECT_EQ(heard, backAt + (until - tension.start));
    auto read = readEventLog(logFile);
    ASSERT_TRUE(read) << read.error().message;
    ASSERT_EQ(read->seeks.size(), 1u);
    EXPECT_EQ(read->seeks[0].seek.at, backAt);
    EXPECT_EQ(read->seeks[0].seek.to, tension.start);
    EXPECT_EQ(read->seeks[0].seek.stepId, tension.id);
    ASSERT_EQ(read->events.size(), 2u);
    EXPECT_EQ(read->events[0].event.at, pauseAt);
    const std::vector<ReplayItem> order = replayOrder(*read);
    ASSERT_EQ(order.size(), 3u);
    EXPECT_EQ(order[0].kind, ReplayItem::Kind::Seek); // the seek came first, though later in the session
    std::vector<StepStart> liveSteps;
    for (const SessionStep& s : live.steps)
        if (s.clip >= 0 && s.speechStart < until) liveSteps.push_back({s.id, s.speechStart});

    const std::string maxSec = fmt::format("{:.6f}", toSeconds(until));
    const fs::path replayed = test::scratchDir("replayed-back");
    auto r = test::runSoma({"export", "--no-reverb", "--max-seconds", maxSec, "--out", replayed.string(), "--replay", logFile.string()});
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_EQ(r.out.find("eventlog.diverged"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("sequencer.replay_step"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("1 seek(s)"), std::string::npos) << r.out;
    const Json t = Json::parse(readText(replayed / "timeline.json"));
    EXPECT_EQ(narrationOf(t), liveSteps);
    // audio.wav: what was heard, the tension step's first seconds twice.
    SF_INFO info{};
    SNDFILE* f = sf_open((replayed / "audio.wav").c_str(), SFM_READ, &info);
    ASSERT_NE(f, nullptr);
    sf_close(f);
    EXPECT_EQ(Samples(info.frames), heard);
}

std::vector<float> readMono(const fs::path& p) {
    SF_INFO info{};
    SNDFILE* f = sf_open(p.c_str(), SFM_READ, &info);
    if (!f) return {};
    std::vector<float> data(size_t(info.frames) * size_t(info.channels));
    sf_readf_float(f, data.data(), info.frames);
    sf_close(f);
    std::vector<float> mono(size_t(info.frames));
    for (size_t i = 0; i < mono.size(); ++i) mono[i] = data[i * 2] + data[i * 2 + 1];
    return mono;
}

// The person's mix is in the log (the header, and each change of level
// with its sample), and the export replaying it mixes the same: with the
// ambience turned off from the start, and the voice turned down to a
// quarter from the very sample it was heard to turn down live.
TEST_F(EventLogReplay, TheMixAndItsChangesAreReplayedAtTheirSamples) {
    const Session session = build();
    const Samples turnAt = fromSeconds(8.0) + 11, until = fromSeconds(13.0);
    EventLogHeader header{"pendulation", "en", "short", 0.0, std::nullopt};
    header.mix.ambience = "none"; // the voice alone: pendulation has no pacer
    fs::path logFile;
    {
        test::LoopbackRun run(session, mExercise, mDescribe, header, test::scratchDir("sessions-mix"));
        logFile = run.logFile();
        run.playTo(turnAt);
        run.seq().setLevels(0.25f, 1.0f);
        run.playTo(until);
        run.end();
    }
    auto read = readEventLog(logFile);
    ASSERT_TRUE(read) << read.error().message;
    EXPECT_EQ(read->header.mix.ambience, "none");
    EXPECT_FLOAT_EQ(read->header.mix.voiceVolume, 1.0f);
    EXPECT_TRUE(read->header.mix.breathPacer);
    ASSERT_EQ(read->mixes.size(), 1u);
    const MixRecord change = read->mixes[0].mix;
    EXPECT_EQ(change.at, turnAt);
    EXPECT_GE(change.from, turnAt);
    EXPECT_FLOAT_EQ(change.voiceVolume, 0.25f);

    // The same log without the change, to compare with.
    std::string text = readText(logFile);
    const size_t a = text.find("\n[[mix]]");
    ASSERT_NE(a, std::string::npos);
    const size_t b = text.find("\n[", a + 2);
    text.erase(a, b == std::string::npos ? std::string::npos : b - a);
    const fs::path unchanged = logFile.parent_path().parent_path() / "unchanged.toml";
    writeText(unchanged, text);

    const std::string maxSec = fmt::format("{:.6f}", toSeconds(until));
    auto exportOf = [&](const std::vector<std::string>& extra, const std::string& name) {
        const fs::path out = test::scratchDir(name);
        std::vector<std::string> args{"export", "pendulation", "--lang", "en", "--no-reverb", "--max-seconds", maxSec, "--out", out.string()};
        args.insert(args.end(), extra.begin(), extra.end());
        auto r = test::runSoma(args);
        EXPECT_EQ(r.exitCode, 0) << r.out;
        return readMono(out / "audio.wav");
    };
    const std::vector<float> turned = exportOf({"--replay", logFile.string()}, "mix-turned");
    const std::vector<float> kept = exportOf({"--replay", unchanged.string()}, "mix-kept");
    const std::vector<float> plain = exportOf({}, "mix-plain");
    ASSERT_EQ(turned.size(), size_t(until));
    ASSERT_EQ(kept.size(), turned.size());
    ASSERT_EQ(plain.size(), turned.size());
    const Samples ramp = Samples(AudioEngine::kLevelRampSec * kMixRate);
    int before = 0, after = 0;
    for (Samples t = 0; t < until; ++t) {
        const float k = kept[size_t(t)], v = turned[size_t(t)];
        if (std::fabs(k) < 1e-3f) continue;
        if (t < change.from) {
            ASSERT_NEAR(v, k, 1e-4) << "before the change, at sample " << t;
            ++before;
        } else if (t >= change.from + ramp) {
            ASSERT_NEAR(v, 0.25f * k, 1e-4 + 1e-3 * std::fabs(k)) << "after the change, at sample " << t;
            ++after;
        }
    }
    EXPECT_GT(before, int(kMixRate)); // the voice was heard on both sides of the change
    EXPECT_GT(after, int(kMixRate));
    // The settings' mix (the defaults here) has the exercise's brown noise;
    // the live run had none.
    auto rmsOf = [](const std::vector<float>& v, Samples from, Samples to) {
        double s = 0;
        for (Samples t = from; t < to; ++t) s += double(v[size_t(t)]) * v[size_t(t)];
        return std::sqrt(s / double(to - from));
    };
    std::vector<float> difference(plain.size());
    for (size_t i = 0; i < plain.size(); ++i) difference[i] = plain[i] - kept[i];
    EXPECT_GT(rmsOf(difference, fromSeconds(6.0), turnAt), 1e-3);
}

// A log a live run would write, to break in one place at a time.
std::string goodLog(const std::string& exercise = "pendulation") {
    return "format = 1\n"                        // 1
           "sample_rate = 48000\n"               // 2
           "exercise = \"" + exercise + "\"\n"   // 3
           "lang = \"en\"\n"                     // 4
           "variant = \"short\"\n"               // 5
           "breaths_per_minute = 0.0\n"          // 6
           "\n"                                  // 7
           "[[event]]\n"                         // 8
           "type = \"paused\"\n"                 // 9
           "at = 480000\n"                       // 10
           "step = \"x\"\n"                      // 11
           "step_index = 2\n";                   // 12
}

TEST(EventLog, ReadsBackWhatItWrote) {
    EventLogDesc ld;
    ld.header.exercise = "pendulation";
    ld.header.lang = "nl";
    ld.header.variant = "long";
    ld.header.breathsPerMinute = 5.5;
    ld.header.tension = TensionMap{{{"jaw", 7, "clenches \"at night\"", 1700000000}}};
    ld.header.voiceRateWpm = 150; // the person's setting: a replay must speak at it too
    ld.header.mix = {0.7f, 0.4f, "waves", false}; // and mix as it did
    ld.dir = test::scratchDir("roundtrip");
    auto log = EventLog::create(ld);
    ASSERT_TRUE(log) << log.error().message;
    EXPECT_EQ((*log)->path().parent_path(), ld.dir);
    ExerciseEvent e{ExerciseEvent::Type::Grounding, 123457, 4, "tension-1"};
    (*log)->event(e);
    (*log)->mix({123460, 127000, 0.6f, 0.4f});
    // Written as it goes: readable before the run has ended.
    auto early = readEventLog((*log)->path());
    ASSERT_TRUE(early) << early.error().message;
    ASSERT_EQ(early->events.size(), 1u);
    EXPECT_EQ(early->events[0].event.at, 123457);
    EXPECT_EQ(early->events[0].event.stepId, "tension-1");
    EXPECT_EQ(early->events[0].event.stepIndex, 4);
    EXPECT_FALSE(early->endedAt);
    EXPECT_EQ(early->header.lang, "nl");
    EXPECT_EQ(early->header.variant, "long");
    EXPECT_DOUBLE_EQ(early->header.breathsPerMinute, 5.5);
    EXPECT_EQ(early->header.voiceRateWpm, 150);
    EXPECT_EQ(early->header.mix, ld.header.mix);
    ASSERT_EQ(early->mixes.size(), 1u);
    EXPECT_EQ(early->mixes[0].mix.at, 123460);
    EXPECT_EQ(early->mixes[0].mix.from, 127000);
    EXPECT_FLOAT_EQ(early->mixes[0].mix.voiceVolume, 0.6f);
    EXPECT_FLOAT_EQ(early->mixes[0].mix.ambienceVolume, 0.4f);
    ASSERT_TRUE(early->header.tension);
    ASSERT_EQ(early->header.tension->ratings.size(), 1u);
    EXPECT_EQ(early->header.tension->ratings[0].note, "clenches \"at night\"");
    EXPECT_EQ(early->header.tension->ratings[0].rating, 7);
    // A second run in the same second gets a file of its own.
    auto other = EventLog::create(ld);
    ASSERT_TRUE(other) << other.error().message;
    EXPECT_NE((*other)->path(), (*log)->path());
}

TEST(EventLog, AnUnwritableFolderIsAClearError) {
    const fs::path d = test::scratchDir("blocked");
    writeText(d / "file", "not a folder");
    EventLogDesc ld;
    ld.header.exercise = "pendulation";
    ld.dir = d / "file" / "sessions";
    auto log = EventLog::create(ld);
    ASSERT_FALSE(log);
    EXPECT_EQ(log.error().id, "eventlog.open");
    EXPECT_NE(log.error().message.find((d / "file" / "sessions").string()), std::string::npos) << log.error().message;
    EXPECT_NE(log.error().message.find("goes on without a log"), std::string::npos) << log.error().message;
}

TEST(EventLog, BrokenLogsNameTheFileAndLine) {
    const fs::path d = test::scratchDir("broken");
    struct Case {
        std::string text;
        int line;
        const char* id;
    };
    std::string syntax = goodLog();
    syntax.replace(syntax.find("at = 480000"), 11, "at = = 4");
    std::string negative = goodLog();
    negative.replace(negative.find("480000"), 6, "-5");
    std::string type = goodLog();
    type.replace(type.find("paused"), 6, "nap");
    std::string missing = goodLog();
    missing.replace(missing.find("lang = \"en\"\n"), 12, "");
    std::string loud = goodLog();
    loud.replace(loud.find("breaths_per_minute"), 0, "voice_volume = 1.5\n"); // line 6
    std::string bed = goodLog();
    bed.replace(bed.find("breaths_per_minute"), 0, "ambience = \"rain\"\n");
    std::string change = goodLog() + "\n[[mix]]\nat = 480000\nfrom = 480100\nvoice_volume = 0.5\n"; // line 14, ambience_volume missing
    const Case cases[] = {{syntax, 10, "eventlog.syntax"},
                          {negative, 10, "eventlog.invalid"},
                          {type, 9, "eventlog.invalid"},
                          {missing, 1, "eventlog.invalid"},
                          {loud, 6, "eventlog.invalid"},
                          {bed, 6, "eventlog.invalid"},
                          {change, 14, "eventlog.invalid"}};
    int n = 0;
    for (const Case& c : cases) {
        const fs::path f = d / fmt::format("log{}.toml", n++);
        writeText(f, c.text);
        auto r = readEventLog(f);
        ASSERT_FALSE(r) << c.text;
        EXPECT_EQ(r.error().id, c.id) << r.error().message;
        EXPECT_EQ(r.error().message.rfind(fmt::format("{}:{}:", f.string(), c.line), 0), 0u) << r.error().message;
    }
    auto ok = [&] {
        writeText(d / "good.toml", goodLog());
        return readEventLog(d / "good.toml");
    }();
    ASSERT_TRUE(ok) << ok.error().message; // the cases above break only what they say
}

TEST(EventLog, ExportRefusesAMalformedOrMismatchedLog) {
    const fs::path d = test::scratchDir("refused");
    std::string bad = goodLog();
    bad.replace(bad.find("480000"), 6, "\"soon\"");
    writeText(d / "bad.toml", bad);
    auto r = test::runSoma({"export", "pendulation", "--lang", "en", "--out", (d / "out").string(), "--replay", (d / "bad.toml").string()});
    EXPECT_NE(r.exitCode, 0);
    EXPECT_NE(r.out.find((d / "bad.toml").string() + ":10:"), std::string::npos) << r.out;
    EXPECT_FALSE(fs::exists(d / "out" / "timeline.json"));

    writeText(d / "other.toml", goodLog("pendulation"));
    auto m = test::runSoma({"export", "pendulation", "--lang", "nl", "--out", (d / "out").string(), "--replay", (d / "other.toml").string()});
    EXPECT_NE(m.exitCode, 0);
    EXPECT_NE(m.out.find((d / "other.toml").string() + ":3:"), std::string::npos) << m.out;
    EXPECT_NE(m.out.find("soma export pendulation --lang en --variant short"), std::string::npos) << m.out;
}

// A log may hold a client's tension map: old logs go, newer ones and any
// other file in the folder stay.
TEST(EventLog, OldSessionLogsAreDeletedButNothingElse) {
    const fs::path dir = test::scratchDir("retention");
    auto age = [&](const std::string& name, int days) {
        writeText(dir / name, "format = 1\n");
        fs::last_write_time(dir / name, fs::file_time_type::clock::now() - std::chrono::hours(24) * days);
    };
    age("20250101T100000Z-body-scan.toml", 40);
    age("20250102T100000Z-pendulation-2.toml", 31);
    age("20261120T100000Z-grounding.toml", 10);
    age("notes-of-the-therapist.toml", 400); // not a session log: never touched
    age("20250101T100000Z-body-scan.txt", 400);
    EventLogDesc ld;
    ld.header = {"pendulation", "en", "short", 0.0, std::nullopt};
    ld.dir = dir;
    auto log = EventLog::create(ld);
    ASSERT_TRUE(log) << log.error().message;
    EXPECT_FALSE(fs::exists(dir / "20250101T100000Z-body-scan.toml"));
    EXPECT_FALSE(fs::exists(dir / "20250102T100000Z-pendulation-2.toml"));
    EXPECT_TRUE(fs::exists(dir / "20261120T100000Z-grounding.toml"));
    EXPECT_TRUE(fs::exists(dir / "notes-of-the-therapist.toml"));
    EXPECT_TRUE(fs::exists(dir / "20250101T100000Z-body-scan.txt"));
    EXPECT_TRUE(fs::exists((*log)->path()));

    // At most the newest N: the new log and the one before it stay.
    ld.keepDays = 0;
    ld.keepAtMost = 2;
    age("20261121T100000Z-grounding.toml", 9);
    auto next = EventLog::create(ld);
    ASSERT_TRUE(next) << next.error().message;
    EXPECT_TRUE(fs::exists((*next)->path()));
    EXPECT_TRUE(fs::exists((*log)->path()));
    EXPECT_FALSE(fs::exists(dir / "20261121T100000Z-grounding.toml"));
    EXPECT_FALSE(fs::exists(dir / "20261120T100000Z-grounding.toml"));
    EXPECT_TRUE(fs::exists(dir / "notes-of-the-therapist.toml"));
}

TEST(EventLog, ASeekTakesTheClockWhereItWent) {
    const fs::path d = test::scratchDir("seek-order");
    const std::string seek = "[[seek]]\n"        // 13
                             "at = 960000\n"     // 14
                             "to = 240000\n"     // 15
                             "step = \"x\"\n"    // 16
                             "step_index = 3\n"; // 17
    // After going back, a pause earlier in the session than where the
    // person was is in order.
    std::string back = goodLog() + seek + "\n[[event]]\ntype = \"resumed\"\nat = 300000\n";
    writeText(d / "back.toml", back);
    auto ok = readEventLog(d / "back.toml");
    ASSERT_TRUE(ok) << ok.error().message;
    ASSERT_EQ(ok->seeks.size(), 1u);
    EXPECT_EQ(ok->seeks[0].line, 13);
    EXPECT_EQ(ok->seeks[0].seek.at, 960000);
    EXPECT_EQ(ok->seeks[0].seek.to, 240000);
    EXPECT_EQ(ok->seeks[0].seek.stepIndex, 3);
    const auto order = replayOrder(*ok);
    ASSERT_EQ(order.size(), 3u);
    EXPECT_EQ(order[0].at, 480000);
    EXPECT_EQ(order[1].kind, ReplayItem::Kind::Seek);
    EXPECT_EQ(order[2].at, 300000);
    // Earlier than where the seek went: out of order, at its own line.
    std::string early = goodLog() + seek + "\n[[event]]\ntype = \"resumed\"\nat = 200000\n";
    writeText(d / "early.toml", early);
    auto bad = readEventLog(d / "early.toml");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().id, "eventlog.invalid");
    EXPECT_EQ(bad.error().message.rfind((d / "early.toml").string() + ":19:", 0), 0u) << bad.error().message;
    // A seek from before the entry that came ahead of it: out of order too.
    std::string seekEarly = goodLog() + seek;
    seekEarly.replace(seekEarly.find("at = 960000"), 11, "at = 470000");
    writeText(d / "seek-early.toml", seekEarly);
    auto bad2 = readEventLog(d / "seek-early.toml");
    ASSERT_FALSE(bad2);
    EXPECT_EQ(bad2.error().message.rfind((d / "seek-early.toml").string() + ":13:", 0), 0u) << bad2.error().message;
}

} // namespace
} // namespace soma
