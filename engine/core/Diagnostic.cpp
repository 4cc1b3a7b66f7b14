#include "core/Diagnostic.h"

#include "core/Text.h"

#include <fmt/format.h>

#include <algorithm>

namespace soma {

SourceLocation locate(std::string_view text, std::size_t offset, std::string file) {
    const std::string_view before = text.substr(0, offset);
    const std::size_t lineStart = before.rfind('\n');
    const int line = 1 + int(std::count(before.begin(), before.end(), '\n'));
    const int column = 1 + int(countCodePoints(lineStart == std::string_view::npos ? before : before.substr(lineStart + 1)));
    return {std::move(file), line, column};
}

std::string Diagnostic::format() const { return fmt::format("{}:{}:{}: error: {}", where.file, where.line, where.column, message); }

} // namespace soma
