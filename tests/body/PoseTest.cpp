// Poses and transitions, measured on the skinned mesh as the GPU would draw it.
#include "anim/Poses.h"
#include "FigureTestUtil.h"
#include "model/Vocabulary.h"

#include <glm/geometric.hpp>

#include <algorithm>
#include <cmath>

namespace soma {
namespace {

using test::figure;

struct Box {
    glm::vec3 lo{1e9f}, hi{-1e9f};
};

Box skinnedBox(const Figure& f, const std::vector<glm::mat4>& m, int onlyRegion = -1) {
    Box b;
    for (const auto& v : f.skin.vertices) {
        if (onlyRegion >= 0 && test::dominantRegion(v) != onlyRegion) continue;
        glm::vec3 p = skinPosition(v, 0.0f, m);
        b.lo = glm::min(b.lo, p);
        b.hi = glm::max(b.hi, p);
    }
    return b;
}

glm::vec3 skinnedCentroid(const Figure& f, const std::vector<glm::mat4>& m, const char* id) {
    const int r = test::region(id);
    glm::vec3 s(0.0f);
    int n = 0;
    for (const auto& v : f.skin.vertices)
        if (test::dominantRegion(v) == r) {
            s += skinPosition(v, 0.0f, m);
            ++n;
        }
    return n ? s / float(n) : s;
}

TEST(Pose, IdsAreKnown) {
    EXPECT_EQ(poseIds().size(), 4u);
    for (const char* id : {"supine", "constructive_rest", "seated", "standing"}) EXPECT_TRUE(isPose(id)) << id;
    EXPECT_FALSE(isPose("handstand"));
    EXPECT_FALSE(isPose(""));
}

TEST(Pose, EveryPoseRestsOnTheFloorCentred) {
    for (auto b : {BodyBuild::Slim, BodyBuild::Average, BodyBuild::Broad})
        for (float h : {1.60f, 1.72f, 1.90f}) {
            auto f = figure(b, 1, h);
            ASSERT_TRUE(f);
            std::vector<glm::mat4> m;
            for (const auto& pose : poseIds()) {
                poseMatrices(*f, "", pose, 1.0f, m);
                ASSERT_EQ(m.size(), f->skeleton.size());
                Box box = skinnedBox(*f, m);
                SCOPED_TRACE(pose + " " + test::buildName(b) + " " + std::to_string(h));
                EXPECT_NEAR(box.lo.y, 0.0f, 0.005f);
                EXPECT_NEAR(box.lo.x + box.hi.x, 0.0f, 0.02f);
                EXPECT_NEAR(box.lo.z + box.hi.z, 0.0f, 0.02f);
            }
        }
}

TEST(Pose, LyingPosesLieAlongZHeadTowardsMinusZFaceUp) {
    auto f = figure();
    ASSERT_TRUE(f);
    std::vector<glm::mat4> m;
    for (const char* pose : {"supine", "constructive_rest"}) {
        SCOPED_TRACE(pose);
        poseMatrices(*f, "", pose, 1.0f, m);
        Box box = skinnedBox(*f, m);
        EXPECT_LT(box.hi.y, std::string(pose) == "constructive_rest" ? 0.60f : 0.36f);
        EXPECT_GT(box.hi.z - box.lo.z, std::string(pose) == "supine" ? 1.6f : 1.2f);
        glm::vec3 crown = skinnedCentroid(*f, m, "crown"), eyes = skinnedCentroid(*f, m, "eyes");
        glm::vec3 backOfHead = skinnedCentroid(*f, m, "back_of_head"), pelvis = skinnedCentroid(*f, m, "lower_belly");
        EXPECT_LT(crown.z, pelvis.z - 0.6f); // head towards -z
        EXPECT_GT(eyes.y, backOfHead.y + 0.1f); // face up
        EXPECT_GT(skinnedCentroid(*f, m, "shoulder_left").x, 0.1f); // the figure's left stays +x
        EXPECT_LT(skinnedCentroid(*f, m, "shoulder_right").x, -0.1f);
    }
    // Supine: legs long on the floor. Constructive rest: knees up, soles flat.
    poseMatrices(*f, "", "supine", 1.0f, m);
    EXPECT_LT(skinnedCentroid(*f, m, "knee_left").y, 0.15f);
    poseMatrices(*f, "", "constructive_rest", 1.0f, m);
    EXPECT_GT(skinnedCentroid(*f, m, "knee_left").y, 0.30f);
    for (const char* foot : {"foot_left", "foot_right"}) {
        Box sole = skinnedBox(*f, m, test::region(foot));
        EXPECT_NEAR(sole.lo.y, 0.0f, 0.01f) << foot << " rests on the floor";
        EXPECT_LT(sole.hi.y, 0.12f) << foot << " lies flat";
        EXPECT_GT(sole.hi.z - sole.lo.z, 0.18f) << foot << " points along the floor";
    }
}

TEST(Pose, StandingAndSeatedFaceForwards) {
    auto f = figure();
    ASSERT_TRUE(f);
    std::vector<glm::mat4> m;
    poseMatrices(*f, "", "standing", 1.0f, m);
    Box stand = skinnedBox(*f, m);
    EXPECT_NEAR(stand.hi.y, f->desc.heightM, 0.02f);
    EXPECT_GT(skinnedCentroid(*f, m, "eyes").z, skinnedCentroid(*f, m, "back_of_head").z + 0.1f);
    // Arms hang closer to the body than in the bind pose.
    EXPECT_LT(skinnedCentroid(*f, m, "hand_left").x, regionCentroid(*f, test::region("hand_left")).x - 0.05f);

    poseMatrices(*f, "", "seated", 1.0f, m);
    Box sit = skinnedBox(*f, m);
    EXPECT_LT(sit.hi.y, stand.hi.y - 0.3f);
    glm::vec3 hip = skinnedCentroid(*f, m, "buttock_left"), knee = skinnedCentroid(*f, m, "knee_left");
    EXPECT_GT(knee.z, hip.z + 0.3f); // thighs forward
    EXPECT_NEAR(knee.y, skinnedCentroid(*f, m, "thigh_left").y, 0.08f); // and level
    EXPECT_GT(skinnedCentroid(*f, m, "eyes").z, skinnedCentroid(*f, m, "back_of_head").z + 0.1f);
    Box feet = skinnedBox(*f, m, test::region("foot_left"));
    EXPECT_NEAR(feet.lo.y, 0.0f, 0.01f);
}

TEST(Pose, PosesDiffer) {
    auto f = figure();
    ASSERT_TRUE(f);
    std::vector<std::vector<glm::mat4>> all;
    for (const auto& pose : poseIds()) {
        all.emplace_back();
        poseMatrices(*f, "", pose, 1.0f, all.back());
    }
    for (size_t a = 0; a < all.size(); ++a)
        for (size_t b = a + 1; b < all.size(); ++b) {
            float diff = 0.0f;
            for (size_t j = 0; j < all[a].size(); ++j)
                for (int c = 0; c < 4; ++c) diff = std::max(diff, glm::length(all[a][j][c] - all[b][j][c]));
            EXPECT_GT(diff, 0.1f) << poseIds()[a] << " vs " << poseIds()[b];
        }
}

TEST(Pose, BlendsAreContinuousAndLieBetween) {
    auto f = figure(BodyBuild::Average, 1);
    ASSERT_TRUE(f);
    std::vector<glm::mat4> m0, m1, mHalf, m;
    const auto& skin = f->skin.vertices;
    for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
             {"supine", "constructive_rest"}, {"supine", "seated"}, {"seated", "standing"}, {"constructive_rest", "standing"}}) {
        SCOPED_TRACE(from + " -> " + to);
        poseMatrices(*f, from, to, 0.0f, m0);
        poseMatrices(*f, "", from, 1.0f, m);
        for (size_t j = 0; j < m.size(); ++j)
            for (int c = 0; c < 4; ++c) ASSERT_LT(glm::length(m[j][c] - m0[j][c]), 1e-4f) << "blend 0 is the pose we come from";
        poseMatrices(*f, from, to, 1.0f, m1);
        poseMatrices(*f, "", to, 1.0f, m);
        for (size_t j = 0; j < m.size(); ++j)
            for (int c = 0; c < 4; ++c) ASSERT_LT(glm::length(m[j][c] - m1[j][c]), 1e-4f) << "blend 1 is the pose we go to";
        poseMatrices(*f, from, to, 0.5f, mHalf);
        // Halfway lies between: every joint has turned part of the way, no
        // further than the whole turn from either end.
        auto angle = [](const glm::mat4& x, const glm::mat4& y) {
            glm::mat3 r = glm::transpose(glm::mat3(x)) * glm::mat3(y);
            return std::acos(std::clamp((r[0][0] + r[1][1] + r[2][2] - 1.0f) * 0.5f, -1.0f, 1.0f));
        };
        for (size_t j = 0; j < m0.size(); ++j) {
            float whole = angle(m0[j], m1[j]);
            EXPECT_LE(angle(m0[j], mHalf[j]), whole + 1e-3f) << f->skeleton[j].name;
            EXPECT_LE(angle(mHalf[j], m1[j]), whole + 1e-3f) << f->skeleton[j].name;
        }
        // No jumps: 40 small steps move every vertex a little each.
        std::vector<glm::vec3> prev;
        for (int s = 0; s <= 40; ++s) {
            poseMatrices(*f, from, to, float(s) / 40.0f, m);
            for (size_t i = 0, k = 0; i < skin.size(); i += 211, ++k) {
                glm::vec3 p = skinPosition(skin[i], 0.5f, m);
                if (s > 0) { ASSERT_LT(glm::length(p - prev[k]), 0.12f) << "step " << s << " vertex " << i; }
                if (s == 0) prev.push_back(p); else prev[k] = p;
            }
        }
    }
}

TEST(Pose, SkinningIsLinearBlendOfTheJointMatrices) {
    auto f = figure(BodyBuild::Average, 1);
    ASSERT_TRUE(f);
    // With identity matrices a vertex is its bind position plus the breath.
    std::vector<glm::mat4> id(f->skeleton.size(), glm::mat4(1.0f));
    for (size_t i = 0; i < f->skin.vertices.size(); i += 101) {
        const auto& v = f->skin.vertices[i];
        glm::vec3 p = skinPosition(v, 0.7f, id);
        EXPECT_LT(glm::length(p - (v.position + 0.7f * v.breathDelta)), 1e-5f);
    }
    // Vertices carried by one joint alone move rigidly with it.
    std::vector<glm::mat4> m;
    poseMatrices(*f, "", "seated", 1.0f, m);
    std::vector<const FigureVertex*> rigid;
    const int shin = test::jointIndex(*f, "knee_left");
    for (const auto& v : f->skin.vertices)
        if (v.joints[0] == shin && v.jointWeights[0] == 255) rigid.push_back(&v);
    ASSERT_GT(rigid.size(), 10u);
    for (size_t i = 1; i < rigid.size(); ++i) {
        float bind = glm::length(rigid[i]->position - rigid[0]->position);
        float posed = glm::length(skinPosition(*rigid[i], 0.0f, m) - skinPosition(*rigid[0], 0.0f, m));
        EXPECT_NEAR(bind, posed, 1e-4f);
    }
}

} // namespace
} // namespace soma
