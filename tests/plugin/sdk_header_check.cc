// Compiled by ctest as C++17 and C++20 with -Wall -Wextra -pedantic
// -Wshadow -Wconversion -Werror: the SDK's C++ helper must be as clean as
// the C header in every mode a plugin author may use. (A .cc file, so the
// test area's *.cpp glob does not build it into the test program.)
#include <soma/plugin_cpp.h>

#include <stdexcept>

static soma_result build(const soma_host* raw) {
    return soma::sdk::guard(raw, [](soma::sdk::Host& host) {
        host.beginStep("one").speak("Hello <mark name=\"belly\"/>belly.");
        host.highlight(soma::sdk::Highlight("belly").onMark("belly").intensity(0.5f).pulse(0.1));
        host.breath({4.0, 0.0, 6.0, 0.0, 2});
        if (host.tension().empty()) throw std::runtime_error("no map");
        if (auto regions = host.regions())
            for (const auto& r : *regions)
                if (r.internal() && r.side == SOMA_SIDE_LEFT) host.log(SOMA_LOG_DEBUG, r.name);
        if (host.extension("soma.nothing/1")) throw std::runtime_error("unexpected extension");
        const soma::sdk::TensionChoice choice = host.tensionChoice();
        if (auto near = host.adjacent(choice.resource, choice.tension); near && *near) throw std::runtime_error("neighbours");
        if (host.recordingSlot("greeting")) host.recordingFile("voice/en/one.flac");
        host.endStep();
    });
}

static const soma_text kTitles[] = {{"en", "SDK check"}, {nullptr, nullptr}};
static const char* const kLanguages[] = {"en", nullptr};
static const soma_variant kVariants[] = {{"short", 1.0}, {nullptr, 0.0}};

SOMA_PLUGIN_ENTRY = {SOMA_PLUGIN_ENTRY_HEADER, "sdk-check", kTitles, nullptr, kLanguages, kVariants, build, nullptr, nullptr};
