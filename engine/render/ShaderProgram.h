// render/ShaderProgram: GLSL programs built from the files in shaders/, one
// file per stage. A compile error names the file and line and keeps the
// program running (the caller keeps drawing what it can).
#pragma once

#include "core/Result.h"
#include "render/GlHandle.h"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace soma {

class ShaderProgram {
public:
    // Builds from <shaderDir>/<vertex>.vert and <shaderDir>/<fragment>.frag.
    static Result<ShaderProgram> load(std::string_view vertex, std::string_view fragment);
    static Result<ShaderProgram> load(std::string_view name) { return load(name, name); }
    static Result<ShaderProgram> fromSource(std::string_view label, const std::string& vertex, const std::string& fragment);
    // A vertex stage alone whose outputs `varyings` are captured,
    // interleaved in that order, by transform feedback (drawn with
    // GL_RASTERIZER_DISCARD: nothing reaches a fragment).
    static Result<ShaderProgram> loadCapture(std::string_view vertex, const std::vector<const char*>& varyings);

    GLuint id() const { return mProgram.id(); }
    void use() const { glUseProgram(mProgram.id()); }
    GLint uniform(const char* name) const { return glGetUniformLocation(mProgram.id(), name); }

private:
    gl::Program mProgram;
};

} // namespace soma
