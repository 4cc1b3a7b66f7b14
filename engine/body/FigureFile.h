// body/FigureFile: the baked figure on disk, so start-up reads a file
// instead of meshing. One file per build and level of detail, at the
// reference height, in assets/figure/. The header carries a format version
// and the digest of the body plan it was made from; a file from another
// version or plan is stale and scaledFigure (body/Figure.h) builds in-process instead.
// Depends on body/Figure and core/Result. Must never be read without the
// checks: a truncated or foreign file is an error, not a crash.
#pragma once

#include "body/Figure.h"
#include "core/Result.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace soma {

// Bump when the builder's output changes for the same plan (meshing,
// weights, breathing), so old baked files are recognised as stale.
inline constexpr std::uint32_t kFigureFormatVersion = 1;

const char* toString(BodyBuild build); // "slim", "average", "broad"
std::string bakedFigureName(BodyBuild build, int lod); // "figure-average-lod0.bin"

std::vector<unsigned char> encodeFigure(const Figure& figure, std::uint64_t planDigest);
// `what` names the source in error messages (a path).
Result<Figure> decodeFigure(const std::vector<unsigned char>& bytes, std::uint64_t expectedDigest, const std::string& what);

Status writeFigureFile(const Figure& figure, std::uint64_t planDigest, const std::filesystem::path& path);
// Errors: figure.bake_missing, figure.bake_stale, figure.bake_corrupt.
Result<Figure> readFigureFile(const std::filesystem::path& path, std::uint64_t expectedDigest);

} // namespace soma
