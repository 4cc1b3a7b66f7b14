// records/RecordToml: a ClientRecord as TOML text, the text sealed inside
// record.soma and the readable client.toml of an export. Every string goes
// through toml++'s own writer and parser, so newlines, quotes and any
// language's letters come back exactly as they were written.
//
// Depends on toml++ and core/Toml (in the .cpp), records/ClientRecord.
// Must never write a text it cannot read back as the same record: the
// caller checks with parseRecordToml before anything reaches the disk.
#pragma once

#include "core/Result.h"
#include "records/ClientRecord.h"

#include <string>
#include <string_view>
#include <vector>

namespace soma {

inline constexpr int kRecordFormat = 1;

// The text sealed in record.soma.
std::string recordToml(const ClientRecord& record);

// Error "records.format": "file:line:col: what" (`file` is the name the
// message carries; the text is what was decrypted from it).
Result<ClientRecord> parseRecordToml(std::string_view text, const std::string& file);

// client.toml of an export: the same keys, a few comments for people,
// times of ratings as local date-times, and each session's log named by
// its file (`logFiles[i]`, empty when it has none) instead of written out.
std::string readableToml(const ClientRecord& record, const std::vector<std::string>& logFiles);

} // namespace soma
