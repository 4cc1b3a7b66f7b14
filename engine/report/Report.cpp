#include "report/Report.h"

#include "catalog/Catalog.h"
#include "core/Files.h"
#include "core/Text.h"
#include "model/RegionAtlas.h"
#include "model/TensionColour.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <sstream>
#include <string_view>
#include <utility>

namespace soma {
namespace {

// Everything is laid out in PDF points (1/72 inch) on an A4 page; a PNG
// page is the same drawing scaled to its resolution.
constexpr double kPageWidthPt = 595.28;  // 210 mm
constexpr double kPageHeightPt = 841.89; // 297 mm
constexpr double kMarginPt = 50;
constexpr double kContentWidthPt = kPageWidthPt - 2 * kMarginPt;
constexpr double kTopPt = 44;
constexpr double kFooterRulePt = kPageHeightPt - 48;
constexpr double kBottomPt = kFooterRulePt - 12; // content ends above this

constexpr int kMapsOverTime = 8; // columns of the progress table, and bars per chart
constexpr int kChartRegions = 9; // bar charts: the regions with the highest latest rating, three to a row
constexpr const char* kFontFamily = "DejaVu Sans";

struct Colour {
    double r, g, b;
};
constexpr Colour kInk{0.11, 0.12, 0.14};
constexpr Colour kMuted{0.38, 0.40, 0.43};
constexpr Colour kRule{0.80, 0.81, 0.83};
constexpr Colour kShade{0.94, 0.945, 0.95};

Colour scaleColour(int rating) {
    const auto c = tensionColour(rating);
    return {c.r, c.g, c.b};
}

struct CairoFree {
    void operator()(cairo_t* c) const { cairo_destroy(c); }
    void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
using ContextPtr = std::unique_ptr<cairo_t, CairoFree>;
using SurfacePtr = std::unique_ptr<cairo_surface_t, CairoFree>;

// Metrics are not hinted, so a line measures the same on the measuring
// context, on a PDF page and on a PNG page at any resolution: the layout
// (where lines wrap, where pages break) is one and the same in both files.
void setTextOptions(cairo_t* cr) {
    cairo_font_options_t* o = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(o, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(o, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_antialias(o, CAIRO_ANTIALIAS_GRAY);
    cairo_set_font_options(cr, o);
    cairo_font_options_destroy(o);
}

cairo_status_t appendBytes(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

// ---- where pages go ----------------------------------------------------------

class Target {
public:
    virtual ~Target() = default;
    // A context in points on a fresh white page.
    virtual cairo_t* beginPage() = 0;
    virtual void endPage() = 0;
};

// The first pass: lays the report out to learn how many pages it has (the
// footer says "page 1 of 2"), drawing onto nothing worth keeping.
class CountingTarget final : public Target {
public:
    CountingTarget() : mSurface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1, 1)) {}
    cairo_t* beginPage() override {
        mContext.reset(cairo_create(mSurface.get()));
        return mContext.get();
    }
    void endPage() override { mContext.reset(); }

private:
    SurfacePtr mSurface;
    ContextPtr mContext;
};

class PdfTarget final : public Target {
public:
    explicit PdfTarget(const std::string& title)
        : mSurface(cairo_pdf_surface_create_for_stream(appendBytes, &mBytes, kPageWidthPt, kPageHeightPt)),
          mContext(cairo_create(mSurface.get())) {
        cairo_pdf_surface_set_metadata(mSurface.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
        cairo_pdf_surface_set_metadata(mSurface.get(), CAIRO_PDF_METADATA_CREATOR, "Soma");
    }
    cairo_t* beginPage() override {
        cairo_identity_matrix(mContext.get());
        return mContext.get();
    }
    void endPage() override { cairo_show_page(mContext.get()); }

    // The whole file, or why there is none.
    Result<std::string> finish() {
        const cairo_status_t drawn = cairo_status(mContext.get());
        mContext.reset();
        cairo_surface_finish(mSurface.get());
        const cairo_status_t written = cairo_surface_status(mSurface.get());
        if (drawn != CAIRO_STATUS_SUCCESS || written != CAIRO_STATUS_SUCCESS)
            return Error{"report.write", cairo_status_to_string(drawn != CAIRO_STATUS_SUCCESS ? drawn : written)};
        return std::move(mBytes);
    }

private:
    std::string mBytes; // before the surface, which writes into it until finished
    SurfacePtr mSurface;
    ContextPtr mContext;
};

class PngTarget final : public Target {
public:
    explicit PngTarget(double dpi)
        : mScale(dpi / 72.0), mWidth(int(std::lround(kPageWidthPt * mScale))), mHeight(int(std::lround(kPageHeightPt * mScale))) {}
    cairo_t* beginPage() override {
        mSurface.reset(cairo_image_surface_create(CAIRO_FORMAT_RGB24, mWidth, mHeight));
        mContext.reset(cairo_create(mSurface.get()));
        cairo_scale(mContext.get(), mScale, mScale);
        return mContext.get();
    }
    void endPage() override {
        const cairo_status_t drawn = cairo_status(mContext.get());
        mContext.reset();
        std::string png;
        const cairo_status_t written = cairo_surface_write_to_png_stream(mSurface.get(), appendBytes, &png);
        mSurface.reset();
        if (drawn != CAIRO_STATUS_SUCCESS || written != CAIRO_STATUS_SUCCESS) {
            if (!mProblem) mProblem = cairo_status_to_string(drawn != CAIRO_STATUS_SUCCESS ? drawn : written);
            return;
        }
        mPages.push_back(std::move(png));
    }
    Result<std::vector<std::string>> finish() {
        if (mProblem) return Error{"report.write", *mProblem};
        return std::move(mPages);
    }

private:
    double mScale;
    int mWidth, mHeight;
    SurfacePtr mSurface;
    ContextPtr mContext;
    std::vector<std::string> mPages;
    std::optional<std::string> mProblem;
};

// ---- words -------------------------------------------------------------------

struct When {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0;
};

std::optional<When> parseWhen(const std::string& text) {
    When w;
    if (std::sscanf(text.c_str(), "%d-%d-%dT%d:%d", &w.year, &w.month, &w.day, &w.hour, &w.minute) < 3) return std::nullopt;
    if (w.month < 1 || w.month > 12) return std::nullopt;
    return w;
}

std::vector<std::string> splitWords(const std::string& text) {
    std::istringstream in(text);
    std::vector<std::string> words;
    for (std::string w; in >> w;) words.push_back(w);
    return words;
}

class Words {
public:
    explicit Words(std::string lang) : mLang(lang.empty() ? "en" : std::move(lang)) {
        mMonths = splitWords(text("report.months"));
        mShortMonths = splitWords(text("history.months"));
    }
    std::string text(std::string_view key) const { return uiText(mLang, key); }

    // "7 december 2026, 10:15"; what cannot be read stays as it was.
    std::string date(const std::string& when) const {
        const auto w = parseWhen(when);
        if (!w) return when;
        std::string s = text("report.date");
        s = fillIn(s, "day", std::to_string(w->day));
        s = fillIn(s, "month", month(mMonths, w->month));
        s = fillIn(s, "year", std::to_string(w->year));
        return fillIn(s, "time", fmt::format("{:02}:{:02}", w->hour, w->minute));
    }
    // "7 december 2026".
    std::string day(const std::string& when) const {
        const auto w = parseWhen(when);
        if (!w) return when;
        std::string s = fillIn(text("report.day"), "day", std::to_string(w->day));
        s = fillIn(s, "month", month(mMonths, w->month));
        return fillIn(s, "year", std::to_string(w->year));
    }
    // "7 dec", for narrow columns.
    std::string shortDate(const std::string& when) const {
        const auto w = parseWhen(when);
        return w ? fmt::format("{} {}", w->day, month(mShortMonths, w->month)) : when;
    }
    std::string year(const std::string& when) const {
        const auto w = parseWhen(when);
        return w ? std::to_string(w->year) : std::string();
    }
    std::string time(const std::string& when) const {
        const auto w = parseWhen(when);
        return w ? fmt::format("{:02}:{:02}", w->hour, w->minute) : std::string();
    }

    // "Linkerschouder": the atlas's name with its side, capitalised as the
    // first word of a table cell; an unknown id as it is.
    std::string region(const std::string& id) const {
        const auto i = regionIndex(id);
        if (!i) return id;
        const Region& r = regions()[size_t(*i)];
        std::string name = mLang.rfind("nl", 0) == 0 ? r.nameNl : r.nameEn;
        if (!name.empty() && name[0] >= 'a' && name[0] <= 'z') name[0] = char(name[0] - 'a' + 'A');
        return name;
    }
    std::string variant(const std::string& id) const {
        const std::string key = "report.variant." + id;
        return uiCatalog().has("en", key) ? text(key) : id;
    }

private:
    static std::string month(const std::vector<std::string>& names, int m) {
        return m >= 1 && m <= int(names.size()) ? names[size_t(m - 1)] : std::to_string(m);
    }

    std::string mLang;
    std::vector<std::string> mMonths, mShortMonths;
};

// ---- what the report shows -----------------------------------------------------

// The maps in date order (the record keeps them as added; a map entered
// later for an earlier day still sorts where it belongs).
std::vector<const DatedMap*> mapsByDate(const ClientRecord& client) {
    std::vector<const DatedMap*> maps;
    for (const auto& m : client.maps) maps.push_back(&m);
    std::stable_sort(maps.begin(), maps.end(), [](const DatedMap* a, const DatedMap* b) { return a->when < b->when; });
    return maps;
}

int atlasOrder(const std::string& id) {
    const auto i = regionIndex(id);
    return i ? *i : kMaxRegions;
}

std::vector<const TensionRating*> highestFirst(const TensionMap& map) {
    std::vector<const TensionRating*> out;
    for (const auto& r : map.ratings) out.push_back(&r);
    std::stable_sort(out.begin(), out.end(), [](const TensionRating* a, const TensionRating* b) {
        if (a->rating != b->rating) return a->rating > b->rating;
        return atlasOrder(a->region) < atlasOrder(b->region);
    });
    return out;
}

std::optional<int> ratingIn(const TensionMap& map, const std::string& region) {
    for (const auto& r : map.ratings)
        if (r.region == region) return std::clamp(r.rating, 0, 10);
    return std::nullopt;
}

// "Spanningskaart — Anna de Vries", for the running header and the PDF's title.
std::string reportTitle(const ReportDesc& desc, const Words& words) {
    return words.text(desc.scope == ReportScope::Session ? "report.title_session" : "report.title_client") + " — " + desc.client->name;
}

// ---- drawing -------------------------------------------------------------------

struct Cell {
    std::string text;
    std::optional<int> rating; // a colour chip of the scale before the text
    std::string sub;           // a second, quieter part under the text (where a check-in was felt)
    bool bold = false;
};
Cell plainCell(std::string text) {
    Cell c;
    c.text = std::move(text);
    return c;
}
Cell boldCell(std::string text) {
    Cell c = plainCell(std::move(text));
    c.bold = true;
    return c;
}
Cell ratingCell(int rating, std::string sub = {}) {
    Cell c = plainCell(std::to_string(rating));
    c.rating = rating;
    c.sub = std::move(sub);
    return c;
}

struct Column {
    std::string title;
    double widthPt;
};

struct Table {
    std::string heading; // repeated, "(continued)", when the table goes on over a page
    std::vector<Column> columns;
    std::vector<std::vector<Cell>> rows;
};

class Painter {
public:
    Painter(const ReportDesc& desc, const DatedMap* map, Target& target, int pageCount)
        : mDesc(desc), mClient(*desc.client), mMap(map), mWords(desc.lang), mTarget(target), mPageCount(pageCount),
          mMeasureSurface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1, 1)), mMeasure(cairo_create(mMeasureSurface.get())) {
        setTextOptions(mMeasure.get());
    }

    std::string title() const { return reportTitle(mDesc, mWords); }

    // Draws every page; returns how many there were.
    int run() {
        beginPage();
        if (mDesc.scope == ReportScope::Session) {
            pictures();
            ratings();
            exercises();
        } else {
            legend();
            overTime();
            charts();
            exercises();
        }
        mTarget.endPage();
        return mPage;
    }

private:
    // ---- text
    void font(double sizePt, bool bold = false) {
        for (cairo_t* c : {mCr, mMeasure.get()}) {
            cairo_select_font_face(c, kFontFamily, CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
            cairo_set_font_size(c, sizePt);
        }
    }
    double width(const std::string& s) const {
        cairo_text_extents_t e;
        cairo_text_extents(mMeasure.get(), s.c_str(), &e);
        return e.x_advance;
    }
    void colour(Colour c) { cairo_set_source_rgb(mCr, c.r, c.g, c.b); }
    void text(double x, double baselineY, const std::string& s, Colour c = kInk) {
        colour(c);
        cairo_move_to(mCr, x, baselineY);
        cairo_show_text(mCr, s.c_str());
    }
    void textRight(double right, double baselineY, const std::string& s, Colour c = kInk) { text(right - width(s), baselineY, s, c); }
    void textCentred(double centre, double baselineY, const std::string& s, Colour c = kInk) {
        text(centre - width(s) / 2, baselineY, s, c);
    }

    // Lines of at most `widthPt` in the current font: breaks at spaces,
    // keeps the writer's own line breaks, and splits a word too long for
    // a line between characters rather than let it run over.
    std::vector<std::string> wrap(const std::string& s, double widthPt) const {
        std::vector<std::string> lines;
        std::istringstream paragraphs(s);
        for (std::string paragraph; std::getline(paragraphs, paragraph);) {
            if (!paragraph.empty() && paragraph.back() == '\r') paragraph.pop_back();
            std::string line;
            for (const std::string& word : splitWords(paragraph)) {
                const std::string joined = line.empty() ? word : line + " " + word;
                if (width(joined) <= widthPt) {
                    line = joined;
                    continue;
                }
                if (!line.empty()) lines.push_back(line);
                line.clear();
                // The word alone, broken where it must be.
                std::string piece;
                for (std::size_t i = 0; i < word.size();) {
                    const auto ch = decodeUtf8At(word, i);
                    const std::size_t len = ch ? std::size_t(ch->length) : 1;
                    const std::string next = piece + word.substr(i, len);
                    if (!piece.empty() && width(next) > widthPt) {
                        lines.push_back(piece);
                        piece = word.substr(i, len);
                    } else {
                        piece = next;
                    }
                    i += len;
                }
                line = piece;
            }
            lines.push_back(line);
        }
        while (!lines.empty() && lines.back().empty()) lines.pop_back();
        if (lines.empty()) lines.push_back("");
        return lines;
    }

    void rule(double y, double x0 = kMarginPt, double x1 = kMarginPt + kContentWidthPt, Colour c = kRule, double w = 0.6) {
        colour(c);
        cairo_set_line_width(mCr, w);
        cairo_move_to(mCr, x0, y);
        cairo_line_to(mCr, x1, y);
        cairo_stroke(mCr);
    }
    void box(double x, double y, double w, double h, Colour c) {
        colour(c);
        cairo_rectangle(mCr, x, y, w, h);
        cairo_fill(mCr);
    }
    // A chip of the scale, with a hairline so that the palest colours
    // still show on white paper.
    void chip(double x, double y, double w, double h, int rating) {
        box(x, y, w, h, scaleColour(rating));
        colour({0.45, 0.45, 0.45});
        cairo_set_line_width(mCr, 0.4);
        cairo_rectangle(mCr, x, y, w, h);
        cairo_stroke(mCr);
    }

    // ---- pages
    void beginPage() {
        ++mPage;
        mCr = mTarget.beginPage();
        setTextOptions(mCr);
        cairo_set_source_rgb(mCr, 1, 1, 1);
        cairo_paint(mCr);
        footer();
        if (mPage == 1)
            header();
        else
            runningHeader();
    }
    void breakPage() {
        mTarget.endPage();
        beginPage();
    }
    bool fits(double heightPt) const { return mY + heightPt <= kBottomPt; }

    void header() {
        double y = kTopPt + 20;
        font(20, true);
        text(kMarginPt, y, mWords.text(mDesc.scope == ReportScope::Session ? "report.title_session" : "report.title_client"));
        y += 22;
        font(13, true);
        for (const auto& l : wrap(mClient.name, kContentWidthPt)) {
            text(kMarginPt, y, l);
            y += 17;
        }
        font(10);
        text(kMarginPt, y, subtitle(), kMuted);
        y += 10;
        rule(y, kMarginPt, kMarginPt + kContentWidthPt, kInk, 0.8);
        mY = y + 16;
    }
    std::string subtitle() const {
        if (mDesc.scope == ReportScope::Session) return mWords.date(mMap->when);
        const auto maps = mapsByDate(mClient);
        if (maps.empty()) return mWords.text("report.maps_none");
        if (maps.size() == 1) return fillIn(mWords.text("report.maps_one"), "date", mWords.day(maps.front()->when));
        std::string s = fillIn(mWords.text("report.maps_range"), "maps", std::to_string(maps.size()));
        s = fillIn(s, "first", mWords.day(maps.front()->when));
        return fillIn(s, "last", mWords.day(maps.back()->when));
    }
    // Pages after the first say whose report they belong to, in one line.
    void runningHeader() {
        font(8.5);
        const std::string s = title() + (mDesc.scope == ReportScope::Session ? " — " + mWords.date(mMap->when) : std::string());
        text(kMarginPt, kTopPt + 8, s, kMuted);
        rule(kTopPt + 14);
        mY = kTopPt + 30;
    }
    void footer() {
        rule(kFooterRulePt);
        font(7.5);
        text(kMarginPt, kFooterRulePt + 12, mWords.text("report.footer"), kMuted);
        text(kMarginPt, kFooterRulePt + 23, fillIn(mWords.text("report.generated"), "date", mWords.date(mDesc.generated)), kMuted);
        std::string page = fillIn(mWords.text("report.page"), "page", std::to_string(mPage));
        page = fillIn(page, "pages", mPageCount > 0 ? std::to_string(mPageCount) : "?");
        textRight(kMarginPt + kContentWidthPt, kFooterRulePt + 23, page, kMuted);
    }

    static constexpr double kHeadingPt = 26;         // a heading's height with the space under it
    static constexpr double kKeepWithHeadingPt = 80; // a table's header row and two rows of one line
    void heading(const std::string& s, bool continued = false) {
        font(12.5, true);
        text(kMarginPt, mY + 13, continued ? fillIn(mWords.text("report.continued"), "heading", s) : s);
        mY += kHeadingPt;
    }
    // A heading never stands alone at the foot of a page: it moves on
    // with the first `keepPt` of what follows it.
    void section(const std::string& s, double keepPt) {
        mY += 10;
        if (!fits(kHeadingPt + keepPt)) breakPage();
        heading(s);
    }
    void line(const std::string& s, double sizePt, Colour c = kInk) {
        font(sizePt);
        for (const auto& l : wrap(s, kContentWidthPt)) {
            if (!fits(sizePt * 1.45)) breakPage();
            text(kMarginPt, mY + sizePt, l, c);
            mY += sizePt * 1.45;
        }
    }

    // ---- tables
    static constexpr double kCellPadPt = 4.5;
    static constexpr double kBodyPt = 9;
    static constexpr double kLinePt = 12;
    static constexpr double kChipPt = 10;

    struct LaidCell {
        std::vector<std::string> lines;
        std::size_t subFrom = 0; // lines from here on are the quieter part
    };
    double textWidthIn(const Column& c, const Cell& cell) const {
        return c.widthPt - 2 * kCellPadPt - (cell.rating ? kChipPt + 5 : 0);
    }
    LaidCell layCell(const Column& column, const Cell& cell) {
        LaidCell out;
        font(kBodyPt, cell.bold);
        out.lines = wrap(cell.text, textWidthIn(column, cell));
        out.subFrom = out.lines.size();
        if (!cell.sub.empty()) {
            font(kBodyPt - 1);
            for (auto& l : wrap(cell.sub, column.widthPt - 2 * kCellPadPt)) out.lines.push_back(std::move(l));
        }
        return out;
    }

    double tableHeader(const Table& t, bool draw) {
        font(8, true);
        std::vector<std::vector<std::string>> titles;
        std::size_t most = 1;
        for (const auto& c : t.columns) {
            titles.push_back(wrap(c.title, c.widthPt - 2 * kCellPadPt));
            most = std::max(most, titles.back().size());
        }
        const double h = double(most) * 10.5 + 2 * kCellPadPt;
        if (!draw) return h;
        box(kMarginPt, mY, kContentWidthPt, h, kShade);
        double x = kMarginPt;
        for (std::size_t i = 0; i < t.columns.size(); ++i) {
            for (std::size_t l = 0; l < titles[i].size(); ++l) text(x + kCellPadPt, mY + kCellPadPt + 8 + 10.5 * double(l), titles[i][l], kMuted);
            x += t.columns[i].widthPt;
        }
        mY += h;
        rule(mY, kMarginPt, kMarginPt + kContentWidthPt, kMuted, 0.6);
        return h;
    }

    void continueTable(const Table& t) {
        breakPage();
        heading(t.heading, true);
        tableHeader(t, true);
    }

    // Rows move to the next page whole when they fit there; a row taller
    // than a page (a very long note) is split between its lines, and the
    // table's header row is repeated on every page it reaches.
    void table(const Table& t) {
        const double headerPt = tableHeader(t, false);
        const double freshLines = std::floor((kBottomPt - (kTopPt + 30) - kHeadingPt - headerPt - 2 * kCellPadPt) / kLinePt);
        if (!fits(headerPt + kLinePt + 2 * kCellPadPt)) {
            breakPage();
            heading(t.heading, true);
        }
        tableHeader(t, true);
        for (const auto& row : t.rows) {
            std::vector<LaidCell> cells;
            std::size_t rowLines = 1;
            for (std::size_t i = 0; i < row.size(); ++i) {
                cells.push_back(layCell(t.columns[i], row[i]));
                rowLines = std::max(rowLines, cells.back().lines.size());
            }
            std::size_t done = 0;
            while (done < rowLines) {
                const double room = std::floor((kBottomPt - mY - 2 * kCellPadPt) / kLinePt);
                const std::size_t fitting = room > 0 ? std::size_t(room) : 0;
                const std::size_t remaining = rowLines - done;
                if (fitting < remaining && (fitting == 0 || (done == 0 && double(remaining) <= freshLines) || fitting < 2)) {
                    continueTable(t);
                    continue;
                }
                const std::size_t n = std::min(remaining, fitting);
                drawRow(t, row, cells, done, n);
                done += n;
                if (done < rowLines) continueTable(t);
            }
        }
    }

    void drawRow(const Table& t, const std::vector<Cell>& row, const std::vector<LaidCell>& cells, std::size_t from, std::size_t count) {
        double x = kMarginPt;
        for (std::size_t i = 0; i < row.size(); ++i) {
            const Cell& cell = row[i];
            const LaidCell& laid = cells[i];
            double tx = x + kCellPadPt;
            if (cell.rating && from == 0) chip(tx, mY + kCellPadPt + 1.2, kChipPt, kChipPt - 1, *cell.rating);
            for (std::size_t l = from; l < std::min(laid.lines.size(), from + count); ++l) {
                const bool sub = l >= laid.subFrom;
                font(sub ? kBodyPt - 1 : kBodyPt, cell.bold && !sub);
                const double lx = sub ? x + kCellPadPt : tx + (cell.rating ? kChipPt + 5 : 0);
                text(lx, mY + kCellPadPt + 9 + kLinePt * double(l - from), laid.lines[l], sub ? kMuted : kInk);
            }
            x += t.columns[i].widthPt;
        }
        mY += double(count) * kLinePt + 2 * kCellPadPt;
        rule(mY);
    }

    // ---- session: the figure, the scale, the ratings
    void pictures() {
        const bool any = mDesc.front.width > 0 || mDesc.back.width > 0;
        if (any) {
            constexpr double gap = 18, labelPt = 16, boxHeightPt = 250;
            const double boxWidth = (kContentWidthPt - gap) / 2;
            const std::pair<const ReportPicture*, const char*> views[] = {{&mDesc.front, "report.front"}, {&mDesc.back, "report.behind"}};
            for (int i = 0; i < 2; ++i) {
                const double x = kMarginPt + double(i) * (boxWidth + gap);
                font(9.5, true);
                textCentred(x + boxWidth / 2, mY + 10, mWords.text(views[i].second), kMuted);
                picture(*views[i].first, x, mY + labelPt, boxWidth, boxHeightPt);
            }
            mY += labelPt + boxHeightPt + 14;
        }
        legend();
    }

    void picture(const ReportPicture& p, double x, double y, double w, double h) {
        if (p.width <= 0 || p.height <= 0) return;
        SurfacePtr s(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, p.width, p.height));
        cairo_surface_flush(s.get());
        unsigned char* data = cairo_image_surface_get_data(s.get());
        const int stride = cairo_image_surface_get_stride(s.get());
        for (int row = 0; row < p.height; ++row) {
            for (int col = 0; col < p.width; ++col) {
                const std::uint8_t* px = &p.rgba[(std::size_t(row) * std::size_t(p.width) + std::size_t(col)) * 4];
                const std::uint32_t a = px[3];
                const auto pre = [a](std::uint8_t c) { return (std::uint32_t(c) * a + 127) / 255; };
                // cairo's ARGB32 is premultiplied, one native-endian word per pixel.
                const std::uint32_t v = (a << 24) | (pre(px[0]) << 16) | (pre(px[1]) << 8) | pre(px[2]);
                std::memcpy(data + std::size_t(row) * std::size_t(stride) + std::size_t(col) * 4, &v, 4);
            }
        }
        cairo_surface_mark_dirty(s.get());
        const double scale = std::min(w / p.width, h / p.height);
        cairo_save(mCr);
        cairo_translate(mCr, x + (w - p.width * scale) / 2, y + (h - p.height * scale) / 2);
        cairo_scale(mCr, scale, scale);
        cairo_set_source_surface(mCr, s.get(), 0, 0);
        cairo_pattern_set_filter(cairo_get_source(mCr), CAIRO_FILTER_GOOD);
        cairo_rectangle(mCr, 0, 0, p.width, p.height);
        cairo_fill(mCr);
        cairo_restore(mCr);
        // A hairline frame: a picture with a white background still reads as one.
        colour(kRule);
        cairo_set_line_width(mCr, 0.6);
        cairo_rectangle(mCr, x + (w - p.width * scale) / 2, y + (h - p.height * scale) / 2, p.width * scale, p.height * scale);
        cairo_stroke(mCr);
    }

    // The scale as eleven chips with their numbers, and what its ends mean.
    void legend() {
        constexpr double chipW = 24, chipH = 13, gap = 3;
        font(9, true);
        const std::string label = mWords.text("report.scale");
        text(kMarginPt, mY + chipH - 3, label, kMuted);
        const double x0 = kMarginPt + std::max(60.0, width(label) + 12);
        font(8);
        for (int r = 0; r <= 10; ++r) {
            const double x = x0 + r * (chipW + gap);
            chip(x, mY, chipW, chipH, r);
            textCentred(x + chipW / 2, mY + chipH + 10, std::to_string(r));
        }
        font(8);
        text(x0 + 11 * (chipW + gap) + 6, mY + chipH - 3, mWords.text("report.scale_none") + " · " + mWords.text("report.scale_most"), kMuted);
        mY += chipH + 16;
    }

    void ratings() {
        const auto sorted = highestFirst(mMap->map);
        Table t;
        t.heading = mWords.text("report.ratings");
        t.columns = {{mWords.text("report.col_region"), 150}, {mWords.text("report.col_rating"), 70}, {mWords.text("report.col_note"), kContentWidthPt - 220}};
        for (const TensionRating* r : sorted)
            t.rows.push_back({boldCell(mWords.region(r->region)), ratingCell(std::clamp(r->rating, 0, 10)), plainCell(r->note)});
        section(t.heading, kKeepWithHeadingPt);
        if (t.rows.empty())
            line(mWords.text("report.no_ratings"), 9.5, kMuted);
        else
            table(t);
        if (!mMap->map.resource.empty() || !mMap->map.tension.empty()) {
            const auto named = [&](const std::string& id) { return id.empty() ? mWords.text("report.pendulation_open") : mWords.region(id); };
            mY += 8;
            line(fillIn(fillIn(mWords.text("report.pendulation"), "resource", named(mMap->map.resource)), "tension", named(mMap->map.tension)), 9.5);
        }
    }

    // ---- both: the exercises and their check-ins
    void exercises() {
        std::vector<const ClientSession*> chosen;
        for (const auto& s : mClient.sessions)
            if (mDesc.scope == ReportScope::Client || s.when.substr(0, 10) == mMap->when.substr(0, 10)) chosen.push_back(&s);
        std::stable_sort(chosen.begin(), chosen.end(), [](const ClientSession* a, const ClientSession* b) { return a->when > b->when; });
        Table t;
        t.heading = mWords.text("report.exercises");
        t.columns = {{mWords.text("report.col_date"), 136},
                     {mWords.text("report.col_exercise"), 124},
                     {mWords.text("report.col_variant"), 45},
                     {mWords.text("report.col_before"), (kContentWidthPt - 305) / 2},
                     {mWords.text("report.col_after"), (kContentWidthPt - 305) / 2}};
        const auto checkIn = [&](const std::optional<int>& v, const std::string& region) {
            if (!v) return plainCell(mWords.text("report.not_answered"));
            return ratingCell(std::clamp(*v, 0, 10), region.empty() ? std::string() : mWords.region(region));
        };
        for (const ClientSession* s : chosen) {
            const auto title = mDesc.exerciseTitles.find(s->exercise);
            t.rows.push_back({plainCell(mWords.date(s->when)), plainCell(title != mDesc.exerciseTitles.end() ? title->second : s->exercise),
                              plainCell(mWords.variant(s->variant)), checkIn(s->before, s->beforeRegion), checkIn(s->after, s->afterRegion)});
        }
        section(t.heading, kKeepWithHeadingPt);
        if (t.rows.empty())
            line(mWords.text(mDesc.scope == ReportScope::Session ? "report.no_exercises_day" : "report.no_exercises"), 9.5, kMuted);
        else
            table(t);
    }

    // ---- client: regions against the dates of the maps
    std::vector<const DatedMap*> shownMaps() const {
        auto maps = mapsByDate(mClient);
        if (maps.size() > std::size_t(kMapsOverTime)) maps.erase(maps.begin(), maps.end() - kMapsOverTime);
        return maps;
    }
    // Every region ever rated, the highest latest rating first.
    std::vector<std::pair<std::string, int>> regionsByLatest() const {
        std::vector<std::pair<std::string, int>> out;
        const auto maps = mapsByDate(mClient);
        for (auto m = maps.rbegin(); m != maps.rend(); ++m)
            for (const auto& r : (*m)->map.ratings)
                if (std::none_of(out.begin(), out.end(), [&](const auto& e) { return e.first == r.region; }))
                    out.emplace_back(r.region, std::clamp(r.rating, 0, 10));
        std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
            if (a.second != b.second) return a.second > b.second;
            return atlasOrder(a.first) < atlasOrder(b.first);
        });
        return out;
    }
    // Column titles: "7 dec" over the year, or over the time where two
    // maps share a day.
    std::vector<std::string> dateTitles(const std::vector<const DatedMap*>& maps) const {
        std::vector<std::string> titles;
        for (std::size_t i = 0; i < maps.size(); ++i) {
            const std::string day = maps[i]->when.substr(0, 10);
            const bool shared = (i > 0 && maps[i - 1]->when.substr(0, 10) == day) || (i + 1 < maps.size() && maps[i + 1]->when.substr(0, 10) == day);
            titles.push_back(mWords.shortDate(maps[i]->when) + "\n" + (shared ? mWords.time(maps[i]->when) : mWords.year(maps[i]->when)));
        }
        return titles;
    }

    void overTime() {
        const auto maps = shownMaps();
        const auto regionsSorted = regionsByLatest();
        Table t;
        t.heading = mWords.text("report.over_time");
        const double regionWidth = 140;
        const double dateWidth = maps.empty() ? 0 : std::min(60.0, (kContentWidthPt - regionWidth) / double(maps.size()));
        t.columns.push_back({mWords.text("report.col_region"), regionWidth});
        const auto titles = dateTitles(maps);
        for (const auto& title : titles) t.columns.push_back({title, dateWidth});
        for (const auto& [region, latest] : regionsSorted) {
            std::vector<Cell> row{boldCell(mWords.region(region))};
            for (const DatedMap* m : maps) {
                const auto r = ratingIn(m->map, region);
                row.push_back(r ? ratingCell(*r) : plainCell(mWords.text("report.not_answered")));
            }
            t.rows.push_back(std::move(row));
        }
        section(t.heading, kKeepWithHeadingPt);
        if (mClient.maps.size() > std::size_t(kMapsOverTime)) {
            std::string s = fillIn(mWords.text("report.maps_shown"), "shown", std::to_string(kMapsOverTime));
            line(fillIn(s, "maps", std::to_string(mClient.maps.size())), 9, kMuted);
            mY += 4;
        }
        if (t.rows.empty())
            line(mWords.text(maps.empty() ? "report.maps_none" : "report.no_ratings"), 9.5, kMuted);
        else
            table(t);
    }

    // Small bar charts, three to a row: one region each, a bar per map.
    void charts() {
        const auto maps = shownMaps();
        auto regionsSorted = regionsByLatest();
        if (maps.size() < 2 || regionsSorted.empty()) return; // one map has no course to show
        if (regionsSorted.size() > std::size_t(kChartRegions)) regionsSorted.resize(kChartRegions);
        constexpr double gap = 16, chartHeight = 118;
        const double chartWidth = (kContentWidthPt - 2 * gap) / 3;
        const std::string title = mWords.text("report.charts");
        section(title, chartHeight);
        for (std::size_t i = 0; i < regionsSorted.size(); ++i) {
            const std::size_t column = i % 3;
            if (column == 0 && i > 0) mY += chartHeight + 8;
            if (column == 0 && !fits(chartHeight)) {
                breakPage();
                heading(title, true);
            }
            chart(regionsSorted[i].first, maps, kMarginPt + double(column) * (chartWidth + gap), mY, chartWidth, chartHeight);
        }
        mY += chartHeight + 8;
    }
    void chart(const std::string& region, const std::vector<const DatedMap*>& maps, double x, double y, double w, double h) {
        font(9, true);
        text(x, y + 10, mWords.region(region));
        constexpr double axisPt = 14; // the numbers 0, 5, 10 at the left
        const double plotX = x + axisPt, plotW = w - axisPt;
        const double plotTop = y + 26, plotBottom = y + h - 20, plotH = plotBottom - plotTop;
        font(6.5);
        for (int v : {0, 5, 10}) {
            const double ly = plotBottom - plotH * v / 10.0;
            rule(ly, plotX, plotX + plotW, v == 0 ? kMuted : kRule, v == 0 ? 0.6 : 0.4);
            textRight(plotX - 3, ly + 2.3, std::to_string(v), kMuted);
        }
        const double slot = plotW / double(maps.size());
        const double barW = std::min(14.0, slot * 0.62);
        // Dates under every bar where they fit, else under every second or
        // third, counted back from the newest, which is always named.
        font(6.5);
        double widest = 0;
        for (const DatedMap* m : maps) widest = std::max(widest, width(mWords.shortDate(m->when)));
        const std::size_t every = std::size_t(std::ceil((widest + 3) / slot));
        for (std::size_t i = 0; i < maps.size(); ++i) {
            const double cx = plotX + slot * (double(i) + 0.5);
            const auto r = ratingIn(maps[i]->map, region);
            font(6.5);
            if ((maps.size() - 1 - i) % every == 0) textCentred(cx, plotBottom + 9, mWords.shortDate(maps[i]->when), kMuted);
            if (!r) { // not rated on that map: a dash, so that it does not read as a 0
                textCentred(cx, plotBottom - 3, mWords.text("report.not_answered"), kMuted);
                continue;
            }
            const double barH = std::max(1.2, plotH * *r / 10.0); // a 0 still shows as a sliver: rated, not missing
            box(cx - barW / 2, plotBottom - barH, barW, barH, scaleColour(*r));
            font(6.5, true);
            textCentred(cx, plotBottom - barH - 2.5, std::to_string(*r));
        }
    }

    const ReportDesc& mDesc;
    const ClientRecord& mClient;
    const DatedMap* mMap; // Session: the map reported on
    Words mWords;
    Target& mTarget;
    int mPageCount; // 0 while counting
    SurfacePtr mMeasureSurface;
    ContextPtr mMeasure;
    cairo_t* mCr = nullptr;
    int mPage = 0;
    double mY = 0;
};

// ---- the entry points ------------------------------------------------------------

Status checkPicture(const ReportPicture& p, const char* which) {
    if (p.width == 0 && p.height == 0 && p.rgba.empty()) return Ok{};
    if (p.width <= 0 || p.height <= 0 || p.rgba.size() != std::size_t(p.width) * std::size_t(p.height) * 4)
        return Error{"report.input", fmt::format("the {} picture holds {} bytes, but {} x {} RGBA pixels are {}", which, p.rgba.size(), p.width,
                                                 p.height, std::size_t(std::max(p.width, 0)) * std::size_t(std::max(p.height, 0)) * 4)};
    return Ok{};
}

// The map a Session report is about (nullptr for Client), or why there is none.
Result<const DatedMap*> chosenMap(const ReportDesc& desc) {
    if (!desc.client) return Error{"report.input", "a report needs a client record, and none was given"};
    for (auto [p, which] : {std::pair{&desc.front, "front"}, std::pair{&desc.back, "back"}})
        if (auto ok = checkPicture(*p, which); !ok) return ok.error();
    if (desc.scope == ReportScope::Client) return static_cast<const DatedMap*>(nullptr);
    const auto& maps = desc.client->maps;
    if (maps.empty()) return Error{"report.input", "this client has no tension map yet, so there is no session to report on"};
    if (desc.map == -1) return mapsByDate(*desc.client).back();
    if (desc.map < 0 || desc.map >= int(maps.size()))
        return Error{"report.input", fmt::format("there is no tension map {}: this client has {} (0 to {}), or -1 for the latest", desc.map,
                                                 maps.size(), maps.size() - 1)};
    return &maps[std::size_t(desc.map)];
}

int countPages(const ReportDesc& desc, const DatedMap* map) {
    CountingTarget counting;
    return Painter(desc, map, counting, 0).run();
}

Status writeReportFile(const std::filesystem::path& file, std::string_view bytes) {
    AtomicWriteDesc wd;
    wd.mode = 0600; // health data: this user's alone
    if (auto written = writeFileAtomically(file, bytes, wd); !written) return Error{"report.write", written.error().message};
    return Ok{};
}

} // namespace

std::filesystem::path reportPageFile(const std::filesystem::path& file, int page) {
    if (page == 0) return file;
    return file.parent_path() / (file.stem().string() + "-" + std::to_string(page + 1) + file.extension().string());
}

Status writeReportPdf(const ReportDesc& desc, const std::filesystem::path& file) {
    auto map = chosenMap(desc);
    if (!map) return map.error();
    const int pages = countPages(desc, *map);
    PdfTarget pdf(reportTitle(desc, Words(desc.lang)));
    Painter(desc, *map, pdf, pages).run();
    auto bytes = pdf.finish();
    if (!bytes) return Error{"report.write", fmt::format("{}: the report could not be drawn ({})", file.string(), bytes.error().message)};
    return writeReportFile(file, *bytes);
}

Status writeReportPng(const ReportDesc& desc, const std::filesystem::path& file, double dpi) {
    auto map = chosenMap(desc);
    if (!map) return map.error();
    if (!(dpi >= 18 && dpi <= 1200)) return Error{"report.input", fmt::format("{} dpi is not a resolution for a page (18 to 1200)", dpi)};
    const int pages = countPages(desc, *map);
    PngTarget png(dpi);
    Painter(desc, *map, png, pages).run();
    auto drawn = png.finish();
    if (!drawn) return Error{"report.write", fmt::format("{}: the report could not be drawn ({})", file.string(), drawn.error().message)};
    for (std::size_t i = 0; i < drawn->size(); ++i)
        if (auto w = writeReportFile(reportPageFile(file, int(i)), (*drawn)[i]); !w) return w;
    return Ok{};
}

} // namespace soma
