// `soma export` into folders that hold other things, and stopped half way:
// the real program in a child process, real files. An export overwrites
// only what an earlier export wrote and left as it was, removes its own
// stale files, and a signal leaves no half-written file behind.
#include "plugin/PluginTestSupport.h"
#include "support/RunProgram.h"

#include "core/Process.h"

#include <gtest/gtest.h>

#include <csignal>
#include <fstream>

namespace soma {
namespace {

namespace fs = std::filesystem;
using test::readAll;
using test::runSoma;

std::vector<std::string> exportArgs(const fs::path& out, std::vector<std::string> more = {}, const std::string& seconds = "4") {
    std::vector<std::string> a{"export", "grounding", "--lang", "en", "--variant", "short", "--no-reverb", "--max-seconds", seconds,
                               "--out", out.string()};
    a.insert(a.end(), more.begin(), more.end());
    return a;
}

void writeFile(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

// Everything in the folder, by name relative to it.
std::vector<std::string> listing(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& e : fs::recursive_directory_iterator(dir)) names.push_back(fs::relative(e.path(), dir).string());
    std::sort(names.begin(), names.end());
    return names;
}

TEST(ExportSafety, APersonsOwnFileInTheWayStopsTheExportBeforeAnythingIsWritten) {
    const fs::path dir = test::scratchDir("export-theirs");
    writeFile(dir / "audio.wav", "my own recording, not a WAV at all");
    writeFile(dir / "notes.txt", "notes");
    auto r = runSoma(exportArgs(dir));
    EXPECT_EQ(r.exitCode, 1) << r.out;
    EXPECT_NE(r.out.find((dir / "audio.wav").string()), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("not from an earlier export"), std::string::npos) << r.out;
    EXPECT_EQ(readAll(dir / "audio.wav"), "my own recording, not a WAV at all");
    EXPECT_EQ(listing(dir), (std::vector<std::string>{"audio.wav", "notes.txt"})) << "nothing else was written";
}

TEST(ExportSafety, ExportingAgainReplacesOnlyItsOwnFilesAndRefusesOnesChangedSince) {
    const fs::path dir = test::scratchDir("export-again");
    writeFile(dir / "notes.txt", "notes");
    auto first = runSoma(exportArgs(dir));
    ASSERT_EQ(first.exitCode, 0) << first.out;
    const std::string list = readAll(dir / ".soma-export.toml");
    for (const char* f : {"audio.wav", "voice.wav", "captions.vtt", "timeline.json"})
        EXPECT_NE(list.find(std::string("name = \"") + f + "\""), std::string::npos) << f << "\n" << list;
    EXPECT_EQ(list.find("notes.txt"), std::string::npos) << list;
    EXPECT_EQ(list.find("pending"), std::string::npos) << "a finished export has nothing pending\n" << list;

    auto second = runSoma(exportArgs(dir));
    ASSERT_EQ(second.exitCode, 0) << second.out;
    EXPECT_EQ(readAll(dir / "notes.txt"), "notes");

    // The person edits the captions: from now on they are theirs.
    writeFile(dir / "captions.vtt", readAll(dir / "captions.vtt") + "NOTE my own words\n");
    auto third = runSoma(exportArgs(dir));
    EXPECT_EQ(third.exitCode, 1) << third.out;
    EXPECT_NE(third.out.find((dir / "captions.vtt").string()), std::string::npos) << third.out;
    EXPECT_NE(third.out.find("changed since"), std::string::npos) << third.out;
    EXPECT_NE(readAll(dir / "captions.vtt").find("NOTE my own words"), std::string::npos);
}

TEST(ExportSafety, AnEarlierExportsFilesThisOneDoesNotWriteAreRemoved) {
    const fs::path dir = test::scratchDir("export-stale");
    auto withFrames = runSoma(exportArgs(dir, {"--frames", "--width", "32", "--height", "32"}, "1"));
    ASSERT_EQ(withFrames.exitCode, 0) << withFrames.out;
    ASSERT_TRUE(fs::exists(dir / "frames" / "000000.png"));
    writeFile(dir / "frames" / "mine.png", "a picture the person keeps there");
    // The person's file in frames/ is in the way of the next frames export...
    auto refused = runSoma(exportArgs(dir, {"--frames", "--width", "32", "--height", "32"}, "1"));
    EXPECT_EQ(refused.exitCode, 1) << refused.out;
    EXPECT_NE(refused.out.find("mine.png"), std::string::npos) << refused.out;
    // ...but not of one without frames, which removes only its own old ones.
    auto without = runSoma(exportArgs(dir));
    ASSERT_EQ(without.exitCode, 0) << without.out;
    EXPECT_FALSE(fs::exists(dir / "frames" / "000000.png"));
    EXPECT_EQ(readAll(dir / "frames" / "mine.png"), "a picture the person keeps there");
}

TEST(ExportSafety, AVideoIsWrittenWhateverTheFolderIsCalled) {
    // Quotes and a leading dash once broke the shell command ffmpeg ran in.
    const fs::path dir = test::scratchDir("export-video") / "-it's \"here\"";
    auto r = runSoma(exportArgs(dir, {"--video", "--width", "64", "--height", "48"}, "2"));
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_GT(fs::file_size(dir / "video.mp4"), 1000u);
    for (const auto& name : listing(dir)) EXPECT_EQ(name.find(".part"), std::string::npos) << name;
}

// Starts `soma export --progress` and sends `sig` once its progress has
// passed `at` (the mix is the first 0.3 of a picture export's, or 0.85);
// what came of it.
ProcessOutcome exportStoppedBy(int sig, double at, const fs::path& dir, std::vector<std::string> more = {}) {
    ProcessDesc p;
    p.program = SOMA_BINARY;
    p.args = exportArgs(dir, std::move(more), "300"); // long enough to be stopped half way
    p.args.push_back("--progress");
    p.stdoutTo = ProcessDesc::Output::Capture;
    p.stderrTo = ProcessDesc::Output::Capture;
    p.timeoutSec = 120;
    int pid = 0;
    bool sent = false;
    p.onStart = [&](int child) { pid = child; };
    p.onLine = [&](std::string_view line) {
        if (!sent && line.rfind("progress: ", 0) == 0 && std::stod(std::string(line.substr(10))) >= at) {
            ::kill(pid, sig);
            sent = true;
        }
    };
    auto ran = runProcess(p);
    EXPECT_TRUE(ran) << ran.error().message;
    EXPECT_TRUE(sent) << ran->output;
    return ran ? *ran : ProcessOutcome{};
}

TEST(ExportSafety, SigtermStopsAnExportWithinASecondAndRemovesWhatItBegan) {
    const fs::path dir = test::scratchDir("export-term");
    writeFile(dir / "notes.txt", "notes");
    const ProcessOutcome o = exportStoppedBy(SIGTERM, 0.01, dir);
    EXPECT_EQ(o.end, ProcessOutcome::End::Exited) << o.output;
    EXPECT_EQ(o.exitCode, 143) << o.output;
    EXPECT_NE(o.output.find("stopped"), std::string::npos) << o.output;
    EXPECT_EQ(listing(dir), (std::vector<std::string>{".soma-export.toml", "notes.txt"})) << o.output;
}

TEST(ExportSafety, CtrlCDuringTheFramesStopsTooAndLeavesNothingHalfWritten) {
    const fs::path dir = test::scratchDir("export-int");
    ASSERT_EQ(runSoma(exportArgs(dir)).exitCode, 0);
    const std::string before = readAll(dir / "captions.vtt");
    const ProcessOutcome o = exportStoppedBy(SIGINT, 0.32, dir, {"--frames", "--width", "32", "--height", "32"});
    EXPECT_EQ(o.exitCode, 130) << o.output;
    for (const auto& name : listing(dir)) {
        EXPECT_EQ(name.find(".tmp"), std::string::npos) << name;
        EXPECT_EQ(name.find(".part"), std::string::npos) << name;
    }
    // What this export had rewritten is gone; nothing half-written is left,
    // and the next export here is not refused.
    EXPECT_FALSE(fs::exists(dir / "frames" / "000000.png"));
    auto again = runSoma(exportArgs(dir));
    EXPECT_EQ(again.exitCode, 0) << again.out;
    EXPECT_EQ(readAll(dir / "captions.vtt"), before);
}

} // namespace
} // namespace soma
