// core/Toml against hostile nesting (issue 19): a dotted key or table
// header tens of thousands of parts deep once built tables inside tables
// until the stack ran out, taking down `plugins`, `run`, `export` and
// `validate`. It is refused before toml++ sees it, by file and line; the
// dots of values, strings and comments never count.
#include "core/Toml.h"
#include "support/RunProgram.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace soma {
namespace {

std::string dotted(int parts) {
    std::string k = "a";
    for (int i = 1; i < parts; ++i) k += ".a";
    return k;
}

TEST(Toml, AKeyNestedThousandsDeepIsRefusedByLine) {
    for (const std::string& text : {"id = 1\n" + dotted(50000) + " = 1\n", "id = 1\n[" + dotted(50000) + "]\n",
                                    "id = 1\n[[" + dotted(50000) + "]]\n", "id = 1\nx = { " + dotted(50000) + " = 1 }\n"}) {
        const TomlParse p = parseToml(text, "deep.toml");
        EXPECT_FALSE(p.ok);
        EXPECT_EQ(p.where.line, 2) << p.description;
        EXPECT_NE(p.description.find("dotted parts"), std::string::npos) << p.description;
    }
}

TEST(Toml, DotsInValuesStringsAndCommentsDoNotCount) {
    std::string many;
    for (int i = 0; i < 500; ++i) many += "1.5, ";
    const std::string text = "a.b.c = 1\n"
                             "[x.y.z]\n"
                             "floats = [" + many + "2.5]\n"
                             "s = \"" + dotted(500) + "\"\n"
                             "l = '" + dotted(500) + "'\n"
                             "m = \"\"\"\n" + dotted(500) + "\n\"\"\"\n"
                             "# " + dotted(500) + "\n"
                             "when = 2026-12-07T10:00:00.5\n";
    const TomlParse p = parseToml(text, "fine.toml");
    ASSERT_TRUE(p.ok) << p.where.line << ": " << p.description;
    EXPECT_EQ(p.table["a"]["b"]["c"].value_or(0), 1);
    EXPECT_EQ(p.table["x"]["y"]["z"]["floats"].as_array()->size(), 501u);
    // At the limit and just past it.
    EXPECT_TRUE(parseToml(dotted(64) + " = 1\n", "edge.toml").ok);
    EXPECT_FALSE(parseToml(dotted(65) + " = 1\n", "edge.toml").ok);
}

// The whole program: a user's exercise with such a key is a clear error
// naming its file, not a crash.
TEST(Toml, ValidateReportsADeepKeyAndKeepsGoing) {
    const auto dir = std::filesystem::path(SOMA_TEST_OUTPUT_DIR) / "toml-deep";
    std::filesystem::create_directories(dir);
    const auto file = dir / "deep.toml";
    std::ofstream(file) << "id = \"deep\"\n" << dotted(50000) << " = 1\n";
    const auto r = test::runSoma({"validate", file.string()});
    EXPECT_EQ(r.exitCode, 1) << r.out;
    EXPECT_NE(r.out.find("deep.toml:2:"), std::string::npos) << r.out;
}

} // namespace
} // namespace soma
