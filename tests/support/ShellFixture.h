// The fixture of the tests that drive the program as a person does: a
// real offscreen window, the real Shell with real plugins, OpenAL Soft's
// loopback device and real files, and real SDL events (keys, mouse, touch,
// gamepad, typed text) pushed into SDL's queue.
#pragma once

#include "live/Shell.h"
#include "platform/Window.h"
#include "settings/Settings.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <sstream>
#include <string>
#include <thread>

namespace soma {

namespace fs = std::filesystem;

// A folder of this test's own (the tests of one process share its XDG root).
inline fs::path tempDir(const std::string& name) {
    const auto* t = ::testing::UnitTest::GetInstance()->current_test_info();
    fs::path d = fs::path(std::getenv("XDG_STATE_HOME")).parent_path() / "shell" / t->name() / name;
    fs::create_directories(d);
    return d;
}

inline std::string readAll(const fs::path& p) {
    std::ifstream f(p);
    std::stringstream s;
    s << f.rdbuf();
    return s.str();
}

class ShellTest : public ::testing::Test {
protected:
    SettingsFiles files;
    fs::path checkIns;
    // Lengths and pictures are shared by the tests of a build (they only
    // depend on the exercises), so only the first to need one pays for it.
    fs::path cache = fs::path(SOMA_TEST_OUTPUT_DIR) / "shell-cache";

    fs::path practice; // the therapist's client records
    std::function<std::string()> clock; // set: the time the program sees (for goldens)
    fs::path exportDir;                  // set: where a client's readable export goes

    void SetUp() override {
        files.user = tempDir("config") / "soma" / "settings.toml";
        checkIns = tempDir("state") / "check-ins.toml";
        practice = tempDir("data") / "clients";
    }
    void TearDown() override { close(); }

    void open(int w = 1280, int h = 720) {
        close();
        WindowDesc wd;
        wd.width = w;
        wd.height = h;
        wd.headless = true;
        auto win = Window::create(wd);
        ASSERT_TRUE(win) << win.error().message;
        window = std::move(*win);
        ShellDesc d;
        d.settings = loadSettings(files);
        d.audio.audio.loopback = true;
        d.audio.reverb = false;
        d.logDir = tempDir("logs");
        d.cacheDir = cache;
        d.checkIns = checkIns;
        d.sessionClosingSec = 0.2;
        d.practiceDir = practice;
        // libsodium's least Argon2id work (OPSLIMIT_MIN, MEMLIMIT_MIN): the
        // tests open the records many times; the program keeps its default.
        d.practiceKdf = {1, 8192};
        d.clock = clock;
        d.exportDir = exportDir.empty() ? tempDir("documents") : exportDir;
        auto s = Shell::create(*window, std::move(d));
        ASSERT_TRUE(s) << s.error().message;
        shell = std::move(*s);
        SDL_FlushEvents(SDL_FIRSTEVENT, SDL_LASTEVENT);
        frames(1);
    }
    void close() {
        shell.reset(); // its GL objects before their context
        window.reset();
    }

    // Frames of a tenth of a second of sound, as a sound card would take it.
    void frames(int n) {
        std::vector<float> buf(4800 * 2);
        for (int i = 0; i < n; ++i) {
            if (shell->where() == Shell::Where::Session && !shell->session()->sequencer().paused())
                shell->audio().render(buf.data(), 4800);
            shell->pollInput();
            ASSERT_TRUE(shell->frame());
        }
    }
    // Until `done` holds (frames of real time, since the worker's is real).
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
    void key(SDL_Keycode k) {
        SDL_Event e{};
        e.type = SDL_KEYDOWN;
        e.key.keysym.sym = k;
        e.key.state = SDL_PRESSED;
        push(e);
        frames(1);
    }
    void pad(SDL_GameControllerButton b) {
        SDL_Event e{};
        e.type = SDL_CONTROLLERBUTTONDOWN;
        e.cbutton.button = Uint8(b);
        push(e);
        frames(1);
    }
    const ui::Widget& widget(const std::string& id) {
        const ui::Widget* w = shell->screen().find(id);
        EXPECT_NE(w, nullptr) << id << " is not on the screen";
        static const ui::Widget none;
        return w ? *w : none;
    }
    void tap(const std::string& id) {
        const ui::Widget& w = widget(id);
        SDL_Event e{};
        e.type = SDL_FINGERDOWN;
        e.tfinger.x = (w.rect.x + w.rect.w / 2) / float(window->width());
        e.tfinger.y = (w.rect.y + w.rect.h / 2) / float(window->height());
        push(e);
        frames(1);
    }
    // A finger at a point of a widget, as shares of its width and height.
    void tapAt(const std::string& id, float fx, float fy) {
        const ui::Widget& w = widget(id);
        SDL_Event e{};
        e.type = SDL_FINGERDOWN;
        e.tfinger.x = (w.rect.x + w.rect.w * fx) / float(window->width());
        e.tfinger.y = (w.rect.y + w.rect.h * fy) / float(window->height());
        push(e);
        frames(1);
    }
    void click(const std::string& id) {
        const ui::Widget& w = widget(id);
        SDL_Event e{};
        e.type = SDL_MOUSEBUTTONDOWN;
        e.button.button = SDL_BUTTON_LEFT;
        e.button.x = int(w.rect.x + w.rect.w / 2);
        e.button.y = int(w.rect.y + w.rect.h / 2);
        push(e);
        frames(1);
    }
    // Text typed on a keyboard, as SDL hands it over (one event a letter).
    void typeText(const std::string& text) {
        for (size_t i = 0; i < text.size();) {
            size_t n = 1;
            while (i + n < text.size() && (static_cast<unsigned char>(text[i + n]) & 0xC0) == 0x80) ++n;
            SDL_Event e{};
            e.type = SDL_TEXTINPUT;
            text.copy(e.text.text, n, i);
            push(e);
            i += n;
        }
        frames(1);
    }
    // A mouse press at a point, moved by (dx, dy) in `steps`, and lifted.
    void mouseDrag(float x, float y, float dx, float dy, int steps = 4) {
        SDL_Event e{};
        e.type = SDL_MOUSEBUTTONDOWN;
        e.button.button = SDL_BUTTON_LEFT;
        e.button.x = int(x);
        e.button.y = int(y);
        push(e);
        for (int i = 1; i <= steps; ++i) {
            SDL_Event m{};
            m.type = SDL_MOUSEMOTION;
            m.motion.state = SDL_BUTTON_LMASK;
            m.motion.x = int(x + dx * float(i) / float(steps));
            m.motion.y = int(y + dy * float(i) / float(steps));
            m.motion.xrel = int(dx / float(steps));
            m.motion.yrel = int(dy / float(steps));
            push(m);
        }
        SDL_Event u{};
        u.type = SDL_MOUSEBUTTONUP;
        u.button.button = SDL_BUTTON_LEFT;
        u.button.x = int(x + dx);
        u.button.y = int(y + dy);
        push(u);
        frames(1);
    }
    // A finger down and up at a point of the window (a tap that lifts).
    void tapPoint(float x, float y) {
        for (Uint32 type : {Uint32(SDL_FINGERDOWN), Uint32(SDL_FINGERUP)}) {
            SDL_Event e{};
            e.type = type;
            e.tfinger.x = x / float(window->width());
            e.tfinger.y = y / float(window->height());
            push(e);
        }
        frames(1);
    }

    // Every word on the screen, in drawing order.
    std::string words() const {
        std::string all;
        for (const auto& w : shell->screen().widgets)
            for (const auto& l : w.lines) all += l.text + "\n";
        for (const auto& l : shell->screen().lines) all += l.text + "\n";
        return all;
    }
    std::string focus() const { return shell->screen().focus; }

    std::unique_ptr<Window> window;
    std::unique_ptr<Shell> shell;
};

} // namespace soma
