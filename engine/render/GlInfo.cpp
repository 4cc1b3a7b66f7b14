#include "render/GlInfo.h"

#include <glad/gl.h>

namespace soma {
namespace {

std::string glString(GLenum e) {
    auto s = reinterpret_cast<const char*>(glGetString(e));
    return s ? s : "";
}

} // namespace

GlInfo queryGlInfo() {
    GlInfo gi;
    gi.vendor = glString(GL_VENDOR);
    gi.renderer = glString(GL_RENDERER);
    gi.version = glString(GL_VERSION);
    gi.glsl = glString(GL_SHADING_LANGUAGE_VERSION);
    gi.isSoftware = gi.renderer.find("llvmpipe") != std::string::npos || gi.renderer.find("softpipe") != std::string::npos ||
                    gi.renderer.find("swrast") != std::string::npos;
    return gi;
}

} // namespace soma
