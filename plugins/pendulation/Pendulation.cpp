// pendulation: attention moving gently between a resource region (neutral
// or pleasant) and a region of tension, in small steps (titration), the way
// Somatic Experiencing pendulates.
//
// Which regions: Choice.h decides, from the client's tension map and the
// regions the therapist chose in it (ABI 1.2's map fields), with the host's
// atlas (extensions "soma.regions/1" and "soma.region_neighbours/1", or a
// built-in notion of the body on a host that offers neither): the resource
// never the tension, never its neighbour, never inside the body. Without a
// map, a hand and the jaw. A map with nothing rated 3 or more gives a
// session that only rests at the resource, and says so; a tension rated 7
// or more gets gentler visits and an extra return after each (Narration.h).
// The regions' names, in the session's language, replace {resource} and
// {tension} in the narration.
//
// While it runs: when the person pauses during a visit to the tension (a
// tension_* step), the plugin adds a step right after it that brings them
// back to the resource (only the future changes; the same pauses give the
// same session).
//
// A person's own recordings (extension "soma.recording/1", where the host
// offers it) are filed under the words a step says and the regions it
// names, so the return after a pause, the same words each time, is recorded
// once (RecordingSlot.h).
//
// Depends only on the SDK (soma/plugin_cpp.h), plugins/common/NarrationStep.h,
// which lays out the spoken steps, plugins/common/RecordingSlot.h, and this
// folder's Choice.h and Narration.h. Declares ABI 1.2 (SOMA_PLUGIN_ENTRY_HEADER_NEEDS(2)): it needs the
// therapist's regions, which a host hands only to plugins of 1.2 or later.
#include <soma/plugin_cpp.h>

#include "Choice.h"
#include "Narration.h"
#include "RecordingSlot.h"
#include "SpokenPlace.h"

#include <regex>
#include <string>
#include <vector>

namespace {

using soma::plugins::NarrationStep;
using soma::plugins::spokenPlace;
namespace pend = soma::plugins::pendulation;

// The find_resource step lights the suggested resource softly and lets it
// go before the narration invites another choice (its "choose" mark, about
// 4 s after "resource" at the voice's pace: the rest of the sentence and a
// 3 s break), so the figure never insists on a place the person may not
// pick. Fade-in, hold and fade-out in seconds from the "resource" mark.
constexpr float kSuggestIntensity = 0.45f;
constexpr double kSuggestFadeInSec = 1.0;
constexpr double kSuggestHoldSec = 1.0;
constexpr double kSuggestFadeOutSec = 2.5;

bool startsWith(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

// A visit to the tension: by this plugin's naming, tension_* steps.
bool visitsTension(const std::string& stepId) { return startsWith(stepId, "tension_"); }

// The host's atlas, or the built-in notion of the body when the host does
// not offer its extensions (a host of 1.2 always does; the fallback keeps a
// plugin honest where it might not).
pend::Atlas atlasOf(soma::sdk::Host& host) {
    const auto regions = host.regions();
    if (!regions || regions->empty()) return pend::builtInAtlas();
    std::vector<std::string> ids;
    std::vector<bool> internal;
    for (const auto& r : *regions) {
        ids.push_back(r.id);
        internal.push_back(r.internal());
    }
    // The Atlas asks every pair once, here, and keeps the answers.
    if (!host.adjacent(ids.front(), ids.back())) {
        const pend::Atlas groups = pend::builtInAtlas();
        return pend::Atlas(ids, internal, [&](const std::string& a, const std::string& b) { return groups.adjacent(a, b); });
    }
    return pend::Atlas(ids, internal, [&](const std::string& a, const std::string& b) { return host.adjacent(a, b).value_or(false); });
}

pend::Choice chooseRegions(soma::sdk::Host& host) {
    std::vector<pend::Rating> map;
    for (const auto& t : host.tension()) map.push_back({t.region, t.rating, !t.note.empty(), t.timestamp});
    const soma::sdk::TensionChoice chosen = host.tensionChoice();
    // Nothing of the choice is logged: which region is tense is the
    // client's health data, and stays in the session and their own files.
    return pend::choose(map, chosen.resource, chosen.tension, atlasOf(host));
}

std::string replaceAll(std::string s, const std::string& what, const std::string& with) {
    for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + with.size())) s.replace(at, what.size(), with);
    return s;
}

// The narration with a region for its placeholder. Every sentence says
// "je"/"your" before it (a mark may stand between them); the phrase takes
// their place. Where the phrase is the possessive and the name, the mark
// stays on the name ("your <mark/>left foot"); otherwise it goes before
// the phrase ("<mark/>the crown of your head"). A placeholder without a
// possessive (none today) gets the bare name.
std::string fillOne(const std::string& text, const std::string& placeholder, const std::string& id, soma::sdk::Host& host,
                    bool dutch) {
    const std::string possessive = dutch ? "je " : "your ";
    const std::regex withPossessive(possessive + R"((<mark name="[^"]*"/>)?)" +
                                    std::regex_replace(placeholder, std::regex(R"([{}])"), R"(\$&)"));
    const std::string phrase = spokenPlace(host, id, dutch);
    const std::string with = phrase.rfind(possessive, 0) == 0 ? possessive + "$1" + phrase.substr(possessive.size()) : "$1" + phrase;
    return replaceAll(std::regex_replace(text, withPossessive, with), placeholder, host.regionName(id));
}

std::string fill(const std::string& text, const pend::Choice& c, soma::sdk::Host& host) {
    const bool dutch = soma::plugins::isDutch(host.language());
    std::string out = fillOne(text, "{resource}", c.resource, host, dutch);
    return c.resourceOnly() ? out : fillOne(out, "{tension}", c.tension, host, dutch);
}

// The step's highlights with the regions filled in. Only a visit, and the
// two steps that hold both places at once, light the tension: elsewhere an
// item on the tension's region (the feet of "whole", when a foot is the
// tension) is left out, so the tension is never lit more than on a visit.
std::string fillIds(const NarrationStep& s, const std::string& spec, const pend::Choice& c) {
    const std::string filled = replaceAll(replaceAll(spec, "{resource}", c.resource), "{tension}", c.tension);
    const std::string id = s.id;
    if (visitsTension(id) || id == "between" || id == "pendulum") return filled;
    std::string out;
    size_t pos = 0;
    while (pos < filled.size()) {
        size_t end = filled.find(' ', pos);
        if (end == std::string::npos) end = filled.size();
        const std::string item = filled.substr(pos, end - pos);
        pos = end + 1;
        if (item.empty() || item.substr(0, item.find('@')) == c.tension) continue;
        out += (out.empty() ? "" : " ") + item;
    }
    return out;
}

// The name the person's own recording of a step is filed under
// (RecordingSlot.h): the table's text and the regions it names. The
// calm welcome and a gentle visit say other words under the same step id,
// so they get names of their own.
std::string slotOf(const NarrationStep& s, const pend::Choice& c) {
    std::string base = s.id;
    if (s.nl == kArriveCalm.nl) base += "_calm";
    for (const auto& g : kGentleVisits)
        if (s.nl == g.nl) base += "_gentle";
    const std::string text = std::string(s.nl) + s.en;
    const bool resource = text.find("{resource}") != std::string::npos;
    const bool tension = !c.resourceOnly() && text.find("{tension}") != std::string::npos;
    return soma::plugins::slotName(base, {resource ? c.resource : "", tension ? c.tension : ""});
}

template <std::size_t N>
void append(std::vector<NarrationStep>& out, const NarrationStep (&steps)[N]) {
    out.insert(out.end(), steps, steps + N);
}

const NarrationStep* gentleVersion(const std::string& id) {
    for (const auto& s : kGentleVisits)
        if (id == s.id) return &s;
    return nullptr;
}

const NarrationStep* extraReturnAfter(const std::string& backId) {
    const std::string want = "settle_" + backId.substr(std::string("back_").size());
    for (const auto& s : kExtraReturns)
        if (want == s.id) return &s;
    return nullptr;
}

// The session's steps for this choice, before the variant picks its own.
std::vector<NarrationStep> sessionSteps(const pend::Choice& c) {
    std::vector<NarrationStep> steps{c.resourceOnly() ? kArriveCalm : kArrive};
    append(steps, kFinding);
    if (c.resourceOnly()) steps.push_back(kResourceOnlyNote);
    append(steps, kDeepening);
    if (c.resourceOnly()) {
        append(steps, kResourceOnly);
    } else {
        for (const NarrationStep& s : kVisits) {
            const NarrationStep* gentle = c.gentle ? gentleVersion(s.id) : nullptr;
            steps.push_back(gentle ? *gentle : s);
            const NarrationStep* extra = c.gentle && startsWith(s.id, "back_") ? extraReturnAfter(s.id) : nullptr;
            if (!extra) continue;
            // The return and its extra return together last as long as one
            // return would: the quiet moves to after the extra one.
            steps.back().pauseAfterSec = kGentleBackPauseSec;
            steps.push_back(*extra);
        }
    }
    append(steps, kClosing);
    return steps;
}

soma_result build(const soma_host* raw) {
    return soma::sdk::guard(raw, [](soma::sdk::Host& host) {
        const pend::Choice choice = chooseRegions(host);
        const std::vector<NarrationStep> steps = sessionSteps(choice);
        soma::plugins::StepHooks hooks;
        hooks.first = [](soma::sdk::Host& h) {
            h.pose("supine").camera("whole_body").ambience("brown-noise").pacer(false);
            h.breath({4.0, 0.0, 6.0, 0.0, 0});
        };
        hooks.narration = [&](const NarrationStep&, const std::string& text) { return fill(text, choice, host); };
        hooks.highlights = [&](const NarrationStep& s, const std::string& spec) { return fillIds(s, spec, choice); };
        hooks.slot = [&](const NarrationStep& s) { return slotOf(s, choice); };
        hooks.extra = [&](soma::sdk::Host& h, const NarrationStep& s) {
            if (std::string(s.id) != "find_resource") return;
            h.highlight(soma::sdk::Highlight(choice.resource)
                            .onMark("resource")
                            .intensity(kSuggestIntensity)
                            .fade(kSuggestFadeInSec, kSuggestFadeOutSec)
                            .hold(kSuggestHoldSec));
        };
        soma::plugins::buildSteps(host, steps.data(), steps.data() + steps.size(), hooks);
    });
}

soma_result onEvent(const soma_host* raw, const soma_event* ev) {
    return soma::sdk::guard(raw, [ev](soma::sdk::Host& host) {
        const std::string step = ev->step_id ? ev->step_id : "";
        if (ev->type != SOMA_EVENT_PAUSED || !visitsTension(step)) return;
        const pend::Choice choice = chooseRegions(host);
        if (choice.resourceOnly()) return; // no visits in such a session; nothing to come back from
        const bool nl = soma::plugins::isDutch(host.language());
        // The event's time makes the id unique and the same on every replay.
        host.beginStep("return-to-resource-" + std::to_string(ev->time_samples));
        // The same words at every pause: one recording, whatever the id's counter.
        host.recordingSlot(soma::plugins::slotName("return_to_resource", {choice.resource}));
        host.speak(fill(nl ? "Je mag nu terugkeren naar je <mark name=\"resource\"/>{resource}. <break time=\"2s\"/> Je mag daar blijven zo lang als je wilt."
                           : "You may come back to your <mark name=\"resource\"/>{resource} now. <break time=\"2s\"/> You may stay there for as long as you like.",
                        choice, host));
        host.highlight(soma::sdk::Highlight(choice.resource).onMark("resource").intensity(0.6f));
        host.pause(10.0); // the quiet after a newly named place (issue 13)
        host.endStep();
    });
}

// "Pendelen" is what commuters do: the Dutch name of the practice is pendulatie.
const soma_text kTitles[] = {{"nl", "Pendulatie"}, {"en", "Pendulation"}, {nullptr, nullptr}};
const soma_text kSummaries[] = {{"nl", "Je aandacht gaat zacht heen en weer tussen een plek die prettig aanvoelt en een plek met spanning."},
                                {"en", "Your attention moves gently back and forth between a place that feels good and a place of tension."},
                                {nullptr, nullptr}};
const char* const kLanguages[] = {"nl", "en", nullptr};
const soma_variant kVariants[] = {{"short", 5.0}, {"long", 15.0}, {nullptr, 0.0}};

} // namespace

SOMA_PLUGIN_ENTRY = {SOMA_PLUGIN_ENTRY_HEADER_NEEDS(2), "pendulation", kTitles, kSummaries, kLanguages, kVariants, build, onEvent, nullptr};
