// xr/GraphicsBinding: tells an OpenXR runtime which OpenGL context Soma
// draws with: the one current on this thread, as SDL made it. SDL's x11
// driver makes a GLX context (XR_KHR_opengl_enable's Xlib binding); its
// offscreen and Wayland drivers make an EGL one (XR_MNDX_egl_enable, which
// Monado offers).
// Kept apart from the rest of xr/ because GLX's headers and glad's do not
// mix. Depends on the OpenXR headers, EGL and GLX.
#pragma once

#include "core/Result.h"

#include <memory>
#include <string>

namespace soma {

class GraphicsBinding {
public:
    enum class Kind { Egl, Glx };
    // The binding for the context current now; an error when none is.
    static Result<GraphicsBinding> forCurrentContext();
    GraphicsBinding(GraphicsBinding&&) noexcept;
    GraphicsBinding& operator=(GraphicsBinding&&) noexcept;
    ~GraphicsBinding();

    Kind kind() const { return mKind; }
    // The instance extension the binding needs besides XR_KHR_opengl_enable
    // (empty for GLX).
    std::string extension() const;
    // The structure to chain into XrSessionCreateInfo::next.
    const void* next() const;

private:
    GraphicsBinding() = default;
    struct Data;
    std::unique_ptr<Data> mData;
    Kind mKind = Kind::Egl;
};

inline constexpr const char* kEglEnableExtension = "XR_MNDX_egl_enable";

} // namespace soma
