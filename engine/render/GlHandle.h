// render/GlHandle: move-only owners of OpenGL objects. A GL name is freed
// exactly once, by the owner, while the context is current.
#pragma once

#include <glad/gl.h>

#include <utility>

namespace soma::gl {

template <void (*Delete)(GLuint)>
class Handle {
public:
    Handle() = default;
    explicit Handle(GLuint id) : mId(id) {}
    ~Handle() { reset(); }
    Handle(Handle&& o) noexcept : mId(std::exchange(o.mId, 0)) {}
    Handle& operator=(Handle&& o) noexcept {
        if (this != &o) { reset(); mId = std::exchange(o.mId, 0); }
        return *this;
    }
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;

    GLuint id() const { return mId; }
    explicit operator bool() const { return mId != 0; }
    void reset() { if (mId) Delete(mId); mId = 0; }

private:
    GLuint mId = 0;
};

inline void deleteBuffer(GLuint id) { glDeleteBuffers(1, &id); }
inline void deleteVertexArray(GLuint id) { glDeleteVertexArrays(1, &id); }
inline void deleteTexture(GLuint id) { glDeleteTextures(1, &id); }
inline void deleteFramebuffer(GLuint id) { glDeleteFramebuffers(1, &id); }
inline void deleteRenderbuffer(GLuint id) { glDeleteRenderbuffers(1, &id); }
inline void deleteProgram(GLuint id) { glDeleteProgram(id); }
inline void deleteShader(GLuint id) { glDeleteShader(id); }

using Buffer = Handle<deleteBuffer>;
using VertexArray = Handle<deleteVertexArray>;
using Texture = Handle<deleteTexture>;
using Framebuffer = Handle<deleteFramebuffer>;
using Renderbuffer = Handle<deleteRenderbuffer>;
using Program = Handle<deleteProgram>;
using Shader = Handle<deleteShader>;

inline Buffer makeBuffer() { GLuint id = 0; glGenBuffers(1, &id); return Buffer(id); }
inline VertexArray makeVertexArray() { GLuint id = 0; glGenVertexArrays(1, &id); return VertexArray(id); }
inline Texture makeTexture() { GLuint id = 0; glGenTextures(1, &id); return Texture(id); }
inline Framebuffer makeFramebuffer() { GLuint id = 0; glGenFramebuffers(1, &id); return Framebuffer(id); }
inline Renderbuffer makeRenderbuffer() { GLuint id = 0; glGenRenderbuffers(1, &id); return Renderbuffer(id); }

} // namespace soma::gl
