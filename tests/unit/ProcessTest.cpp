#include "core/Process.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <string>
#include <sys/wait.h>
#include <thread>

namespace soma {
namespace {

using End = ProcessOutcome::End;

ProcessDesc shell(const std::string& script) {
    ProcessDesc d;
    d.program = "/bin/sh";
    d.args = {"-c", script};
    return d;
}

ProcessOutcome run(const ProcessDesc& d) {
    auto r = runProcess(d);
    EXPECT_TRUE(r.ok()) << r.error().message;
    return r.ok() ? *r : ProcessOutcome{};
}

// Whether a process with this pid exists, zombie or not (kill with signal
// 0 checks without sending anything).
bool exists(pid_t pid) { return ::kill(pid, 0) == 0 || errno == EPERM; }

// The pid that a child printed on its first line.
pid_t printedPid(const std::string& output) { return pid_t(std::strtol(output.c_str(), nullptr, 10)); }

} // namespace

TEST(Process, CapturesWhatTheChildPrints) {
    auto o = run(shell("printf 'one\\ntwo %s\\n' \"$0\"; printf 'not seen' >&2"));
    EXPECT_EQ(o.end, End::Exited);
    EXPECT_EQ(o.exitCode, 0);
    EXPECT_TRUE(o.succeeded());
    EXPECT_EQ(o.output, "one\ntwo /bin/sh\n") << "argv[0] is the program, and stderr is discarded by default";
    EXPECT_FALSE(o.outputCut);
    ASSERT_TRUE(o.firstLineSec.has_value());
    EXPECT_LE(*o.firstLineSec, o.wallSec);
    EXPECT_GT(o.wallSec, 0.0);
}

TEST(Process, PassesArgumentsAsTheyAreWithoutAShell) {
    ProcessDesc d;
    d.program = "/bin/echo";
    d.args = {"a b", "$HOME", "'q'", "*"};
    EXPECT_EQ(run(d).output, "a b $HOME 'q' *\n");
}

TEST(Process, ReportsTheExitCode) {
    auto o = run(shell("printf partial; exit 3"));
    EXPECT_EQ(o.end, End::Exited);
    EXPECT_EQ(o.exitCode, 3);
    EXPECT_FALSE(o.succeeded());
    EXPECT_EQ(o.output, "partial");
    EXPECT_FALSE(o.firstLineSec.has_value()) << "no newline, no first line";
    EXPECT_EQ(run(shell("exit 255")).exitCode, 255);
}

TEST(Process, ReportsTheSignalThatEndedTheChild) {
    auto o = run(shell("printf before; kill -SEGV $$"));
    EXPECT_EQ(o.end, End::Signaled);
    EXPECT_EQ(o.signal, SIGSEGV);
    EXPECT_FALSE(o.succeeded());
    EXPECT_EQ(o.output, "before") << "what it said before it crashed";
    EXPECT_EQ(run(shell("kill -TERM $$")).signal, SIGTERM);
}

TEST(Process, KillsAndReapsAChildPastItsTimeLimit) {
    ProcessDesc d = shell("echo $$; exec sleep 30");
    d.timeoutSec = 0.3;
    const auto t0 = std::chrono::steady_clock::now();
    auto o = run(d);
    const double tookSec = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    EXPECT_EQ(o.end, End::TimedOut);
    EXPECT_GE(tookSec, 0.3);
    EXPECT_LT(tookSec, 5.0) << "it did not wait for the sleep";
    EXPECT_GE(o.wallSec, 0.3);
    const pid_t pid = printedPid(o.output);
    ASSERT_GT(pid, 0) << "the output before the limit is kept: " << o.output;
    EXPECT_FALSE(exists(pid)) << "killed, and reaped: not even a zombie is left";
}

TEST(Process, TheTimeLimitHoldsWhenTheChildClosesItsOutputAndRunsOn) {
    // exec >&-: stdout closed (end of file on the pipe), the shell still
    // running; stderr was /dev/null, so no copy of the pipe is left open.
    ProcessDesc d = shell("echo $$; exec >&-; exec sleep 30");
    d.timeoutSec = 0.3;
    const auto t0 = std::chrono::steady_clock::now();
    auto o = run(d);
    EXPECT_EQ(o.end, End::TimedOut);
    EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), 5.0);
    const pid_t pid = printedPid(o.output);
    ASSERT_GT(pid, 0) << o.output;
    EXPECT_FALSE(exists(pid));
}

TEST(Process, AGrandchildHoldingThePipeDoesNotDelayTheEnd) {
    // The background sleep inherits stdout and keeps the pipe open after
    // the shell exits; the outcome is the shell's, at once.
    ProcessDesc d = shell("sleep 3 & echo $!; exit 4");
    const auto t0 = std::chrono::steady_clock::now();
    auto o = run(d);
    EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), 2.0);
    EXPECT_EQ(o.end, End::Exited);
    EXPECT_EQ(o.exitCode, 4);
    if (pid_t grandchild = printedPid(o.output); grandchild > 0) ::kill(grandchild, SIGKILL); // not ours to wait for; tidy up
}

TEST(Process, AChildThatEndsInTimeIsNotReportedAsTimedOut) {
    ProcessDesc d = shell("sleep 0.05; echo done");
    d.timeoutSec = 10;
    auto o = run(d);
    EXPECT_EQ(o.end, End::Exited);
    EXPECT_EQ(o.output, "done\n");
    EXPECT_LT(o.wallSec, 5.0) << "returns when the child ends, not at the limit";
}

TEST(Process, ExtraEnvironmentReachesTheChildAndRemovedNamesDoNot) {
    ::setenv("SOMA_PROCESS_TEST_KEPT", "kept", 1);
    ::setenv("SOMA_PROCESS_TEST_REPLACED", "old", 1);
    ::setenv("SOMA_PROCESS_TEST_REMOVED", "present", 1);
    ProcessDesc d = shell("printf '%s|%s|%s|%s|%s' \"$SOMA_PROCESS_TEST_KEPT\" \"$SOMA_PROCESS_TEST_REPLACED\" "
                          "\"${SOMA_PROCESS_TEST_REMOVED-unset}\" \"$SOMA_PROCESS_TEST_NEW\" \"${SOMA_PROCESS_TEST_EMPTY-unset}\"");
    d.extraEnv = {"SOMA_PROCESS_TEST_REPLACED=new", "SOMA_PROCESS_TEST_NEW=first", "SOMA_PROCESS_TEST_NEW=a=b c", "SOMA_PROCESS_TEST_EMPTY="};
    d.removeEnv = {"SOMA_PROCESS_TEST_REMOVED"};
    EXPECT_EQ(run(d).output, "kept|new|unset|a=b c|") << "the later of two entries wins, and an empty value is set, not removed";
    EXPECT_STREQ(std::getenv("SOMA_PROCESS_TEST_REPLACED"), "old") << "our own environment is untouched";
    ::unsetenv("SOMA_PROCESS_TEST_KEPT");
    ::unsetenv("SOMA_PROCESS_TEST_REPLACED");
    ::unsetenv("SOMA_PROCESS_TEST_REMOVED");
}

TEST(Process, AMissingProgramIsAnErrorNamingIt) {
    ProcessDesc d;
    d.program = "/nonexistent/soma-no-such-program";
    auto r = runProcess(d);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().id, "process.spawn");
    EXPECT_NE(r.error().message.find("/nonexistent/soma-no-such-program"), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message.find(std::strerror(ENOENT)), std::string::npos) << r.error().message;
}

TEST(Process, AFileThatIsNotAProgramIsAnError) {
    ProcessDesc d;
    d.program = "/etc/passwd"; // there, but not a program
    auto r = runProcess(d);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().id, "process.spawn");
    EXPECT_NE(r.error().message.find(std::strerror(EACCES)), std::string::npos) << r.error().message;
}

TEST(Process, ReadsMoreThanAPipeHoldsWithoutDeadlock) {
    // 1 MiB in one go: the child blocks on a full pipe (64 KiB on Linux)
    // unless it is read while it runs; the limit turns a deadlock into a
    // failure instead of a hung test.
    ProcessDesc d = shell("head -c 1048576 /dev/zero | tr '\\0' x; echo; echo end >&2");
    d.stderrTo = ProcessDesc::Output::Capture;
    d.maxOutputBytes = 4 << 20;
    d.timeoutSec = 30;
    auto o = run(d);
    EXPECT_EQ(o.end, End::Exited);
    ASSERT_EQ(o.output.size(), 1048576u + 1 + 4);
    EXPECT_EQ(o.output.find_first_not_of('x'), 1048576u);
    EXPECT_EQ(o.output.substr(1048576), "\nend\n") << "stderr captured after stdout, as written";
    EXPECT_FALSE(o.outputCut);
}

TEST(Process, CutsOutputPastTheLimitButReadsItAll) {
    ProcessDesc d = shell("head -c 300000 /dev/zero | tr '\\0' y; echo; echo finished");
    d.maxOutputBytes = 1000;
    d.timeoutSec = 30;
    auto o = run(d);
    EXPECT_EQ(o.end, End::Exited) << "the rest was read and dropped, so the child could finish";
    EXPECT_EQ(o.exitCode, 0);
    EXPECT_EQ(o.output, std::string(1000, 'y'));
    EXPECT_TRUE(o.outputCut);
    ASSERT_TRUE(o.firstLineSec.has_value()) << "the first line is seen even past the cut";
}

TEST(Process, DiscardedOrInheritedOutputIsNotCaptured) {
    ProcessDesc d = shell("echo out; echo err >&2; exit 7");
    d.stdoutTo = ProcessDesc::Output::Discard;
    d.stderrTo = ProcessDesc::Output::Discard;
    auto o = run(d);
    EXPECT_EQ(o.exitCode, 7);
    EXPECT_EQ(o.output, "");
    d.stdoutTo = ProcessDesc::Output::Discard;
    d.stderrTo = ProcessDesc::Output::Capture;
    EXPECT_EQ(run(d).output, "err\n");
}

TEST(Process, LeavesNoChildBehindAfterManyRuns) {
    // Every child reaped: none is left for a waitpid of ours to find.
    for (int i = 0; i < 20; ++i) run(shell(i % 2 ? "exit 1" : "kill -KILL $$"));
    ProcessDesc d = shell("exec sleep 30");
    d.timeoutSec = 0.05;
    run(d);
    int status = 0;
    EXPECT_EQ(::waitpid(-1, &status, WNOHANG), -1);
    EXPECT_EQ(errno, ECHILD);
}

} // namespace soma
