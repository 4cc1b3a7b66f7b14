// plugins/common/RecordingSlot.h: the names our native plugins file a
// person's own recordings under (extension "soma.recording/1", slot()).
//
// A person records a text once and Soma plays it wherever that text is
// spoken, so a name must follow the words, not the step: the same words,
// the same name (a sentence that returns each time the person pauses), and
// other words, another name (another welcome under the same step id, the
// same sentence about another region). A name is the text's own name in
// its table and, where the text names regions, their atlas ids:
// "find_resource-hand_right". Readable, so a therapist knows which file is
// which.
//
// Header-only, built against the SDK like the plugins themselves. Must
// never use engine internals.
#pragma once

#include <soma/plugin.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace soma::plugins {

// base, then each part, joined by '-' (empty parts left out). Ids are
// [a-z0-9_-] already, so the name is too; one longer than the host's limit
// keeps its start and ends in a hash of the whole, so two different names
// never become one.
inline std::string slotName(const std::string& base, const std::vector<std::string>& parts = {}) {
    std::string name = base;
    for (const std::string& p : parts)
        if (!p.empty()) name += "-" + p;
    if (name.size() <= SOMA_MAX_ID_BYTES) return name;
    std::uint32_t h = 2166136261u; // FNV-1a: stable across builds and platforms
    for (unsigned char c : name) h = (h ^ c) * 16777619u;
    char hex[9];
    std::snprintf(hex, sizeof hex, "%08x", static_cast<unsigned>(h));
    return name.substr(0, SOMA_MAX_ID_BYTES - 9) + "-" + hex;
}

} // namespace soma::plugins
