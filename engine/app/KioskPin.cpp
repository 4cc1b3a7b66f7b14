// `soma kiosk-pin`: the line a kiosk config's `pin` takes, for a PIN typed
// without echo (or given on stdin): an Argon2id hash, so the config never
// holds the PIN itself (docs/kiosk.md).
#include "app/ClientRecords.h"
#include "app/CommandRegistry.h"

#include "records/Sealed.h"
#include "settings/KioskConfig.h"

#include <cstdio>
#include <string>

namespace soma::app {
namespace {

int kioskPin() {
    std::string pin = askHidden("The PIN that leaves kiosk mode (4 to 12 digits): ");
    auto hash = hashKioskPin(pin);
    wipe(pin);
    if (!hash) {
        std::fprintf(stderr, "%s\n", hash.error().message.c_str());
        return 1;
    }
    std::printf("pin = \"%s\"\n", hash->c_str());
    return 0;
}

const CommandRegistrar kKioskPin(47, "kiosk-pin", "Make the line a kiosk config's pin takes (an Argon2id hash of a PIN typed without echo)",
                                 [](CLI::App&, CLI::App&) -> CommandAction { return [] { return kioskPin(); }; });

} // namespace
} // namespace soma::app
