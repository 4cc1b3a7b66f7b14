// A therapist's client records: what is kept comes back exactly, only with
// the passphrase; damage is told as damage; nothing readable lies on disk;
// an erased client is gone; an export is readable and logged.
#include "records/Practice.h"
#include "records/RecordToml.h"
#include "records/RecordsSupport.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <toml++/toml.h>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>

namespace soma {
namespace {

using namespace soma::test;

// The record, or an empty one after a failure that names the error.
ClientRecord loadOk(Practice& p, const std::string& id) {
    auto r = p.load(id);
    EXPECT_TRUE(r) << r.error().message;
    return r ? std::move(r).value() : ClientRecord{};
}

struct TwoClients {
    TempFolder tmp;
    fs::path dir = tmp.path() / "clients";
    ClientRecord anna, bo;

    TwoClients() {
        auto p = Practice::create(dir, kPassphrase, fastKdf());
        EXPECT_TRUE(p) << p.error().message;
        auto a = p->add("Anna de Vries");
        auto b = p->add("Bo \"B.\" Één");
        EXPECT_TRUE(a && b);
        anna = richRecord(*a, "anna");
        bo = richRecord(*b, "bo");
        EXPECT_TRUE(p->save(anna).ok());
        EXPECT_TRUE(p->save(bo).ok());
    }
    Practice open() {
        auto p = Practice::open(dir, kPassphrase);
        EXPECT_TRUE(p) << p.error().message;
        return std::move(p).value();
    }
    fs::path file(const ClientRecord& r, const char* name) const { return dir / r.id / name; }
};

TEST(Records, WhatIsSavedComesBackExactlyAfterOpeningAgain) {
    TwoClients t;
    EXPECT_EQ(t.anna.name, "Anna de Vries");
    EXPECT_FALSE(t.anna.created.empty());
    EXPECT_NE(t.anna.id, t.bo.id);
    EXPECT_EQ(t.anna.id.size(), 32u);
    Practice p = t.open();
    auto anna = p.load(t.anna.id);
    auto bo = p.load(t.bo.id);
    ASSERT_TRUE(anna) << anna.error().message;
    ASSERT_TRUE(bo) << bo.error().message;
    EXPECT_EQ(*anna, t.anna);
    EXPECT_EQ(*bo, t.bo);
    EXPECT_EQ(bo->name, "Bo \"B.\" Één");
    EXPECT_EQ(anna->notes, t.anna.notes);
    EXPECT_FALSE(anna->sessions[1].before.has_value());

    auto list = p.clients();
    ASSERT_TRUE(list);
    ASSERT_EQ(list->size(), 2u);
    EXPECT_EQ((*list)[0].name, "Anna de Vries");
    EXPECT_EQ((*list)[0].id, t.anna.id);
    EXPECT_EQ((*list)[1].name, "Bo \"B.\" Één");
    EXPECT_FALSE((*list)[0].error || (*list)[1].error);

    auto log = p.accessLog(t.anna.id);
    ASSERT_TRUE(log);
    std::vector<std::string> what;
    for (const auto& e : *log) what.push_back(e.what);
    EXPECT_EQ(what, (std::vector<std::string>{"created", "saved", "opened"}));
    EXPECT_EQ(log->front().when.size(), 19u); // 2026-12-07T10:15:00
}

TEST(Records, AWrongPassphraseIsToldAndChangesNothing) {
    TwoClients t;
    // A temporary file of a save killed long ago: a wrong passphrase must
    // not even clean it up.
    const pid_t gone = fork();
    if (gone == 0) _exit(0);
    waitpid(gone, nullptr, 0);
    const fs::path stale = t.dir / t.anna.id / fmt::format("record.soma.{}.tmp", gone);
    writeAll(stale, "half a record");
    const auto before = snapshot(t.dir);

    auto p = Practice::open(t.dir, "zeven zachte wolkjes");
    ASSERT_FALSE(p);
    EXPECT_EQ(p.error().id, "records.passphrase");
    EXPECT_EQ(p.error().message,
              "the passphrase does not open the practice's records at " + t.dir.string() + "; check it and try again");
    EXPECT_EQ(snapshot(t.dir), before);

    // The right one cleans it up, and the records are untouched by it.
    Practice right = t.open();
    EXPECT_FALSE(fs::exists(stale));
    EXPECT_EQ(loadOk(right, t.anna.id), t.anna);
}

TEST(Records, APassphraseTooShortOrNoPracticeIsToldClearly) {
    TempFolder tmp;
    auto weak = Practice::create(tmp.path() / "c", "kort", fastKdf());
    ASSERT_FALSE(weak);
    EXPECT_EQ(weak.error().id, "records.weak_passphrase");
    EXPECT_NE(weak.error().message.find("fewer than 8 characters"), std::string::npos);
    EXPECT_FALSE(Practice::exists(tmp.path() / "c"));
    // Eight characters, counted as letters, not bytes.
    EXPECT_FALSE(Practice::create(tmp.path() / "d", "ééééééé", fastKdf()));
    EXPECT_TRUE(Practice::create(tmp.path() / "e", "éééééééé", fastKdf()));

    auto none = Practice::open(tmp.path() / "nothing", kPassphrase);
    ASSERT_FALSE(none);
    EXPECT_EQ(none.error().id, "records.no_practice");

    ASSERT_TRUE(Practice::create(tmp.path() / "f", kPassphrase, fastKdf()));
    auto again = Practice::create(tmp.path() / "f", kPassphrase, fastKdf());
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().id, "records.write");
}

// Loading with each of `changes` applied to `file` gives records.damaged
// naming the file, and changes no file.
void expectDamaged(TwoClients& t, Practice& p, const fs::path& file, const std::vector<std::string>& changes, const std::string& what) {
    const std::string good = readAll(file);
    for (std::size_t i = 0; i < changes.size(); ++i) {
        writeAll(file, changes[i]);
        const auto before = snapshot(t.dir);
        auto r = p.load(t.anna.id);
        ASSERT_FALSE(r) << what << " #" << i << " loaded";
        EXPECT_EQ(r.error().id, "records.damaged") << what << " #" << i << ": " << r.error().message;
        EXPECT_NE(r.error().message.find(file.string()), std::string::npos) << r.error().message;
        EXPECT_NE(r.error().message.find("changed or damaged"), std::string::npos);
        EXPECT_NE(r.error().message.find("backup"), std::string::npos);
        EXPECT_EQ(snapshot(t.dir), before) << what << " #" << i << ": a failed load changed a file";
    }
    writeAll(file, good);
    auto r = p.load(t.anna.id);
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(*r, t.anna);
}

std::vector<std::string> flips(const std::string& good, std::vector<std::size_t> at) {
    std::vector<std::string> out;
    for (std::size_t i : at) {
        std::string s = good;
        s[i] = char(s[i] ^ 0x01);
        out.push_back(s);
    }
    return out;
}

TEST(Records, AFlippedByteOrACutFileIsToldAsDamageNeverReadAsARecord) {
    TwoClients t;
    Practice p = t.open();
    // More than one 64 KiB chunk, so a cut between chunks is tried too.
    t.anna.notes += std::string(150 * 1024, 'x');
    ASSERT_TRUE(p.save(t.anna).ok());

    const fs::path record = t.file(t.anna, "record.soma");
    const std::string good = readAll(record);
    const std::size_t n = good.size();
    ASSERT_GT(n, 2 * (64 * 1024 + 17));
    expectDamaged(t, p, record, flips(good, {0, 7, 8, 20, 31, 32, 40, n / 2, 8 + 24 + 64 * 1024 + 17, n - 17, n - 1}), "record.soma flip");

    std::vector<std::string> cuts;
    for (std::size_t len : {std::size_t(0), std::size_t(7), std::size_t(8), std::size_t(32), std::size_t(33), std::size_t(49),
                            std::size_t(8 + 24 + 64 * 1024 + 17), std::size_t(8 + 24 + 2 * (64 * 1024 + 17)), n / 2, n - 1})
        cuts.push_back(good.substr(0, len));
    cuts.push_back(good + "x"); // something after the end
    expectDamaged(t, p, record, cuts, "record.soma cut");

    const fs::path key = t.file(t.anna, "key");
    const std::string keyBytes = readAll(key);
    ASSERT_EQ(keyBytes.size(), 8u + 24 + 32 + 16);
    expectDamaged(t, p, key, flips(keyBytes, {0, 8, 31, 40, 79}), "key flip");
    expectDamaged(t, p, key, {"", keyBytes.substr(0, 40), keyBytes.substr(0, 79)}, "key cut");

    const fs::path access = t.file(t.anna, "access.soma");
    const std::string accessBytes = readAll(access);
    expectDamaged(t, p, access, flips(accessBytes, {0, 10, accessBytes.size() / 2, accessBytes.size() - 1}), "access.soma flip");
    expectDamaged(t, p, access, {accessBytes.substr(0, accessBytes.size() - 1), accessBytes.substr(0, 32)}, "access.soma cut");
    writeAll(access, accessBytes.substr(0, 40));
    auto log = p.accessLog(t.anna.id);
    ASSERT_FALSE(log);
    EXPECT_EQ(log.error().id, "records.damaged");
    writeAll(access, accessBytes);

    // A missing file is damage too, never an empty record.
    fs::rename(record, t.dir / "aside");
    auto missing = p.load(t.anna.id);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().id, "records.damaged");
    fs::rename(t.dir / "aside", record);
}

TEST(Records, ARecordOrKeyMovedToAnotherClientIsRefused) {
    TwoClients t;
    Practice p = t.open();
    const std::string bRecord = readAll(t.file(t.bo, "record.soma"));
    const std::string bKey = readAll(t.file(t.bo, "key"));
    const std::string bAccess = readAll(t.file(t.bo, "access.soma"));

    // Anna's record in Bo's folder: another key opens it, or nothing does.
    fs::copy_file(t.file(t.anna, "record.soma"), t.file(t.bo, "record.soma"), fs::copy_options::overwrite_existing);
    auto r = p.load(t.bo.id);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().id, "records.damaged");
    EXPECT_NE(r.error().message.find(t.file(t.bo, "record.soma").string()), std::string::npos);

    // All of Anna's files in Bo's folder: the key itself is bound to Anna's id.
    for (const char* f : {"key", "record.soma", "access.soma"})
        fs::copy_file(t.file(t.anna, f), t.file(t.bo, f), fs::copy_options::overwrite_existing);
    r = p.load(t.bo.id);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().id, "records.damaged");
    EXPECT_NE(r.error().message.find(t.file(t.bo, "key").string()), std::string::npos);

    // Bo's own key, but the access log sealed as Anna's record kind swapped in.
    writeAll(t.file(t.bo, "key"), bKey);
    writeAll(t.file(t.bo, "access.soma"), bAccess);
    writeAll(t.file(t.bo, "record.soma"), bAccess);
    r = p.load(t.bo.id);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().id, "records.damaged");

    // The list still shows Bo, with the error, never hides him.
    auto list = p.clients();
    ASSERT_TRUE(list);
    ASSERT_EQ(list->size(), 2u);
    EXPECT_EQ((*list)[0].name, "Anna de Vries");
    EXPECT_EQ((*list)[1].id, t.bo.id);
    ASSERT_TRUE((*list)[1].error.has_value());
    EXPECT_EQ((*list)[1].error->id, "records.damaged");
    EXPECT_TRUE((*list)[1].name.empty());

    writeAll(t.file(t.bo, "record.soma"), bRecord);
    EXPECT_EQ(loadOk(p, t.bo.id), t.bo);
}

TEST(Records, ADamagedPracticeFileIsNotTakenForAWrongPassphrase) {
    TwoClients t;
    const fs::path file = t.dir / "practice.toml";
    const std::string good = readAll(file);
    const auto salt = good.find("salt = "); // then a quote, then hex digits
    ASSERT_NE(salt, std::string::npos);
    std::string bad = good;
    bad[salt + 8] = bad[salt + 8] == '0' ? '1' : '0';
    writeAll(file, bad);
    auto p = Practice::open(t.dir, kPassphrase);
    ASSERT_FALSE(p);
    EXPECT_EQ(p.error().id, "records.damaged");
    EXPECT_NE(p.error().message.find("practice.toml"), std::string::npos);
}

TEST(Records, FilesAreThisUsersAloneAndHoldNoReadableText) {
    TwoClients t;
    Practice p = t.open();
    ASSERT_TRUE(p.load(t.bo.id));
    for (const auto& e : fs::recursive_directory_iterator(t.tmp.path())) {
        struct stat st {};
        ASSERT_EQ(::stat(e.path().c_str(), &st), 0);
        if (e.is_directory()) EXPECT_EQ(st.st_mode & 0777, 0700u) << e.path();
        else EXPECT_EQ(st.st_mode & 0777, 0600u) << e.path();
    }
    std::string all;
    int files = 0;
    for (const auto& [name, state] : snapshot(t.dir)) {
        all += state.bytes;
        ++files;
    }
    EXPECT_EQ(files, 7); // practice.toml and three files per client
    for (const std::string secret : {"Anna", "Vries", "Één", "shoulder_left", "hand_right", "trekt naar het oor", "één", "Eerste gesprek",
                                     "body-scan", "pendulation", "session log", "opened", "created", "2026-11-30"})
        EXPECT_EQ(all.find(secret), std::string::npos) << "'" << secret << "' is readable on disk";
}

TEST(Records, AnErasedClientIsGoneAndTheOthersStay) {
    TwoClients t;
    Practice p = t.open();
    ASSERT_TRUE(p.erase(t.anna.id).ok());
    EXPECT_FALSE(fs::exists(t.dir / t.anna.id));
    auto gone = p.load(t.anna.id);
    ASSERT_FALSE(gone);
    EXPECT_EQ(gone.error().id, "records.unknown_client");
    EXPECT_EQ(p.accessLog(t.anna.id).error().id, "records.unknown_client");
    EXPECT_EQ(p.erase(t.anna.id).error().id, "records.unknown_client");
    EXPECT_EQ(loadOk(p, t.bo.id), t.bo);
    auto list = p.clients();
    ASSERT_TRUE(list);
    ASSERT_EQ(list->size(), 1u);
    EXPECT_EQ((*list)[0].id, t.bo.id);
    for (const auto& e : fs::directory_iterator(t.dir))
        EXPECT_EQ(e.path().filename().string().find(t.anna.id), std::string::npos) << e.path();
    // Ids that are not ids never reach the file system.
    EXPECT_EQ(p.load("../clients").error().id, "records.unknown_client");
    EXPECT_EQ(p.erase("").error().id, "records.unknown_client");
}

TEST(Records, WhatAnInterruptedSaveAddOrEraseLeftIsClearedAtOpen) {
    TwoClients t;
    const pid_t gone = fork();
    if (gone == 0) _exit(0);
    waitpid(gone, nullptr, 0);
    // A save killed before its rename, an add killed before its folder was
    // renamed into place, an erase killed after its rename.
    writeAll(t.dir / t.bo.id / fmt::format("access.soma.{}.tmp", gone), "half");
    writeAll(t.dir / fmt::format("practice.toml.{}.tmp", gone), "half");
    fs::create_directory(t.dir / ".new-0123456789abcdef0123456789abcdef");
    writeAll(t.dir / ".new-0123456789abcdef0123456789abcdef" / "key", "half");
    fs::rename(t.dir / t.anna.id, t.dir / (".erase-" + t.anna.id));
    // A temporary file of a live writer (this process) is left alone.
    const fs::path live = t.dir / t.bo.id / fmt::format("record.soma.{}.tmp", getpid());
    writeAll(live, "being written");

    Practice p = t.open();
    std::vector<std::string> left;
    for (const auto& e : fs::recursive_directory_iterator(t.dir)) left.push_back(fs::relative(e.path(), t.dir).string());
    std::sort(left.begin(), left.end());
    EXPECT_EQ(left, (std::vector<std::string>{t.bo.id, t.bo.id + "/access.soma", t.bo.id + "/key", t.bo.id + "/record.soma",
                                              fs::relative(live, t.dir).string(), "practice.toml"}));
    auto list = p.clients();
    ASSERT_TRUE(list);
    ASSERT_EQ(list->size(), 1u);
    EXPECT_EQ(loadOk(p, t.bo.id), t.bo);
}

TEST(Records, AReadableExportHoldsTheWholeRecordAndIsLogged) {
    TwoClients t;
    Practice p = t.open();
    const fs::path out = t.tmp.path() / "export";
    auto folder = p.exportReadable(t.bo.id, out);
    ASSERT_TRUE(folder) << folder.error().message;
    EXPECT_EQ(folder->parent_path(), out);
    EXPECT_EQ(folder->filename().string().rfind("Bo-B-Één-", 0), 0u) << *folder;
    struct stat st {};
    ASSERT_EQ(::stat(folder->c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0700u);
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(*folder)) {
        names.push_back(e.path().filename().string());
        ASSERT_EQ(::stat(e.path().c_str(), &st), 0);
        EXPECT_EQ(st.st_mode & 0777, 0600u) << e.path();
    }
    std::sort(names.begin(), names.end());
    EXPECT_EQ(names, (std::vector<std::string>{"README.txt", "access-log.txt", "client.toml", "session-1.log"}));

    toml::table client = toml::parse_file((*folder / "client.toml").string());
    EXPECT_EQ(client["name"].value<std::string>(), "Bo \"B.\" Één");
    EXPECT_EQ(client["notes"].value<std::string>(), t.bo.notes);
    EXPECT_EQ(client["map"][0]["rating"][0]["region"].value<std::string>(), "shoulder_left");
    EXPECT_EQ(client["map"][0]["rating"][0]["rating"].value<int>(), 7);
    EXPECT_EQ(client["map"][0]["rating"][0]["note"].value<std::string>(), "trekt naar het oor\n\"scherp\"");
    EXPECT_TRUE(client["map"][0]["rating"][0]["time"].is_date_time());
    EXPECT_EQ(client["map"][1]["rating"][0]["rating"].value<int>(), 3);
    EXPECT_EQ(client["session"][0]["before"].value<int>(), 7);
    EXPECT_EQ(client["session"][0]["log_file"].value<std::string>(), "session-1.log");
    EXPECT_FALSE(client["session"][1]["log_file"]);
    EXPECT_EQ(readAll(*folder / "session-1.log"), t.bo.sessions[0].log);
    EXPECT_NE(readAll(*folder / "README.txt").find("health data"), std::string::npos);
    const std::string accessText = readAll(*folder / "access-log.txt");
    EXPECT_NE(accessText.find(" created\n"), std::string::npos);
    EXPECT_NE(accessText.find(" exported\n"), std::string::npos);

    auto log = p.accessLog(t.bo.id);
    ASSERT_TRUE(log);
    EXPECT_EQ(log->back().what, "exported");

    auto second = p.exportReadable(t.bo.id, out);
    ASSERT_TRUE(second);
    EXPECT_EQ(second->filename().string(), folder->filename().string() + "-2");
}

TEST(Records, TheAccessLogTakesTheCallersLines) {
    TwoClients t;
    Practice p = t.open();
    ASSERT_TRUE(p.noteAccess(t.anna.id, "report").ok());
    ASSERT_TRUE(p.noteAccess(t.anna.id, "erased-map\n2026-11-30").ok());
    auto log = p.accessLog(t.anna.id);
    ASSERT_TRUE(log);
    ASSERT_GE(log->size(), 2u);
    EXPECT_EQ((*log)[log->size() - 2].what, "report");
    EXPECT_EQ(log->back().what, "erased-map 2026-11-30");
}

TEST(Records, AClientNeedsAName) {
    TempFolder tmp;
    auto p = Practice::create(tmp.path() / "c", kPassphrase, fastKdf());
    ASSERT_TRUE(p);
    EXPECT_EQ(p->add(" \t").error().id, "records.name");
    EXPECT_EQ(p->add(std::string("a\xff")).error().id, "records.name");
    EXPECT_TRUE(p->clients()->empty());
    auto saved = p->add("C-017");
    ASSERT_TRUE(saved);
    ClientRecord bad = *saved;
    bad.notes = "bytes that are not UTF-8: \xc3";
    auto s = p->save(bad);
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().id, "records.format");
    EXPECT_EQ(loadOk(*p, saved->id), *saved);
}

TEST(Records, ARecordTextThatIsNotARecordNamesItsLineAndColumn) {
    auto broken = parseRecordToml("format = 1\nname = \"open\n", "x/record.soma");
    ASSERT_FALSE(broken);
    EXPECT_EQ(broken.error().id, "records.format");
    EXPECT_EQ(broken.error().message.rfind("x/record.soma:2:", 0), 0u) << broken.error().message;
    auto wrong = parseRecordToml("format = 1\nid = \"a\"\n\n[[session]]\nbefore = 11\n", "x/record.soma");
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().id, "records.format");
    EXPECT_EQ(wrong.error().message.rfind("x/record.soma:5:", 0), 0u) << wrong.error().message;
    auto newer = parseRecordToml("format = 2\n", "x/record.soma");
    ASSERT_FALSE(newer);
    EXPECT_NE(newer.error().message.find("newer Soma"), std::string::npos);
}

} // namespace
} // namespace soma
