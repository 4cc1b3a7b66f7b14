// Proportions, measured on the mesh: an adult of about 7.5 head heights,
// shoulders and hips that differ by build, height that scales.
#include "anim/Poses.h"
#include "FigureTestUtil.h"

#include <algorithm>
#include <cmath>

namespace soma {
namespace {

using test::figure;

float topY(const Figure& f) {
    float y = -1e9f;
    for (const auto& v : f.skin.vertices) y = std::max(y, v.position.y);
    return y;
}
float bottomY(const Figure& f) {
    float y = 1e9f;
    for (const auto& v : f.skin.vertices) y = std::min(y, v.position.y);
    return y;
}

bool onArm(const Figure& f, const FigureVertex& v) {
    const std::string& n = f.skeleton[test::dominantJoint(v)].name;
    return n.rfind("shoulder", 0) == 0 || n.rfind("elbow", 0) == 0 || n.rfind("wrist", 0) == 0 || n.rfind("hand", 0) == 0;
}

// Full width (x extent) of the skin's cross-section at height y: where the
// triangle edges cross the plane, so it does not depend on the mesh's
// resolution. Arms left out on request.
float widthAt(const Figure& f, float y, bool withoutArms) {
    float lo = 1e9f, hi = -1e9f;
    const auto& m = f.skin;
    for (size_t t = 0; t < m.indices.size(); t += 3)
        for (int e = 0; e < 3; ++e) {
            const auto& a = m.vertices[m.indices[t + e]];
            const auto& b = m.vertices[m.indices[t + (e + 1) % 3]];
            if ((a.position.y < y) == (b.position.y < y)) continue;
            if (withoutArms && (onArm(f, a) || onArm(f, b))) continue;
            float s = (y - a.position.y) / (b.position.y - a.position.y);
            float x = a.position.x + s * (b.position.x - a.position.x);
            lo = std::min(lo, x);
            hi = std::max(hi, x);
        }
    return hi > lo ? hi - lo : 0.0f;
}

float widthBetween(const Figure& f, float y0, float y1, bool withoutArms) {
    float w = 0.0f;
    for (float y = y0; y <= y1; y += 0.004f) w = std::max(w, widthAt(f, y, withoutArms));
    return w;
}

TEST(FigureProportions, LandmarksFollowTheAdultCanon) {
    for (auto b : {BodyBuild::Slim, BodyBuild::Average, BodyBuild::Broad}) {
        auto f = figure(b);
        ASSERT_TRUE(f);
        const float H = 1.72f;
        const Landmarks& l = f->landmarks;
        SCOPED_TRACE(test::buildName(b));
        EXPECT_NEAR(l.crown, H, 0.01f * H);
        EXPECT_NEAR((l.crown - l.chin) / H, 1.0f / 7.5f, 0.06f / 7.5f); // head height
        EXPECT_NEAR(l.shoulder / H, 0.82f, 0.025f);
        EXPECT_NEAR(l.chest / H, 0.72f, 0.025f);
        EXPECT_NEAR(l.navel / H, 0.60f, 0.025f);
        EXPECT_NEAR(l.crotch / H, 0.47f, 0.02f);
        EXPECT_NEAR(l.knee / H, 0.285f, 0.015f);
        EXPECT_NEAR(l.ankle / H, 0.044f, 0.01f);
        EXPECT_GT(l.shoulderWidth, l.hipWidth * 1.05f);
        // Across the deltoids about a quarter of the height, across the hips about a fifth.
        // The average build close to it, slim and broad either side.
        const float spread = b == BodyBuild::Average ? 0.025f : 0.045f;
        EXPECT_NEAR(l.shoulderWidth / H, 0.265f, spread);
        EXPECT_NEAR(l.hipWidth / H, 0.20f, spread);
    }
}

TEST(FigureProportions, MeshMatchesItsLandmarks) {
    for (auto b : {BodyBuild::Slim, BodyBuild::Average, BodyBuild::Broad}) {
        for (int lod : {0, 1}) {
            auto f = figure(b, lod);
            ASSERT_TRUE(f);
            SCOPED_TRACE(std::string(test::buildName(b)) + " lod " + std::to_string(lod));
            const Landmarks& l = f->landmarks;
            EXPECT_NEAR(topY(*f), l.crown, 0.01f * l.crown);       // the top vertex is the crown
            EXPECT_NEAR(bottomY(*f), 0.0f, 0.01f);                   // soles on y = 0
            // Crotch: where the legs part, the lowest height at which the
            // skin's cross-section still crosses the midline (x = 0).
            auto crossesMidline = [&](float y) {
                const auto& m = f->skin;
                for (size_t t = 0; t < m.indices.size(); t += 3) {
                    float xs[2];
                    int n = 0;
                    for (int e = 0; e < 3 && n < 2; ++e) {
                        glm::vec3 a = m.vertices[m.indices[t + e]].position, c = m.vertices[m.indices[t + (e + 1) % 3]].position;
                        if ((a.y < y) == (c.y < y)) continue;
                        xs[n++] = a.x + (y - a.y) / (c.y - a.y) * (c.x - a.x);
                    }
                    if (n == 2 && (xs[0] < 0.0f) != (xs[1] < 0.0f)) return true;
                }
                return false;
            };
            float crotch = l.navel;
            while (crotch > l.knee && crossesMidline(crotch - 0.002f)) crotch -= 0.002f;
            EXPECT_NEAR(crotch, l.crotch, 0.03f * l.crotch);
            // Shoulders: the width across the deltoids just under the shoulder line.
            EXPECT_NEAR(widthBetween(*f, l.shoulder - 0.05f, l.shoulder - 0.02f, false), l.shoulderWidth, 0.08f * l.shoulderWidth);
            // Hips: the widest slice of the trunk and thighs between crotch and navel.
            EXPECT_NEAR(widthBetween(*f, l.crotch, l.navel, true), l.hipWidth, 0.08f * l.hipWidth);
            // The neck is the narrowest slice between shoulders and chin, the
            // head the widest between chin and crown.
            float neckW = 1e9f, neckY = 0.0f, headW = 0.0f, headY = 0.0f;
            for (float y = l.shoulder; y < l.crown - 0.02f; y += 0.004f) {
                float w = widthAt(*f, y, true);
                if (y < l.chin && w < neckW) { neckW = w; neckY = y; }
                if (y > l.chin && w > headW) { headW = w; headY = y; }
            }
            EXPECT_GT(neckY, l.shoulder);
            EXPECT_LT(neckY, l.chin);
            EXPECT_GT(headY, l.chin + 0.3f * (l.crown - l.chin));
            EXPECT_NEAR(neckW, 0.115f, 0.03f);
            EXPECT_NEAR(headW, 0.155f, lod == 0 ? 0.015f : 0.03f); // the light mesh cuts corners
            // The waist is the narrowest trunk slice between navel and chest
            // (on the full mesh: the light one's long edges bridge the armpit).
            if (lod != 0) continue;
            float waistW = 1e9f, waistY = 0.0f;
            for (float y = l.crotch + 0.1f; y < l.chest; y += 0.004f) {
                float w = widthAt(*f, y, true);
                if (w < waistW) { waistW = w; waistY = y; }
            }
            EXPECT_GT(waistY, l.navel - 0.03f);
            EXPECT_LT(waistY, l.chest - 0.05f);
        }
    }
}

TEST(FigureProportions, BuildsDifferInShouldersAndHips) {
    auto slim = figure(BodyBuild::Slim), avg = figure(BodyBuild::Average), broad = figure(BodyBuild::Broad);
    ASSERT_TRUE(slim && avg && broad);
    auto shoulders = [](const Figure& f) {
        return widthBetween(f, f.landmarks.shoulder - 0.05f, f.landmarks.shoulder - 0.02f, false);
    };
    auto hips = [](const Figure& f) { return widthBetween(f, f.landmarks.crotch, f.landmarks.navel, true); };
    EXPECT_LT(shoulders(*slim), shoulders(*avg) - 0.01f);
    EXPECT_LT(shoulders(*avg), shoulders(*broad) - 0.01f);
    EXPECT_LT(hips(*slim), hips(*avg) - 0.01f);
    EXPECT_LT(hips(*avg), hips(*broad) - 0.01f);
    // Same height whatever the build.
    EXPECT_NEAR(topY(*slim), topY(*broad), 0.005f);
    EXPECT_LT(test::meshVolume(slim->skin), test::meshVolume(avg->skin));
    EXPECT_LT(test::meshVolume(avg->skin), test::meshVolume(broad->skin));
}

TEST(FigureProportions, HeightScalesTheWholeFigure) {
    for (float h : {1.55f, 1.95f}) {
        auto f = figure(BodyBuild::Average, 1, h);
        ASSERT_TRUE(f);
        EXPECT_NEAR(topY(*f), h, 0.01f * h);
        EXPECT_NEAR(f->landmarks.crown, h, 0.01f * h);
        EXPECT_NEAR(f->landmarks.navel / h, 0.60f, 0.025f);
        EXPECT_NEAR(f->skeleton[test::jointIndex(*f, "head")].bindPosition.y / h, 0.898f, 0.02f);
    }
    FigureDesc tooTall;
    tooTall.heightM = 3.0f;
    auto r = loadFigure(tooTall);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().id, "figure.height");
    FigureDesc noLod;
    noLod.lod = 7;
    EXPECT_FALSE(loadFigure(noLod).ok());
}

} // namespace
} // namespace soma
