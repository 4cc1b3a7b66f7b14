#include "platform/Window.h"

#include "core/Log.h"

#include <SDL.h>
#include <glad/gl.h>

#include <cstdlib>
#include <cstring>

namespace soma {
namespace {

bool envSet(const char* name) {
    const char* v = std::getenv(name);
    return v && *v;
}

std::string glString(GLenum e) {
    auto s = reinterpret_cast<const char*>(glGetString(e));
    return s ? s : "";
}

} // namespace

bool displayAvailable() {
    if (const char* d = std::getenv("SDL_VIDEODRIVER"); d && (!std::strcmp(d, "offscreen") || !std::strcmp(d, "dummy")))
        return false;
    return envSet("DISPLAY") || envSet("WAYLAND_DISPLAY");
}

Result<std::unique_ptr<Window>> Window::create(const WindowDesc& desc) {
    const bool headless = desc.headless || !displayAvailable();
    // The video driver is chosen at SDL_Init; a process that needs the other
    // kind re-initialises the video subsystem.
    if (SDL_WasInit(SDL_INIT_VIDEO)) SDL_QuitSubSystem(SDL_INIT_VIDEO);
    SDL_SetHint(SDL_HINT_VIDEODRIVER, headless ? "offscreen" : "");
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1"); // we install our own
    if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0)
        return Error{"platform.video_init", fmt::format("could not start SDL video ({}): {}", headless ? "offscreen" : "display", SDL_GetError())};

    SDL_GL_ResetAttributes();
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 24);
    SDL_GL_SetAttribute(SDL_GL_FRAMEBUFFER_SRGB_CAPABLE, 0);

    Uint32 flags = SDL_WINDOW_OPENGL;
    if (!headless) {
        flags |= SDL_WINDOW_ALLOW_HIGHDPI;
        if (desc.resizable) flags |= SDL_WINDOW_RESIZABLE;
        if (desc.fullscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    } else {
        flags |= SDL_WINDOW_HIDDEN;
    }

    std::unique_ptr<Window> w(new Window());
    w->mHeadless = headless;
    w->mHeadlessW = desc.width;
    w->mHeadlessH = desc.height;
    w->mFullscreen = desc.fullscreen && !headless;
    w->mWindow = SDL_CreateWindow(desc.title, SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, desc.width, desc.height, flags);
    if (!w->mWindow)
        return Error{"platform.window", fmt::format("could not create a window: {}", SDL_GetError())};
    w->mContext = SDL_GL_CreateContext(w->mWindow);
    if (!w->mContext)
        return Error{"platform.gl_context",
                     fmt::format("could not create an OpenGL 3.3 core context: {}. Install Mesa (libgl1-mesa-dri, libegl-mesa0) "
                                 "or a GPU driver.", SDL_GetError())};
    SDL_GL_MakeCurrent(w->mWindow, w->mContext);
    if (!gladLoadGL(reinterpret_cast<GLADloadfunc>(SDL_GL_GetProcAddress)))
        return Error{"platform.gl_loader", "the OpenGL 3.3 functions could not be loaded"};
    if (!headless) SDL_GL_SetSwapInterval(desc.vsync ? 1 : 0);

    log::debug("platform.gl", "OpenGL {} on {} ({})", glString(GL_VERSION), glString(GL_RENDERER), headless ? "headless" : "window");
    return w;
}

Window::~Window() {
    if (mContext) SDL_GL_DeleteContext(mContext);
    if (mWindow) SDL_DestroyWindow(mWindow);
}

int Window::width() const {
    if (mHeadless) return mHeadlessW;
    int w = 0, h = 0;
    SDL_GL_GetDrawableSize(mWindow, &w, &h);
    return w;
}

int Window::height() const {
    if (mHeadless) return mHeadlessH;
    int w = 0, h = 0;
    SDL_GL_GetDrawableSize(mWindow, &w, &h);
    return h;
}

void Window::setFullscreen(bool on) {
    if (mHeadless || on == mFullscreen) return;
    if (SDL_SetWindowFullscreen(mWindow, on ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0) == 0) mFullscreen = on;
}

void Window::swap() {
    if (!mHeadless) SDL_GL_SwapWindow(mWindow);
}

} // namespace soma
