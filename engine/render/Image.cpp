#include "render/Image.h"

#include "core/Files.h"

#include <stb/stb_image.h>
#include <stb/stb_image_write.h>

#include <fmt/format.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>

namespace soma {

Result<Image> readPng(const std::filesystem::path& path) {
    int w = 0, h = 0, n = 0;
    unsigned char* data = stbi_load(path.c_str(), &w, &h, &n, 4);
    if (!data)
        return Error{"image.read", fmt::format("{}: cannot read this PNG ({})", path.string(), stbi_failure_reason())};
    Image img{w, h, std::vector<std::uint8_t>(data, data + size_t(w) * h * 4)};
    stbi_image_free(data);
    return img;
}

Status writePng(const Image& image, const std::filesystem::path& path) {
    // Encoded in memory first: stb's own file writing ignores failed writes,
    // so a full disk (or /dev/full) was reported as written.
    std::string png;
    auto append = [](void* into, void* data, int size) { static_cast<std::string*>(into)->append(static_cast<const char*>(data), size_t(size)); };
    if (!stbi_write_png_to_func(append, &png, image.width, image.height, 4, image.rgba.data(), image.width * 4))
        return Error{"image.write", fmt::format("{}: cannot encode this picture as PNG", path.string())};
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)) {
        // A device or a pipe the person named: written through, every byte checked.
        std::ofstream out(path, std::ios::binary);
        out.write(png.data(), std::streamsize(png.size()));
        out.flush();
        if (!out) return Error{"image.write", fmt::format("{}: cannot write this PNG ({})", path.string(), std::strerror(errno))};
        return Ok{};
    }
    AtomicWriteDesc d;
    d.createFolder = true;
    if (auto st = writeFileAtomically(path, png, d); !st)
        return Error{"image.write", st.error().message + "; check that the folder exists, is writable and has room"};
    return Ok{};
}

ImageDiff compareImages(const Image& a, const Image& b, int tolerance) {
    ImageDiff d;
    d.sizeMatches = a.width == b.width && a.height == b.height;
    if (!d.sizeMatches) { d.maxChannelDelta = 255; d.meanAbsDelta = 255; d.fractionOver = 1; return d; }
    size_t over = 0;
    double sum = 0;
    const size_t n = size_t(a.width) * a.height;
    for (size_t i = 0; i < n; ++i) {
        bool pixelOver = false;
        for (int c = 0; c < 4; ++c) {
            int delta = std::abs(int(a.rgba[i * 4 + c]) - int(b.rgba[i * 4 + c]));
            sum += delta;
            d.maxChannelDelta = std::max(d.maxChannelDelta, delta);
            pixelOver |= delta > tolerance;
        }
        over += pixelOver;
    }
    d.meanAbsDelta = n ? sum / double(n * 4) : 0;
    d.fractionOver = n ? double(over) / double(n) : 0;
    return d;
}

} // namespace soma
