// records/Practice: a therapist's client records, encrypted at rest.
//
// What a therapist keeps about a client (names, tension maps, sessions,
// notes) is health data (GDPR art. 9). The threat this module answers: a
// lost laptop, a stolen backup disk or a copied folder must give away
// nothing without the passphrase, not even who the clients are; a file
// changed or damaged on disk must be told as such, never read as a
// different record; and a client who asks to be forgotten is forgotten for
// good. Hence:
//   - one passphrase opens the practice: Argon2id (libsodium crypto_pwhash)
//     turns it into the master key, which lives only in guarded memory;
//   - each client has a random key of their own, sealed under the master
//     key in `<id>/key`; their record and access log are sealed under it
//     (XChaCha20-Poly1305 secretstream), bound to the client id and the
//     file's kind, so nothing can be moved between clients unnoticed;
//   - erasing a client destroys the key file first: what remains of their
//     files (on the disk, in a backup) cannot be read again, even with the
//     passphrase;
//   - every write is atomic (core/Files): a crash or a killed process
//     leaves each file as it was or as it became, never half of it;
//   - every access to a client's record is added to their access log.
// Not covered: someone who can run code as this user while the practice is
// open, and putting back an older copy of a whole client folder (it reads
// as the older record it is).
//
// The folder (mode 0700; files 0600):
//   practice.toml       format, Argon2id salt and cost, a check value that
//                       tells a wrong passphrase from a damaged file
//   <id>/key            the client's key, sealed (records/Sealed)
//   <id>/record.soma    the ClientRecord as TOML (records/RecordToml), sealed
//   <id>/access.soma    "<local time> <what>" lines, sealed
// where <id> is 32 random hex digits, never derived from the name.
//
// Depends on core/ (Result, Files, Paths, Toml), model/TensionMap,
// libsodium and toml++ (in the .cpp files). Must never write a client's
// data, or anything derived from it but the id, in the clear (logs and
// error messages included), except in exportReadable's folder that the
// therapist asked for; never keep a key outside guarded memory; never
// hide a client it cannot read: clients() lists it with its error.
//
// Errors (stable ids): records.passphrase (wrong passphrase),
// records.weak_passphrase (too short, at create), records.no_practice,
// records.damaged (a file fails authentication, is cut short or missing),
// records.format (decrypted text that is not a record: file:line:col),
// records.unknown_client, records.name (an empty name), records.read,
// records.write, records.crypto (libsodium cannot start, or too little
// memory for the key derivation).
#pragma once

#include "core/Result.h"
#include "records/ClientRecord.h"

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace soma {

// How hard the passphrase is to guess at: Argon2id's passes and memory.
// Zero means libsodium's INTERACTIVE level (about a tenth of a second and
// 64 MiB); tests use crypto_pwhash_OPSLIMIT_MIN / MEMLIMIT_MIN.
struct KdfCost {
    unsigned long long opsLimit = 0;
    std::size_t memLimitBytes = 0;
};

// One line of the client list. A client whose record cannot be read is
// still listed, with `error` set and `name` empty.
struct ClientEntry {
    std::string id;
    std::string name;
    std::optional<Error> error;
    std::size_t maps = 0; // how many tension maps the record holds
    std::string lastMap;  // the latest one's date; empty: none
    std::size_t sessions = 0; // how many sessions the record holds
};

// One line of a client's access log.
struct AccessEntry {
    std::string when; // local time, "2026-12-07T10:15:00"
    std::string what; // created, opened, saved, exported, ...

    friend bool operator==(const AccessEntry&, const AccessEntry&) = default;
};

class Practice {
public:
    // paths::dataHome()/"clients".
    static std::filesystem::path defaultFolder();
    // A practice.toml is there.
    static bool exists(const std::filesystem::path& dir);

    // Makes the folder (0700) and its practice.toml. A passphrase of fewer
    // than 8 characters is refused (records.weak_passphrase); a folder
    // that already holds a practice is left alone (records.write).
    static Result<Practice> create(const std::filesystem::path& dir, std::string_view passphrase, const KdfCost& cost = {});
    // Reads the cost from practice.toml. Changes nothing unless the
    // passphrase is right; then clears what a killed save, add or erase
    // left behind (temporary files, a half-made or half-erased client).
    static Result<Practice> open(const std::filesystem::path& dir, std::string_view passphrase);

    Practice(Practice&&) noexcept;
    Practice& operator=(Practice&&) noexcept;
    Practice(const Practice&) = delete;
    Practice& operator=(const Practice&) = delete;
    ~Practice(); // wipes the master key

    const std::filesystem::path& folder() const;

    // Every client, by name. records.read when the folder cannot be listed.
    Result<std::vector<ClientEntry>> clients() const;

    // A new client with a fresh id, saved, "created" in its access log.
    // The client's folder appears whole or not at all.
    Result<ClientRecord> add(std::string_view name);
    // The record; adds "opened" to the access log (and fails when that
    // cannot be done, so no access goes unlogged).
    Result<ClientRecord> load(std::string_view id);
    // Replaces the record (the old one stays whole until the new one is
    // on the disk); adds "saved".
    Status save(const ClientRecord& record);
    // Destroys the client's key, then their files and folder.
    Status erase(std::string_view id);

    Result<std::vector<AccessEntry>> accessLog(std::string_view id) const;
    // Adds a line of the caller's (e.g. "report", "erased-map"); a newline
    // in `what` becomes a space.
    Status noteAccess(std::string_view id, std::string_view what);

    // A new passphrase for the practice, after the current one is given
    // again (records.passphrase when it is wrong). Every client's key is
    // sealed again under the new master key; a crash at any moment leaves
    // the practice opened by exactly one of the two (the next open settles
    // the rest). A client whose key cannot be opened stops the change
    // before anything changed.
    Status changePassphrase(std::string_view current, std::string_view next, const KdfCost& cost = {});

    // Writes <outDir>/<name>-<date>/ (0700) with client.toml, access-log.txt,
    // session-<n>.log for each session with a log and README.txt (0600),
    // adds "exported" to the access log, and returns the folder. A second
    // export on one day gets "-2", "-3", ...
    Result<std::filesystem::path> exportReadable(std::string_view id, const std::filesystem::path& outDir);

private:
    struct State;
    explicit Practice(std::unique_ptr<State> state);
    std::unique_ptr<State> m;
};

} // namespace soma
