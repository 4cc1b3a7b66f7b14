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

#include <filesystem>
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

// Error id "file.write", naming the file and why (the system's words).
Status writeFileAtomically(const std::filesystem::path& file, std::string_view bytes, const AtomicWriteDesc& desc = {});

} // namespace soma
