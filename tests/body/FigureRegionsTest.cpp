// Skeleton, skinning weights and the region atlas on the skin.
#include "FigureTestUtil.h"

#include <algorithm>
#include <set>

namespace soma {
namespace {

using test::figure;
using test::region;

TEST(FigureSkeleton, HasTheNamedJointsParentsFirst) {
    auto f = figure();
    ASSERT_TRUE(f);
    EXPECT_GE(f->skeleton.size(), 20u);
    EXPECT_LE(f->skeleton.size(), 255u);
    EXPECT_EQ(f->skeleton[0].parent, -1);
    for (size_t i = 1; i < f->skeleton.size(); ++i) {
        EXPECT_GE(f->skeleton[i].parent, 0);
        EXPECT_LT(f->skeleton[i].parent, int(i)) << f->skeleton[i].name;
    }
    for (const char* n : {"pelvis", "spine_lower", "spine_mid", "chest", "neck", "head", "clavicle_left", "shoulder_left",
                          "elbow_left", "wrist_left", "hand_left", "clavicle_right", "shoulder_right", "elbow_right",
                          "wrist_right", "hand_right", "hip_left", "knee_left", "ankle_left", "toe_left", "hip_right",
                          "knee_right", "ankle_right", "toe_right"})
        test::jointIndex(*f, n);
    // Left joints on the figure's left (+x), mirrored on the right.
    for (const char* n : {"shoulder", "elbow", "wrist", "hip", "knee", "ankle"}) {
        auto l = f->skeleton[test::jointIndex(*f, std::string(n) + "_left")].bindPosition;
        auto r = f->skeleton[test::jointIndex(*f, std::string(n) + "_right")].bindPosition;
        EXPECT_GT(l.x, 0.02f) << n;
        EXPECT_NEAR(l.x, -r.x, 1e-5f) << n;
        EXPECT_NEAR(l.y, r.y, 1e-5f) << n;
    }
}

TEST(FigureWeights, EverySkinVertexIsSkinnedAndInSomeRegion) {
    for (auto b : {BodyBuild::Slim, BodyBuild::Average, BodyBuild::Broad})
        for (int lod : {0, 1}) {
            auto f = figure(b, lod);
            ASSERT_TRUE(f);
            for (const auto& v : f->skin.vertices) {
                int js = 0, rs = 0;
                for (int k = 0; k < 4; ++k) {
                    js += v.jointWeights[k];
                    rs += v.regionWeights[k];
                    ASSERT_LT(v.joints[k], f->skeleton.size());
                    ASSERT_LT(v.regions[k], regions().size());
                    if (v.regionWeights[k]) { ASSERT_EQ(regions()[v.regions[k]].layer, Layer::Surface); }
                }
                ASSERT_EQ(js, 255);
                ASSERT_EQ(rs, 255);
            }
        }
}

TEST(FigureRegions, SurfaceRegionsTileTheSkinWithSoftBorders) {
    auto f = figure();
    ASSERT_TRUE(f);
    std::vector<int> dominant(regions().size(), 0);
    size_t blended = 0;
    for (const auto& v : f->skin.vertices) {
        ++dominant[test::dominantRegion(v)];
        int shared = 0;
        for (int k = 0; k < 4; ++k) shared += v.regionWeights[k] >= 32;
        blended += shared >= 2;
    }
    for (size_t r = 0; r < regions().size(); ++r)
        if (regions()[r].layer == Layer::Surface) { EXPECT_GT(dominant[r], 20) << regions()[r].id << " has no skin of its own"; }
    // Borders are soft: a good share of the skin blends two regions, but
    // most of it clearly belongs to one.
    EXPECT_GT(double(blended), 0.10 * double(f->skin.vertices.size()));
    EXPECT_LT(double(blended), 0.60 * double(f->skin.vertices.size()));
}

TEST(FigureRegions, CentroidsSitWhereTheNamesSay) {
    for (auto b : {BodyBuild::Slim, BodyBuild::Average, BodyBuild::Broad}) {
        auto f = figure(b, 1);
        ASSERT_TRUE(f);
        SCOPED_TRACE(test::buildName(b));
        auto c = [&](const char* id) { return regionCentroid(*f, region(id)); };
        for (const char* side : {"left", "right"}) {
            auto s = [&](const char* base) { return c((std::string(base) + "_" + side).c_str()); };
            EXPECT_LT(s("foot").y, s("lower_leg").y);
            EXPECT_LT(s("lower_leg").y, s("knee").y);
            EXPECT_LT(s("knee").y, s("thigh").y);
            EXPECT_LT(s("thigh").y, s("hip").y);
            EXPECT_LT(s("hand").y, s("forearm").y);
            EXPECT_LT(s("forearm").y, s("elbow").y);
            EXPECT_LT(s("elbow").y, s("upper_arm").y);
            EXPECT_LT(s("upper_arm").y, s("shoulder").y);
            EXPECT_LT(s("buttock").z, s("hip").z);
            EXPECT_LT(s("shoulder_blade").z, 0.0f);
            // The front of the hip lies in front of the hip and above the
            // groin; the groin lies inside (nearer the midline) and above the thigh.
            EXPECT_GT(s("hip_front").z, s("hip").z + 0.03f);
            EXPECT_GT(s("hip_front").y, s("groin").y);
            EXPECT_LT(std::abs(s("groin").x), std::abs(s("hip_front").x));
            EXPECT_LT(std::abs(s("groin").x), std::abs(s("thigh").x));
            EXPECT_GT(s("groin").y, s("thigh").y);
            EXPECT_GT(s("groin").z, s("buttock").z);
        }
        // The client's left is the figure's +x, for every region that has a side.
        for (size_t r = 0; r < regions().size(); ++r) {
            glm::vec3 p = regionCentroid(*f, int(r));
            if (regions()[r].side == Side::Left) { EXPECT_GT(p.x, 0.01f) << regions()[r].id; }
            if (regions()[r].side == Side::Right) { EXPECT_LT(p.x, -0.01f) << regions()[r].id; }
            // The light mesh is not exactly mirror-symmetric; a centre region stays central.
            if (regions()[r].side == Side::Center) { EXPECT_NEAR(p.x, 0.0f, 0.025f) << regions()[r].id; }
        }
        EXPECT_GT(c("crown").y, c("forehead").y);
        EXPECT_GT(c("forehead").y, c("eyes").y);
        EXPECT_GT(c("eyes").y, c("jaw").y);
        EXPECT_GT(c("jaw").y, c("throat").y);
        EXPECT_GT(c("eyes").z, c("back_of_head").z);
        EXPECT_GT(c("throat").z, c("neck").z);
        EXPECT_GT(c("chest").y, c("belly").y);
        EXPECT_GT(c("belly").y, c("lower_belly").y);
        EXPECT_GT(c("chest").z, c("upper_back").z);
        EXPECT_GT(c("belly").z, c("lower_back").z);
        EXPECT_GT(c("upper_back").y, c("lower_back").y);
        // Inside: lungs above the diaphragm, the diaphragm above the pelvic
        // floor, the psoas between them, the spine behind them.
        EXPECT_GT(c("lung_left").y, c("diaphragm").y);
        EXPECT_GT(c("diaphragm").y, c("psoas_left").y);
        EXPECT_GT(c("psoas_left").y, c("pelvic_floor").y);
        EXPECT_LT(c("spine").z, c("diaphragm").z);
        EXPECT_EQ(regionCentroid(*f, -1), glm::vec3(0.0f));
    }
}

TEST(FigureRegions, LeftAndRightAreMirrorImages) {
    auto f = figure(BodyBuild::Average, 0);
    ASSERT_TRUE(f);
    for (size_t r = 0; r < regions().size(); ++r) {
        const std::string& id = regions()[r].id;
        if (regions()[r].side == Side::Center) {
            EXPECT_NEAR(regionCentroid(*f, int(r)).x, 0.0f, 0.012f) << id;
            continue;
        }
        // The lungs are not mirror images (the heart takes room on the left).
        if (regions()[r].side != Side::Left || id.rfind("lung", 0) == 0) continue;
        std::string other = id.substr(0, id.size() - 4) + "right";
        glm::vec3 l = regionCentroid(*f, int(r)), m = regionCentroid(*f, region(other.c_str()));
        EXPECT_LT(glm::length(l - glm::vec3(-m.x, m.y, m.z)), 0.012f) << id << " and " << other;
    }
}

TEST(FigureRegions, PsoasAndLungsLieOnTheirOwnSide) {
    auto f = figure();
    ASSERT_TRUE(f);
    for (const auto& part : f->anatomy) {
        float minX = 1e9f, maxX = -1e9f, minY = 1e9f, maxY = -1e9f;
        for (const auto& v : part.mesh.vertices) {
            minX = std::min(minX, v.position.x);
            maxX = std::max(maxX, v.position.x);
            minY = std::min(minY, v.position.y);
            maxY = std::max(maxY, v.position.y);
        }
        if (part.region == "psoas_left" || part.region == "lung_left") { EXPECT_GT(minX, 0.0f) << part.region; }
        if (part.region == "psoas_right" || part.region == "lung_right") { EXPECT_LT(maxX, 0.0f) << part.region; }
        if (part.region.rfind("psoas", 0) == 0) {
            // From the lower thoracic spine down past the hip joint to the thigh.
            const auto& L = f->landmarks;
            EXPECT_GT(maxY, L.navel + 0.05f) << part.region;
            EXPECT_LT(minY, f->skeleton[test::jointIndex(*f, "hip_left")].bindPosition.y - 0.03f) << part.region;
        }
    }
}

TEST(FigureWeights, LimbsFollowTheirOwnJoints) {
    auto f = figure();
    ASSERT_TRUE(f);
    auto chain = [&](const FigureVertex& v) { return f->skeleton[test::dominantJoint(v)].name; };
    auto endsWith = [](const std::string& s, const std::string& e) {
        return s.size() >= e.size() && s.compare(s.size() - e.size(), e.size(), e) == 0;
    };
    size_t checked = 0;
    for (const auto& v : f->skin.vertices) {
        int r = test::dominantRegion(v);
        const std::string& id = regions()[r].id;
        if (id == "foot_left" || id == "lower_leg_left" || id == "hand_left" || id == "forearm_left") {
            EXPECT_TRUE(endsWith(chain(v), "_left")) << id << " follows " << chain(v);
            ++checked;
        }
        if (id == "thigh_right" && v.position.y < f->landmarks.crotch - 0.05f) { EXPECT_EQ(chain(v), "hip_right"); }
        // The inner thighs never follow the other leg.
        if (id == "thigh_left")
            for (int k = 0; k < 4; ++k)
                if (v.jointWeights[k]) { EXPECT_FALSE(endsWith(f->skeleton[v.joints[k]].name, "_right")); }
    }
    EXPECT_GT(checked, 100u);
}

} // namespace
} // namespace soma
