// A client's record as it is once decrypted (records/RecordToml).
#include "FuzzInput.h"
#include "records/RecordToml.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto record = soma::parseRecordToml(soma::fuzz::text(data, size), "record.toml");
    if (record) (void)soma::recordToml(*record);
    return 0;
}
