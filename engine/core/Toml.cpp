#include "core/Toml.h"

#include <optional>
#include <string>

namespace soma {
namespace {

// toml++ limits how deep arrays and inline tables nest, but not dotted
// keys: `a.a.a...` (or a table header `[a.a...]`) tens of thousands of
// levels deep builds tables inside tables until the stack runs out, in the
// parse or when the table is freed. Soma's files nest a few levels, so a
// key with more parts than this is refused before toml++ sees it.
constexpr int kMaxKeyParts = 64;

struct DeepKey {
    int line = 0, column = 0, parts = 0;
};

// The first key with more than kMaxKeyParts parts: dots counted outside
// strings and comments, in a run that no '=', ',', bracket, brace or line
// end interrupts (so dotted values such as 1.5 or a date never add up).
std::optional<DeepKey> tooDeepKey(std::string_view t) {
    int line = 1, column = 1, dots = 0, runLine = 1, runColumn = 1;
    auto advance = [&](size_t& i, size_t n) {
        for (size_t k = 0; k < n && i < t.size(); ++k, ++i) {
            if (t[i] == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
    };
    for (size_t i = 0; i < t.size();) {
        const char c = t[i];
        if (c == '"' || c == '\'') {
            // A string, basic or literal, one line or three quotes.
            const bool triple = t.substr(i, 3) == std::string_view(c == '"' ? "\"\"\"" : "'''");
            const std::string_view close = triple ? (c == '"' ? "\"\"\"" : "'''") : std::string_view(&t[i], 1);
            advance(i, triple ? 3 : 1);
            while (i < t.size() && t.substr(i, close.size()) != close) {
                if (c == '"' && t[i] == '\\') advance(i, 1); // an escaped character
                else if (!triple && t[i] == '\n') break;       // an unclosed string: toml++ says so
                advance(i, 1);
            }
            advance(i, close.size());
            continue;
        }
        if (c == '#') {
            while (i < t.size() && t[i] != '\n') advance(i, 1);
            continue;
        }
        if (c == '.') {
            if (dots++ == 0) {
                runLine = line;
                runColumn = column;
            }
            if (dots >= kMaxKeyParts) return DeepKey{runLine, runColumn, dots + 1};
        } else if (c == '=' || c == ',' || c == '\n' || c == '[' || c == ']' || c == '{' || c == '}') {
            dots = 0;
        }
        advance(i, 1);
    }
    return std::nullopt;
}

} // namespace

TomlParse parseToml(std::string_view text, const std::string& file) {
    TomlParse out;
    if (auto deep = tooDeepKey(text)) {
        out.where = {file, deep->line, deep->column};
        out.description = "a key of " + std::to_string(deep->parts) + " or more dotted parts (at most " + std::to_string(kMaxKeyParts) +
                          "): Soma's files nest a few levels; shorten the key";
        return out;
    }
    auto broken = [&](const toml::parse_error& e) {
        out.where = {file, int(e.source().begin.line), int(e.source().begin.column)};
        out.description = std::string(e.description());
    };
#if TOML_EXCEPTIONS
    try {
        out.table = toml::parse(text, file);
        out.ok = true;
    } catch (const toml::parse_error& e) {
        broken(e);
    }
#else
    toml::parse_result r = toml::parse(text, file);
    if (r) {
        out.table = std::move(r).table();
        out.ok = true;
    } else {
        broken(r.error());
    }
#endif
    return out;
}

} // namespace soma
