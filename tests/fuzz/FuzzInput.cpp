#include "FuzzInput.h"

#include <cstdlib>
#include <fstream>
#include <string>

#include <unistd.h>

namespace soma::fuzz {

namespace {

struct Folder {
    std::filesystem::path path;
    Folder() {
        std::string tmpl = (std::filesystem::temp_directory_path() / "soma-fuzz-XXXXXX").string();
        if (::mkdtemp(tmpl.data())) path = tmpl;
    }
    ~Folder() {
        std::error_code ec;
        if (!path.empty()) std::filesystem::remove_all(path, ec);
    }
};

} // namespace

std::filesystem::path asFile(const std::uint8_t* data, std::size_t size, std::string_view name) {
    static Folder folder;
    const std::filesystem::path p = folder.path / name;
    std::ofstream(p, std::ios::binary | std::ios::trunc).write(reinterpret_cast<const char*>(data), std::streamsize(size));
    return p;
}

} // namespace soma::fuzz
