// live/HomeWorker: the home screen's slow work, on one thread of its own so
// the screen stays calm and responsive: the real length of each exercise
// (building a session synthesises its voice, a second or more each; kept
// in $XDG_CACHE_HOME/soma/lengths.tsv, so only the first start pays) and
// preparing the session the person starts (ahead of any length).
//
// Plugins are called from one thread at a time (plugin.h THREADS): while
// the worker runs, only it calls them. After it has prepared a session it
// holds itself (no job, no plugin call) until resume(): the session then
// plays on the main thread, which calls its exercise. Depends on
// live/SessionLoad and core/ (paths, files). Must never touch GL or SDL.
#pragma once

#include "core/Result.h"
#include "live/SessionLoad.h"

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace soma {

class HomeWorker {
public:
    // `registry` outlives the worker. `cacheFile` empty: no lengths are kept.
    HomeWorker(const PluginRegistry& registry, std::filesystem::path cacheFile);
    ~HomeWorker(); // finishes the job at hand, drops the rest
    HomeWorker(const HomeWorker&) = delete;
    HomeWorker& operator=(const HomeWorker&) = delete;

    // Measures these sessions' lengths, in order, instead of any still
    // waiting to be measured.
    void measure(std::vector<SessionChoice> choices);
    // Prepares this session before anything else, then holds.
    void prepare(SessionChoice choice);
    // Back to work after a prepared session has been played.
    void resume();

    struct Finished {
        SessionChoice choice;
        double seconds = 0;                               // measured: its length (0 when it failed)
        std::unique_ptr<Result<std::unique_ptr<PreparedSession>>> prepared; // prepare(): the session or why not
    };
    // What finished since the last call (main thread).
    std::vector<Finished> take();
    // Nothing waiting and nothing at hand.
    bool idle() const;

private:
    struct Job {
        bool prepare = false;
        SessionChoice choice;
    };
    void run();
    double measured(const SessionChoice& choice);
    std::string cacheKey(const SessionChoice& choice) const;

    const PluginRegistry& mRegistry;
    std::filesystem::path mCacheFile;
    std::vector<std::pair<std::string, double>> mCache; // worker thread only
    mutable std::mutex mMutex;
    std::condition_variable mWake;
    std::deque<Job> mJobs;
    std::vector<Finished> mFinished;
    bool mBusy = false, mHold = false, mQuit = false;
    std::thread mThread;
};

} // namespace soma
