// A wellness centre's kiosk config.
#include "FuzzInput.h"
#include "settings/KioskConfig.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    (void)soma::parseKioskConfig(soma::fuzz::text(data, size), "kiosk.toml");
    return 0;
}
