// The check-ins file (0 to 10 before and after each session).
#include "FuzzInput.h"
#include "live/CheckIns.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    (void)soma::readCheckIns(soma::fuzz::asFile(data, size, "check-ins.toml"));
    return 0;
}
