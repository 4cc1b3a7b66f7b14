#include "core/Log.h"

#include <spdlog/sinks/stdout_color_sinks.h>

#include <cstdlib>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <mutex>
#include <utility>
#include <vector>

namespace soma::log {
namespace {

struct State {
    std::mutex mutex;
    std::vector<std::pair<int, Sink>> sinks;
    int nextHandle = 1;
    Level stderrLevel = Level::Info;
    std::shared_ptr<spdlog::logger> out;
};

State& state() {
    static State s;
    return s;
}

spdlog::level::level_enum toSpd(Level l) {
    switch (l) {
    case Level::Debug: return spdlog::level::debug;
    case Level::Info: return spdlog::level::info;
    case Level::Warn: return spdlog::level::warn;
    case Level::Error: return spdlog::level::err;
    }
    return spdlog::level::info;
}

} // namespace

void write(Level level, std::string_view id, std::string_view message) {
    State& s = state();
    std::vector<Sink> sinks;
    {
        std::lock_guard lock(s.mutex);
        if (!s.out) {
            // Colour only at a terminal, and never when NO_COLOR is set (no-color.org).
            const char* noColor = std::getenv("NO_COLOR");
            s.out = spdlog::stderr_color_mt("soma", noColor && *noColor ? spdlog::color_mode::never : spdlog::color_mode::automatic);
            s.out->set_pattern("%^%l%$ [%n] %v");
            s.out->set_level(spdlog::level::debug);
        }
        if (level >= s.stderrLevel)
            s.out->log(toSpd(level), "{} ({})", message, id);
        for (auto& [h, sink] : s.sinks) sinks.push_back(sink);
    }
    Record r{level, std::string(id), std::string(message)};
    for (auto& sink : sinks) sink(r);
}

int addSink(Sink sink) {
    State& s = state();
    std::lock_guard lock(s.mutex);
    int h = s.nextHandle++;
    s.sinks.emplace_back(h, std::move(sink));
    return h;
}

void removeSink(int handle) {
    State& s = state();
    std::lock_guard lock(s.mutex);
    std::erase_if(s.sinks, [&](auto& p) { return p.first == handle; });
}

void setStderrLevel(Level level) {
    State& s = state();
    std::lock_guard lock(s.mutex);
    s.stderrLevel = level;
}

Capture::Capture() {
    mHandle = addSink([this](const Record& r) { mRecords.push_back(r); });
}
Capture::~Capture() { removeSink(mHandle); }

bool Capture::has(std::string_view id) const {
    return std::any_of(mRecords.begin(), mRecords.end(), [&](const Record& r) { return r.id == id; });
}

} // namespace soma::log
