#include "core/Process.h"

#include "core/Signals.h"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <string_view>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace soma {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// The most an unprivileged process can make its pipe hold (Linux's
// pipe-max-size default). Once the child has ended, what is left in the pipe
// is read up to this much and no more: a grandchild that inherited the
// pipe could otherwise keep it full for ever.
constexpr std::size_t kMaxPipeBytes = std::size_t(1) << 20;

// The longest line handed to onLine whole.
constexpr std::size_t kMaxLineBytes = 64 * 1024;

// Without a pidfd, how often the loop looks whether the child has ended
// while its output stays quiet (or is held open by a grandchild).
constexpr int kExitPollMs = 10;

class Fd {
public:
    Fd() = default;
    explicit Fd(int fd) : mFd(fd) {}
    ~Fd() { reset(); }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const { return mFd; }
    bool open() const { return mFd >= 0; }
    void reset(int fd = -1) {
        if (mFd >= 0) ::close(mFd); // not retried on EINTR: on Linux the descriptor is gone either way
        mFd = fd;
    }

private:
    int mFd = -1;
};

// The spawned child until it is reaped. If runProcess leaves early (a
// throw from a full memory), the child is killed and reaped here, so it
// neither runs on nor stays a zombie.
class Child {
public:
    explicit Child(pid_t pid) : mPid(pid) {}
    ~Child() {
        if (mReaped) return;
        ::kill(mPid, SIGKILL);
        waitBlocking();
    }
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;

    pid_t pid() const { return mPid; }
    bool reaped() const { return mReaped; }
    int status() const { return mStatus; }
    bool statusLost() const { return mStatusLost; }

    // True once the child has ended and been reaped.
    bool tryReap() { return reap(WNOHANG); }
    void waitBlocking() { reap(0); }

private:
    bool reap(int flags) {
        if (mReaped) return true;
        for (;;) {
            const pid_t r = ::waitpid(mPid, &mStatus, flags);
            if (r == mPid) return mReaped = true;
            if (r == 0) return false; // WNOHANG, still running
            if (errno == EINTR) continue;
            // ECHILD: someone else reaped it (SIGCHLD ignored, or a
            // waitpid(-1) elsewhere). It has ended; how is not known.
            mStatusLost = true;
            return mReaped = true;
        }
    }

    pid_t mPid;
    int mStatus = 0;
    bool mReaped = false;
    bool mStatusLost = false;
};

// A descriptor that becomes readable when the child ends, so poll() wakes
// at once for that too; -1 where the kernel has none (before Linux 5.3, or
// filtered out), and the loop falls back to looking every kExitPollMs.
int openPidFd(pid_t pid) {
#ifdef SYS_pidfd_open
    const long fd = ::syscall(SYS_pidfd_open, pid, 0);
    if (fd >= 0) {
        ::fcntl(int(fd), F_SETFD, FD_CLOEXEC);
        return int(fd);
    }
#endif
    (void)pid;
    return -1;
}

std::string_view envName(std::string_view entry) { return entry.substr(0, entry.find('=')); }

// This process's environment, without the names removeEnv lists, with
// extraEnv's entries in place of those of the same name (a later extraEnv
// entry wins over an earlier one).
std::vector<std::string> childEnvironment(const ProcessDesc& desc) {
    std::vector<std::string> env;
    auto replacedOrRemoved = [&](std::string_view name) {
        return std::any_of(desc.extraEnv.begin(), desc.extraEnv.end(), [&](const std::string& e) { return envName(e) == name; }) ||
               std::any_of(desc.removeEnv.begin(), desc.removeEnv.end(), [&](const std::string& n) { return n == name; });
    };
    for (char** e = environ; e && *e; ++e)
        if (!replacedOrRemoved(envName(*e))) env.emplace_back(*e);
    for (std::size_t i = 0; i < desc.extraEnv.size(); ++i) {
        const std::string& e = desc.extraEnv[i];
        assert(e.find('=') != std::string::npos && "extraEnv entries are NAME=value");
        const bool laterWins = std::any_of(desc.extraEnv.begin() + std::ptrdiff_t(i) + 1, desc.extraEnv.end(),
                                           [&](const std::string& x) { return envName(x) == envName(e); });
        if (!laterWins) env.push_back(e);
    }
    return env;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
    std::vector<char*> p;
    p.reserve(strings.size() + 1);
    for (auto& s : strings) p.push_back(s.data());
    p.push_back(nullptr);
    return p;
}

Error spawnError(const std::string& program, int err) {
    return {"process.spawn", fmt::format("cannot start {}: {}; check that the file exists and is executable", program, std::strerror(err))};
}

// What a read of the child's output goes into.
struct Sink {
    ProcessOutcome& out;
    std::size_t limit;
    Clock::time_point t0;
    const std::function<void(std::string_view)>* onLine = nullptr;
    bool ended = false; // the child is reaped, out.wallSec is set
    std::string partial; // the line being read, for onLine

    void take(const char* data, std::size_t n) {
        if (onLine && *onLine) {
            partial.append(data, n);
            for (std::size_t nl; (nl = partial.find('\n')) != std::string::npos; partial.erase(0, nl + 1))
                (*onLine)(std::string_view(partial).substr(0, nl));
            // A child that writes without line breaks never grows this
            // beyond a bound: such a line reaches onLine cut to its end.
            if (partial.size() > kMaxLineBytes) partial.erase(0, partial.size() - kMaxLineBytes / 64);
        }
        // Read after the child ended, a line was written by then at the
        // latest; that is the best time known for it.
        if (!out.firstLineSec && std::memchr(data, '\n', n)) out.firstLineSec = ended ? out.wallSec : secondsSince(t0);
        const std::size_t room = limit - std::min(limit, out.output.size());
        if (n > room) out.outputCut = true;
        out.output.append(data, std::min(n, room));
    }
};

// Reads what the (non-blocking) pipe holds now, at most `budget` bytes.
// False at end of file (every writer has closed it) or on an error.
bool readAvailable(Fd& pipe, Sink& sink, std::size_t budget) {
    char buf[16384];
    while (budget > 0) {
        const ssize_t r = ::read(pipe.get(), buf, std::min(sizeof buf, budget));
        if (r > 0) {
            sink.take(buf, std::size_t(r));
            budget -= std::size_t(r);
            continue;
        }
        if (r < 0 && errno == EINTR) continue;
        if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return true;
        return false;
    }
    return true;
}

// SIGINT and SIGTERM blocked on this thread until release() (or the end of
// the scope).
class HeldStopSignals {
public:
    HeldStopSignals() {
        sigset_t stop;
        sigemptyset(&stop);
        sigaddset(&stop, SIGINT);
        sigaddset(&stop, SIGTERM);
        mHeld = ::pthread_sigmask(SIG_BLOCK, &stop, &mPrevious) == 0;
    }
    ~HeldStopSignals() { release(); }
    HeldStopSignals(const HeldStopSignals&) = delete;
    HeldStopSignals& operator=(const HeldStopSignals&) = delete;
    void release() {
        if (mHeld) ::pthread_sigmask(SIG_SETMASK, &mPrevious, nullptr);
        mHeld = false;
    }

private:
    sigset_t mPrevious;
    bool mHeld = false;
};

// Input on its way to the child: the bytes and how many were taken.
struct Pending {
    std::string bytes;
    std::size_t taken = 0;
    bool empty() const { return taken >= bytes.size(); }
};

// Writes what the child's (non-blocking) stdin takes now, asking `input`
// for more once the last bytes are taken. False at the end of the input
// (pending empty) or when the child no longer reads (pending not).
bool feed(Fd& pipe, Pending& pending, const std::function<std::string()>& input) {
    for (;;) {
        if (pending.empty()) {
            pending = {input(), 0};
            if (pending.bytes.empty()) return false;
        }
        const ssize_t w = ::write(pipe.get(), pending.bytes.data() + pending.taken, pending.bytes.size() - pending.taken);
        if (w > 0) {
            pending.taken += std::size_t(w);
            continue;
        }
        if (w < 0 && errno == EINTR) continue;
        return w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
    }
}

} // namespace

Result<ProcessOutcome> runProcess(const ProcessDesc& desc) {
    using Output = ProcessDesc::Output;
    const std::string program = desc.program.string();
    std::vector<std::string> argStrings{program};
    argStrings.insert(argStrings.end(), desc.args.begin(), desc.args.end());
    std::vector<std::string> envStrings = childEnvironment(desc);
    const std::vector<char*> argv = pointers(argStrings), envp = pointers(envStrings);

    // CLOEXEC on both ends, so no other child spawned meanwhile (by another
    // thread) holds the write end and keeps us from seeing the end of file;
    // the child's own copy is made by dup2, which clears the flag.
    Fd readEnd, writeEnd;
    if (desc.stdoutTo == Output::Capture || desc.stderrTo == Output::Capture) {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0) return spawnError(program, errno);
        readEnd.reset(fds[0]);
        writeEnd.reset(fds[1]);
        // Only our end: the child's stdout stays blocking, as programs expect.
        ::fcntl(readEnd.get(), F_SETFL, ::fcntl(readEnd.get(), F_GETFL) | O_NONBLOCK);
    }
    Fd inputRead, inputWrite;
    if (desc.input) {
        signals::ignoreBrokenPipes();
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0) return spawnError(program, errno);
        inputRead.reset(fds[0]);
        inputWrite.reset(fds[1]);
        ::fcntl(inputWrite.get(), F_SETFL, ::fcntl(inputWrite.get(), F_GETFL) | O_NONBLOCK);
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    if (desc.input) posix_spawn_file_actions_adddup2(&actions, inputRead.get(), STDIN_FILENO);
    else posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    auto route = [&](int fd, Output to) {
        if (to == Output::Discard) posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", O_WRONLY, 0);
        if (to == Output::Capture) posix_spawn_file_actions_adddup2(&actions, writeEnd.get(), fd);
    };
    route(STDOUT_FILENO, desc.stdoutTo);
    route(STDERR_FILENO, desc.stderrTo);
    // A thread that blocks signals (so that another one handles them)
    // would otherwise pass the mask on, and the child would not stop at
    // Ctrl-C. Dispositions stay inherited: under nohup, SIGHUP stays ignored.
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attr, &none);
    // SIGPIPE is ignored here (a child that stops reading is an error to
    // report, not the end of Soma); the child gets the usual default back.
    sigset_t pipeDefault;
    sigemptyset(&pipeDefault);
    sigaddset(&pipeDefault, SIGPIPE);
    posix_spawnattr_setsigdefault(&attr, &pipeDefault);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

    // Ctrl-C or SIGTERM waits (on this thread) until the child is known to
    // core/Signals, which kills it if the signal ends the program.
    HeldStopSignals held;
    const auto t0 = Clock::now();
    pid_t pid = 0;
    const int err = ::posix_spawn(&pid, program.c_str(), &actions, &attr, argv.data(), envp.data());
    posix_spawnattr_destroy(&attr);
    posix_spawn_file_actions_destroy(&actions);
    // Ours closed, so the end of file comes when the child's copies close.
    writeEnd.reset();
    inputRead.reset();
    if (err != 0) return spawnError(program, err);

    Child child(pid);
    const signals::ChildGuard killedWithUs(pid);
    held.release();
    if (desc.onStart) desc.onStart(int(pid));
    Fd pidFd(openPidFd(pid));
    ProcessOutcome out;
    Sink sink{out, desc.maxOutputBytes ? desc.maxOutputBytes : ProcessDesc{}.maxOutputBytes, t0, &desc.onLine, false, {}};
    const bool limited = desc.timeoutSec > 0;
    const auto deadline = t0 + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(limited ? desc.timeoutSec : 0.0));
    bool timedOut = false;
    Pending pending;

    // Until the child ends, read whatever it writes, so it never blocks on
    // a full pipe. The end of its output is not the end of the child (it may
    // close stdout and run on, or leave a grandchild holding the pipe), so
    // the wait is for the child itself, and the limit holds throughout.
    while (!child.tryReap()) {
        int waitMs = -1;
        if (limited) {
            const auto now = Clock::now();
            if (now >= deadline) {
                timedOut = true;
                break;
            }
            // Rounded up: a wait that ends a hair early would only spin.
            waitMs = int(std::min<long long>(std::chrono::ceil<std::chrono::milliseconds>(deadline - now).count(), 60 * 1000));
        }
        if (!pidFd.open()) waitMs = waitMs < 0 ? kExitPollMs : std::min(waitMs, kExitPollMs);
        pollfd fds[3];
        nfds_t n = 0;
        if (readEnd.open()) fds[n++] = {readEnd.get(), POLLIN, 0};
        const nfds_t pidIndex = n;
        if (pidFd.open()) fds[n++] = {pidFd.get(), POLLIN, 0};
        const nfds_t inputIndex = n;
        if (inputWrite.open()) fds[n++] = {inputWrite.get(), POLLOUT, 0};
        const int ready = ::poll(fds, n, waitMs);
        if (ready < 0) {
            if (errno != EINTR) ::usleep(kExitPollMs * 1000); // ENOMEM: try again a little later
            continue;
        }
        if (readEnd.open() && fds[0].revents != 0 && !readAvailable(readEnd, sink, kMaxPipeBytes)) readEnd.reset();
        if (inputWrite.open() && fds[inputIndex].revents != 0 && !feed(inputWrite, pending, desc.input)) {
            if (!pending.empty()) out.inputRefused = true;
            inputWrite.reset(); // the end of the input, or the child closed its stdin
        }
        // Readable pidfd: it has ended, so this wait returns at once.
        if (pidFd.open() && fds[pidIndex].revents != 0) child.waitBlocking();
    }
    if (timedOut) {
        ::kill(child.pid(), SIGKILL);
        child.waitBlocking();
    }
    out.wallSec = secondsSince(t0);
    sink.ended = true;
    // What it wrote before it ended, still in the pipe.
    if (readEnd.open()) readAvailable(readEnd, sink, kMaxPipeBytes);

    const int status = child.status();
    if (timedOut) {
        out.end = ProcessOutcome::End::TimedOut;
    } else if (child.statusLost()) {
        out.end = ProcessOutcome::End::Exited;
        out.exitCode = -1;
    } else if (WIFSIGNALED(status)) {
        out.end = ProcessOutcome::End::Signaled;
        out.signal = WTERMSIG(status);
    } else {
        out.end = ProcessOutcome::End::Exited;
        out.exitCode = WEXITSTATUS(status);
    }
    return out;
}

std::optional<std::filesystem::path> findProgram(std::string_view name) {
    const char* path = std::getenv("PATH");
    const std::string list = path && *path ? path : "/usr/local/bin:/usr/bin:/bin";
    for (std::size_t start = 0; start <= list.size();) {
        const std::size_t end = std::min(list.find(':', start), list.size());
        const std::filesystem::path candidate = std::filesystem::path(list.substr(start, end - start)) / name;
        if (end > start && ::access(candidate.c_str(), X_OK) == 0) return candidate;
        start = end + 1;
    }
    return std::nullopt;
}

} // namespace soma
