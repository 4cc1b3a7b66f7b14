// catalog/Catalog: .po files read by Soma itself, each mistake reported at
// file:line:col while the good entries still count; the fallbacks (a
// regional tag to its language, a missing text to English, with one
// warning); and the shipped catalogues complete in Dutch and English.
#include "catalog/Catalog.h"
#include "core/Log.h"
#include "core/Paths.h"
#include "model/Rules.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace soma {
namespace {

namespace fs = std::filesystem;

std::string readText(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

TEST(Catalog, ReadsEntriesAcrossLinesWithTheirEscapes) {
    CatalogParse p = parseCatalog("# a comment\nmsgid \"\"\nmsgstr \"Language: nl\\n\"\n\n#. for translators\n#: somewhere.cpp:3\n"
                                  "msgid \"home.start\"\nmsgstr \"Begin\"\n\nmsgid \"quote\"\nmsgstr \"\"\n\"Zeg \\\"ja\\\" \"\n  \"of nee\\\\\"\n",
                                  "nl.po");
    EXPECT_TRUE(p.problems.empty()) << p.problems.front().format();
    ASSERT_EQ(p.entries.size(), 2u) << "the header entry is not a text";
    EXPECT_EQ(p.entries["home.start"], "Begin");
    EXPECT_EQ(p.entries["quote"], "Zeg \"ja\" of nee\\");
}

TEST(Catalog, EachMistakeIsReportedWhereItIsAndTheGoodEntriesStillCount) {
    const fs::path file = fs::path(SOMA_FIXTURE_DIR) / "catalog" / "broken.po";
    CatalogParse p = parseCatalog(readText(file), "broken.po");
    std::vector<std::string> got;
    for (const auto& d : p.problems) got.push_back(d.format() + " [" + d.id + "]");
    const std::vector<std::string> want = {
        "broken.po:6:8: error: the string is not closed: add a \" at its end [catalog.syntax]",
        "broken.po:8:1: error: msgctxt is not used by Soma: make the key itself unique (\"home.start\") [catalog.syntax]",
        "broken.po:13:13: error: unknown escape '\\q': use \\n, \\t, \\\" or \\\\ [catalog.syntax]",
        "broken.po:16:1: error: plural forms are not used by Soma: write one text per key [catalog.plural]",
        "broken.po:19:1: error: 'good.one' is here twice: keep one [catalog.duplicate]",
        "broken.po:22:1: error: msgstr without a msgid before it [catalog.syntax]",
    };
    EXPECT_EQ(got, want);
    EXPECT_EQ(p.entries.size(), 2u);
    EXPECT_EQ(p.entries["good.one"], "Een") << "the first of two wins";
    EXPECT_EQ(p.entries["good.two"], "Twee regels\n");
    EXPECT_EQ(p.entries.count("fuzzy.one"), 0u) << "fuzzy means not translated yet, as in gettext";

    CatalogParse notUtf8 = parseCatalog("msgid \"a\"\nmsgstr \"caf\xe9\"\n", "latin1.po");
    ASSERT_EQ(notUtf8.problems.size(), 1u);
    EXPECT_EQ(notUtf8.problems[0].format(), "latin1.po:2:12: error: this is not UTF-8 text; save the catalogue as UTF-8");
}

TEST(Catalog, FallsBackToTheLanguageThenToEnglishWithOneWarning) {
    Catalog c;
    c.add("en", {{"home.start", "Start"}, {"home.settings", "Settings"}});
    c.add("nl", {{"home.start", "Beginnen"}});
    EXPECT_EQ(c.text("nl", "home.start"), "Beginnen");
    EXPECT_EQ(c.text("nl-BE", "home.start"), "Beginnen");
    int warnings = 0;
    const int sink = log::addSink([&](const log::Record& r) { warnings += r.id == "catalog.fallback"; });
    EXPECT_EQ(c.text("nl", "home.settings"), "Settings");
    EXPECT_EQ(c.text("nl", "home.settings"), "Settings");
    EXPECT_EQ(c.text("en", "no.such.key"), "no.such.key") << "never nothing on screen";
    log::removeSink(sink);
    EXPECT_EQ(warnings, 1) << "once per language and key; English itself does not warn";
}

TEST(Catalog, ALanguageIsAFileOfItsOwn) {
    const fs::path dir = fs::path(std::getenv("XDG_STATE_HOME")) / "catalog-third";
    fs::create_directories(dir);
    fs::copy(paths::assetDir() / "catalog", dir, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
    std::ofstream(dir / "fr.po") << "msgid \"session.pause\"\nmsgstr \"Pause\"\nmsgid \"session.stop\"\nmsgstr \"Arrêter\"\n";
    Catalog c = Catalog::load(dir);
    EXPECT_EQ(c.languages(), (std::vector<std::string>{"en", "fr", "nl"}));
    EXPECT_EQ(c.text("fr", "session.stop"), "Arrêter");
    EXPECT_EQ(c.text("fr", "session.note"), c.text("en", "session.note"));
}

TEST(Catalog, TheShippedCataloguesAreCompleteAndTheirNarrationIsValid) {
    const Catalog& c = uiCatalog();
    EXPECT_TRUE(c.problems().empty()) << c.problems().front().format();
    ASSERT_EQ(c.languages(), (std::vector<std::string>{"en", "nl"}));
    for (const auto& key : {"session.note", "session.pause", "session.resume", "session.stop", "session.ground", "session.paused",
                            "session.no_sound", "session.grounding", "session.way_out", "grounding.look_around", "grounding.feet_and_weight",
                            "grounding.here_and_now"})
        for (const auto& lang : {"nl", "en"}) {
            EXPECT_TRUE(c.has(lang, key)) << lang << " lacks " << key;
            NarrationMarkup m;
            EXPECT_FALSE(checkNarration(c.text(lang, key), m)) << lang << " " << key << ": not valid narration";
        }
    EXPECT_EQ(c.text("nl", "session.pause"), "Pauze");
    EXPECT_NE(c.text("nl", "grounding.feet_and_weight").find("<mark name=\"feet\"/>voeten"), std::string::npos);
}

} // namespace
} // namespace soma
