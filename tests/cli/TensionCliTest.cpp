// The client's tension map on the command line, through the real `soma`
// program: two maps give two pendulation sessions that name each client's
// own regions (also through `soma run` without a display); a broken map
// stops run, export and render with one error at
// its file:line:col; validate checks a map; and a live run's log that holds
// a map replays with `soma export --replay LOG` alone, into the live run's
// timeline.
#include "audio/AudioEngine.h"
#include "live/EventLog.h"
#include "plugin/PluginTestSupport.h"
#include "plugin/script/TensionMapFile.h"
#include "session/Json.h"
#include "session/Sequencer.h"
#include "session/Session.h"
#include "support/LoopbackRun.h"
#include "support/RunProgram.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace soma {
namespace {

namespace fs = std::filesystem;
using test::Json;
using test::runSoma;

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

// Two clients: the first holds tension in the left shoulder and finds the
// right hand easy; the second the left psoas, and the right foot.
const char* kMapA = "[[region]]\nid = \"shoulder_left\"\nrating = 8\nnote = \"trekt naar het oor\"\ntime = 2026-11-30T10:15:00Z\n"
                    "\n[[region]]\nid = \"hand_right\"\nrating = 1\n";
const char* kMapB = "[[region]]\nid = \"psoas_left\"\nrating = 9\n\n[[region]]\nid = \"foot_right\"\nrating = 0\n";
const char* kMapBad = "[[region]]\nid = \"jaw\"\nrating = 11\n";

std::set<std::string> highlightedRegions(const Json& t) {
    std::set<std::string> out;
    for (const Json& c : t["cues"].array)
        if (c["type"].string == "highlight") out.insert(c["region"].string);
    return out;
}

std::string narration(const Json& t) {
    std::string out;
    for (const Json& c : t["cues"].array)
        if (c["type"].string == "narration") out += c["text"].string + "\n";
    return out;
}

struct StepStart {
    std::string step;
    Samples start;
    bool operator==(const StepStart& o) const { return step == o.step && start == o.start; }
};

std::ostream& operator<<(std::ostream& os, const StepStart& s) { return os << s.step << "@" << s.start; }

std::vector<StepStart> narrationStarts(const Json& t) {
    std::vector<StepStart> out;
    for (const Json& c : t["cues"].array)
        if (c["type"].string == "narration")
            out.push_back({c["step"].string, Samples(std::llround(c["start"].number * double(kMixRate)))});
    return out;
}

class TensionCli : public ::testing::Test {
protected:
    void SetUp() override {
        mDir = test::scratchDir("tension-cli");
        writeText(mDir / "a.toml", kMapA);
        writeText(mDir / "b.toml", kMapB);
        writeText(mDir / "bad.toml", kMapBad);
    }
    fs::path mDir;
};

TEST_F(TensionCli, TwoMapsGiveTwoSessionsNamingEachClientsRegions) {
    // Past the first visit to the tension (the narration names it there),
    // which comes after the resource is found and rested in, at about 160 s.
    for (const char* m : {"a", "b"}) {
        auto r = runSoma({"export", "pendulation", "--lang", "en", "--variant", "short", "--no-reverb", "--max-seconds", "200",
                          "--tension", (mDir / fmt::format("{}.toml", m)).string(), "--out", (mDir / m).string()});
        ASSERT_EQ(r.exitCode, 0) << r.out;
    }
    const Json a = Json::parse(readText(mDir / "a" / "timeline.json"));
    const Json b = Json::parse(readText(mDir / "b" / "timeline.json"));
    EXPECT_EQ(highlightedRegions(a), (std::set<std::string>{"shoulder_left", "hand_right"}));
    EXPECT_EQ(highlightedRegions(b), (std::set<std::string>{"psoas_left", "foot_right"}));
    EXPECT_NE(narration(a).find("left shoulder"), std::string::npos) << narration(a);
    EXPECT_NE(narration(a).find("right hand"), std::string::npos) << narration(a);
    EXPECT_EQ(narration(a).find("psoas"), std::string::npos) << narration(a);
    EXPECT_NE(narration(b).find("left psoas"), std::string::npos) << narration(b);
    EXPECT_NE(narration(b).find("right foot"), std::string::npos) << narration(b);
    EXPECT_EQ(narration(b).find("shoulder"), std::string::npos) << narration(b);
}

TEST_F(TensionCli, RunWithoutADisplayExportsWithTheMap) {
    auto r = runSoma({"run", "pendulation", "--headless", "--lang", "en", "--tension", (mDir / "a.toml").string(), "--out",
                      (mDir / "run").string()});
    ASSERT_EQ(r.exitCode, 0) << r.out;
    const Json t = Json::parse(readText(mDir / "run" / "timeline.json"));
    EXPECT_EQ(highlightedRegions(t), (std::set<std::string>{"shoulder_left", "hand_right"}));
}

TEST_F(TensionCli, ABrokenMapStopsEachCommandWithOneClearError) {
    const std::string bad = (mDir / "bad.toml").string();
    const std::string where = bad + ":3:10: the rating of region 'jaw' must be a whole number from 0 (no tension) to 10";
    struct Cmd {
        const char* what;
        std::vector<std::string> args;
    };
    const Cmd cmds[] = {
        {"export", {"export", "pendulation", "--lang", "en", "--tension", bad, "--out", (mDir / "x").string()}},
        {"run", {"run", "pendulation", "--headless", "--lang", "en", "--tension", bad, "--out", (mDir / "y").string()}},
        {"render", {"render", "pendulation", "--at", "10", "--tension", bad, "--out", (mDir / "z.png").string()}},
    };
    for (const Cmd& c : cmds) {
        SCOPED_TRACE(c.what);
        auto r = runSoma(c.args);
        EXPECT_EQ(r.exitCode, 1) << r.out;
        EXPECT_NE(r.out.find(where), std::string::npos) << r.out;
        EXPECT_NE(r.out.find("(tension.invalid)"), std::string::npos) << r.out;
    }
    EXPECT_FALSE(fs::exists(mDir / "x"));
    EXPECT_FALSE(fs::exists(mDir / "y"));
    EXPECT_FALSE(fs::exists(mDir / "z.png"));
    // A map that is not there says so, and a map without an exercise to shape is refused.
    auto missing = runSoma({"export", "pendulation", "--tension", (mDir / "nope.toml").string(), "--out", (mDir / "x").string()});
    EXPECT_EQ(missing.exitCode, 1);
    EXPECT_NE(missing.out.find("(tension.open)"), std::string::npos) << missing.out;
    auto alone = runSoma({"render", "--tension", (mDir / "bad.toml").string(), "--out", (mDir / "z.png").string()});
    EXPECT_EQ(alone.exitCode, 1);
    EXPECT_NE(alone.out.find("bad.toml:3:10: "), std::string::npos) << alone.out;
}

TEST_F(TensionCli, RenderAloneShowsTheMapOnTheFigure) {
    // The therapist's view: rated regions lit, unrated (0) ones not.
    writeText(mDir / "zero.toml", "[[region]]\nid = \"shoulder_left\"\nrating = 0\n");
    const std::vector<std::string> size = {"--pose", "seated", "--width", "160", "--height", "90", "--msaa", "0"};
    auto render = [&](const std::vector<std::string>& extra, const std::string& out) {
        std::vector<std::string> args = {"render"};
        args.insert(args.end(), size.begin(), size.end());
        args.insert(args.end(), extra.begin(), extra.end());
        args.insert(args.end(), {"--out", (mDir / out).string()});
        auto r = runSoma(args);
        EXPECT_EQ(r.exitCode, 0) << r.out;
        return readText(mDir / out);
    };
    const std::string plain = render({}, "plain.png");
    EXPECT_NE(render({"--tension", (mDir / "a.toml").string()}, "map-a.png"), plain);
    EXPECT_EQ(render({"--tension", (mDir / "zero.toml").string()}, "map-zero.png"), plain);
    // The same as lighting the regions by hand at rating / 10.
    EXPECT_EQ(render({"--highlight", "shoulder_left=0.8,hand_right=0.1"}, "by-hand.png"), readText(mDir / "map-a.png"));
}

TEST_F(TensionCli, RenderTakesTheMap) {
    // The same moment of the first visit to the tension, for two clients: two different pictures.
    for (const char* m : {"a", "b"}) {
        auto r = runSoma({"render", "pendulation", "--lang", "en", "--at", "112", "--width", "160", "--height", "90", "--msaa", "0",
                          "--tension", (mDir / fmt::format("{}.toml", m)).string(), "--out", (mDir / fmt::format("{}.png", m)).string()});
        ASSERT_EQ(r.exitCode, 0) << r.out;
    }
    EXPECT_NE(readText(mDir / "a.png"), readText(mDir / "b.png"));
}

TEST_F(TensionCli, ValidateChecksATensionMap) {
    auto good = runSoma({"validate", (mDir / "a.toml").string()});
    EXPECT_EQ(good.exitCode, 0) << good.out;
    EXPECT_NE(good.out.find("ok: a tension map rating 2 region(s)"), std::string::npos) << good.out;
    writeText(mDir / "two.toml", "[[region]]\nid = \"shouldr_left\"\nrating = 4\n\n[[region]]\nid = \"belly\"\nrating = 3\nnot = \"x\"\n");
    auto bad = runSoma({"validate", (mDir / "two.toml").string(), (mDir / "bad.toml").string()});
    EXPECT_EQ(bad.exitCode, 1) << bad.out;
    for (const std::string& line : {(mDir / "two.toml").string() + ":2:6: error: unknown region 'shouldr_left'; did you mean shoulder_left",
                                    (mDir / "two.toml").string() + ":8:1: error: unknown key 'not' in a [[region]] entry (did you mean 'note'?)",
                                    (mDir / "bad.toml").string() + ":3:10: error: the rating of region 'jaw'"})
        EXPECT_NE(bad.out.find(line), std::string::npos) << line << "\n" << bad.out;
}

// Written by an editor that starts files with a byte order mark, a map is
// still a map (not a script with unknown keys); a folder or a device given
// as a map is said to be one.
TEST_F(TensionCli, AMapWithAByteOrderMarkOrAFolderInItsPlaceIsToldApart) {
    writeText(mDir / "bom.toml", std::string("\xEF\xBB\xBF") + kMapA);
    auto bom = runSoma({"validate", (mDir / "bom.toml").string()});
    EXPECT_EQ(bom.exitCode, 0) << bom.out;
    EXPECT_NE(bom.out.find("ok: a tension map rating 2 region(s)"), std::string::npos) << bom.out;
    fs::create_directories(mDir / "folder.toml");
    auto folder = runSoma({"export", "pendulation", "--tension", (mDir / "folder.toml").string(), "--out", (mDir / "x").string()});
    EXPECT_EQ(folder.exitCode, 1) << folder.out;
    EXPECT_NE(folder.out.find("is a folder"), std::string::npos) << folder.out;
    auto device = runSoma({"export", "pendulation", "--tension", "/dev/zero", "--out", (mDir / "x").string()});
    EXPECT_EQ(device.exitCode, 1) << device.out;
    EXPECT_NE(device.out.find("device or a pipe"), std::string::npos) << device.out;
}

// A live run of pendulation with map A, the person pausing during the first
// visit to the tension: the plugin answers with a step back to the resource,
// and the log keeps the map. `soma export --replay LOG` alone rebuilds it all.
TEST_F(TensionCli, ALogWithAMapReplaysWithNoExerciseGiven) {
    auto map = readTensionMap(mDir / "a.toml");
    ASSERT_TRUE(map) << map.error().message;
    PluginRegistry reg = PluginRegistry::load({test::shippedNatives()}, test::registryOptions(mDir / "checks.toml"));
    Exercise* ex = reg.find("pendulation");
    ASSERT_NE(ex, nullptr);
    DescribeOptions d;
    d.lang = "en";
    d.variant = "short";
    d.tension = &*map;
    auto rq = ex->describe(d);
    ASSERT_TRUE(rq) << rq.error().message;
    // As app/SessionCommon.cpp builds it for run and export.
    if (rq->exercise.empty()) rq->exercise = "pendulation";
    rq->lang = d.lang;
    rq->variant = d.variant;
    auto built = buildSession(*rq);
    ASSERT_TRUE(built) << built.error().message;
    Session session = std::move(*built);

    int tensionStep = -1;
    for (size_t i = 0; i < session.steps.size() && tensionStep < 0; ++i)
        if (session.steps[i].text.find("left shoulder") != std::string::npos) tensionStep = int(i);
    ASSERT_GE(tensionStep, 0) << "the map's tension is named";
    const Samples pauseAt = session.steps[size_t(tensionStep)].speechStart + fromSeconds(1.5) + 17;
    const std::string inserted = "return-to-resource-" + std::to_string(pauseAt);
    Samples until = pauseAt + fromSeconds(1.0);

    fs::path logFile;
    Session live;
    {
        test::LoopbackRun run(session, ex, d, {"pendulation", "en", "short", 0.0, *map}, mDir / "sessions");
        logFile = run.logFile();
        run.playTo(pauseAt);
        run.seq().pause();
        run.render(4800);
        run.seq().play();
        for (const SessionStep& s : run.seq().session().steps)
            if (s.id == inserted) until = s.speechStart + fromSeconds(3.0);
        ASSERT_GT(until, pauseAt + fromSeconds(1.0)) << "the plugin answers a pause in a tension step";
        run.playTo(until);
        run.end();
        live = run.seq().session();
    }
    ASSERT_TRUE(readText(logFile).find("[[tension]]") != std::string::npos) << readText(logFile);
    std::vector<StepStart> liveSteps;
    for (const SessionStep& s : live.steps)
        if (s.clip >= 0 && s.speechStart < until) liveSteps.push_back({s.id, s.speechStart});
    ASSERT_TRUE(std::any_of(liveSteps.begin(), liveSteps.end(), [&](const StepStart& s) { return s.step == inserted; }));

    const std::string maxSec = fmt::format("{:.6f}", toSeconds(until));
    auto r = runSoma({"export", "--replay", logFile.string(), "--no-reverb", "--max-seconds", maxSec, "--out", (mDir / "replayed").string()},
                     {"LANG=nl_NL.UTF-8"}); // the log's language wins over the system's
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_EQ(r.out.find("eventlog.diverged"), std::string::npos) << r.out;
    const Json t = Json::parse(readText(mDir / "replayed" / "timeline.json"));
    EXPECT_EQ(t["exercise"].string, "pendulation");
    EXPECT_EQ(t["lang"].string, "en");
    EXPECT_EQ(narrationStarts(t), liveSteps);
    EXPECT_EQ(highlightedRegions(t), (std::set<std::string>{"shoulder_left", "hand_right"}));

    // What the command line does give must agree with the log.
    auto lang = runSoma({"export", "--replay", logFile.string(), "--lang", "nl", "--out", (mDir / "x").string()});
    EXPECT_EQ(lang.exitCode, 1);
    EXPECT_NE(lang.out.find(logFile.string() + ":"), std::string::npos) << lang.out;
    EXPECT_NE(lang.out.find("(eventlog.mismatch)"), std::string::npos) << lang.out;
    auto other = runSoma({"export", "--replay", logFile.string(), "--tension", (mDir / "b.toml").string(), "--out", (mDir / "x").string()});
    EXPECT_EQ(other.exitCode, 1);
    EXPECT_NE(other.out.find("another tension map than --tension gives"), std::string::npos) << other.out;
    // The same ratings with the therapist's own choice of regions are another map.
    writeText(mDir / "a-chosen.toml", std::string("resource = \"foot_left\"\n\n") + kMapA);
    auto chosen = runSoma({"export", "--replay", logFile.string(), "--tension", (mDir / "a-chosen.toml").string(), "--out",
                           (mDir / "x").string()});
    EXPECT_EQ(chosen.exitCode, 1) << chosen.out;
    EXPECT_NE(chosen.out.find("another tension map than --tension gives"), std::string::npos) << chosen.out;
    EXPECT_FALSE(fs::exists(mDir / "x" / "timeline.json"));
    // Repeating the log's own map, and its exercise, is fine.
    auto same = runSoma({"export", "pendulation", "--replay", logFile.string(), "--tension", (mDir / "a.toml").string(), "--no-reverb",
                         "--max-seconds", "2", "--out", (mDir / "same").string()});
    EXPECT_EQ(same.exitCode, 0) << same.out;
}

TEST_F(TensionCli, ExportNeedsAnExerciseOrALog) {
    auto r = runSoma({"export", "--out", (mDir / "x").string()});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.out.find("(export.exercise)"), std::string::npos) << r.out;
}

} // namespace
} // namespace soma
