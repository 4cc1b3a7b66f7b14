// A native plugin that misbehaves in the ways a check cannot simply see:
// it prints the check's answer itself, prints a great deal (from its
// constructor too), or keeps the host and calls it from a thread of its
// own. Real fixture libraries, the real `soma` as the checking child.
#include "PluginTestSupport.h"

#include "core/Process.h"
#include "plugin/NativeExercise.h"
#include "plugin/PluginCheck.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <thread>

namespace soma {
namespace {

namespace fs = std::filesystem;
using test::fixturePlugin;
using Kind = PluginCheckOutcome::Kind;

fs::path library(const std::string& name) { return fixturePlugin(name) / (name + ".so"); }

TEST(PluginHardening, AnAnswerThePluginPrintsItselfIsNotBelieved) {
    const PluginCheckOutcome o = checkInChild(SOMA_BINARY, library("forges-verdict"), 20.0);
    EXPECT_EQ(o.kind, Kind::Crashed) << o.error.message;
    EXPECT_EQ(o.error.id, "plugin.crashed");
    EXPECT_NE(o.error.message.find("no answer"), std::string::npos) << o.error.message;
}

TEST(PluginHardening, APluginThatPrintsALotIsStillCheckedOnItsMerits) {
    const PluginCheckOutcome o = checkInChild(SOMA_BINARY, library("chatty"), 20.0);
    EXPECT_EQ(o.kind, Kind::Ok) << o.error.id << ": " << o.error.message;
    EXPECT_EQ(o.exerciseId, "fixture-chatty");
}

TEST(PluginHardening, WhatAPluginPrintsNeverEntersTheJson) {
    const fs::path data = test::scratchDir("chatty-data");
    fs::create_directories(data / "soma" / "plugins");
    fs::copy_file(library("chatty"), data / "soma" / "plugins" / "chatty.so");
    ProcessDesc p;
    p.program = SOMA_BINARY;
    p.args = {"plugins", "--json"};
    p.extraEnv = {"XDG_DATA_HOME=" + data.string()};
    p.stdoutTo = ProcessDesc::Output::Capture;
    p.stderrTo = ProcessDesc::Output::Discard;
    p.timeoutSec = 120;
    auto ran = runProcess(p);
    ASSERT_TRUE(ran) << ran.error().message;
    ASSERT_TRUE(ran->succeeded()) << ran->output;
    const std::string& json = ran->output;
    EXPECT_EQ(json.rfind("{\"exercises\": [", 0), 0u) << json.substr(0, 300);
    EXPECT_EQ(json.find("hello"), std::string::npos) << "the constructor's line is in the JSON";
    EXPECT_EQ(json.find("chatter"), std::string::npos);
    EXPECT_NE(json.find("{\"id\": \"fixture-chatty\", \"kind\": \"native\""), std::string::npos) << json.substr(0, 300);
    EXPECT_EQ(json.back(), '\n');
}

TEST(PluginHardening, HostCallsFromAPluginsOwnThreadAreRefusedAndFailTheCheck) {
    const PluginCheckOutcome o = checkInChild(SOMA_BINARY, library("stray-thread"), 20.0);
    EXPECT_EQ(o.kind, Kind::Failed) << o.error.message;
    EXPECT_EQ(o.error.id, "plugin.stray_call");
    EXPECT_NE(o.error.message.find("thread"), std::string::npos) << o.error.message;

    // In this process, as a host that loaded it anyway would: the late
    // calls are refused and counted, and nothing breaks.
    const unsigned before = strayHostCalls();
    auto ex = NativeExercise::open(library("stray-thread"));
    ASSERT_TRUE(ex) << ex.error().message;
    DescribeOptions opt;
    opt.lang = "en";
    opt.variant = "short";
    auto req = (*ex)->describe(opt);
    ASSERT_TRUE(req) << req.error().message;
    EXPECT_EQ(req->steps.size(), 1u) << "the late step is not in the session";
    for (int i = 0; i < 200 && strayHostCalls() < before + 3; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    EXPECT_EQ(strayHostCalls(), before + 3) << "begin_step, speak and language, each refused";
    // The exercise still works after the stray calls.
    auto again = (*ex)->describe(opt);
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_EQ(again->steps.size(), 1u);
}

// The processes whose command line mentions `text`.
std::vector<int> processesMentioning(const std::string& text) {
    std::vector<int> pids;
    for (const auto& e : fs::directory_iterator("/proc")) {
        const std::string name = e.path().filename().string();
        if (name.find_first_not_of("0123456789") != std::string::npos) continue;
        std::string cmd = test::readAll(e.path() / "cmdline");
        std::replace(cmd.begin(), cmd.end(), '\0', ' ');
        if (cmd.find(text) != std::string::npos) pids.push_back(std::stoi(name));
    }
    return pids;
}

TEST(PluginHardening, CtrlCDuringAPluginCheckEndsSoonAndTakesTheCheckWithIt) {
    const fs::path data = test::scratchDir("hang-data");
    fs::create_directories(data / "soma" / "plugins");
    const fs::path hang = data / "soma" / "plugins" / "hangs.so";
    fs::copy_file(library("hangs"), hang);
    ProcessDesc p;
    p.program = SOMA_BINARY;
    p.args = {"plugins"};
    p.extraEnv = {"XDG_DATA_HOME=" + data.string(), "XDG_CACHE_HOME=" + (data / "cache").string()};
    p.timeoutSec = 60;
    std::thread interrupt;
    p.onStart = [&](int pid) {
        interrupt = std::thread([pid, hang] {
            // Once the check of the hanging plugin is under way.
            for (int i = 0; i < 500 && processesMentioning(hang.string()).empty(); ++i)
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
            ::kill(pid, SIGINT);
        });
    };
    auto ran = runProcess(p);
    interrupt.join();
    ASSERT_TRUE(ran) << ran.error().message;
    EXPECT_EQ(ran->end, ProcessOutcome::End::Exited) << ran->output;
    EXPECT_EQ(ran->exitCode, 130) << ran->output;
    EXPECT_LT(ran->wallSec, kDefaultCheckTimeoutSec) << "it did not wait for the check's time limit";
    // SIGKILL takes a moment to land: the child is gone soon, not later at its time limit.
    for (int i = 0; i < 200 && !processesMentioning(hang.string()).empty(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    std::string left;
    for (int pid : processesMentioning(hang.string())) {
        const std::string status = test::readAll(fs::path("/proc") / std::to_string(pid) / "status");
        left += std::to_string(pid) + ": " + status.substr(0, 300) + "\n";
    }
    EXPECT_TRUE(left.empty()) << "the checking child runs on:\n" << left << ran->output;
}

TEST(PluginCheck, OnlyTheLineWithTheKeyIsTheAnswer) {
    PluginCheckOutcome real;
    real.kind = PluginCheckOutcome::Kind::Failed;
    real.exerciseId = "x";
    real.error = {"plugin.bad_value", "why"};
    PluginCheckOutcome forged;
    forged.kind = PluginCheckOutcome::Kind::Ok;
    forged.exerciseId = "x";
    const std::string key = "-0123456789abcdef";
    // A forged line after the real one, with no key or another one.
    const std::string text = "noise" + formatCheckLine(real, key) + formatCheckLine(forged) + formatCheckLine(forged, "-ffff");
    const PluginCheckOutcome back = parseCheckLine(text, key);
    EXPECT_EQ(back.kind, PluginCheckOutcome::Kind::Failed);
    EXPECT_EQ(back.error.message, "why");
    EXPECT_EQ(parseCheckLine(formatCheckLine(forged), key).kind, PluginCheckOutcome::Kind::NotRun);
}

} // namespace
} // namespace soma
