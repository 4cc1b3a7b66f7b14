// report/Report: the PDF read back with poppler (its pages, their size,
// every word a therapist should find), the pages drawn and held to goldens,
// a long map flowing over pages, and the errors and file modes.
#include "report/Report.h"

#include "ReportFixture.h"
#include "catalog/Catalog.h"
#include "core/Paths.h"
#include "model/RegionAtlas.h"
#include "render/Image.h"
#include "support/ImageCheck.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <poppler-document.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <string>
#include <vector>

namespace soma {
namespace {

namespace fs = std::filesystem;

class ReportTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::string tmpl = (fs::temp_directory_path() / "soma-report-XXXXXX").string();
        mDir = mkdtemp(tmpl.data());
    }
    void TearDown() override {
        std::error_code ec;
        fs::remove_all(mDir, ec);
    }
    fs::path mDir;
};

struct Pdf {
    std::unique_ptr<poppler::document> doc;
    int pages() const { return doc ? doc->pages() : 0; }
    std::unique_ptr<poppler::page> page(int i) const { return std::unique_ptr<poppler::page>(doc->create_page(i)); }
    // The text of a page in reading layout: a table row on one line.
    std::string text(int i) const {
        const auto p = page(i);
        const auto bytes = p->text(p->page_rect(), poppler::page::physical_layout).to_utf8();
        return std::string(bytes.begin(), bytes.end());
    }
    std::string allText() const {
        std::string all;
        for (int i = 0; i < pages(); ++i) all += text(i) + "\n";
        return all;
    }
};

Pdf readPdf(const fs::path& file) { return Pdf{std::unique_ptr<poppler::document>(poppler::document::load_from_file(file.string()))}; }

std::string regionName(const std::string& id, const std::string& lang) {
    const Region& r = regions()[std::size_t(*regionIndex(id))];
    std::string name = lang == "nl" ? r.nameNl : r.nameEn;
    name[0] = char(std::toupper(static_cast<unsigned char>(name[0])));
    return name;
}

// The rating printed in the row that names `region` (the first number after it on its line).
std::optional<int> ratingInRow(const std::string& text, const std::string& region) {
    const std::regex row("(^|\\n) *" + region + " +([0-9]+)");
    std::smatch m;
    if (!std::regex_search(text, m, row)) return std::nullopt;
    return std::stoi(m[2].str());
}

Image renderPdfPage(const Pdf& pdf, int page, double dpi) {
    poppler::page_renderer renderer;
    renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
    renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
    const auto p = pdf.page(page);
    const poppler::image img = renderer.render_page(p.get(), dpi, dpi);
    Image out;
    out.width = img.width();
    out.height = img.height();
    out.rgba.resize(std::size_t(out.width) * std::size_t(out.height) * 4);
    EXPECT_EQ(img.format(), poppler::image::format_argb32);
    for (int y = 0; y < out.height; ++y) {
        const auto* row = reinterpret_cast<const std::uint8_t*>(img.const_data()) + std::size_t(y) * std::size_t(img.bytes_per_row());
        for (int x = 0; x < out.width; ++x) {
            const std::uint8_t* px = row + std::size_t(x) * 4; // B, G, R, A in memory (little-endian ARGB32)
            std::uint8_t* o = out.pixel(x, y);
            o[0] = px[2];
            o[1] = px[1];
            o[2] = px[0];
            o[3] = 255;
        }
    }
    return out;
}

unsigned fileMode(const fs::path& file) {
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0) return 0;
    return st.st_mode & 0777;
}

// ---- 1. the PDF says everything, in the therapist's language --------------------

struct SessionWords {
    std::string lang, title, date, exerciseDate, pendulation, footer;
    std::vector<std::string> exercises, otherDays;
};

void PrintTo(const SessionWords& w, std::ostream* os) { *os << w.lang; }

class ReportSessionText : public ReportTest, public ::testing::WithParamInterface<SessionWords> {};

TEST_P(ReportSessionText, NamesEveryRegionRatingNoteAndExercise) {
    const SessionWords& w = GetParam();
    const ClientRecord client = test::sampleClient();
    const fs::path file = mDir / "session.pdf";
    const auto written = writeReportPdf(test::sampleDesc(client, w.lang, ReportScope::Session), file);
    ASSERT_TRUE(written) << written.error().message;

    const Pdf pdf = readPdf(file);
    ASSERT_GE(pdf.pages(), 1);
    for (int i = 0; i < pdf.pages(); ++i) {
        const auto rect = pdf.page(i)->page_rect();
        EXPECT_NEAR(rect.width(), 595, 1) << "page " << i + 1 << " is not A4 wide";
        EXPECT_NEAR(rect.height(), 842, 1) << "page " << i + 1 << " is not A4 high";
    }
    const std::string text = pdf.allText();
    EXPECT_NE(text.find(w.title), std::string::npos) << text;
    EXPECT_NE(text.find("Noë de Wit"), std::string::npos) << text;
    EXPECT_NE(text.find(w.date), std::string::npos) << text;

    const DatedMap& latest = client.maps.back();
    for (const auto& r : latest.map.ratings) {
        const std::string name = regionName(r.region, w.lang);
        EXPECT_EQ(ratingInRow(text, name), r.rating) << name << " with its rating, in:\n" << text;
    }
    for (const char* note : {"Voelt als één harde knoop; ’s avonds erger", "Zegt: \"alsof ik mijn tanden op elkaar moet houden\"",
                             "Stijf bij het opstaan.", "Beter na de ademhaling.", "Warm en rustig: een goede plek om naar terug te keren"})
        EXPECT_NE(text.find(note), std::string::npos) << note << " in:\n" << text;
    EXPECT_NE(text.find(w.pendulation), std::string::npos) << text;

    for (const auto& e : w.exercises) EXPECT_NE(text.find(e), std::string::npos) << e << " in:\n" << text;
    EXPECT_NE(text.find(w.exerciseDate), std::string::npos) << text;
    // Only the exercises of the map's day.
    for (const auto& e : w.otherDays) EXPECT_EQ(text.find(e), std::string::npos) << e << " is of another day:\n" << text;
    EXPECT_NE(text.find(w.footer), std::string::npos) << text;
}

INSTANTIATE_TEST_SUITE_P(Languages, ReportSessionText,
                         ::testing::Values(SessionWords{"nl", "Spanningskaart", "7 december 2026, 10:15", "7 december 2026, 10:40",
                                                        "Gekozen voor pendulatie: Linkerhand als rustige plek, Rechterschouder",
                                                        "Soma — geen medische behandeling; vertrouwelijk: gezondheidsgegevens van de cliënt",
                                                        {"Bodyscan", "Pendulatie", "kort", "lang"},
                                                        {"Gronden", "voo-breath"}},
                                           SessionWords{"en", "Tension map", "7 December 2026, 10:15", "7 December 2026, 10:40",
                                                        "Chosen for pendulation: Left hand as the easy place, Right shoulder",
                                                        "Soma — not medical treatment; confidential: the client's health data",
                                                        {"Body scan", "Pendulation", "short", "long"},
                                                        {"Grounding", "voo-breath"}}),
                         [](const auto& info) { return info.param.lang; });

TEST_F(ReportTest, ClientPdfNamesRegionsDatesAndEveryExerciseNewestFirst) {
    const ClientRecord client = test::sampleClient();
    for (const std::string lang : {"nl", "en"}) {
        const fs::path file = mDir / ("client-" + lang + ".pdf");
        const auto written = writeReportPdf(test::sampleDesc(client, lang, ReportScope::Client), file);
        ASSERT_TRUE(written) << written.error().message;
        const Pdf pdf = readPdf(file);
        ASSERT_GE(pdf.pages(), 1);
        const std::string text = pdf.allText();
        EXPECT_NE(text.find(lang == "nl" ? "Verloop" : "Progress"), std::string::npos) << text;
        // Every region ever rated, chest only in the second map.
        for (const char* id : {"shoulder_right", "jaw", "neck", "lower_back", "hand_left", "chest", "belly"})
            EXPECT_NE(text.find(regionName(id, lang)), std::string::npos) << id << " in:\n" << text;
        // The maps' dates as column titles.
        for (const char* date : lang == "nl" ? std::vector<const char*>{"7 sep", "12 okt", "7 dec"} : std::vector<const char*>{"7 Sep", "12 Oct", "7 Dec"})
            EXPECT_NE(text.find(date), std::string::npos) << date << " in:\n" << text;
        // The right shoulder's row: 9, 8, 8 over the three maps.
        const std::regex shoulder(regionName("shoulder_right", lang) + " +9 +8 +8");
        EXPECT_TRUE(std::regex_search(text, shoulder)) << text;
        // Every exercise, newest first; one without a title by its id.
        const std::string newest = lang == "nl" ? "7 december 2026, 16:05" : "7 December 2026, 16:05";
        const std::string oldest = lang == "nl" ? "8 september 2026, 19:00" : "8 September 2026, 19:00";
        ASSERT_NE(text.find(newest), std::string::npos) << text;
        ASSERT_NE(text.find(oldest), std::string::npos) << text;
        EXPECT_LT(text.find(newest), text.find(oldest));
        EXPECT_NE(text.find(lang == "nl" ? "Gronden" : "Grounding"), std::string::npos) << text;
        EXPECT_NE(text.find("voo-breath"), std::string::npos) << text;
    }
}

TEST_F(ReportTest, ClientPdfShowsTheLastEightMapsAndTellsSo) {
    ClientRecord client = test::sampleClient();
    client.maps.clear();
    for (int month = 1; month <= 10; ++month)
        client.maps.push_back({fmt::format("2026-{:02}-10T09:00:00", month), TensionMap{{test::rated("jaw", month % 11)}}});
    const fs::path file = mDir / "ten.pdf";
    ASSERT_TRUE(writeReportPdf(test::sampleDesc(client, "nl", ReportScope::Client), file));
    const std::string text = readPdf(file).allText();
    EXPECT_NE(text.find("De laatste 8 van 10 kaarten."), std::string::npos) << text;
    EXPECT_NE(text.find("10 spanningskaarten, van 10 januari 2026 tot en met 10 oktober 2026"), std::string::npos) << text;
    // ("10 januari" in the title is the range, not a column.)
    EXPECT_FALSE(std::regex_search(text, std::regex("10 jan\\b"))) << "the first two maps are left out of the table:\n" << text;
    EXPECT_FALSE(std::regex_search(text, std::regex("10 feb\\b"))) << text;
    EXPECT_NE(text.find("10 mrt"), std::string::npos) << text;
    EXPECT_NE(text.find("10 okt"), std::string::npos) << text;
    EXPECT_TRUE(std::regex_search(text, std::regex("Kaak +3 +4 +5 +6 +7 +8 +9 +10"))) << text;
}

// ---- 2. what the pages look like ---------------------------------------------------

struct GoldenCase {
    std::string lang;
    ReportScope scope;
    std::string name;
};

void PrintTo(const GoldenCase& c, std::ostream* os) { *os << c.name; }

class ReportGolden : public ReportTest, public ::testing::WithParamInterface<GoldenCase> {};

// Page 1 of the PDF as poppler draws it, and page 1 of the PNG report, each
// against its golden. Look at them in tests/render/golden/report_*.png.
TEST_P(ReportGolden, FirstPageMatches) {
    const GoldenCase& c = GetParam();
    const ClientRecord client = test::sampleClient();
    const ReportDesc desc = test::sampleDesc(client, c.lang, c.scope);

    const fs::path pdfFile = mDir / "report.pdf";
    ASSERT_TRUE(writeReportPdf(desc, pdfFile));
    const Pdf pdf = readPdf(pdfFile);
    ASSERT_GE(pdf.pages(), 1);
    EXPECT_TRUE(test::matchesGolden(renderPdfPage(pdf, 0, 72), "report_" + c.name + "_pdf"));

    const fs::path pngFile = mDir / "report.png";
    ASSERT_TRUE(writeReportPng(desc, pngFile, 96));
    auto png = readPng(pngFile);
    ASSERT_TRUE(png) << png.error().message;
    EXPECT_EQ(png->width, 794);
    EXPECT_EQ(png->height, 1123);
    EXPECT_TRUE(test::matchesGolden(*png, "report_" + c.name + "_png"));

    // One layout for both: as many PNG pages as PDF pages.
    EXPECT_TRUE(fs::exists(reportPageFile(pngFile, pdf.pages() - 1)));
    EXPECT_FALSE(fs::exists(reportPageFile(pngFile, pdf.pages())));
}

INSTANTIATE_TEST_SUITE_P(Reports, ReportGolden,
                         ::testing::Values(GoldenCase{"nl", ReportScope::Session, "session_nl"}, GoldenCase{"en", ReportScope::Session, "session_en"},
                                           GoldenCase{"nl", ReportScope::Client, "client_nl"}, GoldenCase{"en", ReportScope::Client, "client_en"}),
                         [](const auto& info) { return info.param.name; });

TEST_F(ReportTest, PngAtTheDefaultResolutionIs110Dpi) {
    const ClientRecord client = test::sampleClient();
    const fs::path file = mDir / "page.png";
    ASSERT_TRUE(writeReportPng(test::sampleDesc(client, "en", ReportScope::Session), file));
    auto png = readPng(file);
    ASSERT_TRUE(png) << png.error().message;
    EXPECT_EQ(png->width, 909);  // 210 mm at 110 dpi
    EXPECT_EQ(png->height, 1286); // 297 mm
}

// ---- 3. a long map flows over pages --------------------------------------------------

TEST_F(ReportTest, LongMapContinuesOnNextPagesWithTheHeaderRowRepeated) {
    const ClientRecord client = test::longClient();
    const fs::path file = mDir / "long.pdf";
    ASSERT_TRUE(writeReportPdf(test::sampleDesc(client, "nl", ReportScope::Session), file));
    const Pdf pdf = readPdf(file);
    ASSERT_GE(pdf.pages(), 2);

    // Every page after the first that holds ratings starts them with the header row again.
    const std::string second = pdf.text(1);
    EXPECT_NE(second.find("Spanning per plek (vervolg)"), std::string::npos) << second;
    EXPECT_TRUE(std::regex_search(second, std::regex("Plek +Spanning +Notitie"))) << second;
    EXPECT_NE(second.find("pagina 2 van " + std::to_string(pdf.pages())), std::string::npos) << second;

    // Nothing cut off: every note's last words and every region are there, the last ones on a later page.
    const std::string all = pdf.allText();
    for (int i = 0; i < 40; ++i) {
        const std::string id = regions()[std::size_t(i)].id;
        EXPECT_NE(all.find(regionName(id, "nl")), std::string::npos) << id;
        EXPECT_NE(all.find("Notitie " + std::to_string(i + 1) + ":"), std::string::npos) << "note " << i + 1;
    }
    std::string later;
    for (int i = 1; i < pdf.pages(); ++i) later += pdf.text(i);
    EXPECT_NE(later.find(regionName(regions()[39].id, "nl")), std::string::npos) << later;
    EXPECT_NE(later.find("Notitie 40:"), std::string::npos) << later;
    std::size_t endings = 0;
    for (std::size_t at = all.find("weer naar kijken."); at != std::string::npos; at = all.find("weer naar kijken.", at + 1)) ++endings;
    EXPECT_EQ(endings, 40u) << "every note to its end";

    // The PNG report: a file per page, as many as the PDF's.
    const fs::path png = mDir / "long.png";
    ASSERT_TRUE(writeReportPng(test::sampleDesc(client, "nl", ReportScope::Session), png, 50));
    for (int i = 0; i < pdf.pages(); ++i) EXPECT_TRUE(fs::exists(reportPageFile(png, i))) << reportPageFile(png, i);
    EXPECT_EQ(reportPageFile(png, 1), mDir / "long-2.png");
    EXPECT_FALSE(fs::exists(reportPageFile(png, pdf.pages())));
}

TEST_F(ReportTest, ANoteLongerThanAPageIsSplitBetweenItsLines) {
    ClientRecord client = test::sampleClient();
    std::string note;
    for (int i = 1; i <= 90; ++i) note += "regel " + std::to_string(i) + " van de notitie\n";
    client.maps.back().map.ratings.front().note = note;
    const fs::path file = mDir / "split.pdf";
    ASSERT_TRUE(writeReportPdf(test::sampleDesc(client, "nl", ReportScope::Session), file));
    const Pdf pdf = readPdf(file);
    ASSERT_GE(pdf.pages(), 2);
    const std::string all = pdf.allText();
    for (int i = 1; i <= 90; ++i) EXPECT_NE(all.find("regel " + std::to_string(i) + " van"), std::string::npos) << "line " << i;
    EXPECT_NE(pdf.text(pdf.pages() - 1).find("regel 90 van"), std::string::npos);
}

// Every word of the report is in both catalogues (a missing one would
// print in English, or as its key, on a Dutch report).
TEST(ReportWords, EveryReportKeyIsInDutchAndEnglish) {
    std::map<std::string, std::map<std::string, std::string>> keys;
    for (const std::string lang : {"nl", "en"}) {
        const auto file = paths::assetDir() / "catalog" / (lang + ".po");
        std::ifstream in(file);
        const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        const CatalogParse parsed = parseCatalog(text, file.string());
        EXPECT_TRUE(parsed.problems.empty()) << parsed.problems.front().format();
        for (const auto& [key, value] : parsed.entries)
            if (key.rfind("report.", 0) == 0) keys[lang][key] = value;
    }
    EXPECT_GE(keys["en"].size(), 30u);
    for (const auto& [key, value] : keys["en"]) EXPECT_TRUE(keys["nl"].count(key)) << "nl lacks " << key;
    for (const auto& [key, value] : keys["nl"]) EXPECT_TRUE(keys["en"].count(key)) << "en lacks " << key;
    EXPECT_EQ(keys["nl"]["report.months"].find("december"), keys["nl"]["report.months"].size() - 8);
}

// ---- 4. errors and file modes ------------------------------------------------------

TEST_F(ReportTest, AFolderThatCannotBeWrittenIsAWriteErrorNamingTheFile) {
    const ClientRecord client = test::sampleClient();
    // A file where the folder should be: no user, root included, can write there.
    const fs::path notAFolder = mDir / "not-a-folder";
    std::ofstream(notAFolder) << "x";
    const fs::path file = notAFolder / "report.pdf";
    const auto pdf = writeReportPdf(test::sampleDesc(client, "en", ReportScope::Session), file);
    ASSERT_FALSE(pdf);
    EXPECT_EQ(pdf.error().id, "report.write");
    EXPECT_NE(pdf.error().message.find(file.string()), std::string::npos) << pdf.error().message;

    const fs::path missing = mDir / "missing" / "report.png";
    const auto png = writeReportPng(test::sampleDesc(client, "en", ReportScope::Client), missing);
    ASSERT_FALSE(png);
    EXPECT_EQ(png.error().id, "report.write");
    EXPECT_NE(png.error().message.find(missing.string()), std::string::npos) << png.error().message;
    EXPECT_FALSE(fs::exists(mDir / "missing"));
}

TEST_F(ReportTest, InputErrors) {
    const ClientRecord client = test::sampleClient();
    ReportDesc desc = test::sampleDesc(client, "nl", ReportScope::Session);

    desc.map = 3; // three maps: 0, 1, 2
    auto r = writeReportPdf(desc, mDir / "a.pdf");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().id, "report.input");
    EXPECT_NE(r.error().message.find("3"), std::string::npos) << r.error().message;
    desc.map = -2;
    r = writeReportPng(desc, mDir / "a.png");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().id, "report.input");

    desc.map = 0;
    desc.client = nullptr;
    r = writeReportPdf(desc, mDir / "a.pdf");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().id, "report.input");

    const ClientRecord empty;
    desc.client = &empty;
    desc.map = -1;
    r = writeReportPdf(desc, mDir / "a.pdf");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().id, "report.input") << "a session report needs a map";

    desc.client = &client;
    desc.front.rgba.pop_back();
    r = writeReportPdf(desc, mDir / "a.pdf");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().id, "report.input") << "pixels that do not match the picture's size";

    EXPECT_TRUE(fs::is_empty(mDir)) << "nothing written on bad input";

    // A client without maps still has a progress report.
    desc = test::sampleDesc(empty, "nl", ReportScope::Client);
    EXPECT_TRUE(writeReportPdf(desc, mDir / "empty.pdf"));
}

TEST_F(ReportTest, FilesAreForThisUserAlone) {
    const ClientRecord client = test::longClient();
    const ReportDesc desc = test::sampleDesc(client, "en", ReportScope::Session);
    const mode_t before = ::umask(0); // the mode itself, not what a umask leaves of it
    const auto pdf = writeReportPdf(desc, mDir / "r.pdf");
    const auto png = writeReportPng(desc, mDir / "r.png", 40);
    ::umask(before);
    ASSERT_TRUE(pdf) << pdf.error().message;
    ASSERT_TRUE(png) << png.error().message;
    EXPECT_EQ(fileMode(mDir / "r.pdf"), 0600u);
    EXPECT_EQ(fileMode(mDir / "r.png"), 0600u);
    EXPECT_EQ(fileMode(mDir / "r-2.png"), 0600u);
    // Nothing else beside them (no temporary file left).
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(mDir)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    std::vector<std::string> expected{"r.pdf", "r.png"};
    for (int i = 2; i <= int(names.size()) - 1; ++i) expected.push_back("r-" + std::to_string(i) + ".png");
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(names, expected);
}

} // namespace
} // namespace soma
