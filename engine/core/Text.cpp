#include "core/Text.h"

#include <algorithm>
#include <cctype>
#include <numeric>

namespace soma {

std::optional<Utf8Char> decodeUtf8At(std::string_view s, std::size_t i) {
    if (i >= s.size()) return std::nullopt;
    const auto lead = static_cast<unsigned char>(s[i]);
    if (lead < 0x80) return Utf8Char{lead, 1};
    const int length = (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : (lead & 0xF8) == 0xF0 ? 4 : 0;
    if (length == 0 || i + length > s.size()) return std::nullopt;
    char32_t cp = lead & (0xFFu >> (length + 1));
    for (int k = 1; k < length; ++k) {
        const auto c = static_cast<unsigned char>(s[i + k]);
        if ((c & 0xC0) != 0x80) return std::nullopt;
        cp = (cp << 6) | (c & 0x3Fu);
    }
    static constexpr char32_t kMin[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[length] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return std::nullopt;
    return Utf8Char{cp, length};
}

std::u32string decodeUtf8(std::string_view s) {
    std::u32string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        if (auto c = decodeUtf8At(s, i)) {
            out.push_back(c->codePoint);
            i += std::size_t(c->length);
        } else {
            out.push_back(U'\uFFFD');
            ++i;
        }
    }
    return out;
}

std::optional<std::size_t> firstInvalidUtf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        auto c = decodeUtf8At(s, i);
        if (!c) return i;
        i += std::size_t(c->length);
    }
    return std::nullopt;
}

std::size_t countCodePoints(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

int editDistance(std::string_view a, std::string_view b) {
    std::vector<int> prev(b.size() + 1), cur(b.size() + 1);
    std::iota(prev.begin(), prev.end(), 0);
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = int(i);
        for (std::size_t j = 1; j <= b.size(); ++j)
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

std::string closestMatch(std::string_view word, const std::vector<std::string>& options) {
    std::string best;
    int bestDistance = 1 << 30;
    for (const auto& option : options)
        if (const int d = editDistance(word, option); d < bestDistance) bestDistance = d, best = option;
    return bestDistance <= std::max<int>(2, int(word.size()) / 3) ? best : std::string();
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) out += separator;
        out += items[i];
    }
    return out;
}

std::string fileNamePart(std::string_view name, std::string_view fallback) {
    std::string out;
    for (std::size_t i = 0; i < name.size() && out.size() < 48;) {
        const auto ch = decodeUtf8At(name, i);
        const int len = ch ? ch->length : 1;
        const unsigned char c = static_cast<unsigned char>(name[i]);
        const bool keep = ch && (ch->codePoint >= 0xA0 || std::isalnum(c) || c == '-' || c == '_');
        if (keep) out.append(name.substr(i, std::size_t(len)));
        else if (!out.empty() && out.back() != '-') out += '-';
        i += std::size_t(len);
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out.empty() ? std::string(fallback) : out;
}

} // namespace soma
