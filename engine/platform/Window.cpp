#include "platform/Window.h"

#include "core/Log.h"

#include <SDL.h>
#include <glad/gl.h>

#include <cstdlib>
#include <filesystem>
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

VideoEnvironment VideoEnvironment::current() {
    VideoEnvironment env;
    if (const char* d = std::getenv("SDL_VIDEODRIVER"); d && *d) env.requested = d;
    env.wayland = envSet("WAYLAND_DISPLAY");
    env.x11 = envSet("DISPLAY");
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator("/dev/dri", ec))
        if (e.path().filename().string().rfind("card", 0) == 0) env.drmCard = true;
    return env;
}

std::vector<std::string> windowDrivers(const VideoEnvironment& env) {
    // offscreen and dummy show nothing: asked for, they mean "no window".
    if (!env.requested.empty()) {
        if (env.requested == "offscreen" || env.requested == "dummy") return {};
        return {env.requested};
    }
    std::vector<std::string> drivers;
    if (env.wayland) drivers.push_back("wayland");
    if (env.x11) drivers.push_back("x11");
    // A console with no X or Wayland (a kiosk driving its screen directly).
    if (env.drmCard) drivers.push_back("kmsdrm");
    return drivers;
}

bool displayAvailable() { return !windowDrivers(VideoEnvironment::current()).empty(); }

Result<std::unique_ptr<Window>> Window::openOn(const char* driver, const WindowDesc& desc, bool headless) {
    // The video driver is chosen when video starts; a process that needs
    // another one starts it again.
    if (SDL_WasInit(SDL_INIT_VIDEO)) SDL_QuitSubSystem(SDL_INIT_VIDEO);
    // Over the environment: windowDrivers() has read SDL_VIDEODRIVER already.
    SDL_SetHintWithPriority(SDL_HINT_VIDEODRIVER, driver, SDL_HINT_OVERRIDE);
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1"); // we install our own
    if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0)
        return Error{"platform.video_init", fmt::format("could not start SDL video ({}): {}", driver, SDL_GetError())};
    auto w = openCurrent(desc, headless);
    if (!w) SDL_QuitSubSystem(SDL_INIT_VIDEO);
    return w;
}

Result<std::unique_ptr<Window>> Window::create(const WindowDesc& desc) {
    const std::vector<std::string> drivers = desc.headless ? std::vector<std::string>{} : windowDrivers(VideoEnvironment::current());
    if (drivers.empty()) return openOn("offscreen", desc, true);
    // Each driver the machine offers, in order, until one shows a window;
    // the error names them all, so "no window" always says why.
    std::string tried;
    for (const auto& d : drivers) {
        auto w = openOn(d.c_str(), desc, false);
        if (w) return w;
        tried += fmt::format("{}{}: {}", tried.empty() ? "" : "; ", d, w.error().message);
    }
    return Error{"platform.no_display", fmt::format("no video driver could open a window (tried {})", tried)};
}

Result<std::unique_ptr<Window>> Window::openCurrent(const WindowDesc& desc, bool headless) {
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
