// A live run without a window, for the replay tests: a session played by
// the Sequencer on a real OpenAL Soft loopback engine, the exercise hearing
// its events and the session log written as `soma run` writes it, with the
// person's actions at exact samples (playTo() never renders past the
// sample asked for).
#pragma once

#include "audio/AudioEngine.h"
#include "live/EventLog.h"
#include "session/Sequencer.h"
#include "session/Session.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <vector>

namespace soma::test {

class LoopbackRun {
public:
    LoopbackRun(const Session& session, Exercise* exercise, const DescribeOptions& describe, const EventLogHeader& header,
                const std::filesystem::path& logDir) {
        EventLogDesc ld;
        ld.header = header;
        ld.dir = logDir;
        auto log = EventLog::create(ld);
        EXPECT_TRUE(log) << log.error().message;
        if (log) mLog = std::move(*log);
        AudioEngineDesc ad;
        ad.audio.loopback = true;
        ad.reverb = false;
        auto engine = AudioEngine::create(ad);
        EXPECT_TRUE(engine) << engine.error().message;
        if (engine) mEngine = std::move(*engine);
        mSeq = std::make_unique<Sequencer>(session);
        mSeq->setReactor(reactorFor(exercise, describe));
        mSeq->setObserver(mLog.get());
        mSeq->setMix(header.mix); // as `soma run` begins with the person's mix
        mSeq->attach(mEngine.get());
        mSeq->play();
    }

    Sequencer& seq() { return *mSeq; }
    AudioEngine& engine() { return *mEngine; }
    const std::filesystem::path& logFile() const { return mLog->path(); }

    // Plays on until the clock stands exactly at `t` (or the session ends),
    // in chunks of at most 100 ms, the exercise hearing each boundary.
    void playTo(Samples t) {
        while (mSeq->position() < std::min(t, mSeq->session().duration)) {
            mSeq->update();
            const Samples n = std::min<Samples>(4800, std::min(t, mSeq->session().duration) - mSeq->position());
            render(n);
        }
        mSeq->update();
    }
    // One chunk through the mixer (while paused: silence, the clock stands).
    void render(Samples frames) {
        if (!mSeq->paused()) mHeard += frames;
        mBuffer.resize(size_t(frames) * 2);
        mEngine->render(mBuffer.data(), int(frames));
        mEngine->update();
    }
    // The run ends here, as `soma run` ends it.
    void end() { mLog->end(mSeq->position()); }
    // Samples played so far (pauses left out): what an export replaying
    // this run's log writes into audio.wav.
    Samples heard() const { return mHeard; }

private:
    std::unique_ptr<EventLog> mLog;
    std::unique_ptr<AudioEngine> mEngine;
    std::unique_ptr<Sequencer> mSeq;
    std::vector<float> mBuffer;
    Samples mHeard = 0;
};

} // namespace soma::test
