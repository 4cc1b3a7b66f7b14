// core/Files: writing a file so that no reader, and no crash, ever sees half
// of it: the bytes go to a file beside it, reach the disk, and are renamed
// over the old one. Settings, tension maps, the plugin-check cache and the
// baked figure all write this way.
//
// Depends on the standard library and POSIX. Must never leave its temporary
// file behind, and never touch the old file when the new one cannot be
// written in full.
#pragma once

#include "core/Result.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace soma {

struct AtomicWriteDesc {
    // Permissions of a new file; 0600 for what only this user may read (a
    // client's health data). The umask applies as usual.
    unsigned mode = 0644;
    bool createFolder = false; // make the parent folder first when missing
    bool sync = true;          // on the disk before the rename (a crash keeps the old file, never an empty one),
                               // and the folder synced after it (a crash then keeps the new one)
};

// A folder only this user may enter (0700, made with its parents when
// missing, narrowed when it was wider). Error "file.folder" naming it.
Status makePrivateFolder(const std::filesystem::path& folder);

// The most Soma reads whole of a file a person or another program wrote
// (scripts, manifests, tension maps, session logs, settings, marks): far
// beyond any real one, so a wrong file named by mistake is an error, not
// the memory of the machine.
inline constexpr std::uintmax_t kMaxTextFileBytes = std::uintmax_t(8) << 20;

// The whole of `file`, read only when it is a regular file of at most
// maxBytes. Error id "file.read" naming the file and what it is instead (a
// folder, a device or pipe, too large, missing, unreadable), with what to do.
// `what` names the kind of file for the message ("a tension map").
Result<std::string> readTextFile(const std::filesystem::path& file, std::string_view what = "a file",
                                 std::uintmax_t maxBytes = kMaxTextFileBytes);

// Error id "file.write", naming the file and why (the system's words).
Status writeFileAtomically(const std::filesystem::path& file, std::string_view bytes, const AtomicWriteDesc& desc = {});

} // namespace soma
