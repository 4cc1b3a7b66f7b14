// app/ClientRecords: what the commands share to reach a therapist's client
// records: the practice's passphrase asked for (without echo on a
// terminal, one line of stdin otherwise, for scripts), the practice opened,
// a client found by name or id.
#pragma once

#include "core/Result.h"
#include "records/Practice.h"

#include <filesystem>
#include <string>

namespace soma::app {

// One line asked for on the terminal with echo off (the prompt on
// stderr), else the first line of stdin, for scripts.
std::string askHidden(const char* prompt);

// The passphrase, asked that way. Error "records.passphrase_input" when
// there is none.
Result<std::string> askPassphrase();

// The practice at `dir` (empty: Practice::defaultFolder()), opened with
// the passphrase asked for.
Result<Practice> openPractice(const std::filesystem::path& dir);

// The client whose name is `which` (or whose id, or an id's first
// characters, is): "records.unknown_client" when none is, and
// "records.ambiguous" when more than one name matches.
Result<ClientRecord> findClient(Practice& practice, const std::string& which);

} // namespace soma::app
