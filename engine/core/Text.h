// core/Text: the few text helpers several modules need, defined once:
// UTF-8 decoding and checking, edit distance (for "did you mean"
// suggestions), joining lists for messages.
//
// Depends on the standard library only. Must never allocate per call what
// a caller did not ask for, and never throw on malformed input.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace soma {

// One UTF-8 sequence at s[i]: its code point and length in bytes. Nullopt
// when the bytes there are not UTF-8: a bad lead byte, a truncated or broken
// sequence, an overlong form, a UTF-16 surrogate, a code point past U+10FFFF.
struct Utf8Char {
    char32_t codePoint = 0;
    int length = 0;
};
std::optional<Utf8Char> decodeUtf8At(std::string_view s, std::size_t i);

// The whole text as code points; each byte that is not UTF-8 becomes
// U+FFFD, so a caption with a stray byte still shows.
std::u32string decodeUtf8(std::string_view s);

// The byte offset of the first byte that is not UTF-8, or nullopt.
std::optional<std::size_t> firstInvalidUtf8(std::string_view s);

// Code points in valid UTF-8 (continuation bytes are not counted), for
// columns in messages, as editors count them.
std::size_t countCodePoints(std::string_view s);

// Levenshtein distance in bytes.
int editDistance(std::string_view a, std::string_view b);

// The option a misspelt word most likely meant (the nearest by edit
// distance, when near enough: within 2, or a third of the word), for "did
// you mean" in messages; empty when none is that near.
std::string closestMatch(std::string_view word, const std::vector<std::string>& options);

// "a, b, c" (or with another separator).
std::string join(const std::vector<std::string>& items, std::string_view separator = ", ");

// A name as part of a file or folder name: letters (any language's),
// digits, - and _; anything else, a path separator or a dot included,
// becomes one -; at most 48 bytes; `fallback` when nothing is left.
std::string fileNamePart(std::string_view name, std::string_view fallback = "client");

} // namespace soma
