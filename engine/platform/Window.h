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

// True when a window can be shown (a display or Wayland socket is set and
// the platform is not headless by choice).
bool displayAvailable();

class Window {
public:
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
    SDL_Window* mWindow = nullptr;
    void* mContext = nullptr;
    bool mHeadless = false;
    bool mFullscreen = false;
    int mHeadlessW = 0, mHeadlessH = 0;
};

} // namespace soma
