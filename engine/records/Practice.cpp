#include "records/Practice.h"

#include "core/Files.h"
#include "core/Log.h"
#include "core/Paths.h"
#include "core/Text.h"
#include "core/Toml.h"
#include "records/RecordToml.h"
#include "records/Sealed.h"

#include <fmt/format.h>
#include <sodium.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <ctime>
#include <sstream>
#include <system_error>

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

namespace soma {

namespace fs = std::filesystem;

struct Practice::State {
    fs::path dir;
    SecretBytes master{kKeyBytes};
};

namespace {

constexpr int kPracticeFormat = 1;
constexpr std::string_view kCheckText = "soma-records: this passphrase opens this practice";
constexpr const char* kPracticeFile = "practice.toml";
constexpr const char* kKeyFile = "key";
constexpr const char* kRecordFile = "record.soma";
constexpr const char* kAccessFile = "access.soma";
// Folders of a client being made or erased: never a client's own name (an
// id is hex digits only), so clients() cannot mistake them for one.
constexpr std::string_view kNewPrefix = ".new-";
constexpr std::string_view kErasePrefix = ".erase-";
constexpr std::size_t kMinPassphrase = 8; // characters
constexpr std::size_t kIdBytes = 16;
// A practice.toml asking for more memory than this was not written by
// Soma; refusing it keeps a planted file from exhausting the machine.
constexpr std::size_t kMaxMemLimit = std::size_t(4) << 30;

std::string localNow(const char* format = "%Y-%m-%dT%H:%M:%S") {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, format, &tm);
    return buf;
}

template <class T>
Result<T> logged(Result<T>&& r) {
    // Messages name files and client ids, never what a record holds.
    if (!r) log::warn(r.error().id, "{}", r.error().message);
    return std::move(r);
}

bool validId(std::string_view id) {
    return id.size() == 2 * kIdBytes && std::all_of(id.begin(), id.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::string accessLine(std::string_view what) {
    std::string w(what);
    std::replace(w.begin(), w.end(), '\n', ' ');
    std::replace(w.begin(), w.end(), '\r', ' ');
    return localNow() + " " + w + "\n";
}

Error damaged(const fs::path& file, std::string_view why) {
    return Error{"records.damaged", fmt::format("{}: {}: the file was changed or damaged after Soma wrote it. Reading it changed nothing "
                                                "and lost nothing; restore {} from a backup",
                                                file.string(), why, file.parent_path().string())};
}

Error readError(const fs::path& file, int err) {
    return Error{"records.read", fmt::format("{}: cannot be read ({}); is the folder there and yours?", file.string(), std::strerror(err))};
}

Error writeError(const fs::path& file, std::string_view why) {
    return Error{"records.write", fmt::format("{}: cannot be written ({}); what was there before is unchanged", file.string(), why)};
}

Error unknownClient(const fs::path& dir, std::string_view id) {
    return Error{"records.unknown_client",
                 fmt::format("no client '{}' in {}: erased, or never there (the client list shows those that are)", id, dir.string())};
}

// The whole file; errno in `err` when it cannot be read.
std::optional<std::string> readBytes(const fs::path& file, int& err) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        err = errno;
        return std::nullopt;
    }
    std::string out;
    char buf[64 * 1024];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            err = errno;
            ::close(fd);
            return std::nullopt;
        }
        if (n == 0) break;
        out.append(buf, std::size_t(n));
    }
    ::close(fd);
    return out;
}

// A sealed file's bytes; a missing one is damage (Soma never leaves a
// client's folder without its three files).
Result<std::string> readSealed(const fs::path& file) {
    int err = 0;
    auto bytes = readBytes(file, err);
    if (!bytes) return err == ENOENT ? damaged(file, "it is missing") : readError(file, err);
    return std::move(*bytes);
}

Status writePrivate(const fs::path& file, std::string_view bytes) {
    AtomicWriteDesc desc;
    desc.mode = 0600;
    if (auto w = writeFileAtomically(file, bytes, desc); !w) return Error{"records.write", w.error().message + "; what was there before is unchanged"};
    return Ok{};
}

Status syncFolder(const fs::path& dir) {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return writeError(dir, std::strerror(errno));
    const int rc = ::fsync(fd);
    const int err = errno;
    ::close(fd);
    if (rc != 0) return writeError(dir, std::strerror(err));
    return Ok{};
}

Status makeNewPrivateFolder(const fs::path& dir) { // a new one: an existing folder is an error
    if (::mkdir(dir.c_str(), 0700) != 0) return writeError(dir, std::strerror(errno));
    // The umask could have taken bits away, never added: set it exactly.
    if (::chmod(dir.c_str(), 0700) != 0) return writeError(dir, std::strerror(errno));
    return Ok{};
}

std::string binding(std::string_view kind, std::string_view id) { return fmt::format("{} {}", kind, id); }

// The sum over practice.toml's values: a bit flipped in the salt or the
// cost would otherwise read as a wrong passphrase, and a therapist would
// go on trying theirs.
std::string practiceSum(std::int64_t format, std::string_view salt, std::int64_t ops, std::int64_t mem, std::string_view check) {
    const std::string all = fmt::format("soma-practice|{}|{}|{}|{}|{}", format, salt, ops, mem, check);
    unsigned char out[crypto_generichash_BYTES];
    crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(all.data()), all.size(), nullptr, 0);
    return toHex(std::string_view(reinterpret_cast<const char*>(out), sizeof out));
}

Status deriveKey(SecretBytes& key, std::string_view passphrase, std::string_view salt, unsigned long long ops, std::size_t mem) {
    if (crypto_pwhash(key.data(), key.size(), passphrase.data(), passphrase.size(), reinterpret_cast<const unsigned char*>(salt.data()), ops, mem,
                      crypto_pwhash_ALG_ARGON2ID13) != 0)
        return Error{"records.crypto", fmt::format("the key cannot be derived from the passphrase: {} MiB of memory are needed and not there",
                                                   mem >> 20)};
    return Ok{};
}

// A temporary file of core/Files ("<name>.<pid>.tmp") whose writer is gone.
bool staleTemp(const std::string& name) {
    if (!name.ends_with(".tmp")) return false;
    const std::string stem = name.substr(0, name.size() - 4);
    const auto dot = stem.rfind('.');
    if (dot == std::string::npos) return false;
    int pid = 0;
    const char* first = stem.data() + dot + 1;
    const char* last = stem.data() + stem.size();
    if (auto [p, ec] = std::from_chars(first, last, pid); ec != std::errc() || p != last || pid <= 0) return false;
    // Still being written by a live process (another Soma on this folder): leave it.
    return ::kill(pid, 0) != 0 && errno == ESRCH;
}

// Destroys the key first: once it is gone, nothing left of the client can
// be read, whatever happens to the rest (a full disk, a crash, a backup
// made before). Unlinking cannot promise the bytes are gone from an SSD or
// a snapshot, but without the key they are noise.
Status finishErase(const fs::path& folder) {
    const fs::path key = folder / kKeyFile;
    if (::unlink(key.c_str()) != 0 && errno != ENOENT) return writeError(key, std::strerror(errno));
    if (auto s = syncFolder(folder); !s) return s;
    std::error_code ec;
    fs::remove_all(folder, ec);
    if (ec)
        return Error{"records.write", fmt::format("{}: the client's key is destroyed, so nothing of theirs can be read again, but the folder "
                                                  "cannot be removed ({}); Soma removes it the next time the practice opens",
                                                  folder.string(), ec.message())};
    return Ok{};
}

// What a killed save, add or erase left behind. Only after the passphrase
// proved right: a wrong one changes nothing.
void cleanUp(const fs::path& dir) {
    std::error_code ec;
    int removed = 0;
    auto removeTemps = [&](const fs::path& folder) {
        std::error_code e;
        for (const auto& f : fs::directory_iterator(folder, e))
            if (f.is_regular_file(e) && staleTemp(f.path().filename().string()) && fs::remove(f.path(), e)) ++removed;
    };
    removeTemps(dir);
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        if (!entry.is_directory(ec)) continue;
        if (name.starts_with(kNewPrefix)) {
            // Never renamed into place: the client was not added.
            fs::remove_all(entry.path(), ec);
            ++removed;
        } else if (name.starts_with(kErasePrefix)) {
            if (auto s = finishErase(entry.path()); !s) log::warn(s.error().id, "{}", s.error().message);
            else ++removed;
        } else if (validId(name)) {
            removeTemps(entry.path());
        }
    }
    if (removed) log::info("records.cleanup", "{}: removed {} thing(s) left by an interrupted save, add or erase", dir.string(), removed);
}

// practice.toml for a master key: the salt and cost it was derived with,
// and a check value sealed under it that tells a wrong passphrase.
std::string practiceToml(const SecretBytes& master, std::string_view salt, unsigned long long ops, std::size_t mem) {
    std::string check(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + kCheckText.size(), '\0');
    auto* c = reinterpret_cast<unsigned char*>(check.data());
    randombytes_buf(c, crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(c + crypto_secretbox_NONCEBYTES, reinterpret_cast<const unsigned char*>(kCheckText.data()), kCheckText.size(), c,
                          master.data());

    const std::string saltHex = toHex(salt), checkHex = toHex(check);
    toml::table t;
    t.insert("format", kPracticeFormat);
    t.insert("kdf", "argon2id13");
    t.insert("salt", saltHex);
    t.insert("opslimit", std::int64_t(ops));
    t.insert("memlimit", std::int64_t(mem));
    t.insert("check", checkHex);
    t.insert("sum", practiceSum(kPracticeFormat, saltHex, std::int64_t(ops), std::int64_t(mem), checkHex));
    std::ostringstream text;
    text << "# A therapist's client records, kept by Soma and encrypted with a passphrase. Nothing in this\n"
            "# folder can be read without it; keep a backup of the whole folder, and never edit this file.\n"
         << t << '\n';
    return text.str();
}

// A passphrase change is committed by renaming practice.next.toml over
// practice.toml; the clients' keys sealed under the new master wait beside
// the old ones as key.next until then. Once a passphrase has opened the
// practice: a key.next that opens under its master finishes a committed
// change (renamed over key); one that does not belongs to a change that
// never committed, and goes, with its practice.next.toml.
constexpr const char* kNextPracticeFile = "practice.next.toml";
constexpr const char* kNextKeyFile = "key.next";

void settlePassphraseChange(const fs::path& dir, const SecretBytes& master) {
    std::error_code ec;
    int settled = 0;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        const std::string id = entry.path().filename().string();
        const fs::path next = entry.path() / kNextKeyFile;
        if (!validId(id) || !fs::exists(next, ec)) continue;
        int err = 0;
        const auto bytes = readBytes(next, err);
        if (bytes && unwrapKey(*bytes, master, id)) {
            if (::rename(next.c_str(), (entry.path() / kKeyFile).c_str()) == 0) (void)syncFolder(entry.path());
        } else {
            fs::remove(next, ec);
        }
        ++settled;
    }
    if (fs::remove(dir / kNextPracticeFile, ec)) ++settled;
    if (settled) log::info("records.passphrase_change", "{}: settled what an interrupted change of passphrase left ({} file(s))", dir.string(), settled);
}

} // namespace

Practice::Practice(std::unique_ptr<State> state) : m(std::move(state)) {}
Practice::Practice(Practice&&) noexcept = default;
Practice& Practice::operator=(Practice&&) noexcept = default;
Practice::~Practice() = default;

const fs::path& Practice::folder() const { return m->dir; }

fs::path Practice::defaultFolder() { return paths::dataHome() / "clients"; }

bool Practice::exists(const fs::path& dir) {
    std::error_code ec;
    return fs::is_regular_file(dir / kPracticeFile, ec);
}

Result<Practice> Practice::create(const fs::path& dir, std::string_view passphrase, const KdfCost& cost) {
    auto run = [&]() -> Result<Practice> {
        if (!sodiumReady()) return Error{"records.crypto", "libsodium cannot start (no source of random numbers on this system)"};
        if (countCodePoints(passphrase) < kMinPassphrase)
            return Error{"records.weak_passphrase",
                         fmt::format("the passphrase has fewer than {} characters: choose a longer one, a few words you will remember are "
                                     "best (it cannot be recovered, and without it nothing of the records can be read)",
                                     kMinPassphrase)};
        if (exists(dir))
            return Error{"records.write", fmt::format("{}: there is a practice here already; open it with its passphrase, or choose another folder",
                                                      dir.string())};
        std::error_code ec;
        fs::create_directories(dir, ec);
        if (ec) return writeError(dir, ec.message());
        if (::chmod(dir.c_str(), 0700) != 0) return writeError(dir, std::strerror(errno));

        const unsigned long long ops = cost.opsLimit ? cost.opsLimit : crypto_pwhash_OPSLIMIT_INTERACTIVE;
        const std::size_t mem = cost.memLimitBytes ? cost.memLimitBytes : crypto_pwhash_MEMLIMIT_INTERACTIVE;
        std::string salt(crypto_pwhash_SALTBYTES, '\0');
        randombytes_buf(salt.data(), salt.size());
        auto state = std::make_unique<State>();
        state->dir = dir;
        if (auto d = deriveKey(state->master, passphrase, salt, ops, mem); !d) return d.error();
        state->master.makeReadOnly();

        const std::string text = practiceToml(state->master, salt, ops, mem);
        if (auto w = writePrivate(dir / kPracticeFile, text); !w) return w.error();
        return Practice(std::move(state));
    };
    return logged(run());
}

Result<Practice> Practice::open(const fs::path& dir, std::string_view passphrase) {
    auto run = [&]() -> Result<Practice> {
        if (!sodiumReady()) return Error{"records.crypto", "libsodium cannot start (no source of random numbers on this system)"};
        const fs::path file = dir / kPracticeFile;
        int err = 0;
        auto bytes = readBytes(file, err);
        if (!bytes && err == ENOENT)
            return Error{"records.no_practice",
                         fmt::format("{}: no practice here (no practice.toml); choose the folder that holds one, or create one", dir.string())};
        if (!bytes) return readError(file, err);
        TomlParse parsed = parseToml(*bytes, file.string());
        if (!parsed.ok) return damaged(file, fmt::format("line {}:{} is not TOML", parsed.where.line, parsed.where.column));
        const toml::table& t = parsed.table;
        const auto format = t["format"].value<std::int64_t>();
        if (format && *format > kPracticeFormat)
            return Error{"records.format", fmt::format("{}: written by a newer Soma (practice format {}, this one reads {}); open it with that "
                                                       "version",
                                                       file.string(), *format, kPracticeFormat)};
        const auto saltHex = t["salt"].value<std::string>();
        const auto ops = t["opslimit"].value<std::int64_t>();
        const auto mem = t["memlimit"].value<std::int64_t>();
        const auto checkHex = t["check"].value<std::string>();
        const auto sum = t["sum"].value<std::string>();
        if (!format || !saltHex || !ops || !mem || !checkHex || !sum || t["kdf"].value<std::string>() != "argon2id13")
            return damaged(file, "a value Soma writes there is missing");
        if (*sum != practiceSum(*format, *saltHex, *ops, *mem, *checkHex)) return damaged(file, "its values do not match their checksum");
        const auto salt = fromHex(*saltHex);
        const auto check = fromHex(*checkHex);
        if (!salt || salt->size() != crypto_pwhash_SALTBYTES || !check ||
            check->size() != crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + kCheckText.size() ||
            *ops < std::int64_t(crypto_pwhash_OPSLIMIT_MIN) || std::uint64_t(*ops) > crypto_pwhash_OPSLIMIT_MAX ||
            *mem < std::int64_t(crypto_pwhash_MEMLIMIT_MIN) || std::uint64_t(*mem) > kMaxMemLimit)
            return damaged(file, "a value there is out of its range");

        auto state = std::make_unique<State>();
        state->dir = dir;
        if (auto d = deriveKey(state->master, passphrase, *salt, std::uint64_t(*ops), std::size_t(*mem)); !d) return d.error();
        state->master.makeReadOnly();
        std::string plain(kCheckText.size(), '\0');
        const auto* c = reinterpret_cast<const unsigned char*>(check->data());
        if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()), c + crypto_secretbox_NONCEBYTES,
                                       check->size() - crypto_secretbox_NONCEBYTES, c, state->master.data()) != 0 ||
            plain != kCheckText)
            return Error{"records.passphrase",
                         fmt::format("the passphrase does not open the practice's records at {}; check it and try again", dir.string())};
        settlePassphraseChange(dir, state->master);
        cleanUp(dir);
        return Practice(std::move(state));
    };
    return logged(run());
}

namespace {

struct Client {
    fs::path folder;
    SecretBytes key;
};

Result<Client> openClient(const fs::path& dir, const SecretBytes& master, std::string_view id) {
    std::error_code ec;
    if (!validId(id) || !fs::is_directory(dir / std::string(id), ec)) return unknownClient(dir, id);
    const fs::path folder = dir / std::string(id);
    const fs::path keyFile = folder / kKeyFile;
    auto sealed = readSealed(keyFile);
    if (!sealed) {
        if (sealed.error().id == "records.damaged") return damaged(keyFile, "it is missing, so nothing of this client can be read");
        return sealed.error();
    }
    auto key = unwrapKey(*sealed, master, id);
    if (!key) return damaged(keyFile, "it does not pass its authenticity check (changed, cut short, or another client's)");
    return Client{folder, std::move(*key)};
}

Result<std::string> openSealedText(const fs::path& file, const SecretBytes& key, std::string_view kind, std::string_view id) {
    auto sealed = readSealed(file);
    if (!sealed) return sealed.error();
    auto text = openText(*sealed, key, binding(kind, id));
    if (!text) return damaged(file, "it does not pass its authenticity check (changed, cut short, or another client's or file's)");
    return std::move(*text);
}

Result<ClientRecord> readRecord(const Client& c, std::string_view id) {
    const fs::path file = c.folder / kRecordFile;
    auto text = openSealedText(file, c.key, "record", id);
    if (!text) return text.error();
    auto record = parseRecordToml(*text, file.string());
    wipe(*text);
    if (!record) return record.error();
    // Authentication already bound the text to this id; this catches a
    // writer that put the wrong one inside.
    if (record->id != id) return damaged(file, fmt::format("it holds the record of client '{}'", record->id));
    return record;
}

Result<std::string> readAccess(const Client& c, std::string_view id) { return openSealedText(c.folder / kAccessFile, c.key, "access", id); }

Status writeAccess(const Client& c, std::string_view id, std::string text) {
    const std::string sealed = sealText(text, c.key, binding("access", id));
    wipe(text);
    return writePrivate(c.folder / kAccessFile, sealed);
}

// The text to seal, checked to read back as this very record: a string
// toml++ could not write exactly is refused before anything is written.
Result<std::string> recordText(const ClientRecord& r, const fs::path& file) {
    std::string text = recordToml(r);
    auto back = parseRecordToml(text, file.string());
    if (firstInvalidUtf8(text) || !back || !(*back == r)) {
        wipe(text);
        return Error{"records.format", fmt::format("{}: not saved: the record would not read back exactly as it is (is all its text UTF-8?); "
                                                   "the old record is unchanged",
                                                   file.string())};
    }
    return text;
}

Status writeRecord(const Client& c, const ClientRecord& r) {
    const fs::path file = c.folder / kRecordFile;
    auto text = recordText(r, file);
    if (!text) return text.error();
    const std::string sealed = sealText(*text, c.key, binding("record", r.id));
    wipe(*text);
    return writePrivate(file, sealed);
}

std::vector<AccessEntry> accessEntries(std::string_view text) {
    std::vector<AccessEntry> out;
    std::size_t at = 0;
    while (at < text.size()) {
        std::size_t end = text.find('\n', at);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view line = text.substr(at, end - at);
        if (!line.empty()) {
            const auto space = line.find(' ');
            out.push_back({std::string(line.substr(0, space)), space == std::string_view::npos ? std::string() : std::string(line.substr(space + 1))});
        }
        at = end + 1;
    }
    return out;
}


constexpr std::string_view kReadme =
    "This folder is a client's record, exported from Soma in readable form by their therapist.\n"
    "\n"
    "It is health data (GDPR art. 9) and it is NOT encrypted: keep it where only you can read\n"
    "it, give it only to the client or to whom they agreed, and delete it when it has served.\n"
    "\n"
    "  client.toml      the record: name, tension maps (0 = no tension, 10 = most), sessions, notes\n"
    "  session-<n>.log  the event log of session n, as Soma wrote it\n"
    "  access-log.txt   every time the record was created, opened, saved or exported\n";

} // namespace

Result<std::vector<ClientEntry>> Practice::clients() const {
    auto run = [&]() -> Result<std::vector<ClientEntry>> {
        std::vector<ClientEntry> out;
        std::error_code ec;
        fs::directory_iterator it(m->dir, ec);
        if (ec) return readError(m->dir, ec.value());
        for (const auto& entry : it) {
            const std::string id = entry.path().filename().string();
            if (!validId(id) || !entry.is_directory(ec)) continue;
            ClientEntry e;
            e.id = id;
            auto c = openClient(m->dir, m->master, id);
            if (c) {
                auto r = readRecord(*c, id);
                if (r) {
                    e.name = r->name;
                    e.maps = r->maps.size();
                    if (!r->maps.empty()) e.lastMap = r->maps.back().when;
                    e.sessions = r->sessions.size();
                } else {
                    e.error = r.error();
                }
            } else {
                e.error = c.error();
            }
            if (e.error) log::warn(e.error->id, "{}", e.error->message);
            out.push_back(std::move(e));
        }
        std::sort(out.begin(), out.end(), [](const ClientEntry& a, const ClientEntry& b) {
            if (a.error.has_value() != b.error.has_value()) return !a.error; // readable ones first
            return a.name != b.name ? a.name < b.name : a.id < b.id;
        });
        return out;
    };
    return logged(run());
}

Result<ClientRecord> Practice::add(std::string_view name) {
    auto run = [&]() -> Result<ClientRecord> {
        if (name.find_first_not_of(" \t\r\n") == std::string_view::npos || firstInvalidUtf8(name))
            return Error{"records.name", "a client needs a name or a code (UTF-8 text, not only spaces) to be found in the list"};
        std::string id = randomHex(kIdBytes);
        std::error_code ec;
        while (fs::exists(m->dir / id, ec)) id = randomHex(kIdBytes);
        // Made beside the practice under another name and renamed into
        // place whole, so no crash leaves a client without a record.
        const fs::path making = m->dir / (std::string(kNewPrefix) + id);
        if (auto s = makeNewPrivateFolder(making); !s) return s.error();
        auto made = [&]() -> Status {
            Client c{making, randomKey()};
            if (auto s = writePrivate(making / kKeyFile, wrapKey(c.key, m->master, id)); !s) return s;
            ClientRecord r;
            r.id = id;
            r.name = std::string(name);
            r.created = localNow();
            if (auto s = writeRecord(c, r); !s) return s;
            if (auto s = writeAccess(c, id, accessLine("created")); !s) return s;
            fs::rename(making, m->dir / id, ec);
            if (ec) return writeError(m->dir / id, ec.message());
            return syncFolder(m->dir);
        }();
        if (!made) {
            fs::remove_all(making, ec);
            return made.error();
        }
        auto c = openClient(m->dir, m->master, id);
        if (!c) return c.error();
        return readRecord(*c, id); // as stored, "created" and all
    };
    return logged(run());
}

Result<ClientRecord> Practice::load(std::string_view id) {
    auto run = [&]() -> Result<ClientRecord> {
        auto c = openClient(m->dir, m->master, id);
        if (!c) return c.error();
        auto record = readRecord(*c, id);
        if (!record) return record.error();
        auto access = readAccess(*c, id);
        if (!access) return access.error();
        if (auto s = writeAccess(*c, id, *access + accessLine("opened")); !s) return s.error();
        wipe(*access);
        return record;
    };
    return logged(run());
}

Status Practice::save(const ClientRecord& record) {
    auto run = [&]() -> Status {
        auto c = openClient(m->dir, m->master, record.id);
        if (!c) return c.error();
        // Read before anything is written: a damaged log stops the save
        // rather than being replaced by one that forgot the past.
        auto access = readAccess(*c, record.id);
        if (!access) return access.error();
        if (auto s = writeRecord(*c, record); !s) return s;
        auto s = writeAccess(*c, record.id, *access + accessLine("saved"));
        wipe(*access);
        return s;
    };
    return logged(run());
}

Status Practice::erase(std::string_view id) {
    auto run = [&]() -> Status {
        std::error_code ec;
        if (!validId(id) || !fs::is_directory(m->dir / std::string(id), ec)) return unknownClient(m->dir, id);
        // Out of the list at once, in one step; open() finishes an erase
        // that a crash cut short.
        const fs::path going = m->dir / (std::string(kErasePrefix) + std::string(id));
        fs::rename(m->dir / std::string(id), going, ec);
        if (ec) return writeError(m->dir / std::string(id), ec.message());
        if (auto s = syncFolder(m->dir); !s) return s;
        if (auto s = finishErase(going); !s) return s;
        return syncFolder(m->dir);
    };
    return logged(run());
}

Result<std::vector<AccessEntry>> Practice::accessLog(std::string_view id) const {
    auto run = [&]() -> Result<std::vector<AccessEntry>> {
        auto c = openClient(m->dir, m->master, id);
        if (!c) return c.error();
        auto access = readAccess(*c, id);
        if (!access) return access.error();
        auto entries = accessEntries(*access);
        wipe(*access);
        return entries;
    };
    return logged(run());
}

Status Practice::noteAccess(std::string_view id, std::string_view what) {
    auto run = [&]() -> Status {
        auto c = openClient(m->dir, m->master, id);
        if (!c) return c.error();
        auto access = readAccess(*c, id);
        if (!access) return access.error();
        auto s = writeAccess(*c, id, *access + accessLine(what));
        wipe(*access);
        return s;
    };
    return logged(run());
}

Result<fs::path> Practice::exportReadable(std::string_view id, const fs::path& outDir) {
    auto run = [&]() -> Result<fs::path> {
        auto c = openClient(m->dir, m->master, id);
        if (!c) return c.error();
        auto record = readRecord(*c, id);
        if (!record) return record.error();
        auto access = readAccess(*c, id);
        if (!access) return access.error();
        // On the log before the first readable byte is written: the record
        // left its encryption, whether or not the export then completes.
        *access += accessLine("exported");
        if (auto s = writeAccess(*c, id, *access); !s) return s.error();

        std::error_code ec;
        fs::create_directories(outDir, ec);
        if (ec) return writeError(outDir, ec.message());
        const std::string base = fmt::format("{}-{}", fileNamePart(record->name), localNow("%Y-%m-%d"));
        fs::path folder = outDir / base;
        for (int n = 2; ::mkdir(folder.c_str(), 0700) != 0; ++n) {
            if (errno != EEXIST || n > 999) return writeError(folder, std::strerror(errno));
            folder = outDir / fmt::format("{}-{}", base, n);
        }
        if (::chmod(folder.c_str(), 0700) != 0) return writeError(folder, std::strerror(errno));

        std::vector<std::string> logFiles(record->sessions.size());
        for (std::size_t i = 0; i < record->sessions.size(); ++i) {
            if (record->sessions[i].log.empty()) continue;
            logFiles[i] = fmt::format("session-{}.log", i + 1);
            if (auto s = writePrivate(folder / logFiles[i], record->sessions[i].log); !s) return s.error();
        }
        if (auto s = writePrivate(folder / "client.toml", readableToml(*record, logFiles)); !s) return s.error();
        if (auto s = writePrivate(folder / "access-log.txt", *access); !s) return s.error();
        if (auto s = writePrivate(folder / "README.txt", kReadme); !s) return s.error();
        wipe(*access);
        return folder;
    };
    return logged(run());
}

Status Practice::changePassphrase(std::string_view current, std::string_view next, const KdfCost& cost) {
    auto run = [&]() -> Status {
        // The one at the keyboard knows the passphrase now, not only then.
        auto proved = open(m->dir, current);
        if (!proved) return proved.error();
        if (countCodePoints(next) < kMinPassphrase)
            return Error{"records.weak_passphrase",
                         fmt::format("the new passphrase has fewer than {} characters: choose a longer one", kMinPassphrase)};
        const unsigned long long ops = cost.opsLimit ? cost.opsLimit : crypto_pwhash_OPSLIMIT_INTERACTIVE;
        const std::size_t mem = cost.memLimitBytes ? cost.memLimitBytes : crypto_pwhash_MEMLIMIT_INTERACTIVE;
        std::string salt(crypto_pwhash_SALTBYTES, '\0');
        randombytes_buf(salt.data(), salt.size());
        SecretBytes fresh(kKeyBytes);
        if (auto d = deriveKey(fresh, next, salt, ops, mem); !d) return d.error();

        // Every client's key sealed again under the new master, beside the old.
        std::vector<fs::path> folders;
        std::error_code ec;
        for (const auto& entry : fs::directory_iterator(m->dir, ec)) {
            const std::string id = entry.path().filename().string();
            if (!validId(id) || !entry.is_directory(ec)) continue;
            auto client = openClient(m->dir, m->master, id);
            if (!client) {
                settlePassphraseChange(m->dir, m->master); // takes back what was written so far
                return Error{client.error().id, client.error().message + "; restore it from a backup before changing the passphrase, "
                                                                         "nothing was changed"};
            }
            if (auto w = writePrivate(entry.path() / kNextKeyFile, wrapKey(client->key, fresh, id)); !w) {
                settlePassphraseChange(m->dir, m->master);
                return w.error();
            }
            folders.push_back(entry.path());
        }
        // The commit: one rename. Before it the old passphrase opens
        // everything, after it the new one does.
        if (auto w = writePrivate(m->dir / kNextPracticeFile, practiceToml(fresh, salt, ops, mem)); !w) {
            settlePassphraseChange(m->dir, m->master);
            return w.error();
        }
        if (::rename((m->dir / kNextPracticeFile).c_str(), (m->dir / kPracticeFile).c_str()) != 0) {
            const std::string why = std::strerror(errno);
            settlePassphraseChange(m->dir, m->master);
            return writeError(m->dir / kPracticeFile, why);
        }
        if (auto s = syncFolder(m->dir); !s) return s;
        fresh.makeReadOnly();
        m->master = std::move(fresh);
        settlePassphraseChange(m->dir, m->master); // each key.next over its key
        log::info("records.passphrase_changed", "{}: the passphrase is changed; {} client key(s) sealed again", m->dir.string(), folders.size());
        return Ok{};
    };
    return logged(run());
}

} // namespace soma
