// The script parser and validator on a good script and on each broken
// fixture in tests/fixtures/scripts/, each with its error at file:line:col.
// The positions below were read off the fixture files by a person.
#include "model/Narration.h"
#include "plugin/script/ScriptExercise.h"
#include "plugin/script/ScriptParser.h"
#include "support/RunProgram.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

namespace soma {
namespace {

namespace fs = std::filesystem;

fs::path fixture(const std::string& name) { return fs::path(SOMA_FIXTURE_DIR) / "scripts" / name; }

// The one problem a fixture must produce, checked for id, position and words.
void expectOneProblem(const std::string& name, const std::string& id, int line, int col, const std::string& words) {
    SCOPED_TRACE(name);
    ScriptParse p = parseScriptExercise(fixture(name));
    ASSERT_EQ(p.problems.size(), 1u) << (p.problems.empty() ? "" : p.problems[0].format());
    const Diagnostic& d = p.problems[0];
    EXPECT_EQ(d.id, id);
    EXPECT_EQ(fs::path(d.where.file), fixture(name) / "script.toml");
    EXPECT_EQ(d.where.line, line) << d.format();
    EXPECT_EQ(d.where.column, col) << d.format();
    EXPECT_NE(d.message.find(words), std::string::npos) << d.format();
    EXPECT_NE(d.format().find(":" + std::to_string(line) + ":" + std::to_string(col) + ": error: "), std::string::npos);
}

TEST(ScriptParser, GoodScriptParsesWithEverything) {
    ScriptParse p = parseScriptExercise(fixture("good"));
    ASSERT_TRUE(p.ok()) << p.problems[0].format();
    const ScriptDocument& d = p.document;
    EXPECT_EQ(d.info.id, "good");
    ASSERT_EQ(d.info.languages, (std::vector<std::string>{"nl", "en"}));
    EXPECT_EQ(d.info.title.at("nl"), "Proef");
    ASSERT_EQ(d.steps.size(), 2u);
    const ScriptStep& feet = d.steps[0];
    EXPECT_EQ(feet.id, "feet");
    EXPECT_EQ(feet.request.camera.value_or(""), "pelvis_legs");
    EXPECT_DOUBLE_EQ(feet.request.pauseAfterSec, 1.0);
    ASSERT_EQ(feet.request.highlights.size(), 2u);
    EXPECT_EQ(feet.request.highlights[0].region, "foot_left");
    EXPECT_EQ(feet.request.highlights[0].mark, "left");
    EXPECT_FLOAT_EQ(feet.request.highlights[0].intensity, 0.8f);
    EXPECT_DOUBLE_EQ(feet.request.highlights[0].holdSec, 2.0);
    EXPECT_DOUBLE_EQ(feet.request.highlights[1].pulseHz, 0.25);
    EXPECT_EQ(feet.highlightWhere[0].line, 16); // the [[step.highlight]] header
    const ScriptStep& rest = d.steps[1];
    EXPECT_EQ(rest.request.pose.value_or(""), "constructive_rest");
    ASSERT_TRUE(rest.request.breath.has_value());
    EXPECT_DOUBLE_EQ(rest.request.breath->inhaleSec, 2.0);
    EXPECT_EQ(rest.request.breath->cycles, 2);
    EXPECT_DOUBLE_EQ(rest.request.highlights[0].atSec, 0.5);
    EXPECT_EQ(d.defaults.ambience, "none");
}

TEST(ScriptParser, SyntaxErrorPointsAtTheUnclosedString) {
    expectOneProblem("syntax-error", "script.syntax", 5, 14, "TOML syntax");
}

TEST(ScriptParser, UnknownRegionSuggestsTheNearest) {
    expectOneProblem("unknown-region", "script.region", 9, 10, "did you mean 'shoulder_left'");
}

TEST(ScriptParser, MissingLanguageIsAMissingTranslation) {
    expectOneProblem("missing-language", "script.translation", 4, 1, "has no English (en) narration");
}

TEST(ScriptParser, MissingMarkIsAMissingTranslation) {
    expectOneProblem("missing-mark", "script.translation", 6, 6, "<mark name=\"belly\"/>");
}

TEST(ScriptParser, FastPulseIsRefused) {
    expectOneProblem("fast-pulse", "script.pulse", 11, 9, "at most 0.5 Hz");
}

TEST(ScriptParser, BadTagColumnCountsEscapesInTheString) {
    expectOneProblem("bad-tag", "script.narration", 6, 33, "unknown tag <mrk>");
}

TEST(ScriptParser, NegativeDurationsAreEachReported) {
    ScriptParse p = parseScriptExercise(fixture("negative-duration"));
    ASSERT_EQ(p.problems.size(), 2u);
    EXPECT_EQ(p.problems[0].id, "script.duration");
    EXPECT_EQ(p.problems[0].where.line, 3);
    EXPECT_EQ(p.problems[0].where.column, 15);
    EXPECT_NE(p.problems[0].message.find("pause_after"), std::string::npos);
    EXPECT_EQ(p.problems[1].where.line, 12);
    EXPECT_EQ(p.problems[1].where.column, 11);
    EXPECT_NE(p.problems[1].message.find("fade_in"), std::string::npos);
}

TEST(ScriptParser, ScriptFileAloneReadsTheManifestBesideIt) {
    ScriptParse p = parseScriptExercise(fixture("missing-language") / "script.toml");
    ASSERT_EQ(p.problems.size(), 1u);
    EXPECT_EQ(p.document.info.id, "missing-language");
}

TEST(Narration, TokensMarksAndSsml) {
    NarrationMarkup m;
    NarrationError e;
    ASSERT_TRUE(parseNarration("Rust. <mark name=\"buik\"/>Je buik & <break time=\"1.5s\"/>adem <break time='250ms'/>uit.", m, e))
        << e.message;
    EXPECT_EQ(m.marks(), std::vector<std::string>{"buik"});
    EXPECT_DOUBLE_EQ(m.breakSeconds(), 1.75);
    EXPECT_EQ(m.plainText(), "Rust. Je buik & adem uit.");
    EXPECT_EQ(m.wordCount(), 5);
    const std::string ssml = toSsml(m);
    // After a sentence end the mark gets its 1 ms break (espeak-ng drops it otherwise).
    EXPECT_NE(ssml.find("Rust. <break time=\"1ms\"/><mark name=\"buik\"/>Je"), std::string::npos) << ssml;
    EXPECT_NE(ssml.find("&amp;"), std::string::npos);
    EXPECT_NE(ssml.find("<break time=\"1500ms\"/>"), std::string::npos);
}

TEST(Narration, BadMarkupIsRefusedWithItsOffset) {
    NarrationMarkup m;
    NarrationError e;
    EXPECT_FALSE(parseNarration("Één <break time=\"-1s\"/>", m, e));
    EXPECT_EQ(e.offset, 4u); // code points, not bytes
    EXPECT_FALSE(parseNarration("a <mark name=\"x\">", m, e));
    EXPECT_FALSE(parseNarration("a <mark/>", m, e));
    EXPECT_FALSE(parseNarration("a <break time=\"2 seconds\"/>", m, e));
    EXPECT_EQ(countWords("Één, twee; drie's!"), 3);
}

// A control character would end a caption cue early in captions.vtt, or
// reach the synthesiser as a command: refused where it is. A line break or
// a tab in a multi-line string is only white space.
TEST(Narration, ControlCharactersAreRefusedWithTheirOffset) {
    NarrationMarkup m;
    NarrationError e;
    EXPECT_TRUE(parseNarration("Adem in,\n\tadem uit.", m, e)) << e.message;
    EXPECT_EQ(m.plainText(), "Adem in, adem uit.");
    for (const std::string& bad : {std::string("Één\x01twee"), std::string("Één\x1b[31mtwee"), std::string("Één\x7ftwee"),
                                   std::string("Één\xc2\x85twee"), std::string("Één\0twee", 8)}) {
        EXPECT_FALSE(parseNarration(bad, m, e)) << bad;
        EXPECT_EQ(e.offset, 3u) << bad;
        EXPECT_NE(e.message.find("control character"), std::string::npos) << e.message;
    }
}

TEST(ScriptParser, AScriptSavedAsLatin1IsToldToBeSavedAsUtf8) {
    const fs::path dir = fs::path(SOMA_TEST_OUTPUT_DIR) / "latin1-script";
    fs::create_directories(dir);
    std::ofstream(dir / "script.toml", std::ios::binary)
        << "[[step]]\nid = \"a\"\n[step.narration]\nnl = \"Voel je voeten, r\xe9\xe9l en zwaar.\"\n";
    ScriptParse p = parseScriptExercise(dir / "script.toml");
    ASSERT_FALSE(p.problems.empty());
    const Diagnostic& d = p.problems.front();
    EXPECT_EQ(d.id, "script.encoding") << d.format();
    EXPECT_EQ(d.where.line, 4) << d.format();
    EXPECT_EQ(d.where.column, 24) << d.format();
    EXPECT_NE(d.message.find("UTF-8"), std::string::npos) << d.format();
    EXPECT_EQ(d.message.find("quotes"), std::string::npos) << d.format();
}

// Breath cycles and pauses within their own limits can still add up to
// days: refused by validate at the step where the sum passes the limit,
// and by the session builder for any exercise.
TEST(ScriptParser, StepsThatAddUpToDaysAreRefusedWhereTheyPassTheLimit) {
    const fs::path dir = fs::path(SOMA_TEST_OUTPUT_DIR) / "days-long-script";
    fs::create_directories(dir);
    std::string script;
    for (int i = 0; i < 3; ++i)
        script += "[[step]]\nid = \"s" + std::to_string(i) + "\"\npause_after = 600\n"
                  "breath = { inhale = 4.0, exhale = 6.0, cycles = 2000 }\n[step.narration]\nen = \"Rest.\"\n\n";
    std::ofstream(dir / "script.toml") << script;
    ScriptParse p = parseScriptExercise(dir / "script.toml");
    ASSERT_EQ(p.problems.size(), 1u) << (p.problems.empty() ? "" : p.problems[0].format());
    EXPECT_EQ(p.problems[0].id, "script.too_long");
    EXPECT_EQ(p.problems[0].where.line, 15) << p.problems[0].format(); // the third step: 3 x 20600 s passes 12 hours
    EXPECT_NE(p.problems[0].message.find("'s2'"), std::string::npos) << p.problems[0].format();
}

TEST(ScriptExercise, APaceOutsideTheGuidedRangeIsRefused) {
    auto ex = loadScriptExercise(fixture("good"));
    ASSERT_TRUE(ex) << ex.error().message;
    for (double bpm : {0.001, 3.0, 60.0, -1.0, std::nan("")}) {
        DescribeOptions o;
        o.lang = "en";
        o.variant = "short";
        o.breathsPerMinute = bpm;
        auto rq = (*ex)->describe(o);
        ASSERT_FALSE(rq) << bpm;
        EXPECT_EQ(rq.error().id, "exercise.pace") << bpm;
    }
    DescribeOptions o;
    o.lang = "en";
    o.variant = "short";
    o.breathsPerMinute = 6.0;
    EXPECT_TRUE((*ex)->describe(o));
}

TEST(ScriptExercise, DescribePicksVariantAndLanguage) {
    auto ex = loadScriptExercise(fixture("good"));
    ASSERT_TRUE(ex) << ex.error().message;
    DescribeOptions o;
    o.lang = "nl";
    auto rq = (*ex)->describe(o);
    ASSERT_TRUE(rq) << rq.error().message;
    ASSERT_EQ(rq->steps.size(), 2u);
    EXPECT_NE(rq->steps[0].narration.find("linkervoet"), std::string::npos);
    EXPECT_EQ(rq->ambience, "none");
    o.lang = "fr";
    EXPECT_EQ((*ex)->describe(o).error().id, "exercise.lang");
    o.lang = "en";
    o.variant = "long";
    EXPECT_EQ((*ex)->describe(o).error().id, "exercise.variant");
    // A chosen pace scales the pattern (2 + 3 s) to 60 / 6 = 10 s, same proportions.
    o.variant = "short";
    o.breathsPerMinute = 6.0;
    auto paced = (*ex)->describe(o);
    ASSERT_TRUE(paced);
    EXPECT_NEAR(paced->steps[1].breath->inhaleSec, 4.0, 1e-9);
    EXPECT_NEAR(paced->steps[1].breath->exhaleSec, 6.0, 1e-9);
}

TEST(ScriptExercise, LoaderReportsEveryProblemWithItsPosition) {
    auto ex = loadScriptExercise(fixture("negative-duration"));
    ASSERT_FALSE(ex);
    EXPECT_EQ(ex.error().id, "script.invalid");
    EXPECT_NE(ex.error().message.find("script.toml:3:15: error:"), std::string::npos);
    EXPECT_NE(ex.error().message.find("script.toml:12:11: error:"), std::string::npos);
}

TEST(ValidateCommand, ExitCodesAndFileLineColOutput) {
    auto good = test::runSoma({"validate", fixture("good").string()});
    EXPECT_EQ(good.exitCode, 0) << good.out;
    auto bad = test::runSoma({"validate", fixture("good").string(), fixture("unknown-region").string(),
                              (fixture("missing-mark") / "script.toml").string()});
    EXPECT_EQ(bad.exitCode, 1) << bad.out;
    EXPECT_NE(bad.out.find((fixture("unknown-region") / "script.toml").string() + ":9:10: error: unknown region 'shouldr_left'"),
              std::string::npos)
        << bad.out;
    EXPECT_NE(bad.out.find((fixture("missing-mark") / "script.toml").string() + ":6:6: error: missing translation"),
              std::string::npos)
        << bad.out;
    auto missing = test::runSoma({"validate", fixture("no-such-exercise").string()});
    EXPECT_EQ(missing.exitCode, 1);
}

} // namespace
} // namespace soma
