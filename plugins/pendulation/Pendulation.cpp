// pendulation: attention moving gently between a resource region (neutral
// or pleasant) and a region of tension, in small steps (titration), the way
// Somatic Experiencing pendulates.
//
// Which regions: without a tension map, a hand as the resource and the jaw
// as the tension. With the client's map, the highest-rated region is the
// tension and a low-rated one (0-3) the resource, so two clients with
// different maps get two different sessions; their names, in the session's
// language, replace {resource} and {tension} in the narration.
//
// While it runs: when the person pauses during a visit to the tension (a
// step whose narration names it), the plugin adds a step right after it
// that brings them back to the resource (only the future changes; the same
// pauses give the same session).
// Depends only on the SDK (soma/plugin_cpp.h) and plugins/common/NarrationStep.h,
// which lays out the spoken steps.
#include <soma/plugin_cpp.h>

#include "Narration.h"

#include <algorithm>
#include <string>
#include <vector>

namespace {

using soma::plugins::NarrationStep;

constexpr const char* kDefaultResource = "hand_left";
constexpr const char* kOtherResource = "foot_left";
constexpr const char* kDefaultTension = "jaw";
constexpr int kHighestResourceRating = 3;

struct Regions {
    std::string resource;
    std::string tension;
};

bool known(soma::sdk::Host& host, const std::string& id) { return host.raw()->region_name(host.raw(), id.c_str()) != nullptr; }

Regions chooseRegions(soma::sdk::Host& host) {
    Regions r{kDefaultResource, kDefaultTension};
    std::vector<soma::sdk::TensionRating> map = host.tension();
    map.erase(std::remove_if(map.begin(), map.end(), [&](const soma::sdk::TensionRating& t) { return !known(host, t.region); }), map.end());
    if (map.empty()) return r;
    // Ties go to the earlier rating in the map: deterministic for one map.
    auto high = std::max_element(map.begin(), map.end(), [](auto& a, auto& b) { return a.rating < b.rating; });
    if (high->rating > 0) r.tension = high->region;
    const soma::sdk::TensionRating* low = nullptr;
    for (const auto& t : map)
        if (t.region != r.tension && t.rating <= kHighestResourceRating && (!low || t.rating < low->rating)) low = &t;
    if (low) r.resource = low->region;
    else if (r.tension == r.resource) r.resource = kOtherResource;
    // A region rated high is never offered as a resource.
    for (const auto& t : map)
        if (t.region == r.resource && t.rating > kHighestResourceRating) r.resource = (r.resource == kOtherResource ? kDefaultResource : kOtherResource);
    return r;
}

std::string replaceAll(std::string s, const std::string& what, const std::string& with) {
    for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + with.size())) s.replace(at, what.size(), with);
    return s;
}

std::string fill(const std::string& text, const Regions& regions, soma::sdk::Host& host) {
    return replaceAll(replaceAll(text, "{resource}", host.regionName(regions.resource)), "{tension}", host.regionName(regions.tension));
}

std::string fillIds(const std::string& spec, const Regions& regions) {
    return replaceAll(replaceAll(spec, "{resource}", regions.resource), "{tension}", regions.tension);
}

// A step that brings attention to the tension: its narration names it.
bool visitsTension(const std::string& stepId) {
    for (const auto& s : kNarration)
        if (stepId == s.id) return std::string(s.en).find("{tension}") != std::string::npos;
    return false;
}

soma_result build(const soma_host* raw) {
    return soma::sdk::guard(raw, [](soma::sdk::Host& host) {
        const Regions regions = chooseRegions(host);
        soma::plugins::StepHooks hooks;
        hooks.first = [](soma::sdk::Host& h) {
            h.pose("supine").camera("whole_body").ambience("brown-noise").pacer(false);
            h.breath({4.0, 0.0, 6.0, 0.0, 0});
        };
        hooks.narration = [&](const NarrationStep&, const std::string& text) { return fill(text, regions, host); };
        hooks.highlights = [&](const NarrationStep&, const std::string& spec) { return fillIds(spec, regions); };
        soma::plugins::buildSteps(host, kNarration, hooks);
    });
}

soma_result onEvent(const soma_host* raw, const soma_event* ev) {
    return soma::sdk::guard(raw, [ev](soma::sdk::Host& host) {
        const std::string step = ev->step_id ? ev->step_id : "";
        if (ev->type != SOMA_EVENT_PAUSED || !visitsTension(step)) return;
        const Regions regions = chooseRegions(host);
        const bool nl = soma::plugins::isDutch(host.language());
        // The event's time makes the id unique and the same on every replay.
        host.beginStep("return-to-resource-" + std::to_string(ev->time_samples));
        host.speak(fill(nl ? "Je mag nu terugkeren naar je <mark name=\"resource\"/>{resource}. <break time=\"2s\"/> Blijf daar zo lang als je wilt."
                           : "You may come back to your <mark name=\"resource\"/>{resource} now. <break time=\"2s\"/> Stay there for as long as you like.",
                        regions, host));
        host.highlight(soma::sdk::Highlight(regions.resource).onMark("resource").intensity(0.6));
        host.pause(6.0);
        host.endStep();
    });
}

const soma_text kTitles[] = {{"nl", "Pendelen"}, {"en", "Pendulation"}, {nullptr, nullptr}};
const soma_text kSummaries[] = {{"nl", "Je aandacht beweegt zacht heen en weer tussen een plek die goed voelt en een plek met spanning."},
                                {"en", "Your attention moves gently back and forth between a place that feels good and a place of tension."},
                                {nullptr, nullptr}};
const char* const kLanguages[] = {"nl", "en", nullptr};
const soma_variant kVariants[] = {{"short", 5.0}, {"long", 15.0}, {nullptr, 0.0}};

} // namespace

SOMA_PLUGIN_ENTRY = {SOMA_PLUGIN_ENTRY_HEADER, "pendulation", kTitles, kSummaries, kLanguages, kVariants, build, onEvent, nullptr};
