// SPDX-License-Identifier: MIT (the plugin SDK; see LICENSE)
// A template for a native Soma exercise: copy this folder, rename the id,
// write your steps. The C ABI is soma/plugin.h; soma/plugin_cpp.h wraps it
// for C++ and catches every exception at the boundary (a throw through C
// is undefined behaviour), so keep all plugin code inside sdk::guard.
#include <soma/plugin_cpp.h>

#include <string>

namespace {

soma_result build(const soma_host* raw) {
    return soma::sdk::guard(raw, [](soma::sdk::Host& host) {
        const bool nl = host.language() == "nl";

        // The first step sets the scene; every later step may change it.
        host.beginStep("arrive");
        host.pose("supine").camera("whole_body").ambience("brown-noise");
        host.speak(nl ? "Welkom. <break time=\"2s\"/> Je mag je ogen sluiten, of open laten."
                      : "Welcome. <break time=\"2s\"/> You may close your eyes, or keep them open.");
        host.pause(3.0);
        host.endStep();

        // A highlight starts on the word after its mark, in every language.
        host.beginStep("belly");
        host.speak(nl ? "Breng je aandacht naar je <mark name=\"belly\"/>buik."
                      : "Bring your attention to your <mark name=\"belly\"/>belly.");
        host.highlight(soma::sdk::Highlight("belly").onMark("belly").intensity(0.7));
        host.breath({4.0, 0.0, 6.0, 0.0, 3}); // three slow breaths
        host.pause(4.0);
        host.endStep();

        if (host.variant() == "long") {
            host.beginStep("stay");
            host.speak(nl ? "Blijf hier zo lang als je wilt." : "Stay here as long as you like.");
            host.pause(20.0);
            host.endStep();
        }
    });
}

const soma_text kTitles[] = {{"nl", "Mijn oefening"}, {"en", "My exercise"}, {nullptr, nullptr}};
const soma_text kSummaries[] = {{"nl", "Een voorbeeld om van te vertrekken."}, {"en", "An example to start from."}, {nullptr, nullptr}};
const char* const kLanguages[] = {"nl", "en", nullptr};
const soma_variant kVariants[] = {{"short", 1.0}, {"long", 2.0}, {nullptr, 0.0}};

} // namespace

// The one exported symbol. SOMA_PLUGIN_ENTRY_HEADER puts the ABI version
// first: Soma reads it before calling anything, and refuses a plugin built
// for another ABI. (To load in Soma 1.0 too, write
// SOMA_PLUGIN_ENTRY_HEADER_NEEDS(0) and use nothing of 1.1 unchecked.)
// The last two, on_event and get_extension, are optional (nullptr).
SOMA_PLUGIN_ENTRY = {SOMA_PLUGIN_ENTRY_HEADER, "my-exercise", kTitles, kSummaries, kLanguages, kVariants, build, nullptr, nullptr};
