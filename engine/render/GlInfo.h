// render/GlInfo: what the current OpenGL context is (vendor, renderer,
// versions) and whether it draws in software, which decides the render
// quality (Renderer.h chooseQuality) and what `soma doctor` reports.
//
// Depends on the glad loader. Needs a current context (platform/Window
// makes one). Must never change GL state.
#pragma once

#include <string>

namespace soma {

struct GlInfo {
    std::string vendor;
    std::string renderer;
    std::string version;
    std::string glsl;
    bool isSoftware = false; // llvmpipe, softpipe, swrast
};

GlInfo queryGlInfo();

} // namespace soma
