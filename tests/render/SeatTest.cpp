// The seat under the seated pose, without GL: it carries the body (nothing
// sinks through it, something rests on it), stays clear of the calves,
// follows the figure's build and height, is a closed outward-facing mesh,
// and its weight follows the pose blend.
#include "anim/Poses.h"
#include "body/Figure.h"
#include "render/Seat.h"

#include <glm/glm.hpp>
#include <gtest/gtest.h>

#include <map>
#include <utility>

namespace soma {
namespace {

std::shared_ptr<const Figure> load(BodyBuild build, float heightM) {
    FigureDesc d;
    d.build = build;
    d.heightM = heightM;
    auto f = loadFigure(d);
    EXPECT_TRUE(f.ok());
    return f.ok() ? *f : nullptr;
}

int joint(const Figure& f, const char* name) {
    for (size_t i = 0; i < f.skeleton.size(); ++i)
        if (f.skeleton[i].name == name) return int(i);
    return -1;
}

int dominant(const FigureVertex& v) {
    int best = 0;
    for (int k = 1; k < 4; ++k)
        if (v.jointWeights[k] > v.jointWeights[best]) best = k;
    return v.joints[best];
}

bool overSeat(const SeatShape& s, const glm::vec3& p, float marginM) {
    return std::abs(p.x - s.centre.x) < s.halfWidthM - marginM && std::abs(p.z - s.centre.z) < s.halfDepthM - marginM;
}

} // namespace

TEST(Seat, CarriesTheSeatedBodyOfEveryBuildAndHeight) {
    for (BodyBuild build : {BodyBuild::Slim, BodyBuild::Average, BodyBuild::Broad})
        for (float h : {1.50f, 1.72f, 1.95f}) {
            auto f = load(build, h);
            ASSERT_TRUE(f);
            auto seat = seatFor(*f);
            ASSERT_TRUE(seat.has_value());
            std::vector<glm::mat4> m;
            poseMatrices(*f, "seated", "seated", 1.0f, m);
            const int knees[] = {joint(*f, "knee_left"), joint(*f, "knee_right")};
            const int ankles[] = {joint(*f, "ankle_left"), joint(*f, "ankle_right")};
            int resting = 0, sunk = 0, calvesInside = 0;
            for (const FigureVertex& v : f->skin.vertices) {
                const glm::vec3 p = skinPosition(v, 0.5f, m);
                const int j = dominant(v);
                if (j == knees[0] || j == knees[1] || j == ankles[0] || j == ankles[1]) {
                    // The lower legs hang in front of the seat, never inside it.
                    calvesInside += overSeat(*seat, p, -0.005f) && p.y < seat->heightM - 0.03f;
                    continue;
                }
                if (!overSeat(*seat, p, 0.02f)) continue;
                // The body settles into the cushion by about a centimetre, no more.
                sunk += p.y < seat->heightM - 0.025f;
                resting += p.y < seat->heightM + 0.02f;
            }
            EXPECT_EQ(sunk, 0) << int(build) << " " << h;
            EXPECT_GT(resting, 20) << "the body rests on the seat, it does not float above it (" << int(build) << " " << h << ")";
            EXPECT_EQ(calvesInside, 0) << int(build) << " " << h;
            // It stands on the floor, as wide as the hips.
            EXPECT_EQ(seat->centre.y, 0.0f);
            EXPECT_GT(2.0f * seat->halfWidthM, f->landmarks.hipWidth);
            EXPECT_LT(2.0f * seat->halfWidthM, f->landmarks.hipWidth + 0.15f);
        }
}

TEST(Seat, FollowsTheFiguresHeight) {
    auto small = seatFor(*load(BodyBuild::Average, 1.50f));
    auto tall = seatFor(*load(BodyBuild::Average, 1.95f));
    ASSERT_TRUE(small && tall);
    // Seat height goes with leg length, i.e. with the figure's height.
    EXPECT_NEAR(tall->heightM / small->heightM, 1.95f / 1.50f, 0.06f);
    EXPECT_GT(tall->halfDepthM, small->halfDepthM);
}

TEST(Seat, MeshIsClosedAndFacesOutwards) {
    auto seat = seatFor(*load(BodyBuild::Average, 1.72f));
    ASSERT_TRUE(seat);
    const SeatMesh mesh = seatMesh(*seat);
    ASSERT_GT(mesh.indices.size(), 300u);
    std::map<std::pair<std::uint32_t, std::uint32_t>, int> edges;
    int inward = 0;
    float top = -1e9f;
    for (size_t t = 0; t < mesh.indices.size(); t += 3) {
        const std::uint32_t i[3] = {mesh.indices[t], mesh.indices[t + 1], mesh.indices[t + 2]};
        for (int k = 0; k < 3; ++k) ++edges[{i[k], i[(k + 1) % 3]}];
        const glm::vec3 a = mesh.vertices[i[0]].position, b = mesh.vertices[i[1]].position, c = mesh.vertices[i[2]].position;
        const glm::vec3 n = glm::cross(b - a, c - a);
        // From the seat's vertical axis (at mid-height) out to the face.
        const glm::vec3 mid = (a + b + c) / 3.0f;
        const glm::vec3 out = mid - glm::vec3(seat->centre.x, seat->heightM * 0.5f, seat->centre.z);
        inward += glm::dot(n, out) < 0.0f;
        for (const glm::vec3& p : {a, b, c}) top = std::max(top, p.y);
    }
    EXPECT_EQ(inward, 0);
    // Closed: every directed edge is met once the other way round.
    int open = 0;
    for (const auto& [e, n] : edges) open += n != 1 || edges.count({e.second, e.first}) != 1;
    EXPECT_EQ(open, 0);
    EXPECT_NEAR(top, seat->heightM, 1e-4f);
    for (const SeatVertex& v : mesh.vertices) EXPECT_NEAR(glm::length(v.normal), 1.0f, 1e-3f);
}

TEST(Seat, WeightFollowsThePoseBlend) {
    BodyState s;
    s.pose = "seated";
    EXPECT_EQ(seatWeight(s), 1.0f);
    s.pose = "standing";
    EXPECT_EQ(seatWeight(s), 0.0f);
    s.fromPose = "standing";
    s.pose = "seated";
    for (float t : {0.0f, 0.25f, 0.5f, 1.0f}) {
        s.poseBlend = t;
        EXPECT_FLOAT_EQ(seatWeight(s), t);
    }
    s.fromPose = "seated";
    s.pose = "supine";
    s.poseBlend = 0.3f;
    EXPECT_FLOAT_EQ(seatWeight(s), 0.7f);
    s.pose = "seated";
    EXPECT_FLOAT_EQ(seatWeight(s), 1.0f);
    s.fromPose = "supine";
    s.pose = "standing";
    EXPECT_EQ(seatWeight(s), 0.0f);
    // The seated variants sit on the same seat: it stays while the figure
    // moves between them, and fades with them as with seated.
    s.fromPose = "seated";
    s.pose = "seated_hands_head";
    s.poseBlend = 0.5f;
    EXPECT_FLOAT_EQ(seatWeight(s), 1.0f);
    s.fromPose = "seated_look_left";
    s.pose = "standing";
    s.poseBlend = 0.25f;
    EXPECT_FLOAT_EQ(seatWeight(s), 0.75f);
    s.fromPose.clear();
    s.pose = "seated_hands_chest_belly";
    EXPECT_EQ(seatWeight(s), 1.0f);
}

} // namespace soma
