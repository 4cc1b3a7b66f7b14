// plugins/common/NarrationStep.h: the narration table our native exercise
// plugins are written in, and the one loop that turns it into SDK calls.
//
// An exercise's spoken parts are content, kept in a table of NarrationStep
// (one per step, per language, with the highlights that start on its marks);
// buildSteps() lays the steps of one variant out as host calls, with hooks
// for what a plugin adds of its own (the scene in the first step, filled-in
// placeholders, breath cycles before the pause).
//
// Header-only, built against the SDK like the plugins themselves. Depends on
// soma/plugin_cpp.h and the C++17 standard library only. Must never use
// engine internals: it is compiled into plugins, never into the host. It is
// for this repository's own plugins and is not installed with the SDK.
#pragma once

#include <soma/plugin_cpp.h>

#include <cerrno>
#include <cstddef>
#include <cstdlib>
#include <functional>
#include <string>
#include <string_view>

namespace soma::plugins {

struct NarrationStep {
    const char* id;         // step id, unique in the table
    const char* variants;   // "short,long" or "long": the variants that have this step
    const char* nl;         // narration, SSML-like: <break time="2s"/>, <mark name="x"/>
    const char* en;         // the same marks as nl
    const char* highlights; // space-separated "region@mark[:intensity]", may be ""
    double pauseAfterSec;   // quiet after the narration
};

// Dutch for "nl" and its regional tags ("nl-BE"); English otherwise.
inline bool isDutch(std::string_view lang) { return lang.substr(0, 2) == "nl" && (lang.size() == 2 || lang[2] == '-'); }

inline const char* narrationFor(const NarrationStep& s, std::string_view lang) { return isDutch(lang) ? s.nl : s.en; }

// Whether the step belongs to the variant: its list names it exactly
// ("short" is not in "shorter").
inline bool inVariant(const NarrationStep& s, std::string_view variant) {
    std::string_view list = s.variants ? s.variants : "";
    while (!list.empty()) {
        const size_t comma = list.find(',');
        if (list.substr(0, comma) == variant) return true;
        if (comma == std::string_view::npos) break;
        list.remove_prefix(comma + 1);
    }
    return false;
}

// "region@mark[:intensity] ..." -> one highlight per item on the open step,
// each starting on its mark. A malformed item is the table's bug: it fails
// the build with a message naming the item, rather than guessing.
inline void addHighlights(sdk::Host& host, std::string_view spec) {
    size_t pos = 0;
    while (pos < spec.size()) {
        const size_t start = spec.find_first_not_of(' ', pos);
        if (start == std::string_view::npos) break;
        size_t end = spec.find(' ', start);
        if (end == std::string_view::npos) end = spec.size();
        const std::string item(spec.substr(start, end - start));
        pos = end;

        const size_t at = item.find('@');
        if (at == std::string::npos || at == 0 || at + 1 == item.size())
            throw sdk::Failure(SOMA_ERROR_FAILED, "narration highlight '" + item + "' must read region@mark[:intensity]");
        const size_t colon = item.find(':', at);
        sdk::Highlight h(item.substr(0, at));
        h.onMark(item.substr(at + 1, colon == std::string::npos ? std::string::npos : colon - at - 1));
        if (colon != std::string::npos) {
            const std::string value = item.substr(colon + 1);
            char* stop = nullptr;
            errno = 0;
            const float v = std::strtof(value.c_str(), &stop);
            if (value.empty() || *stop != '\0' || errno != 0)
                throw sdk::Failure(SOMA_ERROR_FAILED, "narration highlight '" + item + "' has intensity '" + value + "', not a number");
            h.intensity(v); // the host checks the range
        }
        host.highlight(h);
    }
}

// What a plugin adds to the shared loop. Every hook is optional.
struct StepHooks {
    // Inside the first step, before its narration: the scene (pose, camera,
    // ambience, breath) that the session starts in.
    std::function<void(sdk::Host&)> first;
    // The narration of a step as it is spoken (placeholders filled in);
    // default: the table's text in the session's language.
    std::function<std::string(const NarrationStep&, const std::string& text)> narration;
    // The step's highlight list as it is added (placeholders filled in).
    std::function<std::string(const NarrationStep&, const std::string& spec)> highlights;
    // After the narration and highlights, before the pause: per-step extras.
    std::function<void(sdk::Host&, const NarrationStep&)> extra;
    // The name the person's own recording of the step is filed under
    // (RecordingSlot.h), or "" for its id; set only on a host that offers
    // "soma.recording/1" (elsewhere the id names it, and nothing fails).
    std::function<std::string(const NarrationStep&)> slot;
};

// For each step of the session's variant, in table order: begin_step,
// (first hook), (slot hook), speak, highlights, (extra hook), pause,
// end_step. Host
// refusals throw sdk::HostRefused: run it inside sdk::guard.
inline void buildSteps(sdk::Host& host, const NarrationStep* begin, const NarrationStep* end, const StepHooks& hooks = {}) {
    const std::string lang = host.language();
    const std::string variant = host.variant();
    bool first = true;
    for (const NarrationStep* s = begin; s != end; ++s) {
        if (!inVariant(*s, variant)) continue;
        host.beginStep(s->id);
        if (first && hooks.first) hooks.first(host);
        first = false;
        if (hooks.slot)
            if (const std::string name = hooks.slot(*s); !name.empty()) host.recordingSlot(name);
        const std::string text = narrationFor(*s, lang);
        host.speak(hooks.narration ? hooks.narration(*s, text) : text);
        const std::string spec = s->highlights ? s->highlights : "";
        addHighlights(host, hooks.highlights ? hooks.highlights(*s, spec) : spec);
        if (hooks.extra) hooks.extra(host, *s);
        host.pause(s->pauseAfterSec);
        host.endStep();
    }
}

template <std::size_t N>
void buildSteps(sdk::Host& host, const NarrationStep (&steps)[N], const StepHooks& hooks = {}) {
    buildSteps(host, steps, steps + N, hooks);
}

} // namespace soma::plugins
