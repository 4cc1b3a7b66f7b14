// A save killed at any moment leaves the old record or the new one, never
// neither and never half of one (issue 14 item 6): a child process saves,
// the parent kills it with SIGKILL at a seeded moment inside the measured
// save window, and reads what is on the disk.
#include "records/Practice.h"
#include "records/RecordsSupport.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <random>

#include <csignal>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

namespace soma {
namespace {

using namespace soma::test;
using Clock = std::chrono::steady_clock;

constexpr std::uint64_t kSeed = 20261207;
constexpr int kMidSaveKills = 100;
constexpr int kMaxIterations = 1500;
constexpr auto kTimeBudget = std::chrono::seconds(25); // the test must stay under 30 s

// A record of a few hundred KiB, so that a save (serialise, check, seal,
// two files written and synced) lasts long enough to be hit inside.
ClientRecord versionOf(const ClientRecord& base, int k) {
    ClientRecord r = base;
    r.notes = fmt::format("version {}\n", k) + r.notes;
    r.maps[0].map.ratings[0].rating = k % 11;
    r.sessions.back().log += fmt::format("saved as version {}\n", k);
    return r;
}

int threadCount() {
    int n = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator("/proc/self/task")) ++n;
    return n;
}

void sleepMicros(std::int64_t us) {
    timespec ts{time_t(us / 1000000), long(us % 1000000) * 1000};
    while (clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, &ts) == EINTR) {
    }
}

TEST(RecordsCrash, ASaveKilledAtAnyMomentLeavesTheOldOrTheNewRecord) {
    const auto start = Clock::now();
    TempFolder tmp;
    const fs::path dir = tmp.path() / "clients";
    // The key is derived once, here; every save below reuses it.
    auto practice = Practice::create(dir, kPassphrase, fastKdf());
    ASSERT_TRUE(practice) << practice.error().message;
    Practice& p = *practice;
    auto added = p.add("Crash Test");
    ASSERT_TRUE(added);
    ClientRecord base = richRecord(*added, "crash");
    for (int i = 0; i < 40; ++i) {
        ClientSession s = base.sessions[0];
        s.log = std::string();
        for (int line = 0; line < 120; ++line)
            s.log += fmt::format("[[event]] t = {}.{} kind = \"narration\" text = \"adem in, één, twee — line {}\"\n", i, line, line);
        base.sessions.push_back(s);
    }
    ASSERT_TRUE(p.save(versionOf(base, 0)).ok());

    // fork() copies only the calling thread: the child must be all of us.
    ASSERT_EQ(threadCount(), 1) << "the crash test forks; the test process must not have other threads";
    std::fflush(nullptr);

    // A child that saves `record`, saying 'b' on the pipe just before the
    // save and 'e' just after it (or 'x' when it failed).
    auto saveInChild = [&p](const ClientRecord& record, int pipeFds[2]) -> pid_t {
        const pid_t child = ::fork();
        if (child == 0) {
            ::close(pipeFds[0]);
            const char begin = 'b';
            (void)!::write(pipeFds[1], &begin, 1);
            const bool saved = p.save(record).ok();
            const char end = saved ? 'e' : 'x';
            (void)!::write(pipeFds[1], &end, 1);
            ::_exit(0);
        }
        ::close(pipeFds[1]);
        return child;
    };

    // The save window, measured as the loop will see it: from 'b' to 'e'
    // of a child's save (a forked child pays for copying pages the save
    // touches, so it is slower than a save in this process).
    double windowMs = 0;
    constexpr int kMeasured = 5;
    for (int i = 0; i < kMeasured; ++i) {
        int pipeFds[2];
        ASSERT_EQ(::pipe(pipeFds), 0);
        const pid_t child = saveInChild(versionOf(base, 0), pipeFds);
        ASSERT_GT(child, 0);
        char got = 0;
        ASSERT_EQ(::read(pipeFds[0], &got, 1), 1);
        const auto t0 = Clock::now();
        ASSERT_EQ(::read(pipeFds[0], &got, 1), 1);
        windowMs += std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
        ASSERT_EQ(got, 'e');
        ::close(pipeFds[0]);
        ASSERT_EQ(::waitpid(child, nullptr, 0), child);
    }
    windowMs /= kMeasured;
    const auto windowUs = std::int64_t(windowMs * 1000);
    ASSERT_GT(windowUs, 0);

    std::mt19937_64 rng(kSeed);
    std::uniform_int_distribution<std::int64_t> delay(0, windowUs);
    int onDisk = 0; // the version the disk holds
    int iterations = 0, midSave = 0, completed = 0, sawNew = 0;
    while (midSave < kMidSaveKills && iterations < kMaxIterations && Clock::now() - start < kTimeBudget) {
        ++iterations;
        const ClientRecord next = versionOf(base, onDisk + 1);
        int pipeFds[2];
        ASSERT_EQ(::pipe(pipeFds), 0);
        const pid_t child = saveInChild(next, pipeFds);
        ASSERT_GT(child, 0);
        char got = 0;
        ASSERT_EQ(::read(pipeFds[0], &got, 1), 1);
        ASSERT_EQ(got, 'b');
        sleepMicros(delay(rng));
        ::kill(child, SIGKILL);
        int status = 0;
        ASSERT_EQ(::waitpid(child, &status, 0), child);
        // The write end is closed now that the child is gone: no byte means
        // the kill landed before the save returned.
        const ssize_t n = ::read(pipeFds[0], &got, 1);
        ::close(pipeFds[0]);
        const bool finished = n == 1;
        if (finished) {
            ASSERT_EQ(got, 'e') << "the child's save failed at iteration " << iterations;
            ++completed;
        } else {
            ++midSave;
        }

        auto loaded = p.load(added->id);
        ASSERT_TRUE(loaded) << "iteration " << iterations << ": " << loaded.error().message;
        const bool isNew = *loaded == next;
        if (!isNew) {
            ASSERT_TRUE(*loaded == versionOf(base, onDisk)) << "iteration " << iterations << ": neither the old nor the new record";
        }
        if (finished) {
            ASSERT_TRUE(isNew) << "iteration " << iterations << ": a finished save was lost";
        }
        if (isNew) {
            ++onDisk;
            if (!finished) ++sawNew;
        }
        ASSERT_TRUE(p.accessLog(added->id)) << "iteration " << iterations;
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    std::printf("[ crash    ] seed %llu: %d iterations, %d killed mid-save (%d of them already on the disk), %d finished, save window "
                "%.2f ms, %.1f s\n",
                static_cast<unsigned long long>(kSeed), iterations, midSave, sawNew, completed, windowMs, seconds);
    EXPECT_GE(midSave, kMidSaveKills) << "too few kills landed inside a save (seed " << kSeed << ")";
    EXPECT_LT(seconds, 30.0);

    // Opening again clears every temporary file the kills left, and finds
    // the last version.
    auto again = Practice::open(dir, kPassphrase);
    ASSERT_TRUE(again) << again.error().message;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        EXPECT_FALSE(e.path().filename().string().ends_with(".tmp")) << e.path();
    auto last = again->load(added->id);
    ASSERT_TRUE(last);
    EXPECT_EQ(*last, versionOf(base, onDisk));
}

// A change of passphrase killed at any moment leaves exactly one of the
// two passphrases opening the practice, and with it every client whole
// (issue 14 item 6: a practice passphrase unwraps a key per client).
TEST(RecordsCrash, APassphraseChangeKilledAtAnyMomentLeavesOnePassphraseThatOpensEveryClient) {
    const auto start = Clock::now();
    TempFolder tmp;
    const fs::path original = tmp.path() / "original";
    const char* kNew = "een nieuwe zin voor de praktijk";
    std::vector<ClientRecord> records;
    {
        auto practice = Practice::create(original, kPassphrase, fastKdf());
        ASSERT_TRUE(practice) << practice.error().message;
        for (int i = 0; i < 6; ++i) {
            auto added = practice->add(fmt::format("Cliënt {}", i));
            ASSERT_TRUE(added);
            ClientRecord r = richRecord(*added, fmt::format("change {}", i));
            ASSERT_TRUE(practice->save(r).ok());
            records.push_back(r);
        }
    }
    // In this process first: the old passphrase no longer opens, the new one does.
    {
        const fs::path dir = tmp.path() / "plain";
        fs::copy(original, dir, fs::copy_options::recursive);
        auto practice = Practice::open(dir, kPassphrase);
        ASSERT_TRUE(practice);
        EXPECT_EQ(practice->changePassphrase("niet de goede zin", kNew, fastKdf()).error().id, "records.passphrase");
        ASSERT_TRUE(practice->changePassphrase(kPassphrase, kNew, fastKdf()).ok());
        EXPECT_EQ(Practice::open(dir, kPassphrase).error().id, "records.passphrase");
        auto reopened = Practice::open(dir, kNew);
        ASSERT_TRUE(reopened);
        for (const ClientRecord& r : records) {
            auto back = reopened->load(r.id);
            ASSERT_TRUE(back) << back.error().message;
            EXPECT_EQ(back->name, r.name);
        }
    }
    ASSERT_EQ(threadCount(), 1);
    std::fflush(nullptr);
    // The window: a child's whole change, from its start to its end.
    auto changeInChild = [&](const fs::path& dir, int pipeFds[2]) -> pid_t {
        const pid_t child = ::fork();
        if (child == 0) {
            ::close(pipeFds[0]);
            auto practice = Practice::open(dir, kPassphrase);
            const char begin = 'b';
            (void)!::write(pipeFds[1], &begin, 1);
            const bool changed = practice && practice->changePassphrase(kPassphrase, kNew, fastKdf()).ok();
            const char end = changed ? 'e' : 'x';
            (void)!::write(pipeFds[1], &end, 1);
            ::_exit(0);
        }
        ::close(pipeFds[1]);
        return child;
    };
    double windowMs = 0;
    for (int i = 0; i < 3; ++i) {
        const fs::path dir = tmp.path() / fmt::format("measure-{}", i);
        fs::copy(original, dir, fs::copy_options::recursive);
        int pipeFds[2];
        ASSERT_EQ(::pipe(pipeFds), 0);
        const pid_t child = changeInChild(dir, pipeFds);
        char got = 0;
        ASSERT_EQ(::read(pipeFds[0], &got, 1), 1);
        const auto t0 = Clock::now();
        ASSERT_EQ(::read(pipeFds[0], &got, 1), 1);
        ASSERT_EQ(got, 'e');
        windowMs += std::chrono::duration<double, std::milli>(Clock::now() - t0).count() / 3.0;
        ::close(pipeFds[0]);
        ASSERT_EQ(::waitpid(child, nullptr, 0), child);
    }
    std::mt19937_64 rng(kSeed + 1);
    std::uniform_int_distribution<std::int64_t> delay(0, std::int64_t(windowMs * 1000));
    int iterations = 0, oldOpens = 0, newOpens = 0;
    while (iterations < 60 && Clock::now() - start < std::chrono::seconds(20)) {
        ++iterations;
        const fs::path dir = tmp.path() / fmt::format("run-{}", iterations);
        fs::copy(original, dir, fs::copy_options::recursive);
        int pipeFds[2];
        ASSERT_EQ(::pipe(pipeFds), 0);
        const pid_t child = changeInChild(dir, pipeFds);
        char got = 0;
        ASSERT_EQ(::read(pipeFds[0], &got, 1), 1);
        sleepMicros(delay(rng));
        ::kill(child, SIGKILL);
        ASSERT_EQ(::waitpid(child, nullptr, 0), child);
        ::close(pipeFds[0]);
        auto withOld = Practice::open(dir, kPassphrase);
        auto withNew = Practice::open(dir, kNew);
        ASSERT_NE(withOld.ok(), withNew.ok()) << "iteration " << iterations << ": exactly one passphrase opens the practice";
        Practice& p = withOld ? *withOld : *withNew;
        (withOld ? oldOpens : newOpens)++;
        for (const ClientRecord& r : records) {
            auto back = p.load(r.id);
            ASSERT_TRUE(back) << "iteration " << iterations << ": " << back.error().message;
            EXPECT_EQ(back->name, r.name);
            EXPECT_EQ(back->maps, r.maps);
        }
        fs::remove_all(dir);
    }
    std::printf("passphrase change killed %d times inside a %.1f ms window (seed %llu): old passphrase opened %d, new %d\n", iterations,
                windowMs, static_cast<unsigned long long>(kSeed + 1), oldOpens, newOpens);
    EXPECT_GE(iterations, 30);
    EXPECT_GT(oldOpens, 0) << "no kill landed before the commit";
    EXPECT_GT(newOpens, 0) << "no kill landed after the commit";
}

} // namespace
} // namespace soma
