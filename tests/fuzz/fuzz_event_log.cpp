// A session log of `soma run`, as `soma export --replay` reads it.
#include "FuzzInput.h"
#include "live/EventLog.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    (void)soma::readEventLog(soma::fuzz::asFile(data, size, "session.toml"));
    return 0;
}
