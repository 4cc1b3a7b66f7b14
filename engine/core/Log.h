// core/Log: one place where every failure and notable event is reported.
//
// Each message carries a stable id ("audio.no_device", "plugin.abi_major")
// that tests and tools can match on, and a sentence a person understands.
// Depends on spdlog for output. Must never throw or allocate unboundedly:
// it is called from failure paths.
#pragma once

#include <fmt/format.h>

#include <functional>
#include <string>
#include <string_view>

namespace soma::log {

enum class Level { Debug, Info, Warn, Error };

struct Record {
    Level level;
    std::string id;
    std::string message;
};

using Sink = std::function<void(const Record&)>;

void write(Level level, std::string_view id, std::string_view message);

// Extra sinks see every record (tests capture with one; the UI shows
// warnings). Returns a handle for removeSink.
int addSink(Sink sink);
void removeSink(int handle);

// Messages below this level are not printed to stderr (sinks still see them).
void setStderrLevel(Level level);

template <class... Args>
void debug(std::string_view id, fmt::format_string<Args...> f, Args&&... args) {
    write(Level::Debug, id, fmt::format(f, std::forward<Args>(args)...));
}
template <class... Args>
void info(std::string_view id, fmt::format_string<Args...> f, Args&&... args) {
    write(Level::Info, id, fmt::format(f, std::forward<Args>(args)...));
}
template <class... Args>
void warn(std::string_view id, fmt::format_string<Args...> f, Args&&... args) {
    write(Level::Warn, id, fmt::format(f, std::forward<Args>(args)...));
}
template <class... Args>
void error(std::string_view id, fmt::format_string<Args...> f, Args&&... args) {
    write(Level::Error, id, fmt::format(f, std::forward<Args>(args)...));
}

// Collects records while alive; for tests and for commands that report
// problems at the end (validate, doctor).
class Capture {
public:
    Capture();
    ~Capture();
    Capture(const Capture&) = delete;
    Capture& operator=(const Capture&) = delete;
    const std::vector<Record>& records() const { return mRecords; }
    bool has(std::string_view id) const;

private:
    int mHandle;
    std::vector<Record> mRecords;
};

} // namespace soma::log
