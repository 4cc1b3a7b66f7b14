// plugin/SharedLibrary: a loaded shared library, owned (RAII, move-only).
//
// Thin over SDL_LoadObject so the same code loads .so, .dylib and .dll; the
// error message is SDL's, which carries the dynamic loader's own reason
// ("invalid ELF header", "cannot open shared object file"). Depends on SDL2.
// Must never call into the library: finding a symbol is all it does.
#pragma once

#include "core/Result.h"

#include <filesystem>
#include <string>

namespace soma {

class SharedLibrary {
public:
    SharedLibrary() = default;
    ~SharedLibrary();
    SharedLibrary(SharedLibrary&& other) noexcept;
    SharedLibrary& operator=(SharedLibrary&& other) noexcept;
    SharedLibrary(const SharedLibrary&) = delete;
    SharedLibrary& operator=(const SharedLibrary&) = delete;

    // Error id "plugin.load_failed", message "<path>: <loader's reason>".
    // Loading runs the library's static constructors: only do it for a
    // library that passed validation in a child process.
    static Result<SharedLibrary> open(const std::filesystem::path& path);

    // The address of an exported symbol, or nullptr.
    void* symbol(const char* name) const;

    const std::filesystem::path& path() const { return mPath; }
    explicit operator bool() const { return mHandle != nullptr; }

private:
    void* mHandle = nullptr;
    std::filesystem::path mPath;
};

} // namespace soma
