// `soma regions [--json]`: the region atlas, for people (a table) and for
// scripts and tools (a JSON list of {id, name_nl, name_en, side, layer}).
#include "app/CommandRegistry.h"
#include "core/Json.h"

#include "model/RegionAtlas.h"

#include <fmt/format.h>

#include <cstdio>
#include <memory>
#include <string>

namespace soma::app {
namespace {

int listRegions(bool json) {
    const auto& atlas = regions();
    if (json) {
        std::string o = "[\n";
        for (size_t i = 0; i < atlas.size(); ++i) {
            const Region& r = atlas[i];
            o += fmt::format("  {{\"id\": {}, \"name_nl\": {}, \"name_en\": {}, \"side\": \"{}\", \"layer\": \"{}\"}}{}\n",
                             jsonString(r.id), jsonString(r.nameNl), jsonString(r.nameEn), toString(r.side),
                             toString(r.layer), i + 1 < atlas.size() ? "," : "");
        }
        o += "]\n";
        std::fputs(o.c_str(), stdout);
        return 0;
    }
    std::printf("%-22s %-7s %-9s %-22s %s\n", "id", "side", "layer", "Nederlands", "English");
    for (const auto& r : atlas)
        std::printf("%-22s %-7s %-9s %-22s %s\n", r.id.c_str(), toString(r.side), toString(r.layer), r.nameNl.c_str(),
                    r.nameEn.c_str());
    std::printf("\n%zu regions. Left and right are the client's own.\n", atlas.size());
    return 0;
}

const CommandRegistrar kRegions(40, "regions", "List the body regions the figure, scripts and tension maps use",
                                [](CLI::App&, CLI::App& sub) -> CommandAction {
                                    auto json = std::make_shared<bool>(false);
                                    sub.add_flag("--json", *json, "Print a JSON list of {id, name_nl, name_en, side, layer}");
                                    return [json] { return listRegions(*json); };
                                });

} // namespace
} // namespace soma::app
