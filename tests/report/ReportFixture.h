// A client record and figure pictures for the report tests: made up, fixed,
// so the PDFs and PNGs they give are the same on every run.
#pragma once

#include "model/RegionAtlas.h"
#include "report/Report.h"

#include <cmath>
#include <string>

namespace soma::test {

// A gradient with a few soft coloured blobs, standing in for the figure
// with its heat map (the report only fits and frames it).
inline ReportPicture syntheticPicture(int width, int height, bool back) {
    ReportPicture p{width, height, std::vector<std::uint8_t>(std::size_t(width) * std::size_t(height) * 4)};
    struct Blob { double x, y, r; std::uint8_t c[3]; };
    const Blob front[] = {{0.30, 0.22, 0.10, {178, 31, 36}}, {0.55, 0.55, 0.14, {250, 179, 77}}, {0.45, 0.85, 0.08, {115, 204, 158}}};
    const Blob behind[] = {{0.50, 0.30, 0.16, {230, 102, 51}}, {0.40, 0.70, 0.10, {219, 224, 115}}};
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            std::uint8_t* px = &p.rgba[(std::size_t(y) * std::size_t(width) + std::size_t(x)) * 4];
            const double fy = double(y) / height;
            double rgb[3] = {235 - 40 * fy, 238 - 30 * fy, 242 - 20 * fy};
            const Blob* blobs = back ? behind : front;
            const int count = back ? 2 : 3;
            for (int b = 0; b < count; ++b) {
                const double dx = double(x) / width - blobs[b].x, dy = fy - blobs[b].y;
                const double w = std::exp(-(dx * dx + dy * dy) / (2 * blobs[b].r * blobs[b].r));
                for (int c = 0; c < 3; ++c) rgb[c] = rgb[c] * (1 - w) + blobs[b].c[c] * w;
            }
            for (int c = 0; c < 3; ++c) px[c] = std::uint8_t(std::lround(rgb[c]));
            px[3] = 255;
        }
    }
    return p;
}

inline TensionRating rated(const char* region, int rating, std::string note = {}) {
    return TensionRating{region, rating, std::move(note), 0};
}

// Three maps over three months, and sessions with check-ins on their days.
inline ClientRecord sampleClient() {
    ClientRecord c;
    c.id = "0123456789abcdef0123456789abcdef";
    c.name = "Noë de Wit";
    c.created = "2026-09-01T09:00:00";
    c.maps.push_back({"2026-09-07T09:30:00", TensionMap{{rated("shoulder_right", 9, "Hoog opgetrokken"), rated("jaw", 8), rated("neck", 7),
                                                        rated("lower_back", 6), rated("hand_left", 2)}}});
    c.maps.push_back({"2026-10-12T14:00:00", TensionMap{{rated("shoulder_right", 8), rated("jaw", 8), rated("neck", 5), rated("lower_back", 5),
                                                        rated("chest", 4), rated("hand_left", 1)}}});
    TensionMap latest{{rated("shoulder_right", 8, "Voelt als één harde knoop; ’s avonds erger"),
                       rated("jaw", 7, "Zegt: \"alsof ik mijn tanden op elkaar moet houden\""),
                       rated("neck", 6, "Stijf bij het opstaan.\nBeter na de ademhaling."),
                       rated("lower_back", 3),
                       rated("hand_left", 1, "Warm en rustig: een goede plek om naar terug te keren"),
                       rated("belly", 4)}};
    latest.resource = "hand_left";
    latest.tension = "shoulder_right";
    c.maps.push_back({"2026-12-07T10:15:00", latest});
    c.sessions.push_back({"2026-09-08T19:00:00", "voo-breath", "nl", "long", 6, 4, "", "", ""});
    c.sessions.push_back({"2026-10-12T14:30:00", "grounding", "nl", "short", 7, 4, "jaw", "jaw", ""});
    c.sessions.push_back({"2026-12-07T10:40:00", "body-scan", "nl", "short", 6, 3, "neck", "", ""});
    c.sessions.push_back({"2026-12-07T16:05:00", "pendulation", "nl", "long", 5, std::nullopt, "shoulder_right", "", ""});
    return c;
}

inline ReportDesc sampleDesc(const ClientRecord& client, const std::string& lang, ReportScope scope) {
    ReportDesc d;
    d.lang = lang;
    d.client = &client;
    d.scope = scope;
    if (scope == ReportScope::Session) {
        d.front = syntheticPicture(240, 400, false);
        d.back = syntheticPicture(240, 400, true);
    }
    if (lang == "nl")
        d.exerciseTitles = {{"body-scan", "Bodyscan"}, {"pendulation", "Pendulatie"}, {"grounding", "Gronden"}};
    else
        d.exerciseTitles = {{"body-scan", "Body scan"}, {"pendulation", "Pendulation"}, {"grounding", "Grounding"}};
    d.generated = "2026-12-07T11:02:00";
    return d;
}

// One map of 40 regions, each with a note long enough to wrap.
inline ClientRecord longClient() {
    ClientRecord c;
    c.name = "Lange kaart";
    TensionMap m;
    for (int i = 0; i < 40; ++i)
        m.ratings.push_back(rated(regions()[std::size_t(i)].id.c_str(), 10 - i / 4,
                                  "Notitie " + std::to_string(i + 1) + ": de spanning kwam en ging tijdens het gesprek, en werd minder toen de "
                                                                       "cliënt de voeten op de grond voelde; volgende keer hier weer naar kijken."));
    c.maps.push_back({"2026-12-07T10:15:00", m});
    return c;
}

} // namespace soma::test
