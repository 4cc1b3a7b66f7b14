// report/Report: a printable report for a therapist, of one session (a
// tension map with the heat map on the figure, its ratings and notes, and
// the exercises of that day) or of a client over time (the regions against
// the dates of their maps, a small bar chart per region, every exercise
// with its check-ins). A4 portrait, as a PDF or as PNG pictures of the
// pages, drawn by the same code with cairo; every word in the therapist's
// language, from catalog/, every rating in model/TensionColour's scale.
//
// Depends on core/ (atomic writes), model/ (regions, the colour scale),
// records/ (what a client record holds), catalog/ and cairo. Must never
// write anything but the file(s) it was asked to, and never on its own
// account: a report is a client's health data in the clear, written only
// when the therapist asks for it, readable by this user alone (0600). It
// logs nothing of what it draws.
#pragma once

#include "core/Result.h"
#include "records/ClientRecord.h"

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace soma {

// RGBA8 pixels, row 0 at the top, as render/Image holds them (the caller
// copies, so this module needs no renderer). Alpha is honoured: what is
// transparent shows the white paper.
struct ReportPicture {
    int width = 0, height = 0;
    std::vector<std::uint8_t> rgba; // width * height * 4
};

enum class ReportScope {
    Session, // one tension map and the exercises on its day
    Client,  // every map over time (the last 8 in the table) and every exercise
};

struct ReportDesc {
    std::string lang = "en"; // every word in the therapist's language (catalog/)
    const ClientRecord* client = nullptr;
    ReportScope scope = ReportScope::Session;
    int map = -1;               // Session: index into client->maps; -1: the latest (by date)
    ReportPicture front, back;  // Session: the chosen map as a heat map on the figure, drawn by the caller;
                                // left empty, the pictures are left out
    std::map<std::string, std::string> exerciseTitles; // exercise id -> its title in lang; missing: the id
    std::string generated;      // local time the report was made, "2026-12-07T10:15:00" (the footer; tests fix it)
};

// A4 portrait, as many pages as the content needs; text is real text
// (searchable, copyable), the pictures embedded.
// Errors: "report.input" for a desc without a client, a map index out of
// range, a Session report of a client without maps, or a picture whose
// pixels do not match its size; "report.write" naming the file and why.
Status writeReportPdf(const ReportDesc& desc, const std::filesystem::path& file);

// The same pages as PNG pictures at `dpi` (110: about 910 x 1286 pixels):
// page 1 to `file`, page 2 to "<stem>-2<ext>" beside it ("report.png",
// "report-2.png", ...), and so on. Pages a longer report left there before
// are not removed (this writes only where asked). Errors as above.
Status writeReportPng(const ReportDesc& desc, const std::filesystem::path& file, double dpi = 110);

// The file page `page` (0-based) of a PNG report goes to.
std::filesystem::path reportPageFile(const std::filesystem::path& file, int page);

} // namespace soma
