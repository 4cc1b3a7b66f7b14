// The native plugin boundary: a plugin (fuzz_plugin.c) whose build and
// on_event make whatever host calls the input says, with whatever values.
// The host must turn each into a clear refusal or a session, never a crash.
#include "FuzzInput.h"
#include "plugin/NativeExercise.h"

#include <cstdio>
#include <cstdlib>

#include <dlfcn.h>

namespace {

struct Loaded {
    std::unique_ptr<soma::NativeExercise> exercise;
    void (*setInput)(const std::uint8_t*, std::size_t) = nullptr;
};

Loaded& loaded() {
    static Loaded l = [] {
        Loaded x;
        auto ex = soma::NativeExercise::open(SOMA_FUZZ_PLUGIN);
        if (!ex) {
            std::fprintf(stderr, "%s\n", ex.error().message.c_str());
            std::abort();
        }
        x.exercise = std::move(*ex);
        void* handle = ::dlopen(SOMA_FUZZ_PLUGIN, RTLD_NOW | RTLD_NOLOAD);
        x.setInput = handle ? reinterpret_cast<void (*)(const std::uint8_t*, std::size_t)>(::dlsym(handle, "fuzz_plugin_set_input")) : nullptr;
        if (!x.setInput) std::abort();
        return x;
    }();
    return l;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    Loaded& l = loaded();
    if (size < 2) return 0;
    static const soma::TensionMap map{{{"jaw", 9, "", 1700000000}, {"foot_left", 1, "", 1700000000}}, "foot_left", "jaw"};
    soma::DescribeOptions opt;
    opt.lang = data[0] & 1 ? "nl" : "en";
    opt.variant = "short";
    opt.breathsPerMinute = data[0] & 2 ? 0.0 : 6.0;
    if (data[1] & 1) opt.tension = &map;
    l.setInput(data + 2, size - 2);
    auto req = l.exercise->describe(opt);
    // What the input holds after build returned drives an event.
    const std::string step = req && !req->steps.empty() ? req->steps.front().id : "none";
    const soma::ExerciseEvent event{data[1] & 2 ? soma::ExerciseEvent::Type::Grounding : soma::ExerciseEvent::Type::StepEnded,
                                    soma::Samples(48000), 0, step};
    (void)l.exercise->onEvent(event, opt);
    return 0;
}
