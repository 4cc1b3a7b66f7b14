// Breathing: the belly and lower ribs widen and rise, the chest a little,
// the diaphragm flattens and descends, the lungs fill; feet, head and arms
// stay still.
#include "anim/Poses.h"
#include "FigureTestUtil.h"

#include <glm/geometric.hpp>

#include <algorithm>
#include <cmath>

namespace soma {
namespace {

using test::figure;

struct Motion {
    glm::vec3 mean{0.0f};
    float max = 0.0f;
    int n = 0;
};

Motion skinMotion(const Figure& f, const char* id) {
    const int r = test::region(id);
    Motion m;
    for (const auto& v : f.skin.vertices)
        if (test::dominantRegion(v) == r) {
            m.mean += v.breathDelta;
            m.max = std::max(m.max, glm::length(v.breathDelta));
            ++m.n;
        }
    if (m.n) m.mean /= float(m.n);
    return m;
}

const AnatomyPart* part(const Figure& f, const std::string& id) {
    for (const auto& a : f.anatomy)
        if (a.region == id) return &a;
    return nullptr;
}

TEST(Breath, MovesTheTorsoAndNotTheFeet) {
    for (auto b : {BodyBuild::Slim, BodyBuild::Average, BodyBuild::Broad}) {
        auto f = figure(b);
        ASSERT_TRUE(f);
        SCOPED_TRACE(test::buildName(b));
        for (const char* still : {"foot_left", "foot_right", "lower_leg_left", "knee_right", "thigh_left", "crown", "eyes",
                                  "jaw", "hand_left", "forearm_right", "elbow_left"})
            EXPECT_EQ(skinMotion(*f, still).max, 0.0f) << still;
        Motion belly = skinMotion(*f, "belly"), chest = skinMotion(*f, "chest");
        EXPECT_GT(belly.mean.z, 0.006f); // forward
        EXPECT_GT(belly.max, 0.012f);
        EXPECT_GT(chest.mean.z, 0.0015f);
        EXPECT_GT(chest.mean.y, 0.0f); // rises a little
        EXPECT_LT(chest.max, belly.max); // less than the belly
        // The lower ribs widen outwards on both sides.
        EXPECT_GT(skinMotion(*f, "side_left").mean.x, 0.002f);
        EXPECT_LT(skinMotion(*f, "side_right").mean.x, -0.002f);
        // The whole skin grows a little: about 1-3 litres.
        double litres = (test::meshVolume(f->skin, 1.0f) - test::meshVolume(f->skin, 0.0f)) * 1000.0;
        EXPECT_GT(litres, 0.5);
        EXPECT_LT(litres, 4.0);
    }
}

TEST(Breath, DiaphragmFlattensAndDescends) {
    auto f = figure();
    ASSERT_TRUE(f);
    const AnatomyPart* d = part(*f, "diaphragm");
    ASSERT_TRUE(d);
    float top = -1e9f, rim = 1e9f, topNow = -1e9f;
    for (const auto& v : d->mesh.vertices) {
        EXPECT_LT(v.breathDelta.y, 0.0f);
        top = std::max(top, v.position.y);
        rim = std::min(rim, v.position.y);
        topNow = std::max(topNow, v.position.y + v.breathDelta.y);
    }
    float rimNow = 1e9f;
    for (const auto& v : d->mesh.vertices) rimNow = std::min(rimNow, v.position.y + v.breathDelta.y);
    EXPECT_LT(topNow, top - 0.015f);                      // the dome descends
    EXPECT_LT(topNow - rimNow, 0.8f * (top - rim));        // and flattens
    for (const char* lung : {"lung_left", "lung_right"}) {
        const AnatomyPart* l = part(*f, lung);
        ASSERT_TRUE(l);
        EXPECT_GT(test::meshVolume(l->mesh, 1.0f), 1.08 * test::meshVolume(l->mesh, 0.0f)) << lung;
    }
    for (const char* still : {"psoas_left", "psoas_right", "spine"}) {
        const AnatomyPart* p = part(*f, still);
        ASSERT_TRUE(p);
        for (const auto& v : p->mesh.vertices) ASSERT_EQ(glm::length(v.breathDelta), 0.0f) << still;
    }
}

TEST(Breath, LyingOnTheBackTheBellyRisesUp) {
    auto f = figure(BodyBuild::Average, 1);
    ASSERT_TRUE(f);
    std::vector<glm::mat4> m;
    poseMatrices(*f, "", "supine", 1.0f, m);
    const int belly = test::region("belly"), foot = test::region("foot_left");
    float rise = 0.0f, feet = 0.0f;
    for (const auto& v : f->skin.vertices) {
        float dy = skinPosition(v, 1.0f, m).y - skinPosition(v, 0.0f, m).y;
        int r = test::dominantRegion(v);
        if (r == belly) rise = std::max(rise, dy);
        if (r == foot) feet = std::max(feet, std::abs(dy));
    }
    EXPECT_GT(rise, 0.012f);
    EXPECT_EQ(feet, 0.0f);
}

} // namespace
} // namespace soma
