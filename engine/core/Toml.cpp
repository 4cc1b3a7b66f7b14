#include "core/Toml.h"

namespace soma {

TomlParse parseToml(std::string_view text, const std::string& file) {
    TomlParse out;
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
