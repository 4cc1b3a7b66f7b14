// Shared by the fuzz targets: the input as a file, for parsers that read
// one by path (they then also meet their own file checks), in a private
// folder made once per process and removed at its end.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string_view>

namespace soma::fuzz {

// `data` written to `name` in this process's folder; the path.
std::filesystem::path asFile(const std::uint8_t* data, std::size_t size, std::string_view name);

inline std::string_view text(const std::uint8_t* data, std::size_t size) { return {reinterpret_cast<const char*>(data), size}; }

} // namespace soma::fuzz
