// What the client-record tests share: a temporary practice folder, a cheap
// key derivation, records with text that is hard to keep exact, and the
// bytes of every file under a folder.
#pragma once

#include "records/Practice.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

namespace soma::test {

namespace fs = std::filesystem;

// Argon2id at its lowest cost: tests are about the files, not the KDF.
inline KdfCost fastKdf() { return KdfCost{crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN}; }

inline constexpr const char* kPassphrase = "zeven zachte wolken";

class TempFolder {
public:
    TempFolder() {
        std::string tmpl = (fs::temp_directory_path() / "soma-records-XXXXXX").string();
        mPath = mkdtemp(tmpl.data());
    }
    ~TempFolder() {
        std::error_code ec;
        fs::remove_all(mPath, ec);
    }
    TempFolder(const TempFolder&) = delete;
    TempFolder& operator=(const TempFolder&) = delete;
    const fs::path& path() const { return mPath; }

private:
    fs::path mPath;
};

inline std::string readAll(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

inline void writeAll(const fs::path& file, const std::string& bytes) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << bytes;
}

// Every file under `dir` with its bytes and modification time.
struct FileState {
    std::string bytes;
    fs::file_time_type mtime;
    friend bool operator==(const FileState&, const FileState&) = default;
};
inline std::map<std::string, FileState> snapshot(const fs::path& dir) {
    std::map<std::string, FileState> out;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file()) out[fs::relative(e.path(), dir).string()] = {readAll(e.path()), e.last_write_time()};
    return out;
}

// A record with the text that is easy to get wrong: newlines, quotes,
// backslashes, tabs, CRLF and letters beyond ASCII.
inline ClientRecord richRecord(const ClientRecord& added, const std::string& flavour) {
    ClientRecord r = added;
    r.notes = "Eerste gesprek.\nZegt: \"het zit vast\" — één keer per dag\\nacht.\r\nTab\there. " + flavour;
    TensionMap first;
    first.ratings = {{"shoulder_left", 7, "trekt naar het oor\n\"scherp\"", 1764497700},
                     {"jaw", 4, "één kant", 1764497760},
                     {"belly", 0, "", 0}};
    first.resource = "hand_right";
    first.tension = "shoulder_left";
    TensionMap second;
    second.ratings = {{"shoulder_left", 3, "zachter " + flavour, 1765099800}};
    r.maps = {{"2026-11-30T10:15:00", first}, {"2026-12-07T10:10:00", second}};
    ClientSession s1;
    s1.when = "2026-11-30T10:30:00";
    s1.exercise = "body-scan";
    s1.lang = "nl";
    s1.variant = "short";
    s1.before = 7;
    s1.after = 4;
    s1.beforeRegion = "shoulder_left";
    s1.afterRegion = "jaw";
    s1.log = "# session log\n[[event]]\nt = 0.0\nkind = \"start\"\ntext = \"één \\\"twee\\\"\"\n";
    ClientSession s2;
    s2.when = "2026-12-07T10:20:00";
    s2.exercise = "pendulation";
    s2.lang = "en";
    s2.variant = "long";
    s2.after = 2; // before not answered
    r.sessions = {s1, s2};
    return r;
}

} // namespace soma::test
