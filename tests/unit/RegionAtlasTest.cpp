// model/RegionAtlas's neighbour table: every id in it is an atlas id, every
// region has its line, each pair is written from both sides, no region is
// its own neighbour, and adjacent()/neighbours() answer from it (symmetric,
// false for unknown ids).
#include "model/RegionAtlas.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

namespace soma {
namespace {

TEST(RegionAtlas, EveryIdInTheNeighbourTableIsAnAtlasRegion) {
    for (const NeighbourEntry& e : neighbourTable()) {
        EXPECT_TRUE(regionIndex(e.id).has_value()) << "unknown region '" << e.id << "' has a line";
        for (std::string_view n : e.neighbours) EXPECT_TRUE(regionIndex(n).has_value()) << e.id << " names unknown region '" << n << "'";
    }
}

TEST(RegionAtlas, EveryRegionHasOneLineWithNeighbours) {
    std::map<std::string, int> lines;
    for (const NeighbourEntry& e : neighbourTable()) {
        ++lines[std::string(e.id)];
        EXPECT_FALSE(e.neighbours.empty()) << e.id;
    }
    for (const Region& r : regions()) EXPECT_EQ(lines[r.id], 1) << r.id << " needs exactly one line in the neighbour table";
}

TEST(RegionAtlas, NeighboursAreWrittenFromBothSides) {
    std::map<std::string_view, std::set<std::string_view>> written;
    for (const NeighbourEntry& e : neighbourTable())
        for (std::string_view n : e.neighbours) {
            EXPECT_NE(n, e.id) << e.id << " lists itself";
            EXPECT_TRUE(written[e.id].insert(n).second) << e.id << " lists " << n << " twice";
        }
    for (const auto& [id, ns] : written)
        for (std::string_view n : ns) EXPECT_TRUE(written[n].count(id)) << id << " lists " << n << ", but " << n << " does not list " << id;
}

TEST(RegionAtlas, AdjacentIsSymmetricAndFollowsTheTable) {
    const auto& atlas = regions();
    int pairs = 0;
    for (const Region& a : atlas) {
        EXPECT_FALSE(adjacent(a.id, a.id)) << a.id;
        std::set<std::string> listed;
        for (const std::string& n : neighbours(a.id)) listed.insert(n);
        for (const Region& b : atlas) {
            EXPECT_EQ(adjacent(a.id, b.id), adjacent(b.id, a.id)) << a.id << " / " << b.id;
            EXPECT_EQ(adjacent(a.id, b.id), listed.count(b.id) == 1) << a.id << " / " << b.id;
            pairs += adjacent(a.id, b.id);
        }
    }
    EXPECT_GT(pairs, 2 * int(atlas.size())) << "a table of neighbours, not of a few pairs";
}

TEST(RegionAtlas, TheNeighboursPendulationKeepsApart) {
    // The pairs issue 13 names, and what must stay apart in a body.
    EXPECT_TRUE(adjacent("neck", "shoulder_left"));
    EXPECT_TRUE(adjacent("hand_left", "forearm_left"));
    EXPECT_TRUE(adjacent("psoas_left", "lower_back"));
    EXPECT_TRUE(adjacent("pelvic_floor", "lower_belly"));
    EXPECT_FALSE(adjacent("hand_left", "foot_left"));
    EXPECT_FALSE(adjacent("hand_left", "hand_right"));
    EXPECT_FALSE(adjacent("shoulder_left", "hand_left")) << "the same arm, but not touching";
    EXPECT_FALSE(adjacent("jaw", "no_such_region"));
    EXPECT_FALSE(adjacent("", ""));
    EXPECT_TRUE(neighbours("no_such_region").empty());
    EXPECT_EQ(neighbours("hand_right"), std::vector<std::string>{"forearm_right"});
}

// Every region reads mid-sentence in narration: with the possessive before
// its name, or a whole phrase where the name is a label.
TEST(RegionAtlas, EveryRegionHasASpokenPhrase) {
    for (const Region& r : regions()) {
        const std::string nl = regionPhrase(r, "nl"), en = regionPhrase(r, "en");
        EXPECT_NE(nl.find("je "), std::string::npos) << r.id << ": " << nl;
        EXPECT_NE(en.find("your "), std::string::npos) << r.id << ": " << en;
        // Never "your crown of the head": a label with "the" gets a phrase.
        EXPECT_EQ(en.find("of the"), std::string::npos) << r.id << ": " << en;
        EXPECT_EQ(regionPhrase(r, "nl-BE"), nl);
    }
    EXPECT_EQ(regionPhrase(regions()[size_t(*regionIndex("crown"))], "en"), "the crown of your head");
    EXPECT_EQ(regionPhrase(regions()[size_t(*regionIndex("back_of_head"))], "nl"), "de achterkant van je hoofd");
    EXPECT_EQ(regionPhrase(regions()[size_t(*regionIndex("shoulder_left"))], "nl"), "je linkerschouder");
    EXPECT_EQ(regionPhrase(regions()[size_t(*regionIndex("groin_right"))], "en"), "your right groin");
}

} // namespace
} // namespace soma
