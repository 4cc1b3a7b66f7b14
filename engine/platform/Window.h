// platform/Window: an SDL2 window with an OpenGL 3.3 core context, or the
// same context without a screen (SDL's offscreen driver, EGL on Mesa).
//
// Depends on SDL2 and the glad loader (it loads the GL functions once the
// context is current; render/GlInfo says what the context is). Everything above it draws into its
// own framebuffers and never needs to know which of the two it has. Must
// never call exit() or abort on a missing display: it reports and the caller
// chooses.
#pragma once

#include "core/Result.h"

#include <memory>
#include <string>
#include <vector>

struct SDL_Window;

namespace soma {

struct WindowDesc {
    int width = 1280;
    int height = 720;
    const char* title = "Soma";
    bool headless = false;   // force the offscreen driver
    bool fullscreen = false;
    bool vsync = true;
    bool resizable = true;
};

// What the machine offers for showing a window.
struct VideoEnvironment {
    std::string requested; // SDL_VIDEODRIVER, when set
    bool wayland = false;  // WAYLAND_DISPLAY is set
    bool x11 = false;      // DISPLAY is set
    bool drmCard = false;  // a /dev/dri/card*: a console can drive its screen (KMS/DRM)
    static VideoEnvironment current();
};

// The SDL video drivers to try for a real window, in order: the one
// SDL_VIDEODRIVER names (none for offscreen or dummy, which show nothing);
// otherwise wayland, x11 and kmsdrm where the machine has them. Empty:
// nothing can show a window here, so a session is exported instead.
std::vector<std::string> windowDrivers(const VideoEnvironment& env);

// True when there is a driver to try (windowDrivers is not empty).
bool displayAvailable();

class Window {
public:
    // Tries each of windowDrivers() in order; with none, or desc.headless,
    // the offscreen driver. Error "platform.no_display" names every driver
    // tried and why each failed.
    static Result<std::unique_ptr<Window>> create(const WindowDesc& desc);
    ~Window();
    Window(const Window&) = delete;
    Window& operator=(const Window&) = delete;

    bool headless() const { return mHeadless; }

    // Size of the drawable in pixels.
    int width() const;
    int height() const;

    void setFullscreen(bool on);
    bool fullscreen() const { return mFullscreen; }
    void swap();

    SDL_Window* sdl() const { return mWindow; }

private:
    Window() = default;
    // One try: SDL video on `driver`, then openCurrent.
    static Result<std::unique_ptr<Window>> openOn(const char* driver, const WindowDesc& desc, bool headless);
    // The window and its GL 3.3 core context on the video driver SDL has started.
    static Result<std::unique_ptr<Window>> openCurrent(const WindowDesc& desc, bool headless);
    SDL_Window* mWindow = nullptr;
    void* mContext = nullptr;
    bool mHeadless = false;
    bool mFullscreen = false;
    int mHeadlessW = 0, mHeadlessH = 0;
};

} // namespace soma
