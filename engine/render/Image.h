// render/Image: RGBA8 pixels in memory, read from and written to PNG (stb).
// Row 0 is the top of the picture.
#pragma once

#include "core/Result.h"

#include <cstdint>
#include <filesystem>
#include <vector>

namespace soma {

struct Image {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> rgba; // width * height * 4

    std::uint8_t* pixel(int x, int y) { return &rgba[(size_t(y) * width + x) * 4]; }
    const std::uint8_t* pixel(int x, int y) const { return &rgba[(size_t(y) * width + x) * 4]; }
};

Result<Image> readPng(const std::filesystem::path& path);
Status writePng(const Image& image, const std::filesystem::path& path);

struct ImageDiff {
    int maxChannelDelta = 0;      // largest |a-b| over all channels
    double meanAbsDelta = 0;      // mean |a-b| over all channels
    double fractionOver = 0;      // share of pixels with any channel over the tolerance
    bool sizeMatches = false;
};

ImageDiff compareImages(const Image& a, const Image& b, int tolerance);

} // namespace soma
