// The client's tension map as a file (plugin/script/TensionMapFile.h): a good map
// with a Dutch note and both ways of giving a time reads as written; each
// kind of mistake gives its own error at its own line and column; what is
// written reads back as the same map, and a map that could not be read back
// is not written at all.
#include "live/EventLog.h"
#include "plugin/PluginTestSupport.h"
#include "plugin/script/TensionMapFile.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace soma {
namespace {

namespace fs = std::filesystem;

void writeText(const fs::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary);
    out << text;
}

std::string readText(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// 2026-11-30T10:15:00Z in seconds since 1970, from `date -u -d 2026-11-30T10:15:00Z +%s`.
constexpr std::int64_t kNov30 = 1796033700;

const char* kGood = "# de spanningskaart van een cliënt\n"            // 1
                    "[[region]]\n"                                    // 2
                    "id = \"shoulder_left\"     # linkerschouder\n"   // 3
                    "rating = 7\n"                                    // 4
                    "note = \"trekt naar het oor, één kant\"\n"       // 5
                    "time = 2026-11-30T10:15:00Z\n"                   // 6
                    "\n"                                              // 7
                    "[[region]]\n"                                    // 8
                    "id = \"hand_right\"\n"                           // 9
                    "rating = 1\n"                                    // 10
                    "time = 2026-11-30T11:15:00+01:00\n"              // 11
                    "\n"                                              // 12
                    "[[region]]\n"                                    // 13
                    "id = \"jaw\"\n"                                  // 14
                    "rating = 0\n"                                    // 15
                    "time = 1796033700\n";                            // 16

TEST(TensionMapFile, ReadsAGoodMap) {
    const fs::path f = test::scratchDir("good") / "client.toml";
    writeText(f, kGood);
    auto m = readTensionMap(f);
    ASSERT_TRUE(m) << m.error().message;
    ASSERT_EQ(m->ratings.size(), 3u);
    EXPECT_EQ(m->ratings[0].region, "shoulder_left");
    EXPECT_EQ(m->ratings[0].rating, 7);
    EXPECT_EQ(m->ratings[0].note, "trekt naar het oor, één kant");
    EXPECT_EQ(m->ratings[0].timestamp, kNov30);
    EXPECT_EQ(m->ratings[1].region, "hand_right");
    EXPECT_EQ(m->ratings[1].note, "");
    EXPECT_EQ(m->ratings[1].timestamp, kNov30) << "the same moment written with an offset";
    EXPECT_EQ(m->ratings[2].rating, 0);
    EXPECT_EQ(m->ratings[2].timestamp, kNov30) << "the same moment as seconds since 1970";
    EXPECT_TRUE(looksLikeTensionMap(f));
}

TEST(TensionMapFile, EachMistakeHasItsErrorAtItsPlace) {
    struct Case {
        const char* what;
        std::string text;
        const char* id;
        int line, column;
        const char* says;
    };
    const std::string head = "[[region]]\n";
    const Case cases[] = {
        {"misspelt region", head + "id = \"shoulder_lft\"\nrating = 3\n", "tension.invalid", 2, 6, "did you mean shoulder_left"},
        {"rating too high", head + "id = \"jaw\"\nrating = 11\n", "tension.invalid", 3, 10, "from 0 (no tension) to 10"},
        {"rating negative", head + "id = \"jaw\"\nrating = -1\n", "tension.invalid", 3, 10, "from 0 (no tension) to 10"},
        {"rating not whole", head + "id = \"jaw\"\nrating = 6.5\n", "tension.invalid", 3, 10, "whole number"},
        {"rating as text", head + "id = \"jaw\"\nrating = \"7\"\n", "tension.invalid", 3, 10, "whole number"},
        {"no rating", head + "id = \"jaw\"\n", "tension.invalid", 1, 1, "has no rating"},
        {"no id", head + "rating = 2\n", "tension.invalid", 1, 1, "has no id"},
        {"rated twice", head + "id = \"jaw\"\nrating = 2\n\n" + head + "id = \"jaw\"\nrating = 5\n", "tension.invalid", 6, 6,
         "rated twice (first on line 2)"},
        {"not UTF-8", head + "id = \"jaw\"\nrating = 2\nnote = \"\xe9\xe9n\"\n", "tension.syntax", 4, 9, "not UTF-8"},
        {"overlong UTF-8", head + "id = \"jaw\"\nrating = 2\nnote = \"a\xc0\xafz\"\n", "tension.syntax", 4, 10, "not UTF-8"},
        {"unknown key in an entry", head + "id = \"jaw\"\nratng = 2\n", "tension.invalid", 3, 1, "unknown key 'ratng' in a [[region]] entry (did you mean 'rating'?)"},
        {"unknown key at the top", "client = \"A\"\n" + head + "id = \"jaw\"\nrating = 2\n", "tension.invalid", 1, 1,
         "unknown key 'client'"},
        {"TOML syntax", head + "id = \"jaw\"\nrating = = 2\n", "tension.syntax", 3, 10, "TOML"},
        {"time without zone", head + "id = \"jaw\"\nrating = 2\ntime = 2026-11-30T10:15:00\n", "tension.invalid", 4, 8,
         "add Z for UTC (2026-11-30T10:15:00Z)"},
        {"time before 1970", head + "id = \"jaw\"\nrating = 2\ntime = -5\n", "tension.invalid", 4, 8, "before 1970"},
        {"time as text", head + "id = \"jaw\"\nrating = 2\ntime = \"yesterday\"\n", "tension.invalid", 4, 8, "date-time"},
        {"region as one table", "[region]\nid = \"jaw\"\nrating = 2\n", "tension.invalid", 1, 1, "[[region]] entries"},
        {"no regions", "# nothing yet\n", "tension.invalid", 1, 1, "no [[region]] entries"},
    };
    const fs::path d = test::scratchDir("bad");
    int n = 0;
    for (const Case& c : cases) {
        SCOPED_TRACE(c.what);
        const fs::path f = d / fmt::format("map{}.toml", n++);
        writeText(f, c.text);
        auto m = readTensionMap(f);
        ASSERT_FALSE(m);
        EXPECT_EQ(m.error().id, c.id) << m.error().message;
        EXPECT_EQ(m.error().message.rfind(fmt::format("{}:{}:{}: ", f.string(), c.line, c.column), 0), 0u) << m.error().message;
        EXPECT_NE(m.error().message.find(c.says), std::string::npos) << m.error().message;
    }
    // The cases break only what they say: the same entry, unbroken, reads.
    writeText(d / "fine.toml", head + "id = \"jaw\"\nrating = 2\nnote = \"één\"\ntime = 2026-11-30T10:15:00Z\n");
    auto fine = readTensionMap(d / "fine.toml");
    EXPECT_TRUE(fine) << fine.error().message;
}

TEST(TensionMapFile, ListsEveryProblemAndPointsToValidate) {
    const fs::path f = test::scratchDir("many") / "map.toml";
    writeText(f, "[[region]]\nid = \"jawz\"\nrating = 12\n\n[[region]]\nid = \"belly\"\nrating = 3\nmood = \"ok\"\n");
    const TensionMapParse p = checkTensionMapFile(f);
    ASSERT_EQ(p.problems.size(), 3u);
    EXPECT_EQ(p.problems[0].where.line, 2);
    EXPECT_EQ(p.problems[1].where.line, 3);
    EXPECT_EQ(p.problems[2].where.line, 8);
    EXPECT_TRUE(p.map.ratings.empty()) << "never a partial map";
    EXPECT_EQ(p.problems[0].format().rfind(f.string() + ":2:6: error: unknown region 'jawz'", 0), 0u) << p.problems[0].format();
    auto m = readTensionMap(f);
    ASSERT_FALSE(m);
    EXPECT_NE(m.error().message.find("and 2 more problem(s): `soma validate " + f.string() + "`"), std::string::npos)
        << m.error().message;
}

TEST(TensionMapFile, AMissingFileIsAClearError) {
    const fs::path f = test::scratchDir("missing") / "nothing.toml";
    auto m = readTensionMap(f);
    ASSERT_FALSE(m);
    EXPECT_EQ(m.error().id, "tension.open");
    EXPECT_EQ(m.error().message.rfind(f.string() + ": cannot read", 0), 0u) << m.error().message;
}

TEST(TensionMapFile, WhatIsWrittenReadsBackAsTheSameMap) {
    TensionMap map;
    map.ratings = {{"psoas_left", 9, "zeurt \"soms\" 's nachts\\\nen bij lang zitten\ttab 🙂", 1796033700},
                   {"diaphragm", 0, "", 0},
                   {"knee_right", 10, "Knie: één keer", 1},
                   {"belly", 5, "past the year 9999", 300000000000}};
    const fs::path f = test::scratchDir("roundtrip") / "client.toml";
    ASSERT_TRUE(writeTensionMap(map, f));
    const std::string text = readText(f);
    EXPECT_NE(text.find("één"), std::string::npos) << "notes stay readable UTF-8:\n" << text;
    EXPECT_NE(text.find("time = 2026-11-30T10:15:00Z"), std::string::npos) << text;
    EXPECT_TRUE(looksLikeTensionMap(f));
    auto back = readTensionMap(f);
    ASSERT_TRUE(back) << back.error().message << "\n" << text;
    ASSERT_EQ(back->ratings.size(), map.ratings.size());
    for (size_t i = 0; i < map.ratings.size(); ++i) {
        SCOPED_TRACE(map.ratings[i].region);
        EXPECT_EQ(back->ratings[i].region, map.ratings[i].region);
        EXPECT_EQ(back->ratings[i].rating, map.ratings[i].rating);
        EXPECT_EQ(back->ratings[i].note, map.ratings[i].note);
        EXPECT_EQ(back->ratings[i].timestamp, map.ratings[i].timestamp);
    }
    // Written again over itself: the same bytes, and no temporary file left.
    ASSERT_TRUE(writeTensionMap(*back, f));
    EXPECT_EQ(readText(f), text);
    EXPECT_FALSE(fs::exists(fs::path(f.string() + ".tmp")));
}

TEST(TensionMapFile, AMapThatCouldNotBeReadBackIsNotWritten) {
    const fs::path d = test::scratchDir("refused");
    const TensionMap bad[] = {TensionMap{{{"shoulder", 3, "", 0}}}, TensionMap{{{"jaw", 11, "", 0}}},
                              TensionMap{{{"jaw", 3, "", 0}, {"jaw", 4, "", 0}}}, TensionMap{{{"jaw", 3, "\xff", 0}}},
                              TensionMap{{{"jaw", 3, "", -2}}}};
    int n = 0;
    for (const TensionMap& m : bad) {
        const fs::path f = d / fmt::format("map{}.toml", n++);
        auto st = writeTensionMap(m, f);
        ASSERT_FALSE(st) << f;
        EXPECT_EQ(st.error().id, "tension.invalid");
        EXPECT_EQ(st.error().message.rfind(f.string() + ": not written", 0), 0u) << st.error().message;
        EXPECT_FALSE(fs::exists(f));
    }
    auto st = writeTensionMap(TensionMap{{{"jaw", 3, "", 0}}}, d / "no-such-folder" / "map.toml");
    ASSERT_FALSE(st);
    EXPECT_EQ(st.error().id, "tension.write");
}

TEST(TensionMapFile, TellsAMapFromAnExercise) {
    const fs::path d = test::scratchDir("kinds");
    writeText(d / "script.toml", "[[region]]\nid = \"jaw\"\nrating = 2\n");
    EXPECT_FALSE(looksLikeTensionMap(d / "script.toml")) << "an exercise's own file name";
    writeText(d / "steps.toml", "[[step]]\nid = \"a\"\n[[region]]\nid = \"jaw\"\nrating = 2\n");
    EXPECT_FALSE(looksLikeTensionMap(d / "steps.toml"));
    writeText(d / "spaced.toml", "# kaart\n  [[ region ]]  # de kaak\nid = \"jaw\"\nrating = 2\n");
    EXPECT_TRUE(looksLikeTensionMap(d / "spaced.toml"));
    EXPECT_FALSE(looksLikeTensionMap(fs::path(SOMA_FIXTURE_DIR).parent_path().parent_path() / "plugins" / "body-scan" / "script.toml"));
}

// The same tables inside another document (a session log's [[tension]]).
TEST(TensionMapFile, TablesInsideAnotherDocument) {
    TensionMap map{{{"belly", 4, "warm", 1796033700}}};
    const std::string doc = "format = 1\nexercise = \"pendulation\"\n" + tensionTablesToml(map, "tension");
    TensionMapParse p = parseTensionTables(doc, "log.toml", "tension");
    ASSERT_TRUE(p.ok()) << p.problems.front().format();
    ASSERT_EQ(p.map.ratings.size(), 1u);
    EXPECT_EQ(p.map.ratings[0].note, "warm");
    EXPECT_EQ(p.map.ratings[0].timestamp, 1796033700);
    TensionMapParse none = parseTensionTables("format = 1\n", "log.toml", "tension");
    EXPECT_TRUE(none.ok());
    EXPECT_TRUE(none.map.ratings.empty());
    TensionMapParse bad = parseTensionTables(doc + "\n[[tension]]\nid = \"bely\"\nrating = 1\n", "log.toml", "tension");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.problems[0].where.line, 11);
}

// The therapist's own regions: top-level resource and tension.
TEST(TensionMapFile, ReadsTheTherapistsRegions) {
    const fs::path f = test::scratchDir("choice") / "client.toml";
    writeText(f, std::string("# kaart\nresource = \"hand_right\"\ntension = \"shoulder_left\"\n\n") + kGood);
    auto m = readTensionMap(f);
    ASSERT_TRUE(m) << m.error().message;
    EXPECT_EQ(m->resource, "hand_right");
    EXPECT_EQ(m->tension, "shoulder_left");
    EXPECT_EQ(m->ratings.size(), 3u);
    EXPECT_TRUE(looksLikeTensionMap(f));
    // Either alone, and neither: the exercise chooses the other itself.
    writeText(f, std::string("tension = \"psoas_left\"\n") + kGood);
    m = readTensionMap(f);
    ASSERT_TRUE(m) << m.error().message;
    EXPECT_EQ(m->resource, "");
    EXPECT_EQ(m->tension, "psoas_left") << "an internal region may be the tension";
    writeText(f, kGood);
    m = readTensionMap(f);
    ASSERT_TRUE(m);
    EXPECT_TRUE(m->resource.empty() && m->tension.empty());
}

TEST(TensionMapFile, TheTherapistsRegionsAreChecked) {
    struct Case {
        const char* what;
        std::string keys;
        int line, column;
        const char* says;
    };
    const Case cases[] = {
        {"unknown resource", "resource = \"hand_rigth\"\n", 1, 12, "unknown region 'hand_rigth' for resource; did you mean hand_right"},
        {"unknown tension", "tension = \"shouldr_left\"\n", 1, 11, "unknown region 'shouldr_left' for tension; did you mean shoulder_left"},
        {"internal resource", "resource = \"pelvic_floor\"\n", 1, 12, "resource 'pelvic_floor' lies inside the body"},
        {"the same region", "resource = \"jaw\"\ntension = \"jaw\"\n", 1, 12, "resource and tension are both 'jaw'"},
        {"neighbours", "tension = \"shoulder_left\"\nresource = \"neck\"\n", 2, 12, "resource 'neck' borders on tension 'shoulder_left'"},
        {"not text", "resource = 3\n", 1, 12, "resource must be a region id in quotes"},
        {"empty", "tension = \"\"\n", 1, 11, "tension must be a region id in quotes"},
        {"a misspelt key", "resorce = \"hand_right\"\n", 1, 1, "unknown key 'resorce'"},
    };
    const fs::path d = test::scratchDir("choice-bad");
    int n = 0;
    for (const Case& c : cases) {
        SCOPED_TRACE(c.what);
        const fs::path f = d / fmt::format("map{}.toml", n++);
        writeText(f, c.keys + "\n[[region]]\nid = \"jaw\"\nrating = 4\n");
        auto m = readTensionMap(f);
        ASSERT_FALSE(m);
        EXPECT_EQ(m.error().id, std::string(c.what) == "a misspelt key" ? "tension.invalid" : "tension.choice") << m.error().message;
        EXPECT_EQ(m.error().message.rfind(fmt::format("{}:{}:{}: ", f.string(), c.line, c.column), 0), 0u) << m.error().message;
        EXPECT_NE(m.error().message.find(c.says), std::string::npos) << m.error().message;
    }
}

TEST(TensionMapFile, TheTherapistsRegionsAreWrittenAndReadBack) {
    TensionMap map{{{"shoulder_left", 7, "trekt naar het oor", kNov30}, {"hand_right", 1, "", 0}}};
    map.resource = "foot_left";
    map.tension = "shoulder_left";
    const fs::path f = test::scratchDir("choice-roundtrip") / "client.toml";
    ASSERT_TRUE(writeTensionMap(map, f));
    auto back = readTensionMap(f);
    ASSERT_TRUE(back) << back.error().message << "\n" << readText(f);
    EXPECT_EQ(*back, map);
    EXPECT_LT(readText(f).find("resource = \"foot_left\""), readText(f).find("[[region]]")) << "keys before the tables:\n" << readText(f);
    // Inside another document (a session log): one key before the tables.
    const std::string doc = "format = 1\n" + tensionTablesToml(map, "tension");
    EXPECT_NE(doc.find("tension_choice = { resource = \"foot_left\", tension = \"shoulder_left\" }"), std::string::npos) << doc;
    TensionMapParse p = parseTensionTables(doc, "log.toml", "tension");
    ASSERT_TRUE(p.ok()) << p.problems.front().format();
    EXPECT_EQ(p.map, map);
    // ... checked like the file's.
    const TensionMap ratingsOnly{map.ratings};
    TensionMapParse bad = parseTensionTables("tension_choice = { resource = \"lung_left\" }\n" + tensionTablesToml(ratingsOnly, "tension"),
                                             "log.toml", "tension");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.problems[0].id, "tension.choice");
    // What reading refuses is not written.
    TensionMap neighbours = map;
    neighbours.resource = "neck";
    auto st = writeTensionMap(neighbours, f);
    ASSERT_FALSE(st);
    EXPECT_EQ(st.error().id, "tension.invalid");
    EXPECT_NE(st.error().message.find("borders on"), std::string::npos) << st.error().message;
}

// A session log keeps the therapist's regions, and replays them.
TEST(TensionMapFile, ASessionLogKeepsTheTherapistsRegions) {
    EventLogDesc ld;
    TensionMap map{{{"lower_back", 6, "", kNov30}}};
    map.resource = "hand_left";
    map.tension = "lower_back";
    ld.header = {"pendulation", "nl", "short", 0.0, map};
    ld.dir = test::scratchDir("log-choice");
    fs::path file;
    {
        auto log = EventLog::create(ld);
        ASSERT_TRUE(log) << log.error().message;
        file = (*log)->path();
    }
    auto back = readEventLog(file);
    ASSERT_TRUE(back) << back.error().message << "\n" << readText(file);
    ASSERT_TRUE(back->header.tension);
    EXPECT_EQ(*back->header.tension, map);
}

// A session log's map is held to the same rules as a map file.
TEST(TensionMapFile, ASessionLogsMapIsCheckedTheSameWay) {
    const fs::path d = test::scratchDir("log");
    EventLogDesc ld;
    ld.header = {"pendulation", "nl", "short", 0.0, TensionMap{{{"lower_back", 6, "stijf bij het opstaan", kNov30}}}};
    ld.dir = d;
    fs::path file;
    {
        auto log = EventLog::create(ld);
        ASSERT_TRUE(log) << log.error().message;
        file = (*log)->path();
    }
    auto good = readEventLog(file);
    ASSERT_TRUE(good) << good.error().message;
    ASSERT_TRUE(good->header.tension);
    ASSERT_EQ(good->header.tension->ratings.size(), 1u);
    EXPECT_EQ(good->header.tension->ratings[0].note, "stijf bij het opstaan");
    EXPECT_EQ(good->header.tension->ratings[0].timestamp, kNov30);

    std::string text = readText(file);
    const size_t at = text.find("\"lower_back\"");
    ASSERT_NE(at, std::string::npos) << text;
    text.replace(at, 12, "\"lower_bak\"");
    writeText(file, text);
    const int line = int(std::count(text.begin(), text.begin() + std::ptrdiff_t(at), '\n')) + 1;
    auto bad = readEventLog(file);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().id, "eventlog.invalid");
    EXPECT_EQ(bad.error().message.rfind(fmt::format("{}:{}: unknown region 'lower_bak'; did you mean lower_back", file.string(), line), 0), 0u)
        << bad.error().message;
}

} // namespace
} // namespace soma
