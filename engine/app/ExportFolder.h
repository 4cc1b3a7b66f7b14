// app/ExportFolder: which files in an export's folder are the export's own.
//
// People export into folders that hold other things: last week's export,
// their own recordings, a video they cut. An export writes only its own
// names (audio.wav, voice.wav, captions.vtt, timeline.json, video.mp4,
// audio.m4a, frames/NNNNNN.png) and keeps a list of what it wrote in
// .soma-export.toml, with each file's size and time. It overwrites or
// removes a file only when that list says the file is its own and the file
// is still as it was left; any other file in its way stops the export
// before anything is written, with the file named.
//
// The list is written before the first file (those to come marked
// pending), so an export ended by a crash or a signal still knows its own
// files the next time. Depends on core. Must never remove or overwrite a
// file that is not on the list.
#pragma once

#include "core/Result.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace soma::app {

class ExportFolder {
public:
    static constexpr const char* kListName = ".soma-export.toml";

    // Claims `names` (relative to the folder; "frames/" for the frames
    // folder and everything in it) for this export: Error "export.not_own"
    // naming the first file in the way that is not an earlier export's,
    // "export.list" when the list cannot be read or written.
    static Result<ExportFolder> claim(const std::filesystem::path& folder, const std::vector<std::string>& names);

    // The file `name` (from the claim; a frame as "frames/000001.png") was
    // written in full.
    void wrote(const std::string& name);
    // The export ended well: its own files from earlier exports that it
    // did not write again are removed (if still as they were left), and the
    // list is now this export's files.
    Status finish();
    // The export failed or was stopped: what it wrote is removed, and the
    // list keeps the earlier files that are still there.
    void abandon();

    const std::filesystem::path& folder() const { return mFolder; }
    // What finish() listed: this export's files, as written.
    const std::vector<std::string>& written() const { return mWritten; }

private:
    struct Entry {
        std::string name;
        std::uintmax_t size = 0;
        std::int64_t modifiedNs = 0;
        bool pending = false; // being written when the list was last saved
    };
    std::filesystem::path mFolder;
    std::vector<Entry> mEarlier; // from the list found, still as left
    std::vector<std::string> mClaimed;
    std::vector<std::string> mWritten;

    static Result<std::vector<Entry>> readList(const std::filesystem::path& folder);
    Status saveList(const std::vector<Entry>& entries) const;
    bool ownsAsLeft(const std::string& name) const;
    Entry entryFor(const std::string& name) const;
};

} // namespace soma::app
