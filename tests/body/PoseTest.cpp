// Poses and transitions, measured on the skinned mesh as the GPU would draw it.
#include "anim/Poses.h"
#include "FigureTestUtil.h"
#include "body/BodyPlan.h"
#include "model/RegionAtlas.h"
#include "model/Vocabulary.h"

#include <glm/geometric.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <set>
#include <tuple>
#include <unordered_map>

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

const char* const kSeatedVariants[] = {"seated_look_left", "seated_look_right", "seated_hands_chest_belly", "seated_hands_head"};

bool armJoint(int j) { return (j >= kShoulderLeft && j <= kHandLeft) || (j >= kShoulderRight && j <= kHandRight); }

glm::vec3 jointWorld(const Figure& f, const std::vector<glm::mat4>& m, int j) {
    return glm::vec3(m[size_t(j)] * glm::vec4(f.skeleton[size_t(j)].bindPosition, 1.0f));
}

// Degrees a joint's forward (+z in the bind pose) has turned about the
// vertical, positive towards +x (the figure's own left).
float yawDeg(const glm::mat4& m) {
    const glm::vec3 fwd = glm::mat3(m) * glm::vec3(0, 0, 1);
    return glm::degrees(std::atan2(fwd.x, fwd.z));
}

// The closest point to p on triangle abc (Ericson, Real-Time Collision
// Detection, 5.1.5).
glm::vec3 closestOnTriangle(const glm::vec3& p, const glm::vec3& a, const glm::vec3& b, const glm::vec3& c) {
    const glm::vec3 ab = b - a, ac = c - a, ap = p - a;
    const float d1 = glm::dot(ab, ap), d2 = glm::dot(ac, ap);
    if (d1 <= 0.0f && d2 <= 0.0f) return a;
    const glm::vec3 bp = p - b;
    const float d3 = glm::dot(ab, bp), d4 = glm::dot(ac, bp);
    if (d3 >= 0.0f && d4 <= d3) return b;
    const float vc = d1 * d4 - d3 * d2;
    if (vc <= 0.0f && d1 >= 0.0f && d3 <= 0.0f) return a + ab * (d1 / (d1 - d3));
    const glm::vec3 cp = p - c;
    const float d5 = glm::dot(ab, cp), d6 = glm::dot(ac, cp);
    if (d6 >= 0.0f && d5 <= d6) return c;
    const float vb = d5 * d2 - d1 * d6;
    if (vb <= 0.0f && d2 >= 0.0f && d6 <= 0.0f) return a + ac * (d2 / (d2 - d6));
    const float va = d3 * d6 - d5 * d4;
    if (va <= 0.0f && (d4 - d3) >= 0.0f && (d5 - d6) >= 0.0f) return b + (c - b) * ((d4 - d3) / ((d4 - d3) + (d5 - d6)));
    const float denom = 1.0f / (va + vb + vc);
    return a + ab * (vb * denom) + ac * (vc * denom);
}

// The skinned body without its arms, as a surface to measure against: the
// signed distance of a point to it (negative inside), to the triangles
// around the nearest vertex, signed by the side of the nearest triangle.
class BodySurface {
public:
    BodySurface(const Figure& f, const std::vector<glm::mat4>& m) {
        const auto& verts = f.skin.vertices;
        mPosition.resize(verts.size());
        for (size_t i = 0; i < verts.size(); ++i) mPosition[i] = skinPosition(verts[i], 0.0f, m);
        mAround.resize(verts.size());
        for (size_t t = 0; t + 2 < f.skin.indices.size(); t += 3) {
            bool arm = false;
            for (int c = 0; c < 3; ++c) arm |= armJoint(test::dominantJoint(verts[f.skin.indices[t + c]]));
            if (arm) continue;
            for (int c = 0; c < 3; ++c) mAround[f.skin.indices[t + c]].push_back(std::uint32_t(t));
        }
        mIndices = &f.skin.indices;
        for (size_t i = 0; i < verts.size(); ++i) {
            if (mAround[i].empty()) continue;
            mRegion.emplace(i, test::dominantRegion(verts[i]));
            mGrid[key(cell(mPosition[i]))].push_back(std::uint32_t(i));
        }
    }
    struct Near {
        float signedM = 1e9f;
        int region = -1;
        glm::vec3 normal{0.0f};
    };
    Near nearest(const glm::vec3& p) const {
        const glm::ivec3 c = cell(p);
        float best = 1e9f;
        std::uint32_t bestI = 0;
        // Rings of cells outwards until no nearer vertex can be further out.
        for (int r = 0; r < 40 && best > float(r - 1) * kCell; ++r)
            for (int x = -r; x <= r; ++x)
                for (int y = -r; y <= r; ++y)
                    for (int z = -r; z <= r; ++z) {
                        if (std::max({std::abs(x), std::abs(y), std::abs(z)}) != r) continue;
                        auto it = mGrid.find(key(c + glm::ivec3(x, y, z)));
                        if (it == mGrid.end()) continue;
                        for (std::uint32_t i : it->second)
                            if (float d = glm::distance(p, mPosition[i]); d < best) {
                                best = d;
                                bestI = i;
                            }
                    }
        Near n;
        if (best > 1e8f) return n;
        // The nearest point of the triangles around the nearest vertex;
        // where several triangles share it (an edge or the vertex), their
        // normals together say which side the point is on.
        float bestT = 1e9f;
        for (std::uint32_t t : mAround[bestI]) {
            const glm::vec3 a = mPosition[(*mIndices)[t]], b = mPosition[(*mIndices)[t + 1]], cc = mPosition[(*mIndices)[t + 2]];
            bestT = std::min(bestT, glm::distance(p, closestOnTriangle(p, a, b, cc)));
        }
        glm::vec3 side(0.0f), q(0.0f);
        for (std::uint32_t t : mAround[bestI]) {
            const glm::vec3 a = mPosition[(*mIndices)[t]], b = mPosition[(*mIndices)[t + 1]], cc = mPosition[(*mIndices)[t + 2]];
            const glm::vec3 c = closestOnTriangle(p, a, b, cc);
            if (glm::distance(p, c) > bestT + 1e-5f) continue;
            side += glm::normalize(glm::cross(b - a, cc - a));
            q = c;
        }
        n.normal = glm::normalize(side);
        // Inside is behind the triangles (counter-clockwise seen from outside).
        n.signedM = glm::dot(p - q, n.normal) < 0.0f ? -bestT : bestT;
        // Far from the skin the nearest triangles can mislead (a point off a
        // crease); there a ray settles it: from inside it leaves the skin an
        // odd number of times.
        if (n.signedM < -0.01f && !inside(p)) n.signedM = -n.signedM;
        n.region = mRegion.at(bestI);
        return n;
    }

private:
    bool inside(const glm::vec3& o) const {
        const glm::vec3 dir = glm::normalize(glm::vec3(0.31f, 0.83f, 0.47f));
        int crossings = 0;
        for (size_t t = 0; t + 2 < mIndices->size(); t += 3) {
            if (mAround[(*mIndices)[t]].empty()) continue; // an arm's triangle
            const glm::vec3 a = mPosition[(*mIndices)[t]], b = mPosition[(*mIndices)[t + 1]], c = mPosition[(*mIndices)[t + 2]];
            const glm::vec3 e1 = b - a, e2 = c - a, h = glm::cross(dir, e2);
            const float det = glm::dot(e1, h);
            if (std::abs(det) < 1e-12f) continue;
            const glm::vec3 s = o - a;
            const float u = glm::dot(s, h) / det;
            if (u < 0.0f || u > 1.0f) continue;
            const glm::vec3 qv = glm::cross(s, e1);
            const float v = glm::dot(dir, qv) / det;
            if (v < 0.0f || u + v > 1.0f) continue;
            crossings += glm::dot(e2, qv) / det > 0.0f;
        }
        return crossings % 2 == 1;
    }

    static constexpr float kCell = 0.02f;
    static glm::ivec3 cell(const glm::vec3& p) { return glm::ivec3(glm::floor(p / kCell)); }
    static std::int64_t key(const glm::ivec3& c) {
        return (std::int64_t(c.x + 1000) << 40) | (std::int64_t(c.y + 1000) << 20) | std::int64_t(c.z + 1000);
    }
    std::vector<glm::vec3> mPosition;
    std::vector<std::vector<std::uint32_t>> mAround; // the body triangles (first index) around each vertex
    const std::vector<std::uint32_t>* mIndices = nullptr;
    std::unordered_map<std::uint32_t, int> mRegion;
    std::unordered_map<std::int64_t, std::vector<std::uint32_t>> mGrid;
};

TEST(Pose, IdsAreKnown) {
    EXPECT_EQ(poseIds().size(), 8u);
    for (const char* id : {"supine", "constructive_rest", "seated", "standing", "seated_look_left", "seated_look_right",
                           "seated_hands_chest_belly", "seated_hands_head"})
        EXPECT_TRUE(isPose(id)) << id;
    EXPECT_TRUE(sitsOnSeat("seated"));
    EXPECT_TRUE(sitsOnSeat("seated_hands_head"));
    EXPECT_FALSE(sitsOnSeat("standing"));
    EXPECT_FALSE(sitsOnSeat("handstand"));
    EXPECT_FALSE(isPose("handstand"));
    EXPECT_FALSE(isPose(""));
}

TEST(Pose, EveryPoseRestsOnTheFloorCentred) {
    for (auto b : {BodyBuild::Slim, BodyBuild::Average, BodyBuild::Broad})
        for (float h : {1.60f, 1.72f, 1.90f}) {
            auto f = figure(b, 1, h);
            ASSERT_TRUE(f);
            std::vector<glm::mat4> m, seated;
            poseMatrices(*f, "", "seated", 1.0f, seated);
            for (const auto& pose : poseIds()) {
                poseMatrices(*f, "", pose, 1.0f, m);
                ASSERT_EQ(m.size(), f->skeleton.size());
                Box box = skinnedBox(*f, m);
                SCOPED_TRACE(pose + " " + test::buildName(b) + " " + std::to_string(h));
                EXPECT_NEAR(box.lo.y, 0.0f, 0.005f);
                if (sitsOnSeat(pose) && pose != "seated") {
                    // A seated variant sits on seated's chair: the pelvis and
                    // the legs where seated has them.
                    for (int j : {kPelvis, kKneeLeft, kAnkleRight, kToeLeft})
                        EXPECT_LT(glm::distance(jointWorld(*f, m, j), jointWorld(*f, seated, j)), 1e-4f) << f->skeleton[j].name;
                    continue;
                }
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
             {"supine", "constructive_rest"}, {"supine", "seated"}, {"seated", "standing"}, {"constructive_rest", "standing"},
             {"seated", "seated_look_left"}, {"seated_look_right", "seated_look_left"}, {"seated", "seated_hands_chest_belly"},
             {"seated_hands_head", "seated"}, {"seated_hands_chest_belly", "seated_hands_head"}}) {
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

TEST(Pose, SeatedVariantsKeepTheLegsOfSeatedFeetOnTheFloor) {
    for (auto b : {BodyBuild::Slim, BodyBuild::Broad})
        for (float h : {1.60f, 1.90f}) {
            auto f = figure(b, 1, h);
            ASSERT_TRUE(f);
            std::vector<glm::mat4> seated, m;
            poseMatrices(*f, "", "seated", 1.0f, seated);
            for (const char* pose : kSeatedVariants) {
                SCOPED_TRACE(std::string(pose) + " " + test::buildName(b) + " " + std::to_string(h));
                poseMatrices(*f, "", pose, 1.0f, m);
                for (const char* foot : {"foot_left", "foot_right"}) {
                    Box sole = skinnedBox(*f, m, test::region(foot));
                    EXPECT_NEAR(sole.lo.y, 0.0f, 0.01f) << foot << " rests on the floor";
                }
                // Thighs, shins and soles are seated's, to the vertex.
                float moved = 0.0f;
                for (const auto& v : f->skin.vertices) {
                    const int j = test::dominantJoint(v);
                    if (j >= kHipLeft)
                        moved = std::max(moved, glm::distance(skinPosition(v, 0.0f, m), skinPosition(v, 0.0f, seated)));
                }
                EXPECT_LT(moved, 1e-4f);
            }
        }
}

TEST(Pose, SeatedLookTurnsNeckAndHeadToTheFiguresOwnSideEyesLevel) {
    for (auto b : {BodyBuild::Slim, BodyBuild::Average, BodyBuild::Broad})
        for (float h : {1.60f, 1.90f}) {
            auto f = figure(b, 1, h);
            ASSERT_TRUE(f);
            std::vector<glm::mat4> seated, m;
            poseMatrices(*f, "", "seated", 1.0f, seated);
            const float seatedEyesX = skinnedCentroid(*f, seated, "eyes").x;
            for (const char* pose : {"seated_look_left", "seated_look_right"}) {
                SCOPED_TRACE(std::string(pose) + " " + test::buildName(b) + " " + std::to_string(h));
                const float side = std::string(pose) == "seated_look_left" ? 1.0f : -1.0f;
                poseMatrices(*f, "", pose, 1.0f, m);
                const float head = yawDeg(m[kHead]), neck = yawDeg(m[kNeck]);
                EXPECT_GE(side * head, 45.0f);
                EXPECT_LE(side * head, 60.0f);
                // The neck turns too, and the head adds to it: the turn is shared.
                EXPECT_GE(side * neck, 0.3f * side * head);
                EXPECT_LE(side * neck, 0.7f * side * head);
                // Eyes level: the head's left-right axis stays horizontal, and
                // the skinned left and right halves of the eyes stay at one height.
                EXPECT_LT(std::abs((glm::mat3(m[kHead]) * glm::vec3(1, 0, 0)).y), std::sin(glm::radians(1.5f)));
                // (The mesh is not exactly mirror-symmetric, so the halves are
                // compared with the same halves in seated.)
                auto eyeTilt = [&](const std::vector<glm::mat4>& mm) {
                    float y[2]{};
                    int n[2]{};
                    for (const auto& v : f->skin.vertices)
                        if (test::dominantRegion(v) == test::region("eyes") && std::abs(v.position.x) > 0.01f) {
                            const int k = v.position.x > 0.0f;
                            y[k] += skinPosition(v, 0.0f, mm).y;
                            ++n[k];
                        }
                    EXPECT_TRUE(n[0] && n[1]);
                    return y[1] / float(std::max(n[1], 1)) - y[0] / float(std::max(n[0], 1));
                };
                EXPECT_NEAR(eyeTilt(m), eyeTilt(seated), 0.003f);
                // The face itself has gone to that side.
                EXPECT_GT(side * (skinnedCentroid(*f, m, "eyes").x - seatedEyesX), 0.04f);
                // The shoulders stay.
                for (int j : {kShoulderLeft, kShoulderRight, kClavicleLeft, kChest})
                    EXPECT_LT(glm::distance(jointWorld(*f, m, j), jointWorld(*f, seated, j)), 1e-4f) << f->skeleton[j].name;
                for (const char* r : {"shoulder_left", "shoulder_right", "chest"})
                    EXPECT_LT(glm::distance(skinnedCentroid(*f, m, r), skinnedCentroid(*f, seated, r)), 0.005f) << r;
            }
        }
}

// One palm resting on the body: where it lies, how close.
struct Palm {
    float nearestM = 1e9f;  // the hand's vertex nearest the surface, signed (negative: inside)
    float palmMeanM = 1e9f; // over the palm side (skin facing the body): the mean distance
    float palmFarM = 1e9f;  // and the furthest
    int region = -1;        // the body region under the nearest point
    glm::vec3 centre{0.0f};
};

Palm palmOn(const Figure& f, const std::vector<glm::mat4>& m, const BodySurface& body, bool left) {
    const int wrist = left ? kWristLeft : kWristRight, hand = left ? kHandLeft : kHandRight;
    Palm p;
    float sum = 0.0f, far = 0.0f;
    int n = 0, facing = 0;
    for (const auto& v : f.skin.vertices) {
        const int j = test::dominantJoint(v);
        if (j != wrist && j != hand) continue;
        const glm::vec3 q = skinPosition(v, 0.0f, m);
        glm::mat3 r(0.0f);
        for (int k = 0; k < 4; ++k) r += (float(v.jointWeights[k]) / 255.0f) * glm::mat3(m[v.joints[k]]);
        const glm::vec3 normal = glm::normalize(r * v.normal);
        const BodySurface::Near near = body.nearest(q);
        p.centre += q;
        ++n;
        if (near.signedM < p.nearestM) {
            p.nearestM = near.signedM;
            p.region = near.region;
        }
        if (glm::dot(normal, near.normal) < -0.5f && near.signedM < 0.06f) {
            sum += near.signedM;
            far = std::max(far, near.signedM);
            ++facing;
        }
    }
    p.centre /= float(std::max(n, 1));
    if (facing > 3) {
        p.palmMeanM = sum / float(facing);
        p.palmFarM = far;
    }
    return p;
}

TEST(Pose, SeatedHandsRestOnTheSurfaceForEveryBuildAndHeight) {
    struct Want {
        const char* pose;
        bool left;
        std::set<std::string> regions;
    };
    const Want wants[] = {
        {"seated_hands_chest_belly", false, {"chest"}},
        {"seated_hands_chest_belly", true, {"lower_belly", "belly"}},
        {"seated_hands_head", false, {"forehead"}},
        {"seated_hands_head", true, {"back_of_head"}},
    };
    std::vector<std::tuple<BodyBuild, int, float>> figures = {{BodyBuild::Average, 0, 1.72f}};
    for (auto b : {BodyBuild::Slim, BodyBuild::Average, BodyBuild::Broad})
        for (float h : {1.60f, 1.72f, 1.90f}) figures.emplace_back(b, 1, h);
    for (const auto& [b, lod, h] : figures) {
        auto f = figure(b, lod, h);
        ASSERT_TRUE(f);
        std::vector<glm::mat4> m;
        for (const char* pose : {"seated_hands_chest_belly", "seated_hands_head"}) {
            poseMatrices(*f, "", pose, 1.0f, m);
            const BodySurface body(*f, m);
            for (const Want& w : wants) {
                if (std::string(w.pose) != pose) continue;
                SCOPED_TRACE(std::string(pose) + (w.left ? " left" : " right") + " " + test::buildName(b) + " lod " +
                             std::to_string(lod) + " " + std::to_string(h));
                const Palm p = palmOn(*f, m, body, w.left);
                EXPECT_LT(p.nearestM, 0.004f) << "the palm touches the skin";
                EXPECT_GT(p.nearestM, -0.008f) << "and does not sink into it";
                // A flat hand on a rounded head lifts off at its ends (a
                // 15 cm hand on a 9 cm radius: 4 to 5 cm), not more.
                EXPECT_LT(p.palmMeanM, 0.022f) << "it lies flat, not on its edge";
                EXPECT_LT(p.palmFarM, 0.06f) << "the whole palm rests, no part lifts far off";
                EXPECT_TRUE(w.regions.count(regions()[size_t(p.region)].id)) << "it rests on " << regions()[size_t(p.region)].id;
            }
            // Elbows bend the way elbows do: the forearm folds towards the
            // front of the upper arm (the thumb side of the bind pose), never
            // backwards.
            for (int sh : {kShoulderLeft, kShoulderRight}) {
                const glm::vec3 along = glm::normalize(f->skeleton[size_t(sh + 2)].bindPosition - f->skeleton[size_t(sh + 1)].bindPosition);
                const glm::mat3 bend = glm::transpose(glm::mat3(m[size_t(sh)])) * glm::mat3(m[size_t(sh + 1)]);
                EXPECT_GT((bend * along).z, 0.3f) << pose << " " << f->skeleton[size_t(sh)].name;
            }
            // Where on the body, in the figure's own terms.
            const Palm right = palmOn(*f, m, body, false), left = palmOn(*f, m, body, true);
            if (std::string(pose) == "seated_hands_chest_belly") {
                EXPECT_LT(std::abs(right.centre.x), 0.05f * h / 1.72f) << "right hand on the sternum, near the midline";
                EXPECT_LT(left.centre.y, right.centre.y - 0.15f * h / 1.72f) << "left hand well below the right";
                EXPECT_LT(left.centre.y, skinnedCentroid(*f, m, "belly").y) << "below the navel";
            } else {
                const glm::vec3 eyes = skinnedCentroid(*f, m, "eyes"), back = skinnedCentroid(*f, m, "back_of_head");
                EXPECT_GT(right.centre.z, eyes.z) << "the right hand in front of the face";
                EXPECT_GT(right.centre.y, eyes.y) << "over the brow, above the eyes";
                EXPECT_LT(left.centre.z, back.z) << "the left hand behind the head";
            }
        }
    }
}

TEST(Pose, HandsPassNoBodyOnTheWayFromSeated) {
    for (auto b : {BodyBuild::Slim, BodyBuild::Average, BodyBuild::Broad}) {
        auto f = figure(b, 1, 1.72f);
        ASSERT_TRUE(f);
        std::vector<glm::mat4> m;
        for (const char* pose : {"seated_hands_chest_belly", "seated_hands_head"})
            // (Slerp is symmetric: the way back passes the same places.)
            for (const auto& [from, to] : {std::pair<std::string, std::string>{"seated", pose}})
                for (float t : {0.25f, 0.5f, 0.75f, 1.0f}) {
                    SCOPED_TRACE(from + " -> " + to + " at " + std::to_string(t) + " " + test::buildName(b));
                    poseMatrices(*f, from, to, t, m);
                    const BodySurface body(*f, m);
                    // Forearms and hands; the upper arm meets the trunk at the
                    // armpit by construction.
                    float deepest = 0.0f;
                    int deepJoint = -1, deepRegion = -1;
                    for (const auto& v : f->skin.vertices) {
                        const int j = test::dominantJoint(v);
                        if (j != kElbowLeft && j != kWristLeft && j != kHandLeft && j != kElbowRight && j != kWristRight &&
                            j != kHandRight)
                            continue;
                        const BodySurface::Near near = body.nearest(skinPosition(v, 0.0f, m));
                        if (near.signedM < deepest) {
                            deepest = near.signedM;
                            deepJoint = j;
                            deepRegion = near.region;
                        }
                    }
                    EXPECT_GT(deepest, -0.01f) << "the " << (deepJoint >= 0 ? f->skeleton[size_t(deepJoint)].name : "")
                                               << " passes through the " << (deepRegion >= 0 ? regions()[size_t(deepRegion)].id : "");
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
