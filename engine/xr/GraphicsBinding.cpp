#include "xr/GraphicsBinding.h"

#include <EGL/egl.h>
#include <X11/Xlib.h>
#include <GL/glx.h>

// OpenXR 1.0.20's header declares XR_MNDX_egl_enable's binding behind
// XR_USE_PLATFORM_EGL.
#define XR_USE_PLATFORM_EGL
#define XR_USE_PLATFORM_XLIB
#define XR_USE_GRAPHICS_API_OPENGL
#include <openxr/openxr.h>
#include <openxr/openxr_platform.h>

namespace soma {

struct GraphicsBinding::Data {
    XrGraphicsBindingEGLMNDX egl{};
    XrGraphicsBindingOpenGLXlibKHR glx{};
};

GraphicsBinding::GraphicsBinding(GraphicsBinding&&) noexcept = default;
GraphicsBinding& GraphicsBinding::operator=(GraphicsBinding&&) noexcept = default;
GraphicsBinding::~GraphicsBinding() = default;

std::string GraphicsBinding::extension() const { return mKind == Kind::Egl ? kEglEnableExtension : std::string(); }

const void* GraphicsBinding::next() const {
    if (!mData) return nullptr;
    return mKind == Kind::Egl ? static_cast<const void*>(&mData->egl) : static_cast<const void*>(&mData->glx);
}

Result<GraphicsBinding> GraphicsBinding::forCurrentContext() {
    GraphicsBinding b;
    b.mData = std::make_unique<Data>();
    if (EGLContext ctx = eglGetCurrentContext(); ctx != EGL_NO_CONTEXT) {
        b.mKind = Kind::Egl;
        XrGraphicsBindingEGLMNDX& e = b.mData->egl;
        e.type = XR_TYPE_GRAPHICS_BINDING_EGL_MNDX;
        e.getProcAddress = &eglGetProcAddress;
        e.display = eglGetCurrentDisplay();
        e.context = ctx;
        // The context's own config (none where it was made without one).
        EGLint id = 0;
        EGLint n = 0;
        if (eglQueryContext(e.display, ctx, EGL_CONFIG_ID, &id) && id > 0) {
            const EGLint attrs[] = {EGL_CONFIG_ID, id, EGL_NONE};
            if (!eglChooseConfig(e.display, attrs, &e.config, 1, &n) || n < 1) e.config = nullptr;
        }
        return b;
    }
    if (GLXContext ctx = glXGetCurrentContext()) {
        b.mKind = Kind::Glx;
        XrGraphicsBindingOpenGLXlibKHR& g = b.mData->glx;
        g.type = XR_TYPE_GRAPHICS_BINDING_OPENGL_XLIB_KHR;
        g.xDisplay = glXGetCurrentDisplay();
        g.glxContext = ctx;
        g.glxDrawable = glXGetCurrentDrawable();
        int id = 0;
        if (glXQueryContext(g.xDisplay, ctx, GLX_FBCONFIG_ID, &id) == Success) {
            const int attrs[] = {GLX_FBCONFIG_ID, id, None};
            int n = 0;
            if (GLXFBConfig* configs = glXChooseFBConfig(g.xDisplay, DefaultScreen(g.xDisplay), attrs, &n)) {
                if (n > 0) {
                    g.glxFBConfig = configs[0];
                    if (XVisualInfo* vi = glXGetVisualFromFBConfig(g.xDisplay, configs[0])) {
                        g.visualid = uint32_t(vi->visualid);
                        XFree(vi);
                    }
                }
                XFree(configs);
            }
        }
        return b;
    }
    return Error{"xr.no_gl_context", "no OpenGL context is current (EGL or GLX) to share with the headset: open Soma's window first"};
}

} // namespace soma
