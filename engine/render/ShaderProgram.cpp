#include "render/ShaderProgram.h"

#include "core/Paths.h"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

namespace soma {
namespace {

Result<std::string> readText(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in)
        return Error{"render.shader_missing",
                     fmt::format("{}: cannot read this shader; reinstall Soma or rebuild (the build copies shaders/)", p.string())};
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

Result<gl::Shader> compile(GLenum stage, std::string_view label, const std::string& src) {
    gl::Shader s(glCreateShader(stage));
    const char* p = src.c_str();
    glShaderSource(s.id(), 1, &p, nullptr);
    glCompileShader(s.id());
    GLint ok = 0;
    glGetShaderiv(s.id(), GL_COMPILE_STATUS, &ok);
    if (!ok) {
        char logText[2048] = {};
        glGetShaderInfoLog(s.id(), sizeof logText, nullptr, logText);
        // Mesa reports "0:LINE(COL): error: ..."; keep it and name the file.
        return Error{"render.shader_compile", fmt::format("{}: {}", label, logText)};
    }
    return s;
}

// Pastes `#include "name.glsl"` lines (one level, from the shader folder).
// #line directives keep compiler messages pointing at the right line: the
// included text is source string 1, the file itself string 0.
Result<std::string> expandIncludes(const std::filesystem::path& dir, const std::string& src) {
    std::istringstream in(src);
    std::string line, out;
    int lineNo = 0;
    while (std::getline(in, line)) {
        ++lineNo;
        const auto q0 = line.find('"');
        if (line.rfind("#include", 0) == 0 && q0 != std::string::npos) {
            const auto q1 = line.find('"', q0 + 1);
            auto inc = readText(dir / line.substr(q0 + 1, q1 - q0 - 1));
            if (!inc) return inc.error();
            out += "#line 1 1\n" + *inc + "\n" + fmt::format("#line {} 0\n", lineNo + 1);
            continue;
        }
        out += line + "\n";
    }
    return out;
}

Status link(GLuint program, std::string_view label) {
    glLinkProgram(program);
    GLint ok = 0;
    glGetProgramiv(program, GL_LINK_STATUS, &ok);
    if (!ok) {
        char logText[2048] = {};
        glGetProgramInfoLog(program, sizeof logText, nullptr, logText);
        return Error{"render.shader_link", fmt::format("{}: link failed: {}", label, logText)};
    }
    return Ok{};
}

} // namespace

Result<ShaderProgram> ShaderProgram::fromSource(std::string_view label, const std::string& vertex, const std::string& fragment) {
    auto vs = compile(GL_VERTEX_SHADER, fmt::format("{}.vert", label), vertex);
    if (!vs) return vs.error();
    auto fs = compile(GL_FRAGMENT_SHADER, fmt::format("{}.frag", label), fragment);
    if (!fs) return fs.error();
    ShaderProgram prog;
    prog.mProgram = gl::Program(glCreateProgram());
    glAttachShader(prog.id(), vs->id());
    glAttachShader(prog.id(), fs->id());
    if (auto s = link(prog.id(), label); !s) return s.error();
    return prog;
}

Result<ShaderProgram> ShaderProgram::loadCapture(std::string_view vertex, const std::vector<const char*>& varyings) {
    const auto dir = paths::shaderDir();
    const auto file = dir / fmt::format("{}.vert", vertex);
    auto v = readText(file);
    if (!v) return v.error();
    v = expandIncludes(dir, *v);
    if (!v) return v.error();
    auto vs = compile(GL_VERTEX_SHADER, file.string(), *v);
    if (!vs) return vs.error();
    ShaderProgram prog;
    prog.mProgram = gl::Program(glCreateProgram());
    glAttachShader(prog.id(), vs->id());
    glTransformFeedbackVaryings(prog.id(), GLsizei(varyings.size()), varyings.data(), GL_INTERLEAVED_ATTRIBS);
    if (auto s = link(prog.id(), file.string()); !s) return s.error();
    return prog;
}

Result<ShaderProgram> ShaderProgram::load(std::string_view vertex, std::string_view fragment) {
    auto dir = paths::shaderDir();
    auto v = readText(dir / fmt::format("{}.vert", vertex));
    if (!v) return v.error();
    auto f = readText(dir / fmt::format("{}.frag", fragment));
    if (!f) return f.error();
    v = expandIncludes(dir, *v);
    if (!v) return v.error();
    f = expandIncludes(dir, *f);
    if (!f) return f.error();
    const std::string label = vertex == fragment ? (dir / vertex).string() : (dir / fragment).string();
    return fromSource(label, *v, *f);
}

} // namespace soma
