// A client's tension map, as a therapist's file or another program writes it.
#include "FuzzInput.h"
#include "plugin/script/TensionMapFile.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto parsed = soma::parseTensionMap(soma::fuzz::text(data, size), "map.toml");
    if (parsed.ok()) (void)soma::tensionMapToml(parsed.map);
    return 0;
}
