// The figure as drawn: golden images per pose, and assertions on what the
// picture means that hold whatever the golden says (breath moves the torso
// and not the feet, a highlight lights its own region, left is the client's
// left), GPU skinning against the CPU's, picking, camera presets.
#include "anim/Poses.h"
#include "body/Figure.h"
#include "model/RegionAtlas.h"
#include "model/Vocabulary.h"
#include "platform/Window.h"
#include "render/Camera.h"
#include "render/Picking.h"
#include "render/Renderer.h"
#include "render/RenderTarget.h"
#include "render/Stereo.h"
#include "support/ImageCheck.h"

#include <glm/glm.hpp>
#include <glm/gtc/matrix_transform.hpp>
#include <gtest/gtest.h>

#include <cmath>

namespace soma {
namespace {

constexpr int kW = 256, kH = 144;

struct Box {
    float x0 = 1e9f, y0 = 1e9f, x1 = -1e9f, y1 = -1e9f;
    void add(glm::vec2 p) { x0 = std::min(x0, p.x); y0 = std::min(y0, p.y); x1 = std::max(x1, p.x); y1 = std::max(y1, p.y); }
    Box grown(float m) const { return {x0 - m, y0 - m, x1 + m, y1 + m}; }
    bool contains(float x, float y) const { return x >= x0 && x <= x1 && y >= y0 && y <= y1; }
    bool valid() const { return x1 >= x0; }
};

int delta(const Image& a, const Image& b, int x, int y) {
    int d = 0;
    for (int c = 0; c < 3; ++c) d = std::max(d, std::abs(int(a.pixel(x, y)[c]) - int(b.pixel(x, y)[c])));
    return d;
}

// Pixels where two frames differ by more than `tol` in any channel.
std::vector<glm::ivec2> changed(const Image& a, const Image& b, int tol) {
    std::vector<glm::ivec2> out;
    for (int y = 0; y < a.height; ++y)
        for (int x = 0; x < a.width; ++x)
            if (delta(a, b, x, y) > tol) out.push_back({x, y});
    return out;
}

} // namespace

class FigureRender : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        WindowDesc wd;
        wd.width = kW;
        wd.height = kH;
        wd.headless = true;
        auto w = Window::create(wd);
        ASSERT_TRUE(w.ok()) << w.error().message;
        sWindow = std::move(*w).release();
        auto r = Renderer::create();
        ASSERT_TRUE(r.ok()) << r.error().message;
        sRenderer = std::move(*r).release();
    }
    static void TearDownTestSuite() {
        delete sRenderer;
        sRenderer = nullptr;
        delete sWindow;
        sWindow = nullptr;
    }
    void SetUp() override { ASSERT_NE(sRenderer, nullptr); }

    static Image render(const BodyState& s, const std::vector<View>& views = {}) {
        RenderTarget target({kW, kH, 2});
        Status st = views.empty() ? sRenderer->draw(target, s) : sRenderer->draw(target, s, views);
        EXPECT_TRUE(st.ok()) << (st.ok() ? "" : st.error().message);
        return target.readPixels();
    }
    static std::shared_ptr<const Figure> figure(const BodyState& s) {
        auto f = sRenderer->figure(s);
        EXPECT_TRUE(f.ok());
        return f.ok() ? *f : nullptr;
    }
    static View defaultView(const BodyState& s) { return sRenderer->viewFor(s, kW, kH).value(); }

    // Skinned world positions of every skin vertex for a state.
    static std::vector<glm::vec3> skinned(const Figure& f, const BodyState& s) {
        std::vector<glm::mat4> m;
        stateMatrices(f, s, m);
        std::vector<glm::vec3> p;
        for (const auto& v : f.skin.vertices) p.push_back(skinPosition(v, s.breath, m));
        return p;
    }
    static float weightOf(const FigureVertex& v, int region) {
        float w = 0;
        for (int k = 0; k < 4; ++k)
            if (v.regions[k] == region) w += v.regionWeights[k] / 255.0f;
        return w;
    }
    // Screen box of a region: skin vertices mostly in it, or the anatomy part.
    static Box regionBox(const Figure& f, const BodyState& s, const View& view, const std::string& id) {
        const int r = *regionIndex(id);
        Box b;
        std::vector<glm::mat4> m;
        stateMatrices(f, s, m);
        for (const auto& part : f.anatomy)
            if (part.region == id)
                for (const auto& v : part.mesh.vertices)
                    if (auto p = projectToTarget(view, skinPosition(v, s.breath, m))) b.add(*p);
        if (!b.valid())
            for (const auto& v : f.skin.vertices)
                if (weightOf(v, r) > 0.5f)
                    if (auto p = projectToTarget(view, skinPosition(v, s.breath, m))) b.add(*p);
        return b;
    }

    static inline Window* sWindow = nullptr;
    static inline Renderer* sRenderer = nullptr;
};

struct PoseCase {
    const char* pose;
    std::vector<RegionHighlight> highlights;
};

TEST_F(FigureRender, EachPoseWithHighlightsMatchesGolden) {
    const PoseCase cases[] = {
        {"supine", {{"psoas_left", 1.0f}, {"diaphragm", 0.6f}}},
        {"constructive_rest", {{"psoas_right", 0.9f}, {"pelvic_floor", 0.7f}, {"lower_back", 0.5f, {0.55f, 0.75f, 1.0f}}}},
        {"seated", {{"shoulder_left", 1.0f}, {"jaw", 0.8f}, {"neck", 0.6f}}},
        {"standing", {{"belly", 0.8f}, {"chest", 0.5f, {0.6f, 0.9f, 0.75f}}, {"foot_right", 1.0f}}},
    };
    for (const auto& c : cases) {
        BodyState s;
        s.pose = c.pose;
        s.breath = 0.5f;
        s.highlights = c.highlights;
        // Tolerance: llvmpipe is deterministic; a few edge pixels may move
        // with a Mesa update, nothing more.
        EXPECT_TRUE(test::matchesGolden(render(s), std::string("figure_") + c.pose, {10, 0.01})) << c.pose;
    }
}

TEST_F(FigureRender, SeatedVariantsMatchGoldens) {
    // Each from the camera that shows what it is: the turned head and the
    // hands on the head from the head-and-shoulders view, the hands on chest
    // and belly from the torso view.
    const std::pair<const char*, const char*> cases[] = {{"seated_look_left", "head_shoulders"},
                                                         {"seated_look_right", "head_shoulders"},
                                                         {"seated_hands_chest_belly", "torso"},
                                                         {"seated_hands_head", "head_shoulders"}};
    for (const auto& [pose, camera] : cases) {
        BodyState s;
        s.pose = pose;
        s.camera = camera;
        s.breath = 0.5f;
        EXPECT_TRUE(test::matchesGolden(render(s), std::string("figure_") + pose, {10, 0.01})) << pose;
    }
}

TEST_F(FigureRender, BreathMovesTheTorsoAndNotTheFeet) {
    for (const char* pose : {"supine", "standing"}) {
        BodyState s;
        s.pose = pose;
        s.breath = 0.0f;
        const Image empty = render(s);
        s.breath = 1.0f;
        const Image full = render(s);
        auto f = figure(s);
        const View v = defaultView(s);
        const Box torso = regionBox(*f, s, v, "belly");
        Box feet = regionBox(*f, s, v, "foot_left");
        const Box footR = regionBox(*f, s, v, "foot_right");
        feet.add({footR.x0, footR.y0});
        feet.add({footR.x1, footR.y1});
        ASSERT_TRUE(torso.valid() && feet.valid());
        int inTorso = 0, inFeet = 0;
        // 6 levels: the background glow also breathes, by a level or two.
        for (auto p : changed(empty, full, 6)) {
            inTorso += torso.grown(3).contains(float(p.x), float(p.y));
            inFeet += feet.contains(float(p.x), float(p.y));
        }
        EXPECT_GT(inTorso, 20) << pose;
        EXPECT_EQ(inFeet, 0) << pose;
    }
}

TEST_F(FigureRender, AHighlightLightsItsRegionAndNothingFarFromIt) {
    for (const char* id : {"psoas_left", "shoulder_right", "foot_left", "diaphragm"}) {
        BodyState s;
        s.pose = "supine";
        const Image plain = render(s);
        s.highlights = {{id, 1.0f}};
        const Image lit = render(s);
        auto f = figure(s);
        const Box box = regionBox(*f, s, defaultView(s), id);
        ASSERT_TRUE(box.valid()) << id;
        int inside = 0, far = 0;
        for (auto p : changed(plain, lit, 8)) {
            inside += box.grown(2).contains(float(p.x), float(p.y));
            far += !box.grown(10).contains(float(p.x), float(p.y));
        }
        EXPECT_GT(inside, 6) << id;
        EXPECT_EQ(far, 0) << id;
    }
}

TEST_F(FigureRender, PsoasLeftAndRightLightMirrorImagesOnTheClientsOwnSides) {
    BodyState s;
    s.pose = "supine";
    auto f = figure(s);
    // A camera straight above the pelvis, head at the top of the picture:
    // symmetric about the body's midline.
    std::vector<glm::mat4> m;
    stateMatrices(*f, s, m);
    glm::vec3 lo(1e9f), hi(-1e9f);
    for (auto& p : skinned(*f, s)) { lo = glm::min(lo, p); hi = glm::max(hi, p); }
    const glm::vec3 c = (lo + hi) * 0.5f;
    View v;
    v.width = kW;
    v.height = kH;
    v.eye = {0.0f, 2.6f, c.z};
    v.view = glm::lookAt(v.eye, glm::vec3(0.0f, c.y, c.z), glm::vec3(0, 0, -1));
    v.projection = glm::perspective(glm::radians(40.0f), float(kW) / kH, 0.1f, 10.0f);
    // Where the figure's own left (+x) lands in this picture.
    const float leftX = projectToTarget(v, {0.2f, c.y, c.z})->x;

    const Image plain = render(s, {v});
    s.highlights = {{"psoas_left", 1.0f}};
    const auto left = changed(plain, render(s, {v}), 8);
    s.highlights = {{"psoas_right", 1.0f}};
    const auto right = changed(plain, render(s, {v}), 8);
    ASSERT_GT(left.size(), 20u);
    ASSERT_GT(right.size(), 20u);

    auto meanX = [](const std::vector<glm::ivec2>& px) {
        double sx = 0;
        for (auto p : px) sx += p.x;
        return sx / double(px.size());
    };
    const float mid = projectToTarget(v, {0.0f, c.y, c.z})->x;
    EXPECT_EQ(meanX(left) > mid, leftX > mid) << "psoas_left lights the side where the figure's +x is";
    EXPECT_EQ(meanX(right) > mid, leftX < mid);

    // Mirror images: the right one, flipped about the midline, covers the left.
    std::vector<char> mask(size_t(kW) * kH, 0);
    for (auto p : left) mask[size_t(p.y) * kW + p.x] = 1;
    int overlap = 0;
    for (auto p : right) {
        const int mx = int(std::lround(2 * mid - p.x));
        bool hit = false;
        for (int dx = -1; dx <= 1 && !hit; ++dx)
            if (mx + dx >= 0 && mx + dx < kW) hit = mask[size_t(p.y) * kW + mx + dx];
        overlap += hit;
    }
    EXPECT_GT(double(overlap) / double(right.size()), 0.8);
    EXPECT_NEAR(double(left.size()) / double(right.size()), 1.0, 0.2);
}

TEST_F(FigureRender, GpuSkinningMatchesTheCpu) {
    // Points of the CPU-skinned skin that the ray cast sees must be drawn;
    // rays that miss the skin must show only background (and shadow).
    for (const char* pose : {"supine", "constructive_rest", "seated", "standing", "seated_hands_chest_belly", "seated_hands_head"}) {
        BodyState s;
        s.pose = pose;
        s.breath = 0.8f;
        auto f = figure(s);
        const View v = defaultView(s);
        const Image frame = render(s);
        RenderTarget bgTarget({kW, kH, 2});
        sRenderer->drawBackgroundOnly(bgTarget, s.breath);
        const Image bg = bgTarget.readPixels();
        const SkinPicker picker(*f, s);
        // The seated pose has its seat beside the skin; it is checked on its own below.
        Box seatBox;
        if (auto seat = sRenderer->seat(s); seat && seatWeight(s) > 0.0f)
            for (int c = 0; c < 8; ++c) {
                const glm::vec3 p = seat->centre + glm::vec3((c & 1) ? seat->halfWidthM : -seat->halfWidthM, (c & 2) ? seat->heightM : 0.0f,
                                                             (c & 4) ? seat->halfDepthM : -seat->halfDepthM);
                if (auto q = projectToTarget(v, p)) seatBox.add(*q);
            }
        int onFigure = 0, drawn = 0, offFigure = 0, clean = 0;
        for (int y = 4; y < kH - 4; y += 11)
            for (int x = 4; x < kW - 4; x += 11) {
                bool missAround = true, hitAll = true;
                for (int dy = -2; dy <= 2; dy += 4)
                    for (int dx = -2; dx <= 2; dx += 4) {
                        const bool hit = picker.cast(v, x + dx + 0.5f, y + dy + 0.5f).has_value();
                        missAround &= !hit;
                        hitAll &= hit;
                    }
                if (hitAll) { ++onFigure; drawn += delta(frame, bg, x, y) > 10; }
                // Beside the figure only its soft floor shadow may darken the background.
                if (missAround && !(seatBox.valid() && seatBox.grown(2).contains(float(x), float(y)))) {
                    ++offFigure;
                    bool notLighter = true;
                    for (int c = 0; c < 3; ++c) notLighter &= frame.pixel(x, y)[c] <= bg.pixel(x, y)[c] + 2;
                    clean += notLighter;
                }
            }
        EXPECT_GT(onFigure, 5) << pose;
        EXPECT_EQ(drawn, onFigure) << pose;
        EXPECT_EQ(clean, offFigure) << pose;
    }
}

TEST_F(FigureRender, PickingFindsShoulderBellyAndFootInEveryPoseAndBuild) {
    for (BodyBuild build : {BodyBuild::Slim, BodyBuild::Average, BodyBuild::Broad})
        for (const auto& pose : poseIds()) {
            BodyState s;
            s.pose = pose;
            s.build = build;
            auto f = figure(s);
            const View v = defaultView(s);
            const auto pos = skinned(*f, s);
            const SkinPicker picker(*f, s);
            for (const char* id : {"shoulder_left", "belly", "foot_right"}) {
                const int r = *regionIndex(id);
                // The most typical vertex of the region that the camera sees
                // unobstructed: the ray through it hits that very vertex.
                std::vector<size_t> order;
                for (size_t i = 0; i < pos.size(); ++i)
                    if (weightOf(f->skin.vertices[i], r) > 0.9f) order.push_back(i);
                ASSERT_FALSE(order.empty()) << id;
                const glm::vec3 centre = [&] {
                    glm::vec3 c(0);
                    for (auto i : order) c += pos[i];
                    return c / float(order.size());
                }();
                std::sort(order.begin(), order.end(),
                          [&](size_t a, size_t b) { return glm::distance(pos[a], centre) < glm::distance(pos[b], centre); });
                int tried = 0, looked = 0;
                for (size_t i : order) {
                    if (++looked > 300) break;
                    auto px = projectToTarget(v, pos[i]);
                    if (!px || px->x < 0 || px->y < 0 || px->x >= kW || px->y >= kH) continue;
                    auto hit = picker.cast(v, px->x, px->y);
                    if (!hit || glm::distance(hit->position, pos[i]) > 0.01f) continue; // hidden from this camera
                    EXPECT_EQ(hit->region, r) << id << " in " << pose << " (build " << int(build) << ")";
                    // The one-off call agrees with the batched one.
                    if (tried == 0) {
                        EXPECT_EQ(pickRegion(*f, s, v, px->x, px->y), hit->region);
                    }
                    if (++tried == 3) break;
                }
                EXPECT_GT(tried, 0) << id << " is not visible in " << pose;
            }
            EXPECT_EQ(pickRegion(*f, s, v, 1.0f, 1.0f), std::nullopt) << "a corner of the picture is not the body";
        }
}

TEST_F(FigureRender, CameraPresetsFrameTheirPartInEveryPose) {
    const std::pair<const char*, const char*> presets[] = {
        {"whole_body", "foot_left"}, {"whole_body", "crown"}, {"torso", "belly"}, {"head_shoulders", "jaw"}, {"pelvis_legs", "knee_right"}};
    for (const auto& pose : poseIds())
        for (auto [cam, region] : presets) {
            BodyState s;
            s.pose = pose;
            s.camera = cam;
            auto f = figure(s);
            const Box b = regionBox(*f, s, defaultView(s), region);
            EXPECT_GE(b.x0, 0) << cam << " " << pose << " " << region;
            EXPECT_GE(b.y0, 0) << cam << " " << pose << " " << region;
            EXPECT_LE(b.x1, kW) << cam << " " << pose << " " << region;
            EXPECT_LE(b.y1, kH) << cam << " " << pose << " " << region;
        }
    // A close preset shows its part larger than the whole-body view does.
    BodyState s;
    auto f = figure(s);
    s.camera = "head_shoulders";
    const Box close = regionBox(*f, s, defaultView(s), "jaw");
    s.camera = "whole_body";
    const Box wide = regionBox(*f, s, defaultView(s), "jaw");
    EXPECT_GT(close.x1 - close.x0, 1.5f * (wide.x1 - wide.x0));
}

TEST_F(FigureRender, CameraBlendGlidesWithoutACut) {
    BodyState s;
    s.pose = "supine";
    s.fromPose = "supine";
    s.fromCamera = "whole_body";
    s.camera = "head_shoulders";
    auto f = figure(s);
    s.cameraBlend = 0.0f;
    const glm::vec3 start = cameraFor(*f, s, 16.0f / 9).eye();
    s.cameraBlend = 1.0f;
    const glm::vec3 end = cameraFor(*f, s, 16.0f / 9).eye();
    const float path = glm::distance(start, end);
    ASSERT_GT(path, 0.2f);
    EXPECT_NEAR(glm::distance(start, makeView(cameraPreset(*f, "supine", "whole_body", 16.0f / 9), 0, 0, kW, kH).eye), 0.0f, 1e-4f);
    glm::vec3 prev = start;
    for (int i = 1; i <= 100; ++i) {
        s.cameraBlend = i / 100.0f;
        const glm::vec3 e = cameraFor(*f, s, 16.0f / 9).eye();
        EXPECT_LT(glm::distance(prev, e), path * 0.04f) << "step " << i;
        prev = e;
    }
    EXPECT_NEAR(glm::distance(prev, end), 0.0f, 1e-4f);
    // A pose change with the same preset glides too.
    s.fromCamera.clear();
    s.camera = "whole_body";
    s.fromPose = "supine";
    s.pose = "seated";
    s.poseBlend = 0.0f;
    prev = cameraFor(*f, s, 16.0f / 9).eye();
    for (int i = 1; i <= 100; ++i) {
        s.poseBlend = i / 100.0f;
        const glm::vec3 e = cameraFor(*f, s, 16.0f / 9).eye();
        EXPECT_LT(glm::distance(prev, e), 0.15f) << "step " << i;
        prev = e;
    }
}

TEST_F(FigureRender, StereoDrawsTheFigureInBothHalves) {
    BodyState s;
    auto f = figure(s);
    const auto views = stereoViews(cameraFor(*f, s, float(kW / 2) / kH), kW, kH);
    ASSERT_EQ(views.size(), 2u);
    EXPECT_NE(views[0].eye, views[1].eye);
    const Image img = render(s, views);
    RenderTarget bgTarget({kW, kH, 2});
    const View half = views[0];
    int left = 0, right = 0;
    const auto pos = skinned(*f, s);
    for (size_t i = 0; i < pos.size(); i += 97) {
        auto a = projectToTarget(views[0], pos[i]);
        auto b = projectToTarget(views[1], pos[i]);
        left += a && a->x >= 0 && a->x < kW / 2;
        right += b && b->x >= kW / 2 && b->x < kW;
    }
    EXPECT_GT(left, 50);
    EXPECT_GT(right, 50);
    (void)half;
    // The two halves are not the same picture shifted by nothing: the eyes differ.
    int differ = 0;
    for (int y = 0; y < kH; ++y)
        for (int x = 0; x < kW / 2; ++x) differ += delta(img, img, x, y) == 0 && std::abs(int(img.pixel(x, y)[0]) - int(img.pixel(x + kW / 2, y)[0])) > 8;
    EXPECT_GT(differ, 10);
}

TEST_F(FigureRender, TheHeadIsQuietTheInnerLayerShowsOnlyBelowIt) {
    // A second renderer without the inner layer is the reference: where the
    // two pictures agree, no anatomy shows.
    RendererDesc skinOnly;
    skinOnly.innerLayer = false;
    auto bare = Renderer::create(skinOnly);
    ASSERT_TRUE(bare.ok());
    auto renderBare = [&](const BodyState& s) {
        RenderTarget target({kW, kH, 2});
        EXPECT_TRUE((*bare)->draw(target, s).ok());
        return target.readPixels();
    };
    for (const char* pose : {"standing", "seated"}) {
        BodyState s;
        s.pose = pose;
        s.camera = "head_shoulders";
        auto f = figure(s);
        const View v = defaultView(s);
        std::vector<glm::mat4> m;
        stateMatrices(*f, s, m);
        // The face from a little above the chin: where the top of the spine
        // used to show through.
        Box face;
        for (const auto& vert : f->skin.vertices)
            if (vert.position.y > f->landmarks.chin + 0.03f && vert.position.z > 0.0f)
                if (auto p = projectToTarget(v, skinPosition(vert, s.breath, m))) face.add(*p);
        ASSERT_TRUE(face.valid()) << pose;
        const Box chest = regionBox(*f, s, v, "lung_left");
        auto count = [&](const Image& a, const Image& b, const Box& box) {
            int n = 0;
            for (auto p : changed(a, b, 3)) n += box.contains(float(p.x), float(p.y));
            return n;
        };
        const Image plain = render(s), reference = renderBare(s);
        EXPECT_EQ(count(plain, reference, face), 0) << pose << ": anatomy shows in the face";
        EXPECT_GT(count(plain, reference, chest), 100) << pose << ": the lungs show in the chest";
        // A lung highlight still glows through the chest.
        s.highlights = {{"lung_left", 1.0f}};
        EXPECT_GT(count(render(s), plain, chest), 100) << pose;
        // A highlighted structure stays whole, inside the head too.
        s.highlights = {{"spine", 1.0f}};
        EXPECT_GT(count(render(s), renderBare(s), face), 3) << pose << ": the highlighted spine reaches into the head";
    }
}

TEST_F(FigureRender, TheSeatShowsUnderTheSeatedPoseOnly) {
    // Per pixel: clear of the body (no skin within 2 px) and lighter than
    // the (shadowed) background inside the seat's outline: only the seat
    // can do that.
    struct SeatLook {
        std::vector<char> clear, lit;
    };
    auto look = [&](const BodyState& s, const View& v, const SeatShape& seat) {
        const Image frame = render(s, {v});
        RenderTarget bgTarget({kW, kH, 2});
        sRenderer->drawBackgroundOnly(bgTarget, s.breath);
        const Image bg = bgTarget.readPixels();
        auto f = figure(s);
        const SkinPicker picker(*f, s);
        Box box;
        for (int c = 0; c < 8; ++c) {
            const glm::vec3 p = seat.centre + glm::vec3((c & 1) ? seat.halfWidthM : -seat.halfWidthM, (c & 2) ? seat.heightM : 0.0f,
                                                        (c & 4) ? seat.halfDepthM : -seat.halfDepthM);
            if (auto q = projectToTarget(v, p)) box.add(*q);
        }
        SeatLook out{std::vector<char>(size_t(kW) * kH, 0), std::vector<char>(size_t(kW) * kH, 0)};
        for (int y = 0; y < kH; ++y)
            for (int x = 0; x < kW; ++x) {
                if (!box.contains(float(x), float(y))) continue;
                bool clear = true;
                for (int d = 0; d < 5 && clear; ++d)
                    clear = !picker.cast(v, x + 0.5f + (d == 1 ? 2 : d == 2 ? -2 : 0), y + 0.5f + (d == 3 ? 2 : d == 4 ? -2 : 0));
                const auto* a = frame.pixel(x, y);
                const auto* b = bg.pixel(x, y);
                out.clear[size_t(y) * kW + x] = clear;
                out.lit[size_t(y) * kW + x] = int(a[0]) + a[1] + a[2] > int(b[0]) + b[1] + b[2] + 9;
            }
        return out;
    };
    auto count = [](const SeatLook& l, const std::vector<char>& mask) {
        int n = 0;
        for (size_t i = 0; i < mask.size(); ++i) n += mask[i] && l.lit[i];
        return n;
    };
    BodyState s;
    s.pose = "seated";
    auto seat = sRenderer->seat(s);
    ASSERT_TRUE(seat.has_value());
    const SeatLook seated = look(s, defaultView(s), *seat);
    EXPECT_GT(count(seated, seated.clear), 40);
    s.pose = "standing";
    const SeatLook standing = look(s, defaultView(s), *seat);
    EXPECT_EQ(count(standing, standing.clear), 0);

    // Across a pose change, seen from the side where the seat is clear of
    // both bodies: it melts in step by step, never pops.
    View side;
    side.width = kW;
    side.height = kH;
    side.eye = seat->centre + glm::vec3(-2.6f, 0.9f, 0.25f);
    side.view = glm::lookAt(side.eye, seat->centre + glm::vec3(0.0f, 0.5f, 0.25f), glm::vec3(0, 1, 0));
    side.projection = glm::perspective(glm::radians(40.0f), float(kW) / kH, 0.1f, 10.0f);
    s.fromPose = "standing";
    s.pose = "seated";
    std::vector<SeatLook> steps;
    std::vector<char> clearAlways(size_t(kW) * kH, 1);
    for (int i = 0; i <= 10; ++i) {
        s.poseBlend = float(i) / 10.0f;
        steps.push_back(look(s, side, *seat));
        for (size_t k = 0; k < clearAlways.size(); ++k) clearAlways[k] &= steps.back().clear[k];
    }
    std::vector<int> cover;
    for (const auto& l : steps) cover.push_back(count(l, clearAlways));
    EXPECT_EQ(cover.front(), 0);
    ASSERT_GT(cover.back(), 60);
    for (size_t i = 1; i < cover.size(); ++i) {
        EXPECT_GE(cover[i] + cover.back() / 20, cover[i - 1]) << "step " << i << ": the seat comes and goes";
        EXPECT_LE(cover[i] - cover[i - 1], cover.back() / 2) << "step " << i << ": the seat pops in";
    }
}

TEST_F(FigureRender, TheCopiedBackgroundIsTheShadedOne) {
    // Single-sampled targets (software renderers) copy a background shaded
    // once; it must be the very picture the shader draws, follow the breath,
    // and work for each view of a stereo pair.
    RendererDesc shadedDesc;
    shadedDesc.cacheBackground = false;
    auto shaded = Renderer::create(shadedDesc);
    ASSERT_TRUE(shaded.ok());
    auto frame = [&](Renderer& r, const BodyState& s, const std::vector<View>& views) {
        RenderTarget target({kW, kH, 0});
        EXPECT_TRUE((views.empty() ? r.draw(target, s) : r.draw(target, s, views)).ok());
        return target.readPixels();
    };
    BodyState s;
    s.pose = "standing";
    s.highlights = {{"belly", 0.7f}};
    for (float breath : {0.0f, 0.5f, 1.0f, 0.3f}) {
        s.breath = breath;
        EXPECT_EQ(frame(*sRenderer, s, {}).rgba, frame(**shaded, s, {}).rgba) << "breath " << breath;
    }
    // The breath reaches the copy: the glow behind the figure grows.
    s.breath = 0.0f;
    const Image empty = frame(*sRenderer, s, {});
    s.breath = 1.0f;
    const Image full = frame(*sRenderer, s, {});
    int brighter = 0;
    for (int y = 0; y < kH; ++y) brighter += int(full.pixel(4, y)[0]) + full.pixel(4, y)[1] + full.pixel(4, y)[2] >
                                                 int(empty.pixel(4, y)[0]) + empty.pixel(4, y)[1] + empty.pixel(4, y)[2];
    EXPECT_GT(brighter, 0) << "the glow swells with the breath at the picture's edge too";
    // Stereo: each half is its own copy (one per viewport).
    auto f = figure(s);
    const auto views = stereoViews(cameraFor(*f, s, float(kW / 2) / kH), kW, kH);
    const Image copied = frame(*sRenderer, s, views), drawn = frame(**shaded, s, views);
    // The dither's pattern starts at each copy's corner: one level at most.
    EXPECT_TRUE(changed(copied, drawn, 1).empty());
}

TEST_F(FigureRender, SameStateGivesTheSameBytes) {
    BodyState s;
    s.pose = "constructive_rest";
    s.highlights = {{"psoas_left", 0.7f}, {"shoulder_right", 0.4f}};
    s.breath = 0.3f;
    const Image a = render(s), b = render(s);
    EXPECT_EQ(a.rgba, b.rgba);
}

} // namespace soma

namespace soma {
namespace {

// Where the figure is in one half of a side-by-side picture: the mean of
// its light pixels (the background is dark), in that half's pixels.
glm::vec2 figureCentre(const Image& im, int x0, int width) {
    glm::dvec2 sum(0.0);
    double n = 0;
    for (int y = 0; y < im.height; ++y)
        for (int x = x0; x < x0 + width; ++x) {
            const std::uint8_t* p = im.pixel(x, y);
            const double light = 0.2126 * p[0] + 0.7152 * p[1] + 0.0722 * p[2];
            if (light < 90.0) continue;
            sum += glm::dvec2(x - x0, y) * light;
            n += light;
        }
    return n > 0 ? glm::vec2(sum / n) : glm::vec2(-1.0f);
}

} // namespace

// Both eyes side by side (issue 17): the same figure, seen from eyes the
// interpupillary distance apart, so it stands a little further left in the
// right eye's picture, by an amount that grows with that distance, and
// never higher or lower.
TEST_F(FigureRender, StereoEyesSeeTheFigureShiftedAsTheirDistancePredicts) {
    BodyState s;
    s.pose = "standing";
    auto mono = sRenderer->viewFor(s, kW / 2, kH);
    ASSERT_TRUE(mono.ok());
    mono->width = kW / 2;
    mono->height = kH;
    auto sideBySide = [&](float ipd) {
        const auto eyes = eyePair(*mono, ipd);
        EXPECT_EQ(eyes[1].x, kW / 2);
        return render(s, {eyes[0], eyes[1]});
    };
    auto disparity = [&](const Image& im) { return figureCentre(im, kW / 2, kW / 2) - figureCentre(im, 0, kW / 2); };
    const glm::vec2 none = disparity(sideBySide(0.0f));
    const Image usual = sideBySide(kDefaultIpdM);
    const glm::vec2 one = disparity(usual);
    const glm::vec2 two = disparity(sideBySide(2.0f * kDefaultIpdM));
    EXPECT_NEAR(none.x, 0.0f, 0.05f) << "with the eyes together the two pictures are one";
    EXPECT_LT(one.x, -0.5f) << "the right eye sees the figure further left";
    EXPECT_NEAR(two.x / one.x, 2.0f, 0.3f) << "twice the distance, twice the shift: " << one.x << " and " << two.x;
    EXPECT_NEAR(one.y, 0.0f, 0.1f) << "no vertical disparity (parallel eyes, no toe-in)";
    EXPECT_TRUE(test::matchesGolden(usual, "stereo_standing_sbs"));
}

} // namespace soma

namespace soma {

// Both eyes draw from one skinning of the figure: the GPU, asked how many
// vertices it skinned, counts the figure's vertices once for a frame of
// two views, the same as for one view, and twice over two frames.
TEST_F(FigureRender, BothEyesShareOneSkinningOfTheFigure) {
    RendererDesc d;
    d.countSkinning = true;
    auto counting = Renderer::create(d);
    ASSERT_TRUE(counting.ok()) << counting.error().message;
    BodyState s;
    s.pose = "standing";
    auto f = (*counting)->figure(s);
    ASSERT_TRUE(f.ok());
    std::int64_t figureVertices = std::int64_t((*f)->skin.vertices.size());
    for (const auto& part : (*f)->anatomy) figureVertices += std::int64_t(part.mesh.vertices.size());
    ASSERT_GT(figureVertices, 1000);

    auto mono = (*counting)->viewFor(s, kW / 2, kH);
    ASSERT_TRUE(mono.ok());
    RenderTarget target({kW, kH, 0});
    ASSERT_TRUE((*counting)->draw(target, s, {*mono}).ok());
    EXPECT_EQ((*counting)->skinnedVerticesLastDraw(), figureVertices);
    const auto eyes = eyePair(*mono);
    ASSERT_TRUE((*counting)->draw(target, s, {eyes[0], eyes[1]}).ok());
    EXPECT_EQ((*counting)->skinnedVerticesLastDraw(), figureVertices) << "one skinning for both eyes, not one per eye";

    // And the shared skinning is the figure this frame: the eyes' halves,
    // drawn together, match each eye drawn alone.
    const Image both = target.readPixels();
    RenderTarget alone({kW, kH, 0});
    View right = eyes[1];
    ASSERT_TRUE((*counting)->draw(alone, s, {right}).ok());
    const Image rightAlone = alone.readPixels();
    int differ = 0;
    for (int y = 0; y < kH; ++y)
        for (int x = kW / 2; x < kW; ++x) differ += delta(both, rightAlone, x, y) > 2;
    EXPECT_LT(differ, 10) << "the right eye drawn with the left one is the right eye drawn alone";
}

} // namespace soma
