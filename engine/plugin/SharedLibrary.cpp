#include "plugin/SharedLibrary.h"

#include <SDL_loadso.h>
#include <SDL_error.h>

#include <utility>

namespace soma {

SharedLibrary::~SharedLibrary() {
    if (mHandle) SDL_UnloadObject(mHandle);
}

SharedLibrary::SharedLibrary(SharedLibrary&& other) noexcept
    : mHandle(std::exchange(other.mHandle, nullptr)), mPath(std::move(other.mPath)) {}

SharedLibrary& SharedLibrary::operator=(SharedLibrary&& other) noexcept {
    if (this != &other) {
        if (mHandle) SDL_UnloadObject(mHandle);
        mHandle = std::exchange(other.mHandle, nullptr);
        mPath = std::move(other.mPath);
    }
    return *this;
}

Result<SharedLibrary> SharedLibrary::open(const std::filesystem::path& path) {
    // An absolute path keeps the loader from searching LD_LIBRARY_PATH for a
    // library of the same name somewhere else.
    std::error_code ec;
    const std::filesystem::path abs = std::filesystem::absolute(path, ec);
    void* h = SDL_LoadObject((ec ? path : abs).c_str());
    if (!h) {
        std::string why = SDL_GetError();
        // SDL says "Failed loading <path>: <path>: <reason>"; keep the reason.
        if (auto at = why.rfind(": "); at != std::string::npos) why = why.substr(at + 2);
        return Error{"plugin.load_failed",
                     path.string() + ": cannot be loaded as a shared library (" + why +
                         "); rebuild the plugin for this system or remove the file"};
    }
    SharedLibrary lib;
    lib.mHandle = h;
    lib.mPath = path;
    return lib;
}

void* SharedLibrary::symbol(const char* name) const {
    if (!mHandle) return nullptr;
    // SDL_LoadFunction also finds data symbols: it is dlsym underneath.
    void* p = SDL_LoadFunction(mHandle, name);
    SDL_ClearError(); // a missing symbol is an answer, not an error to keep
    return p;
}

} // namespace soma
