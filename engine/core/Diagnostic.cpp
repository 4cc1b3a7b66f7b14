#include "core/Diagnostic.h"

#include <fmt/format.h>

namespace soma {

std::string Diagnostic::format() const { return fmt::format("{}:{}:{}: error: {}", where.file, where.line, where.column, message); }

} // namespace soma
