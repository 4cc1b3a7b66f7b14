// model/RegionAtlas: the named regions of the body that narration, scripts,
// tension maps and saved records refer to.
//
// Ids are snake_case and stable forever (saved records use them). Side is
// the client's own point of view: psoas_left is in the figure's own left
// half (+x in figure space, see body/Figure.h), whatever a camera shows.
// Surface regions tile the skin through per-vertex weights; internal ones
// are the anatomy parts inside it. At most kMaxRegions, so the renderer can
// hold one intensity per region in a uniform array.
//
// Neighbours: which regions border on each other in the body (skin that
// meets, or an inner part and the surface it lies under), so an exercise
// can keep two places apart (pendulation never offers the shoulder's
// neighbour, the neck, as the easy place). Anatomy, not the figure's
// triangles: the figure's tiling may change, what touches what does not.
//
// Depends on nothing but the standard library. Must never change an id.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace soma {

inline constexpr int kMaxRegions = 64;

enum class Side : std::uint8_t { Left, Right, Center };
enum class Layer : std::uint8_t { Surface, Internal };

const char* toString(Side side);   // "left", "right", "center"
const char* toString(Layer layer); // "surface", "internal"

struct Region {
    std::string id;     // "psoas_left"
    std::string nameNl; // "linker psoas"
    std::string nameEn; // "left psoas"
    Side side = Side::Center;
    Layer layer = Layer::Surface;
};

// The region as narration names it, with the person's own possessive:
// "je linkerschouder", "your left shoulder", and where a name does not read
// after "je"/"your", the phrase that does ("de kruin van je hoofd", "the
// crown of your head"). Dutch for "nl" and its regional tags, English
// otherwise.
std::string regionPhrase(const Region& region, std::string_view lang);

// All regions, in a fixed order; the index is what FigureVertex::regions holds.
const std::vector<Region>& regions();

// Index of an id, or nullopt.
std::optional<int> regionIndex(std::string_view id);

// The valid ids nearest to a misspelt one (edit distance), best first, for
// "did you mean" in error messages.
std::vector<std::string> nearestRegions(std::string_view id, int count = 3);

// Whether two regions border on each other in the body. Symmetric; a
// region is not its own neighbour; false when either id is unknown.
bool adjacent(std::string_view a, std::string_view b);

// A region's neighbours, in atlas order; empty for an unknown id.
std::vector<std::string> neighbours(std::string_view id);

// The neighbour table as written, one entry per region, for the test that
// holds it to its promises (every id known, every region listed, each pair
// written from both sides). Use adjacent() and neighbours() otherwise.
struct NeighbourEntry {
    std::string_view id;
    std::vector<std::string_view> neighbours;
};
const std::vector<NeighbourEntry>& neighbourTable();

} // namespace soma
