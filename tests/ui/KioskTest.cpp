// Kiosk mode as a visitor and the staff meet it: real SDL touches into a
// real offscreen window, the real plugins (natives signed with Debian's
// real minisign, one tampered, one unsigned, one broken), OpenAL Soft's
// loopback device, a real config file. The kiosk's own clock is the
// test's, so a minute of idling takes no time.
#include "catalog/Catalog.h"
#include "live/Kiosk.h"
#include "platform/Window.h"
#include "support/ImageCheck.h"
#include "support/ManagerSocket.h"
#include "support/Minisign.h"
#include "support/RunProgram.h"
#include "support/ShellFixture.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstring>
#include <thread>

namespace soma {
namespace {

fs::path buildDir() { return fs::path(SOMA_BUILD_DIR); }

// The mean light of a picture (0..255, Rec. 709 weights).
double meanLight(const Image& im) {
    double sum = 0;
    for (size_t i = 0; i + 3 < im.rgba.size(); i += 4) sum += 0.2126 * im.rgba[i] + 0.7152 * im.rgba[i + 1] + 0.0722 * im.rgba[i + 2];
    return im.rgba.empty() ? 0.0 : sum / double(im.rgba.size() / 4);
}

// The system's plugin folders as a centre's kiosk has them: the shipped
// scripts, and natives signed by the centre's key, except one changed
// after signing, one never signed, and one signed but broken.
struct KioskPlugins {
    fs::path natives, scripts = buildDir() / "share" / "soma" / "plugins";
    std::string key;      // the trusted key's line
    std::string otherKey; // a key that signed nothing here
};

const KioskPlugins& kioskPlugins() {
    static const KioskPlugins p = [] {
        KioskPlugins k;
        const fs::path root = fs::path(std::getenv("XDG_STATE_HOME")).parent_path() / "kiosk-plugins";
        fs::remove_all(root);
        k.natives = root / "lib";
        fs::create_directories(k.natives);
        const auto centre = test::makeMinisignKey(root / "centre");
        k.key = centre.publicLine();
        k.otherKey = test::makeMinisignKey(root / "other").publicLine();
        const fs::path shipped = buildDir() / "lib" / "soma" / "plugins";
        for (const char* name : {"diaphragm-breathing.so", "pendulation.so", "personal-scan.so"})
            fs::copy_file(shipped / name, k.natives / name);
        test::minisignFile(centre, k.natives / "diaphragm-breathing.so", "diaphragm-breathing, as shipped");
        test::minisignFile(centre, k.natives / "pendulation.so", "pendulation, as shipped");
        std::ofstream(k.natives / "pendulation.so", std::ios::app) << "changed after it was signed";
        for (const auto& e : fs::directory_iterator(buildDir() / "test-plugins" / "crashes"))
            if (e.path().extension() == ".so") {
                fs::copy_file(e.path(), k.natives / "crashes.so");
                test::minisignFile(centre, k.natives / "crashes.so", "signed, but it crashes");
            }
        return k;
    }();
    return p;
}

class KioskTest : public ::testing::Test {
protected:
    double clockSec = 1000.0; // the kiosk's clock, moved by the test
    fs::path counts;
    std::string pinHash;
    bool anonymousCounts = false;

    void SetUp() override {
        counts = tempDir("state") / "kiosk-counts.tsv";
        auto h = hashKioskPin("2468");
        ASSERT_TRUE(h) << h.error().message;
        pinHash = *h;
    }
    void TearDown() override {
        kiosk.reset();
        window.reset();
        // sd_notify reads NOTIFY_SOCKET at every call: unset only now.
        ::unsetenv("NOTIFY_SOCKET");
        ::unsetenv("WATCHDOG_USEC");
        ::unsetenv("WATCHDOG_PID");
    }

    std::string configText() const {
        return "languages = [\"nl\", \"en\"]\nidle_seconds = 60\nwarning_seconds = 20\nanonymous_counts = " +
               std::string(anonymousCounts ? "true" : "false") + "\npin = \"" + pinHash + "\"\ntrusted_keys = [\"" + kioskPlugins().key +
               "\"]\n\n[[exercise]]\nid = \"body-scan\"\nlengths = [\"short\", \"long\"]\n\n[[exercise]]\nid = \"diaphragm-breathing\"\n"
               "lengths = [\"short\"]\n\n[[exercise]]\nid = \"pendulation\"\n\n[[exercise]]\nid = \"personal-scan\"\n";
    }

    void open(int w = 1280, int h = 720) {
        kiosk.reset();
        window.reset();
        const fs::path file = tempDir("etc") / "kiosk.toml";
        std::ofstream(file) << configText();
        auto parsed = loadKioskConfig(file);
        ASSERT_TRUE(parsed.ok()) << parsed.problems.front().format();
        WindowDesc wd;
        wd.width = w;
        wd.height = h;
        wd.headless = true;
        auto win = Window::create(wd);
        ASSERT_TRUE(win) << win.error().message;
        window = std::move(*win);
        KioskDesc d;
        d.config = parsed.config;
        d.pluginDirs = {kioskPlugins().natives, kioskPlugins().scripts};
        d.registry.validator = SOMA_BINARY;
        d.registry.checksFile = tempDir("state") / "plugin-checks.toml";
        d.audio.audio.loopback = true;
        d.audio.reverb = false;
        d.cacheDir = fs::path(SOMA_TEST_OUTPUT_DIR) / "shell-cache";
        d.countsFile = counts;
        d.closingSec = 0.2;
        d.clock = [this] { return clockSec; };
        auto k = Kiosk::create(*window, std::move(d));
        ASSERT_TRUE(k) << k.error().message;
        kiosk = std::move(*k);
        SDL_FlushEvents(SDL_FIRSTEVENT, SDL_LASTEVENT);
        frames(1);
        EXPECT_TRUE(kiosk->plugins().records().empty()) << "the attract screen comes first, the plugins after it";
        EXPECT_EQ(kiosk->where(), Kiosk::Where::Attract);
        ASSERT_TRUE(until([&] { return kiosk->loaded(); }, 120)) << "the plugins and cards never loaded";
    }

    // Frames of a tenth of a second, on the kiosk's clock and the sound's.
    void frames(int n, double secondsEach = 0.1) {
        std::vector<float> buf(4800 * 2);
        for (int i = 0; i < n; ++i) {
            clockSec += secondsEach;
            if (kiosk->where() == Kiosk::Where::Session && !kiosk->session()->sequencer().paused()) kiosk->audio().render(buf.data(), 4800);
            kiosk->pollInput();
            ASSERT_TRUE(kiosk->frame());
        }
    }
    // Time passing with no one there, a second a frame.
    void wait(double seconds) {
        for (double t = 0; t < seconds; t += 1.0) frames(1, 1.0);
    }
    template <class F>
    bool until(F done, double seconds = 120) {
        const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
        while (!done()) {
            if (std::chrono::steady_clock::now() > end) return false;
            frames(1);
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        return true;
    }
    void push(SDL_Event e) { ASSERT_EQ(SDL_PushEvent(&e), 1) << SDL_GetError(); }
    void finger(Uint32 type, float x, float y) {
        SDL_Event e{};
        e.type = type;
        e.tfinger.x = x / float(window->width());
        e.tfinger.y = y / float(window->height());
        push(e);
    }
    void tapPoint(float x, float y) {
        finger(SDL_FINGERDOWN, x, y);
        finger(SDL_FINGERUP, x, y);
        frames(1);
    }
    void tap(const std::string& id) {
        const ui::Widget* w = kiosk->screen().find(id);
        ASSERT_NE(w, nullptr) << id << " is not on the screen:\n" << words();
        tapPoint(w->rect.x + w->rect.w / 2, w->rect.y + w->rect.h / 2);
    }
    void key(SDL_Keycode k) {
        SDL_Event e{};
        e.type = SDL_KEYDOWN;
        e.key.keysym.sym = k;
        e.key.state = SDL_PRESSED;
        push(e);
        frames(1);
    }
    void typePin(const std::string& pin) {
        for (char c : pin) tap(std::string("digit:") + c);
        tap("pin-ok");
    }
    // The long press that opens the PIN pad: a finger held in the top-left corner.
    void holdCorner(double seconds) {
        finger(SDL_FINGERDOWN, 6, 6);
        frames(1);
        wait(seconds);
        finger(SDL_FINGERUP, 6, 6);
        frames(1);
    }
    std::string words() const {
        std::string all;
        for (const auto& w : kiosk->screen().widgets)
            for (const auto& l : w.lines) all += l.text + "\n";
        for (const auto& l : kiosk->screen().lines) all += l.text + "\n";
        return all;
    }
    // The words read as a sentence, wherever their lines were broken.
    bool shows(const std::string& text) const {
        std::string all = words();
        std::replace(all.begin(), all.end(), '\n', ' ');
        return all.find(text) != std::string::npos;
    }

    std::unique_ptr<Window> window;
    std::unique_ptr<Kiosk> kiosk;
};

TEST_F(KioskTest, OnlySignedNativesAndTheSystemsScriptsLoad) {
    open();
    std::map<std::string, std::string> status;
    for (const auto& r : kiosk->plugins().records()) status[r.path.filename().string()] = r.status;
    EXPECT_EQ(status["diaphragm-breathing.so"], "ok");
    EXPECT_EQ(status["pendulation.so"], "signature.bad") << "changed after signing";
    EXPECT_EQ(status["personal-scan.so"], "signature.missing");
    ASSERT_TRUE(status.count("crashes.so")) << "the broken plugin is among those found";
    EXPECT_NE(status["crashes.so"], "ok") << "signed, but its check crashes";
    EXPECT_EQ(status["crashes.so"].rfind("signature.", 0), std::string::npos) << "its signature was fine: " << status["crashes.so"];
    EXPECT_EQ(status["body-scan"], "ok");
    // The cards are the config's exercises that loaded, in its order, with its lengths.
    tapPoint(640, 400);
    ASSERT_EQ(kiosk->where(), Kiosk::Where::Choose);
    ASSERT_EQ(kiosk->state().cards.size(), 2u);
    EXPECT_EQ(kiosk->state().cards[0].id, "body-scan");
    EXPECT_EQ(kiosk->state().cards[1].id, "diaphragm-breathing");
    EXPECT_NE(kiosk->screen().find("begin:body-scan:long"), nullptr);
    EXPECT_EQ(kiosk->screen().find("begin:diaphragm-breathing:long"), nullptr) << "the config allows it short only";
    EXPECT_EQ(kiosk->screen().find("card:grounding"), nullptr) << "not in the config";
}

TEST_F(KioskTest, AttractChooseAPausedSessionAndTheIdleResetEndingItSoftly) {
    anonymousCounts = true;
    open();
    EXPECT_EQ(kiosk->where(), Kiosk::Where::Attract);
    EXPECT_TRUE(shows("Raak het scherm aan om te beginnen")) << words();
    EXPECT_TRUE(shows("alleen anonieme tellingen")) << words();
    wait(300);
    EXPECT_EQ(kiosk->where(), Kiosk::Where::Attract) << "the attract screen is where the kiosk rests";
    tapPoint(900, 300);
    ASSERT_EQ(kiosk->where(), Kiosk::Where::Choose);
    tap("begin:body-scan:short");
    ASSERT_TRUE(until([&] { return kiosk->where() == Kiosk::Where::Session; })) << "the session never began";
    EXPECT_EQ(kiosk->session()->sequencer().session().lang, "nl");
    EXPECT_EQ(kiosk->session()->eventLog(), nullptr) << "no session log in a kiosk";
    // A session that plays is never cut short, however long no one touches.
    for (int i = 0; i < 90; ++i) frames(1, 1.0);
    EXPECT_EQ(kiosk->where(), Kiosk::Where::Session);
    EXPECT_FALSE(kiosk->warning());
    tapPoint(640, 500); // pause
    ASSERT_TRUE(kiosk->session()->sequencer().paused());
    wait(61);
    ASSERT_TRUE(kiosk->warning());
    EXPECT_NE(kiosk->session()->overlay().pausedLabel.find("Ben je er nog?"), std::string::npos) << kiosk->session()->overlay().pausedLabel;
    wait(19);
    frames(9, 0.1); // the last second of the warning, in tenths
    ASSERT_EQ(kiosk->where(), Kiosk::Where::Attract);
    EXPECT_EQ(kiosk->session(), nullptr);
    EXPECT_EQ(kiosk->resets(), 1);
    // The attract screen comes up slowly from the calm dark, never in a step
    // (WCAG 2.3.1 counts a flash from a change of a tenth of the light): a
    // tenth of a second changes it by less than a hundredth.
    std::vector<double> light;
    for (int i = 0; i < 25; ++i) {
        frames(1, 0.1);
        light.push_back(meanLight(kiosk->screenshot()));
    }
    EXPECT_GT(light.back() - light.front(), 4.0) << "the figure came up";
    for (size_t i = 1; i < light.size(); ++i) EXPECT_LT(std::abs(light[i] - light[i - 1]), 2.55) << "a step in the light at frame " << i;
    const auto kept = readKioskCounts(counts);
    ASSERT_EQ(kept.size(), 1u);
    EXPECT_EQ(kept[0].exercise, "body-scan");
    EXPECT_EQ(kept[0].length, "short");
    EXPECT_EQ(kept[0].sessions, 1);
    EXPECT_EQ(kept[0].endedEarly, 1);
    EXPECT_GT(kept[0].minutes, 0.0);
    // Nothing else of the visitor anywhere under the kiosk user's folders.
    for (const char* var : {"XDG_STATE_HOME", "XDG_DATA_HOME"}) {
        const char* d = std::getenv(var);
        if (!d || !fs::exists(fs::path(d) / "soma" / "sessions")) continue;
        EXPECT_TRUE(fs::is_empty(fs::path(d) / "soma" / "sessions")) << var;
    }
}

TEST_F(KioskTest, TheWarningOnTheCardsIsAnsweredByATouchAndOtherwiseStartsAgainInTheFirstLanguage) {
    open();
    tapPoint(640, 400);
    tap("lang:en");
    EXPECT_TRUE(shows("Choose an exercise")) << words();
    wait(59);
    EXPECT_FALSE(kiosk->warning());
    wait(2);
    ASSERT_TRUE(kiosk->warning());
    EXPECT_TRUE(shows("Are you still there?")) << words();
    EXPECT_EQ(kiosk->screen().find("begin:body-scan:short"), nullptr) << "the warning stands alone";
    tapPoint(640, 400); // answers it, and starts nothing
    EXPECT_FALSE(kiosk->warning());
    EXPECT_EQ(kiosk->where(), Kiosk::Where::Choose);
    EXPECT_TRUE(kiosk->state().preparing.empty());
    wait(81);
    EXPECT_EQ(kiosk->where(), Kiosk::Where::Attract);
    EXPECT_EQ(kiosk->state().lang, "nl") << "the next visitor starts in the config's first language";
    EXPECT_TRUE(shows("Raak het scherm aan")) << words();
}

TEST_F(KioskTest, EscTheWindowsCloseAndF11DoNothing) {
    open();
    tapPoint(640, 400);
    ASSERT_EQ(kiosk->where(), Kiosk::Where::Choose);
    const bool fullscreen = window->fullscreen();
    key(SDLK_ESCAPE);
    key(SDLK_F11);
    SDL_Event quit{};
    quit.type = SDL_QUIT;
    push(quit);
    SDL_Event close{};
    close.type = SDL_WINDOWEVENT;
    close.window.event = SDL_WINDOWEVENT_CLOSE;
    push(close);
    frames(2);
    EXPECT_FALSE(kiosk->done());
    EXPECT_EQ(kiosk->where(), Kiosk::Where::Choose);
    EXPECT_EQ(window->fullscreen(), fullscreen);
    // Nor in a session: the visitor's own way out is the Stop button.
    tap("begin:diaphragm-breathing:short");
    ASSERT_TRUE(until([&] { return kiosk->where() == Kiosk::Where::Session; }));
    frames(3);
    key(SDLK_ESCAPE);
    push(quit);
    frames(3);
    EXPECT_EQ(kiosk->where(), Kiosk::Where::Session);
    EXPECT_FALSE(kiosk->session()->stopRequested());
    for (const auto& b : kiosk->session()->overlay().buttons) {
        if (b.id == "stop") tapPoint(b.rect.x + b.rect.w / 2, b.rect.y + b.rect.h / 2);
    }
    ASSERT_TRUE(until([&] { return kiosk->where() == Kiosk::Where::Choose; }, 30)) << "Stop ends the session, back to the cards";
    EXPECT_FALSE(kiosk->done());
}

TEST_F(KioskTest, AFiveSecondPressInTheCornerOpensThePinPadAndOnlyTheRightPinLeaves) {
    open();
    holdCorner(2); // a short press there is a tap like any other
    EXPECT_EQ(kiosk->where(), Kiosk::Where::Choose);
    holdCorner(5);
    ASSERT_EQ(kiosk->where(), Kiosk::Where::Pin);
    EXPECT_TRUE(shows("pincode")) << words();
    typePin("1111");
    EXPECT_FALSE(kiosk->done());
    EXPECT_TRUE(shows("Deze pincode klopt niet.")) << words();
    EXPECT_EQ(kiosk->state().pinDigits, 0);
    tap("digit:2");
    tap("digit:4");
    EXPECT_EQ(kiosk->state().pinDigits, 2);
    EXPECT_FALSE(shows("24")) << "digits are shown as dots";
    tap("erase");
    EXPECT_EQ(kiosk->state().pinDigits, 1);
    tap("pin-cancel");
    EXPECT_EQ(kiosk->where(), Kiosk::Where::Choose);
    holdCorner(5);
    ASSERT_EQ(kiosk->where(), Kiosk::Where::Pin);
    typePin("2468");
    EXPECT_TRUE(kiosk->done());
}

TEST_F(KioskTest, FiveWrongPinsInARowMakeThePadWaitAMinute) {
    open();
    holdCorner(5);
    ASSERT_EQ(kiosk->where(), Kiosk::Where::Pin);
    for (int i = 0; i < 5; ++i) typePin("0000");
    EXPECT_TRUE(shows("Te veel pogingen")) << words();
    typePin("2468");
    EXPECT_FALSE(kiosk->done()) << "not even the right one while it waits";
    wait(30); // the pad counts as idle too: touches keep it open
    tap("digit:1");
    wait(31);
    tap("erase");
    typePin("2468");
    EXPECT_TRUE(kiosk->done());
}

TEST_F(KioskTest, TheScreensInBothLanguagesMatchTheirGoldens) {
    open();
    ASSERT_TRUE(until([&] { return kiosk->workerIdle(); }, 300)) << "the lengths were never measured";
    for (const char* lang : {"nl", "en"}) {
        SCOPED_TRACE(lang);
        tap(std::string("lang:") + lang);
        clockSec = 2002.5; // the breath at its fullest
        frames(1, 0.0);
        EXPECT_TRUE(test::matchesGolden(kiosk->screenshot(), std::string("kiosk_attract_") + lang, {12, 0.01}));
        tapPoint(900, 300);
        frames(1);
        EXPECT_TRUE(test::matchesGolden(kiosk->screenshot(), std::string("kiosk_cards_") + lang, {12, 0.01}));
        wait(62);
        ASSERT_TRUE(kiosk->warning());
        EXPECT_TRUE(test::matchesGolden(kiosk->screenshot(), std::string("kiosk_warning_") + lang, {12, 0.01}));
        tapPoint(640, 400);
        holdCorner(5);
        ASSERT_EQ(kiosk->where(), Kiosk::Where::Pin);
        tap("digit:7");
        tap("digit:7");
        EXPECT_TRUE(test::matchesGolden(kiosk->screenshot(), std::string("kiosk_pin_") + lang, {12, 0.01}));
        tap("pin-cancel");
        tap("back");
        ASSERT_EQ(kiosk->where(), Kiosk::Where::Attract);
    }
}

// In a paused session the touch that answers the warning does not resume
// it; staff's long press there neither pauses nor plays it, and a playing
// session paused by the PIN pad plays on when the pad is cancelled.
TEST_F(KioskTest, TheWarningAndThePinPadLeaveASessionAsTheyFoundIt) {
    open();
    tapPoint(640, 400);
    tap("begin:diaphragm-breathing:short");
    ASSERT_TRUE(until([&] { return kiosk->where() == Kiosk::Where::Session; }));
    frames(3);
    tapPoint(640, 500);
    ASSERT_TRUE(kiosk->session()->sequencer().paused());
    wait(62);
    ASSERT_TRUE(kiosk->warning());
    tapPoint(640, 500);
    EXPECT_FALSE(kiosk->warning());
    EXPECT_TRUE(kiosk->session()->sequencer().paused()) << "answering the warning resumed the session";
    // The long press, in a paused session: still paused under the pad and after it.
    finger(SDL_FINGERDOWN, 6, 6);
    frames(1);
    EXPECT_TRUE(kiosk->session()->sequencer().paused()) << "a press in the corner is held back until it lifts";
    wait(5);
    ASSERT_EQ(kiosk->where(), Kiosk::Where::Pin);
    finger(SDL_FINGERUP, 6, 6);
    frames(1);
    tap("pin-cancel");
    ASSERT_EQ(kiosk->where(), Kiosk::Where::Session);
    EXPECT_TRUE(kiosk->session()->sequencer().paused());
    // Playing, the pad pauses it, and cancelling plays it on.
    tapPoint(640, 500);
    ASSERT_FALSE(kiosk->session()->sequencer().paused());
    holdCorner(5);
    ASSERT_EQ(kiosk->where(), Kiosk::Where::Pin);
    EXPECT_TRUE(kiosk->session()->sequencer().paused());
    tap("pin-cancel");
    EXPECT_EQ(kiosk->where(), Kiosk::Where::Session);
    EXPECT_FALSE(kiosk->session()->sequencer().paused());
    // A short press in the corner is the session's tap: it pauses.
    holdCorner(1);
    EXPECT_TRUE(kiosk->session()->sequencer().paused());
}

// A choice made and then left (back to the attract screen) does not hold
// the buttons: the next visitor can choose.
TEST_F(KioskTest, AChoiceLeftWhileItWasPreparedDoesNotHoldTheButtons) {
    open();
    tapPoint(640, 400);
    tap("begin:body-scan:long");
    EXPECT_FALSE(kiosk->state().preparing.empty());
    tap("back");
    ASSERT_TRUE(until([&] { return kiosk->state().preparing.empty(); })) << "the buttons stay held";
    EXPECT_EQ(kiosk->where(), Kiosk::Where::Attract);
    tapPoint(640, 400);
    tap("begin:diaphragm-breathing:short");
    ASSERT_TRUE(until([&] { return kiosk->where() == Kiosk::Where::Session; }));
    EXPECT_EQ(kiosk->session()->sequencer().session().exercise, "diaphragm-breathing");
}

// Under its systemd unit: ready with the attract screen (before the
// plugins have loaded), the watchdog fed from the frame loop, stopping at the end.
TEST_F(KioskTest, NotifiesTheServiceManager) {
    test::ManagerSocket manager(tempDir("notify") / "notify.sock");
    ASSERT_TRUE(manager.bound) << std::strerror(errno);
    ::setenv("NOTIFY_SOCKET", (tempDir("notify") / "notify.sock").c_str(), 1);
    ::setenv("WATCHDOG_USEC", "200000", 1);
    ::setenv("WATCHDOG_PID", std::to_string(::getpid()).c_str(), 1);
    open(); // checks that the first frame came before the plugins
    std::vector<std::string> got = manager.receive();
    ASSERT_FALSE(got.empty());
    EXPECT_EQ(got.front().rfind("READY=1", 0), 0u) << got.front();
    const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(600);
    while (std::chrono::steady_clock::now() < end) {
        frames(1);
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    got = manager.receive();
    EXPECT_GE(test::countSaying(got, "WATCHDOG=1"), 3);
    EXPECT_EQ(test::countSaying(got, "READY=1"), 0);
    kiosk.reset();
    got = manager.receive();
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got.front().rfind("STOPPING=1", 0), 0u) << got.front();
}

TEST(KioskCommand, ABadConfigIsRefusedWithItsLineAndNothingStarts) {
    const fs::path dir = fs::path(std::getenv("XDG_STATE_HOME")).parent_path() / "kiosk-bad";
    fs::create_directories(dir);
    const fs::path file = dir / "kiosk.toml";
    std::ofstream(file) << "languages = [\"nl\"]\nidle_seconds = \"a minute\"\n\n[[exercise]]\nid = \"body-scan\"\n";
    const auto r = test::runSoma({"kiosk", "--config", file.string()});
    EXPECT_EQ(r.exitCode, 2) << r.out;
    EXPECT_NE(r.out.find(file.string() + ":2:"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("does not start"), std::string::npos) << r.out;
    const auto missing = test::runSoma({"kiosk", "--config", (dir / "nothing-here.toml").string()});
    EXPECT_EQ(missing.exitCode, 2) << missing.out;
    EXPECT_NE(missing.out.find("nothing-here.toml"), std::string::npos) << missing.out;
}

} // namespace
} // namespace soma
