// A guided session in a headset, through the real Khronos OpenXR loader and
// the headless test runtime (tests/xr/runtime), which enforces the
// specification's call order and keeps the images Soma submits. The GL
// context is a real one (SDL's offscreen driver: EGL on Mesa llvmpipe), the
// sound OpenAL Soft's loopback device, the session a real built one.
#include "audio/AudioEngine.h"
#include "live/HeadsetSession.h"
#include "live/LiveSession.h"
#include "platform/Window.h"
#include "render/Image.h"
#include "plugin/PluginTestSupport.h"
#include "session/SessionBuilder.h"
#include "support/ImageCheck.h"
#include "support/RunProgram.h"
#include "support/ShellFixture.h"
#include "xr/Headset.h"

#include "soma_xrt.h"

#include <gtest/gtest.h>

#include <glm/gtc/quaternion.hpp>

#include <cmath>
#include <optional>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace soma {
namespace {

constexpr int kEye = 192;         // the runtime's recommended eye size, small for llvmpipe
constexpr int kMixPerFrame = 533; // 1/90 s at 48 kHz

SessionRequest request() {
    SessionRequest rq;
    rq.exercise = "headset-test";
    rq.lang = "en";
    rq.ambience = "none";
    rq.pose = "standing"; // 2.2 m ahead: figurePlacement()
    StepRequest a;
    a.id = "arrive";
    a.narration = "You may settle in and rest, and let the breath come and go as it likes, there is nothing you need to do now, "
                  "you may simply notice the weight of the body resting, the feet, the legs, the back, the shoulders and the hands.";
    a.pauseAfterSec = 30.0;
    rq.steps = {a};
    return rq;
}

struct Image2 {
    int width = 0, height = 0;
    std::vector<unsigned char> rgba;
    float luma(int x, int y) const {
        const unsigned char* p = &rgba[(size_t(y) * size_t(width) + size_t(x)) * 4];
        return 0.2126f * p[0] + 0.7152f * p[1] + 0.0722f * p[2];
    }
    float mean() const {
        double s = 0;
        for (int y = 0; y < height; ++y)
            for (int x = 0; x < width; ++x) s += luma(x, y);
        return float(s / (double(width) * height));
    }
};

class InHeadset : public ::testing::Test {
protected:
    SomaXrt xrt{SOMA_XR_TEST_RUNTIME_LIB};
    std::unique_ptr<Window> window;
    std::unique_ptr<AudioEngine> audio;
    std::unique_ptr<LiveSession> live;
    std::unique_ptr<soma::Headset> headset;
    std::unique_ptr<HeadsetSession> session;
    std::vector<float> mix = std::vector<float>(size_t(kMixPerFrame) * 2);
    double left = 0.0, right = 0.0; // the mix's energy per ear since the last reset
    int eyeSize = kEye;

    void SetUp() override {
        ASSERT_TRUE(xrt.ok()) << xrt.error();
        xrt.reset();
        xrt.set_recommended_size(kEye, kEye);
        setHead(0.0f);
        setenv("XR_RUNTIME_JSON", SOMA_XR_TEST_RUNTIME_JSON, 1);
    }
    void TearDown() override {
        // The headset before its GL context; the instance before the next test's.
        session.reset();
        headset.reset();
        live.reset();
        audio.reset();
        window.reset();
        EXPECT_EQ(xrt.live_objects(), 0) << "every OpenXR object was destroyed";
        setenv("XR_RUNTIME_JSON", "/nonexistent/openxr/runtime.json", 1); // none, as TestMain has it
    }

    // The head at the LOCAL space's origin, turned `yawDeg` to the left.
    void setHead(float yawDeg) {
        const glm::quat q = glm::angleAxis(glm::radians(yawDeg), glm::vec3(0.0f, 1.0f, 0.0f));
        const float o[4] = {q.x, q.y, q.z, q.w};
        const float p[3] = {0.0f, 0.0f, 0.0f};
        xrt.set_head_pose(o, p);
    }

    void start(bool reducedMotion = false) {
        WindowDesc wd;
        wd.width = 160;
        wd.height = 90;
        wd.headless = true;
        wd.vsync = false;
        auto w = Window::create(wd);
        ASSERT_TRUE(w) << w.error().message;
        window = std::move(*w);
        AudioEngineDesc ad;
        ad.audio.loopback = true;
        ad.reverb = false;
        auto a = AudioEngine::create(ad);
        ASSERT_TRUE(a) << a.error().message;
        audio = std::move(*a);
        auto s = buildSession(request());
        ASSERT_TRUE(s) << s.error().message;
        LiveSessionDesc d;
        d.session = std::move(*s);
        d.describe.lang = "en";
        d.logDir = test::scratchDir("headset-log");
        auto l = LiveSession::create(*window, *audio, std::move(d));
        ASSERT_TRUE(l) << l.error().message;
        live = std::move(*l);
        auto h = soma::Headset::create();
        ASSERT_TRUE(h) << h.error().message;
        headset = std::move(*h);
        EXPECT_NE(headset->runtimeName().find("Soma test runtime"), std::string::npos) << headset->runtimeName();
        EXPECT_EQ(headset->eyeWidth(), eyeSize) << "the runtime's recommended size";
        HeadsetSessionDesc hd;
        hd.reducedMotion = reducedMotion;
        auto hs = HeadsetSession::create(*live, *headset, hd);
        ASSERT_TRUE(hs) << hs.error().message;
        session = std::move(*hs);
    }

    // One turn of the loop with 1/90 s of sound mixed, as the headset's
    // frames pace it; the ears' energy adds up.
    void step() {
        if (!live->sequencer().paused() && !live->done()) {
            audio->render(mix.data(), kMixPerFrame);
            for (int i = 0; i < kMixPerFrame; ++i) {
                left += double(mix[size_t(i) * 2]) * mix[size_t(i) * 2];
                right += double(mix[size_t(i) * 2 + 1]) * mix[size_t(i) * 2 + 1];
            }
        }
        auto s = session->step();
        ASSERT_TRUE(s) << s.error().message;
    }
    void steps(int n) {
        for (int i = 0; i < n && !session->done(); ++i) {
            step();
            if (HasFatalFailure()) return;
        }
    }
    void untilFocused() {
        for (int i = 0; i < 20 && !headset->focused(); ++i) step();
        ASSERT_TRUE(headset->focused()) << headsetStateName(headset->state());
    }

    Image2 eyeImage(int eye) {
        Image2 im;
        int w = 0, h = 0;
        EXPECT_EQ(xrt.last_image(eye, nullptr, 0, &w, &h), 1);
        im.width = w;
        im.height = h;
        im.rgba.resize(size_t(w) * size_t(h) * 4);
        EXPECT_EQ(xrt.last_image(eye, im.rgba.data(), int(im.rgba.size()), &w, &h), 1);
        return im;
    }
};

// Written beside the other test pictures, to be looked at.
void keep(const Image2& im, const std::string& name) {
    Image out{im.width, im.height, im.rgba};
    (void)writePng(out, std::filesystem::path(SOMA_TEST_OUTPUT_DIR) / "xr" / (name + ".png"));
}

// The figure's pixels (the skin is far lighter than the night-blue room)
// above the caption panel: their centre, or nothing where there are too few.
std::optional<glm::vec2> figureCentre(const Image2& im) {
    double sx = 0, sy = 0;
    int n = 0;
    for (int y = 0; y < im.height * 7 / 10; ++y)
        for (int x = 0; x < im.width; ++x)
            if (im.luma(x, y) > 70.0f) {
                sx += x;
                sy += y;
                ++n;
            }
    if (n < 200) return std::nullopt;
    return glm::vec2(float(sx / n), float(sy / n));
}

TEST_F(InHeadset, ThreeHundredFramesShowTheFigureToBothEyesShiftedAsTheirDistancePredicts) {
    start();
    if (HasFatalFailure()) return;
    while (xrt.frames_submitted() < 300 && !HasFatalFailure()) step();
    EXPECT_EQ(xrt.violation_count(), 0) << xrt.last_violation();
    EXPECT_EQ(xrt.frames_submitted(), session->framesShown());
    EXPECT_EQ(xrt.last_layer_space(), 2) << "the projection layer is in the LOCAL space";
    EXPECT_LT(session->veil(), 0.01f) << "faded in from black by now (300 frames at 90 Hz)";

    const Image2 l = eyeImage(0), r = eyeImage(1);
    keep(l, "left_eye");
    keep(r, "right_eye");
    ASSERT_EQ(l.width, kEye);
    ASSERT_EQ(l.height, kEye);
    auto cl = figureCentre(l), cr = figureCentre(r);
    ASSERT_TRUE(cl && cr) << "each eye shows the figure";
    // Parallel eyes 63 mm apart, the figure 2.2 m ahead: the right eye sees
    // it further left by f * ipd / z pixels, f = (eye / 2) / tan(45 deg).
    const float predicted = (kEye / 2.0f) * 0.063f / 2.2f;
    const float disparity = cl->x - cr->x;
    EXPECT_NEAR(disparity, predicted, 0.35f * predicted) << "left eye at x " << cl->x << ", right eye at " << cr->x;
    EXPECT_NEAR(cl->y, cr->y, 0.3f) << "no vertical disparity";
    // Below the middle of the view: the figure stands on a floor under a seated person.
    EXPECT_GT(cl->y, kEye * 0.5f);

    // The submitted views are the runtime's own eyes, an IPD apart.
    float pl[3], pr[3], o[4], fov[4];
    ASSERT_EQ(xrt.last_view(0, o, pl, fov), 1);
    ASSERT_EQ(xrt.last_view(1, o, pr, fov), 1);
    EXPECT_NEAR(pr[0] - pl[0], 0.063f, 1e-4f);
}

TEST_F(InHeadset, TurningTheHeadMovesTheVoiceFromTheFrontToTheSide) {
    start();
    if (HasFatalFailure()) return;
    untilFocused();
    steps(30); // the voice under way
    left = right = 0.0;
    steps(90);
    const double frontRatio = right / std::max(left, 1e-12);
    ASSERT_GT(left + right, 1e-3) << "the narrator speaks";
    EXPECT_NEAR(frontRatio, 1.0, 0.25) << "ahead: both ears alike";

    setHead(90.0f); // a quarter turn to the left: the voice stays in the room, now on the right
    steps(2);
    left = right = 0.0;
    steps(90);
    const double turnedRatio = right / std::max(left, 1e-12);
    EXPECT_GT(turnedRatio, 2.0 * frontRatio) << "front " << frontRatio << ", turned " << turnedRatio;

    setHead(-90.0f); // and to the right: on the left
    steps(2);
    left = right = 0.0;
    steps(90);
    EXPECT_LT(right / std::max(left, 1e-12), 0.5 * frontRatio);
}

TEST_F(InHeadset, LosingFocusPausesTheClockAndOnlyThePersonResumes) {
    start();
    if (HasFatalFailure()) return;
    EXPECT_TRUE(live->sequencer().paused()) << "the first words wait until the headset shows the session";
    untilFocused();
    steps(20);
    ASSERT_FALSE(live->sequencer().paused());
    xrt.lose_focus();
    steps(3);
    EXPECT_FALSE(headset->focused());
    EXPECT_TRUE(live->sequencer().paused()) << "focus lost (the headset off, the runtime's menu up): paused";
    const Samples at = live->sequencer().position();
    steps(30);
    EXPECT_EQ(live->sequencer().position(), at) << "the clock stands";
    xrt.regain_focus();
    steps(5);
    EXPECT_TRUE(headset->focused());
    EXPECT_TRUE(live->sequencer().paused()) << "focus back: still paused until the person says";
    xrt.press("/user/hand/right/input/select/click");
    steps(2);
    EXPECT_FALSE(live->sequencer().paused()) << "select resumes";
    steps(10);
    EXPECT_GT(live->sequencer().position(), at);
    xrt.press("/user/hand/left/input/select/click");
    steps(2);
    EXPECT_TRUE(live->sequencer().paused()) << "select pauses";
    EXPECT_EQ(xrt.violation_count(), 0) << xrt.last_violation();
}

TEST_F(InHeadset, TheRuntimeAskingToExitEndsTheSessionSoftly) {
    start();
    if (HasFatalFailure()) return;
    untilFocused();
    steps(30);
    const Samples at = live->sequencer().position();
    ASSERT_GT(at, 0);
    xrt.request_exit();
    steps(50);
    EXPECT_TRUE(session->done()) << headsetStateName(headset->state());
    EXPECT_TRUE(live->done());
    EXPECT_TRUE(live->sequencer().paused()) << "the voice stopped as a pause stops it";
    EXPECT_EQ(xrt.violation_count(), 0) << xrt.last_violation();
    // The log says where it ended.
    ASSERT_NE(live->eventLog(), nullptr);
    std::ifstream in(live->eventLog()->path());
    std::stringstream text;
    text << in.rdbuf();
    EXPECT_NE(text.str().find("[end]"), std::string::npos) << text.str();
}

TEST_F(InHeadset, TheMenuButtonEasesOutToDarkThenEnds) {
    start();
    if (HasFatalFailure()) return;
    untilFocused();
    while (xrt.frames_submitted() < 280 && !HasFatalFailure()) step(); // faded in
    const float lit = eyeImage(0).mean();
    xrt.press("/user/hand/left/input/menu/click");
    int frames = 0, between = 0;
    float darkest = lit;
    int seen = xrt.frames_submitted();
    while (!session->done() && frames < 900 && !HasFatalFailure()) {
        step();
        ++frames;
        if (xrt.frames_submitted() == seen) continue;
        seen = xrt.frames_submitted();
        const float m = eyeImage(0).mean();
        darkest = std::min(darkest, m);
        between += m > 0.2f * lit && m < 0.8f * lit;
    }
    EXPECT_TRUE(session->done());
    EXPECT_TRUE(live->done());
    // A fade, not a cut (the ease steps at most 15% a frame, however slow
    // the machine): frames on the way between lit and dark.
    EXPECT_GE(between, 5) << "over " << frames << " frames";
    EXPECT_LT(darkest, 0.25f * lit) << "the picture went dark before the end";
    EXPECT_EQ(xrt.violation_count(), 0) << xrt.last_violation();
}

TEST_F(InHeadset, ALostSessionEndsWithoutACrash) {
    start();
    if (HasFatalFailure()) return;
    untilFocused();
    steps(10);
    xrt.lose_session();
    steps(20);
    EXPECT_TRUE(session->done());
    EXPECT_TRUE(headset->lost());
    EXPECT_TRUE(live->done());
}

TEST_F(InHeadset, CaptionsStandOnAPanelBelowTheFigure) {
    // Large enough eyes to read by (a headset's are larger still).
    constexpr int kBig = 640;
    xrt.set_recommended_size(kBig, kBig);
    eyeSize = kBig;
    start();
    if (HasFatalFailure()) return;
    while (xrt.frames_submitted() < 280 && !HasFatalFailure()) step();
    ASSERT_FALSE(live->overlay().caption.empty()) << "the narrator is speaking";
    const Image2 l = eyeImage(0);
    keep(l, "caption_panel");
    // The panel below the figure: light text on a dark ground, in the
    // lower part of the view, under the feet; nothing as light above it
    // but the figure.
    int light = 0;
    for (int y = kBig * 4 / 5; y < kBig * 19 / 20; ++y)
        for (int x = kBig / 4; x < kBig * 3 / 4; ++x) light += l.luma(x, y) > 200.0f;
    EXPECT_GT(light, 100) << "caption text in the lower part of the view";
}

// The home screen offers the headset where a runtime is installed, and the
// session begun there plays in it (the window mirroring it); when the
// runtime lets go, the person is back home.
class HomeWithHeadset : public ShellTest {
protected:
    SomaXrt xrt{SOMA_XR_TEST_RUNTIME_LIB};
    void SetUp() override {
        ShellTest::SetUp();
        ASSERT_TRUE(xrt.ok()) << xrt.error();
        xrt.reset();
        xrt.set_recommended_size(kEye, kEye);
        const float o[4] = {0.0f, 0.0f, 0.0f, 1.0f}, p[3] = {0.0f, 0.0f, 0.0f};
        xrt.set_head_pose(o, p);
    }
    void TearDown() override {
        ShellTest::TearDown();
        EXPECT_EQ(xrt.live_objects(), 0);
        setenv("XR_RUNTIME_JSON", "/nonexistent/openxr/runtime.json", 1);
    }
    bool has(const std::string& id) const {
        for (const auto& w : shell->screen().widgets)
            if (w.id == id) return true;
        return false;
    }
};

TEST_F(HomeWithHeadset, WithoutARuntimeThereIsNoHeadsetChoice) {
    setenv("XR_RUNTIME_JSON", "/nonexistent/openxr/runtime.json", 1);
    open(960, 540);
    EXPECT_TRUE(has("start"));
    EXPECT_FALSE(has("start-headset"));
}

TEST_F(HomeWithHeadset, InTheHeadsetBeginsTheSessionThereAndEndsBackHome) {
    setenv("XR_RUNTIME_JSON", SOMA_XR_TEST_RUNTIME_JSON, 1);
    open(960, 540);
    ASSERT_TRUE(has("start-headset"));
    ASSERT_TRUE(until([&] { return shell->workerIdle(); }));
    frames(1);
    for (const char* lang : {"nl", "en"}) {
        tap(std::string("lang:") + lang);
        ASSERT_TRUE(until([&] { return shell->workerIdle(); }));
        frames(2);
        EXPECT_TRUE(test::matchesGolden(shell->screenshot(), std::string("home_headset_") + lang));
    }
    tap("start-headset");
    tap("skip"); // the check-in before, on by default
    ASSERT_TRUE(until([&] { return shell->where() == Shell::Where::Session; }));
    ASSERT_TRUE(until([&] { return xrt.frames_submitted() >= 30; }, 60)) << "frames reach the headset";
    EXPECT_EQ(xrt.violation_count(), 0) << xrt.last_violation();
    xrt.request_exit();
    ASSERT_TRUE(until([&] { return shell->where() != Shell::Where::Session; }, 30));
    EXPECT_EQ(xrt.violation_count(), 0) << xrt.last_violation();
}

// Without a runtime: a clear message, how to get one, and a non-zero exit.
TEST(HeadsetCommand, WithoutARuntimeRunXrSaysHowToGetOne) {
    auto r = test::runSoma({"run", "body-scan", "--xr"}, {"XR_RUNTIME_JSON=/nonexistent/runtime.json", "DISPLAY="});
    EXPECT_EQ(r.exitCode, 4) << r.out;
    EXPECT_NE(r.out.find("No OpenXR runtime"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Monado"), std::string::npos) << r.out;
}

// The whole command in a child process: the session reaches the headset,
// the runtime asks it to quit after 120 frames, and it ends softly with its
// log, exit status 0.
TEST(HeadsetCommand, RunXrPlaysInTheHeadsetUntilTheRuntimeEndsIt) {
    auto r = test::runSoma({"run", "breathing-pause", "--xr", "--lang", "nl"},
                           {std::string("XR_RUNTIME_JSON=") + SOMA_XR_TEST_RUNTIME_JSON, "SOMA_XRT_EXIT_AFTER_FRAMES=120", "DISPLAY=",
                            "ALSOFT_DRIVERS=null"});
    EXPECT_EQ(r.exitCode, 0) << r.out;
    EXPECT_NE(r.out.find("OpenXR runtime: Soma test runtime"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("In the headset"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("headset session stopping"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("This session's log"), std::string::npos) << r.out;
}

TEST(HeadsetCommand, DoctorNamesTheRuntime) {
    auto r = test::runSoma({"doctor"}, {std::string("XR_RUNTIME_JSON=") + SOMA_XR_TEST_RUNTIME_JSON});
    EXPECT_NE(r.out.find("Soma test runtime"), std::string::npos) << r.out;
    auto none = test::runSoma({"doctor"}, {"XR_RUNTIME_JSON=/nonexistent/runtime.json"});
    EXPECT_NE(none.out.find("no OpenXR runtime"), std::string::npos) << none.out;
}

} // namespace
} // namespace soma
