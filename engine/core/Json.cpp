#include "core/Json.h"

#include <cstdio>

namespace soma {

std::string jsonString(std::string_view s) {
    std::string o;
    o.reserve(s.size() + 2);
    o += '"';
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"': o += "\\\""; break;
        case '\\': o += "\\\\"; break;
        case '\n': o += "\\n"; break;
        case '\t': o += "\\t"; break;
        case '\r': o += "\\r"; break;
        default:
            if (c < 0x20 || c == 0x7f) { // DEL too: TOML must escape it, JSON may
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                o += buf;
            } else {
                o += ch;
            }
        }
    }
    o += '"';
    return o;
}

std::string tomlString(std::string_view s) { return jsonString(s); }

} // namespace soma
