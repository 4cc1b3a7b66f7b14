#include "live/HomeWorker.h"

#include "core/Files.h"
#include "core/Log.h"
#include "core/Paths.h"
#include "soma/Version.h"

#include <fmt/format.h>

#include <fstream>
#include <sstream>
#include <system_error>

namespace soma {
namespace {

namespace fs = std::filesystem;

// What changes when an exercise's files change: the newest write time and
// the total size of its file or folder.
std::string sourceStamp(const fs::path& path) {
    std::error_code ec;
    std::uintmax_t size = 0;
    fs::file_time_type newest{};
    auto add = [&](const fs::path& p) {
        const auto t = fs::last_write_time(p, ec);
        if (!ec && t > newest) newest = t;
        if (fs::is_regular_file(p, ec)) size += fs::file_size(p, ec);
    };
    add(path);
    if (fs::is_directory(path, ec))
        for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
            add(it->path());
    return fmt::format("{}:{}", newest.time_since_epoch().count(), size);
}

} // namespace

HomeWorker::HomeWorker(const PluginRegistry& registry, std::filesystem::path cacheFile)
    : mRegistry(registry), mCacheFile(std::move(cacheFile)) {
    if (!mCacheFile.empty()) {
        std::ifstream in(mCacheFile);
        std::string line;
        while (std::getline(in, line)) {
            const auto tab = line.rfind('\t');
            if (tab == std::string::npos) continue;
            mCache.emplace_back(line.substr(0, tab), std::strtod(line.c_str() + tab + 1, nullptr));
        }
    }
    mThread = std::thread([this] { run(); });
}

HomeWorker::~HomeWorker() {
    {
        std::lock_guard lock(mMutex);
        mQuit = true;
        mJobs.clear();
    }
    mWake.notify_all();
    mThread.join();
}

void HomeWorker::measure(std::vector<SessionChoice> choices) {
    {
        std::lock_guard lock(mMutex);
        std::erase_if(mJobs, [](const Job& j) { return !j.prepare; });
        for (auto& c : choices) mJobs.push_back({false, std::move(c)});
    }
    mWake.notify_all();
}

void HomeWorker::prepare(SessionChoice choice) {
    {
        std::lock_guard lock(mMutex);
        mJobs.push_front({true, std::move(choice)});
    }
    mWake.notify_all();
}

void HomeWorker::resume() {
    {
        std::lock_guard lock(mMutex);
        mHold = false;
    }
    mWake.notify_all();
}

std::vector<HomeWorker::Finished> HomeWorker::take() {
    std::lock_guard lock(mMutex);
    return std::exchange(mFinished, {});
}

bool HomeWorker::idle() const {
    std::lock_guard lock(mMutex);
    return !mBusy && (mJobs.empty() || mHold);
}

std::string HomeWorker::cacheKey(const SessionChoice& c) const {
    const Exercise* e = mRegistry.find(c.exercise);
    // The catalogue is in it too: every session opens with its words.
    return fmt::format("{}|{}|{}|{}|{}|{}|{}", SOMA_VERSION_STRING, c.exercise, c.lang, c.variant, c.voiceRateWpm,
                       e ? sourceStamp(e->info().path) : std::string("?"), sourceStamp(paths::assetDir() / "catalog"));
}

double HomeWorker::measured(const SessionChoice& c) {
    const std::string key = cacheKey(c);
    for (const auto& [k, v] : mCache)
        if (k == key) return v;
    auto s = prepareSession(mRegistry, c);
    if (!s) {
        log::warn(s.error().id, "the length of '{}' ({}, {}) is not known: {}", c.exercise, c.lang, c.variant, s.error().message);
        return 0;
    }
    const double seconds = toSeconds((*s)->session.duration);
    mCache.emplace_back(key, seconds);
    if (!mCacheFile.empty()) {
        // Small, and rewritten whole: an old line for a changed exercise goes with the next write.
        std::ostringstream out;
        for (const auto& [k, v] : mCache)
            if (k.rfind(std::string(SOMA_VERSION_STRING) + "|", 0) == 0) out << k << '\t' << fmt::format("{:.3f}", v) << '\n';
        std::error_code ec;
        fs::create_directories(mCacheFile.parent_path(), ec);
        if (auto st = writeFileAtomically(mCacheFile, out.str()); !st) log::warn(st.error().id, "{}", st.error().message);
    }
    return seconds;
}

void HomeWorker::run() {
    for (;;) {
        Job job;
        {
            std::unique_lock lock(mMutex);
            mWake.wait(lock, [&] { return mQuit || (!mHold && !mJobs.empty()); });
            if (mQuit) return;
            job = std::move(mJobs.front());
            mJobs.pop_front();
            mBusy = true;
        }
        Finished done;
        if (job.prepare) done.prepared = std::make_unique<Result<std::unique_ptr<PreparedSession>>>(prepareSession(mRegistry, job.choice));
        else done.seconds = measured(job.choice);
        done.choice = std::move(job.choice);
        std::lock_guard lock(mMutex);
        if (job.prepare) mHold = true; // the session plays now: its exercise is the main thread's
        mFinished.push_back(std::move(done));
        mBusy = false;
    }
}

} // namespace soma
