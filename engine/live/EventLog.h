// live/EventLog: what happened in one live session, on disk, so that an
// export can replay it and give the same timeline.
//
// A live run only changes its future through events: the person's own
// (pause, resume, the grounding way out, a skip or a step back) and the
// exercise's answers to them; what it sounds like also follows the
// person's mix and their changes of level. The log holds those with their
// session sample times, in the order they happened, plus what the session
// was built from (exercise, language, variant, breathing pace, the tension
// map) and the mix it began with, as a small TOML file under
// $XDG_STATE_HOME/soma/sessions/,
// one per run, named by its start time, kept for 30 days (and at most the
// newest 500). It is appended and flushed entry by
// entry, so a crash keeps everything up to the crash. Step events are not
// logged: an export regenerates them from the clock.
//
// It is the sequencer's observer during a live run (session/Sequencer.h).
// Depends on core/, model/ (events, reactions, tension maps), session/
// (the observer it is) and plugin/script/TensionMapFile (the map's tables).
// Must never stop a session: a log that cannot be written is reported once
// and the run goes on.
#pragma once

#include "core/Result.h"
#include "core/Time.h"
#include "model/ExerciseEvent.h"
#include "model/TensionMap.h"
#include "session/Sequencer.h"

#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace soma {

// What the logged session was built from.
struct EventLogHeader {
    std::string exercise;
    std::string lang;
    std::string variant;
    double breathsPerMinute = 0.0;       // 0: the exercise's default
    std::optional<TensionMap> tension;   // the client's map, when there was one
    int voiceRateWpm = 0;                // the built-in voice's speed; 0: its default
    SessionMix mix{};                    // the person's mix as the session began (a log without one: the neutral mix it was made with)
};

struct EventLogDesc {
    EventLogHeader header;
    // Where the file goes; empty: $XDG_STATE_HOME/soma/sessions.
    std::filesystem::path dir;
    // A log may hold a client's tension map, which is health data: logs are
    // kept only as long as they serve a replay. When a new one is made, the
    // folder's own session logs older than this, or beyond the newest
    // `keepAtMost`, are deleted (never any other file). 0: keep them all.
    int keepDays = 30;
    int keepAtMost = 500;
};

// One logged reaction: the event it answered and what it changed (ids).
struct LoggedReaction {
    ExerciseEvent event;
    std::string insertAfter;
    std::vector<std::string> inserted; // ids of the inserted steps, in order
    std::vector<std::string> removed;
    int line = 0;                      // where it is in the file
};

struct LoggedEvent {
    ExerciseEvent event;
    int line = 0;
};

struct LoggedSeek {
    SeekRecord seek;
    int line = 0;
};

struct LoggedMix {
    MixRecord mix;
    int line = 0;
};

// One thing an export replays, when its clock stands at `at`.
struct ReplayItem {
    enum class Kind { Event, Seek, Mix };
    Kind kind = Kind::Event;
    Samples at = 0;
    const ExerciseEvent* event = nullptr; // Kind::Event
    const SeekRecord* seek = nullptr;     // Kind::Seek
    const MixRecord* mix = nullptr;       // Kind::Mix
    int line = 0;                         // where it is in the file
};

// A log read back.
struct SessionLog {
    std::filesystem::path file;
    EventLogHeader header;
    int headerLine = 1;                  // the line of `exercise = ...`
    std::vector<LoggedEvent> events;     // the person's events, in the order they happened
    std::vector<LoggedSeek> seeks;       // the person's skips and steps back, in order
    std::vector<LoggedMix> mixes;        // the person's changes of level, in order
    std::vector<LoggedReaction> reactions;
    std::optional<Samples> endedAt;      // absent when the run did not end cleanly
};

class EventLog final : public SessionObserver {
public:
    // Creates the file and writes the header. Error "eventlog.open" names
    // the folder or file and what to do; the caller goes on without a log.
    static Result<std::unique_ptr<EventLog>> create(const EventLogDesc& desc);
    ~EventLog();
    EventLog(const EventLog&) = delete;
    EventLog& operator=(const EventLog&) = delete;

    const std::filesystem::path& path() const { return mPath; }

    // Each appends one entry and flushes it. A failed write is logged once
    // ("eventlog.write"); later entries are still tried.
    void event(const ExerciseEvent& event) override;
    void reaction(const ReactionRecord& record) override;
    void seek(const SeekRecord& seek) override;
    void mix(const MixRecord& mix) override;
    // The run ended (cleanly) at this session time.
    void end(Samples at);

private:
    EventLog(std::filesystem::path path, std::FILE* file) : mPath(std::move(path)), mFile(file) {}
    void append(const std::string& text);

    std::filesystem::path mPath;
    std::FILE* mFile = nullptr;
    bool mWriteFailed = false;
};

// Reads a log. Errors ("eventlog.open", "eventlog.syntax",
// "eventlog.invalid") name the file and line and say what is wrong. The
// person's entries must follow each other in time, except that a seek
// takes the clock to where it went.
Result<SessionLog> readEventLog(const std::filesystem::path& file);

// The person's events, seeks and changes of level as one list, in the order they happened
// (the order of the file); pointers into `log`, which must outlive it.
std::vector<ReplayItem> replayOrder(const SessionLog& log);

// A log of another exercise, language, variant or pace than the session it
// is to be replayed into gives "eventlog.mismatch", naming the file, the
// line and the command that would replay it.
Status checkLogMatches(const SessionLog& log, const std::string& exercise, const std::string& lang, const std::string& variant,
                       double breathsPerMinute, bool hasTensionMap);

// After a replay: do the reactions before `upTo` match the logged ones?
// "eventlog.diverged" names the first that differs (the exercise is not
// deterministic, or the log was edited).
Status compareReactions(const SessionLog& log, const std::vector<ReactionRecord>& replayed, Samples upTo);

} // namespace soma
