// plugins/common/SpokenPlace.h: a region as our native plugins' narration
// says it, with the listener's possessive: the host's phrase
// (soma.region_phrase/1: "je linkerschouder", "the crown of your head"),
// or, from a host without that extension, one made from the region's name
// the same way.
//
// Header-only, built against the SDK like the plugins themselves. Must
// never use engine internals.
#pragma once

#include <soma/plugin_cpp.h>

#include <string>

namespace soma::plugins {

inline std::string spokenPlace(soma::sdk::Host& host, const std::string& id, bool dutch) {
    if (auto phrase = host.regionPhrase(id); phrase && !phrase->empty()) return *phrase;
    const std::string name = host.regionName(id);
    if (dutch) return "je " + name;
    const std::string of = " of the ";
    const size_t at = name.find(of);
    if (at == std::string::npos) return "your " + name;
    return "the " + name.substr(0, at) + " of your " + name.substr(at + of.size());
}

} // namespace soma::plugins
