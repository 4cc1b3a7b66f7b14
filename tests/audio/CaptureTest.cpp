// Capture without a sound card: SDL's `disk` driver reads a capture device's
// samples from the file named by SDL_DISKAUDIOFILEIN, raw, in exactly the
// format the device was opened with (here mono float32, native order, at the
// rate asked for), one device buffer per SDL_DISKAUDIODELAY ms, and gives
// silence once the file has run out. A name it does not list is taken as a
// file to read. The driver is chosen when SDL's audio subsystem starts, so
// each test sets the variables first and ends with the subsystem down.
#include "audio/Capture.h"

#include "core/Log.h"
#include "core/Paths.h"

#include <SDL.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace soma {
namespace {

namespace fs = std::filesystem;

constexpr double kSineDb = -12.0;
constexpr double kSineHz = 440.0;
constexpr double kSineSec = 1.0;
constexpr double kSquareSec = 0.25; // full scale, so the meter must say "clipped"

fs::path tempFile(const char* name) {
    const char* cache = std::getenv("XDG_CACHE_HOME");
    fs::path d = fs::path(cache ? cache : fs::temp_directory_path().c_str()) / "capture";
    fs::create_directories(d);
    return d / name;
}

// 1 s of 440 Hz at -12 dBFS, then 0.25 s of a 200 Hz square wave at full scale.
std::vector<float> testSignal(int rate) {
    const double amp = std::pow(10.0, kSineDb / 20.0);
    std::vector<float> s;
    for (int i = 0; i < int(kSineSec * rate); ++i) s.push_back(float(amp * std::sin(2 * M_PI * kSineHz * i / rate)));
    const int half = rate / 400;
    for (int i = 0; i < int(kSquareSec * rate); ++i) s.push_back((i / half) % 2 ? -1.f : 1.f);
    return s;
}

fs::path writeRaw(const std::vector<float>& s, const char* name) {
    const fs::path p = tempFile(name);
    std::ofstream f(p, std::ios::binary | std::ios::trunc);
    f.write(reinterpret_cast<const char*>(s.data()), std::streamsize(s.size() * sizeof(float)));
    return p;
}

struct Reading {
    double atSec; // length of the take when the level was read
    CaptureLevel level;
};

// Pumps the way a UI would, a few ms apart, until the take is `sec` long.
std::vector<Reading> pumpUntil(Capture& c, double sec) {
    std::vector<Reading> readings;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(4);
    while (c.seconds() < sec && std::chrono::steady_clock::now() < deadline) {
        if (c.pump() > 0) readings.push_back({c.seconds(), c.level()});
        std::this_thread::sleep_for(std::chrono::milliseconds(3));
    }
    return readings;
}

double rmsOf(const std::vector<float>& s, std::size_t from, std::size_t to) {
    double sum = 0;
    for (std::size_t i = from; i < to; ++i) sum += double(s[i]) * s[i];
    return std::sqrt(sum / double(to - from));
}

// Where `part` starts in `whole`, searched from `from` on; nullopt if nowhere.
std::optional<std::size_t> findExact(const std::vector<float>& whole, const float* part, std::size_t n, std::size_t from,
                                     std::size_t to) {
    for (std::size_t at = from; at <= to && at + n <= whole.size(); ++at)
        if (std::equal(part, part + n, whole.begin() + std::ptrdiff_t(at))) return at;
    return std::nullopt;
}

class CaptureTest : public ::testing::Test {
protected:
    void setEnv(const char* name, const std::string& value) {
        if (!mSaved.count(name)) {
            const char* old = std::getenv(name);
            mSaved[name] = old ? std::optional<std::string>(old) : std::nullopt;
        }
        setenv(name, value.c_str(), 1);
    }
    // The disk driver reading `file`, one 1024-sample buffer every `delayMs`.
    void useDisk(const fs::path& file, int delayMs = 5) {
        setEnv("SDL_AUDIODRIVER", "disk");
        setEnv("SDL_DISKAUDIOFILEIN", file.string());
        setEnv("SDL_DISKAUDIODELAY", std::to_string(delayMs));
    }
    void TearDown() override {
        for (const auto& [name, value] : mSaved) {
            if (value) setenv(name.c_str(), value->c_str(), 1);
            else unsetenv(name.c_str());
        }
        EXPECT_EQ(SDL_WasInit(SDL_INIT_AUDIO), 0u) << "SDL audio was left initialised";
    }

private:
    std::map<std::string, std::optional<std::string>> mSaved;
};

TEST_F(CaptureTest, RecordsTheMicrophoneSampleForSampleAndMetersIt) {
    const std::vector<float> signal = testSignal(kMixRate);
    useDisk(writeRaw(signal, "signal48k.raw"));
    auto c = Capture::open();
    ASSERT_TRUE(c.ok()) << c.error().message;
    EXPECT_EQ((*c)->deviceRate(), kMixRate);
    EXPECT_FALSE((*c)->running());
    EXPECT_EQ((*c)->pump(), 0u) << "a capture records nothing before start()";

    (*c)->start();
    EXPECT_TRUE((*c)->running());
    const std::vector<Reading> readings = pumpUntil(**c, 1.6);
    (*c)->stop();
    const std::vector<float>& take = (*c)->take();
    ASSERT_GE(take.size(), signal.size() + kMixRate / 4);

    // At the mix rate nothing is converted: the take is the file, then the
    // silence the driver gives once the file is over.
    for (std::size_t i = 0; i < signal.size(); ++i) ASSERT_EQ(take[i], signal[i]) << "sample " << i;
    for (std::size_t i = signal.size(); i < take.size(); ++i) ASSERT_EQ(take[i], 0.f) << "sample " << i;
    EXPECT_NEAR((*c)->seconds(), double(take.size()) / kMixRate, 1e-9);
    EXPECT_EQ((*c)->overruns(), 0u);

    int inSine = 0, inSquare = 0, inSilence = 0;
    for (const Reading& r : readings) {
        if (r.atSec > 0.1 && r.atSec < 0.95) {
            ++inSine;
            EXPECT_NEAR(r.level.peakDb, kSineDb, 0.3) << "at " << r.atSec << " s";
            EXPECT_NEAR(r.level.rmsDb, kSineDb - 3.01, 0.3) << "at " << r.atSec << " s";
            EXPECT_FALSE(r.level.clipped) << "at " << r.atSec << " s";
        } else if (r.atSec > 1.06 && r.atSec < 1.24) {
            ++inSquare;
            EXPECT_GT(r.level.peakDb, -0.1) << "at " << r.atSec << " s";
            EXPECT_TRUE(r.level.clipped) << "at " << r.atSec << " s";
        } else if (r.atSec > 1.35) {
            ++inSilence;
            EXPECT_LT(r.level.peakDb, -100) << "at " << r.atSec << " s";
            EXPECT_LT(r.level.rmsDb, -100) << "at " << r.atSec << " s";
        }
    }
    EXPECT_GE(inSine, 3);
    EXPECT_GE(inSquare, 1);
    EXPECT_GE(inSilence, 1);
    EXPECT_EQ((*c)->level().peakDb, -120.f) << "a stopped capture shows no level";
}

TEST_F(CaptureTest, ConvertsAnotherDeviceRateToTheMixRate) {
    constexpr int kDeviceRate = 44100;
    useDisk(writeRaw(testSignal(kDeviceRate), "signal44k.raw"));
    CaptureDesc desc;
    desc.rate = kDeviceRate;
    auto c = Capture::open(desc);
    ASSERT_TRUE(c.ok()) << c.error().message;
    EXPECT_EQ((*c)->deviceRate(), kDeviceRate);
    (*c)->start();
    pumpUntil(**c, 1.55);
    (*c)->stop();
    const std::vector<float>& take = (*c)->take();
    ASSERT_GE(take.size(), std::size_t(1.5 * kMixRate));

    // The sine at 48 kHz: same frequency, same phase from the first sample,
    // same loudness.
    const std::size_t from = kMixRate / 20, to = kMixRate * 95 / 100;
    double dot = 0, eTake = 0, eRef = 0;
    const double amp = std::pow(10.0, kSineDb / 20.0);
    for (std::size_t i = from; i < to; ++i) {
        const double ref = amp * std::sin(2 * M_PI * kSineHz * double(i) / kMixRate);
        dot += take[i] * ref;
        eTake += double(take[i]) * take[i];
        eRef += ref * ref;
    }
    EXPECT_GT(dot / std::sqrt(eTake * eRef), 0.9999);
    EXPECT_NEAR(20 * std::log10(rmsOf(take, from, to)), kSineDb - 3.01, 0.05);
    // The square wave, then silence once the file is over.
    EXPECT_NEAR(rmsOf(take, std::size_t(1.05 * kMixRate), std::size_t(1.2 * kMixRate)), 1.0, 0.05);
    EXPECT_EQ(rmsOf(take, std::size_t(1.3 * kMixRate), std::size_t(1.5 * kMixRate)), 0.0);
}

TEST_F(CaptureTest, AStoppedTakeResumesWhereItWasAndOnlyStopsLosingTheGap) {
    const std::vector<float> signal = testSignal(kMixRate);
    useDisk(writeRaw(signal, "resume.raw"));
    auto c = Capture::open();
    ASSERT_TRUE(c.ok()) << c.error().message;
    (*c)->start();
    pumpUntil(**c, 0.3);
    (*c)->stop();
    const std::size_t first = (*c)->take().size();
    ASSERT_GE(first, std::size_t(0.3 * kMixRate));
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EXPECT_EQ((*c)->pump(), 0u) << "nothing arrives while stopped";
    EXPECT_EQ((*c)->take().size(), first);

    (*c)->start();
    pumpUntil(**c, 1.4);
    (*c)->stop();
    const std::vector<float>& take = (*c)->take();
    ASSERT_GT(take.size(), first + std::size_t(0.5 * kMixRate));
    for (std::size_t i = 0; i < first; ++i) ASSERT_EQ(take[i], signal[i]) << "sample " << i;
    // The second stretch appends to the first. SDL drops the one device
    // buffer that was being read when the pause came (the file had moved
    // on), so it goes on from there or a buffer or two later: never earlier,
    // never overlapping.
    const auto resumedAt = findExact(signal, take.data() + first, 2000, first, first + 3 * 1024);
    ASSERT_TRUE(resumedAt.has_value()) << "the resumed take does not continue the file";
    const std::size_t gap = *resumedAt - first;
    EXPECT_EQ(gap % 1024, 0u) << "a gap of " << gap << " samples";
    for (std::size_t i = first; i + gap < signal.size(); ++i) ASSERT_EQ(take[i], signal[i + gap]) << "sample " << i;
}

TEST_F(CaptureTest, ReleaseHandsTheTakeOverAndClearForgetsIt) {
    const std::vector<float> signal = testSignal(kMixRate);
    useDisk(writeRaw(signal, "release.raw"));
    auto c = Capture::open();
    ASSERT_TRUE(c.ok()) << c.error().message;
    (*c)->start();
    pumpUntil(**c, 0.2);
    const std::vector<float> first = (*c)->release();
    EXPECT_TRUE((*c)->take().empty());
    EXPECT_EQ((*c)->seconds(), 0.0);
    ASSERT_GE(first.size(), std::size_t(0.2 * kMixRate));
    for (std::size_t i = 0; i < first.size(); ++i) ASSERT_EQ(first[i], signal[i]) << "sample " << i;

    // Still running: the next take goes on where the released one ended.
    pumpUntil(**c, 0.2);
    const std::vector<float>& next = (*c)->take();
    ASSERT_GE(next.size(), std::size_t(0.2 * kMixRate));
    for (std::size_t i = 0; i < next.size() && first.size() + i < signal.size(); ++i)
        ASSERT_EQ(next[i], signal[first.size() + i]) << "sample " << i;

    // What the device captured but no pump collected yet is forgotten too.
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    (*c)->clear();
    EXPECT_TRUE((*c)->take().empty());
    EXPECT_EQ((*c)->seconds(), 0.0);
    EXPECT_EQ((*c)->level().peakDb, -120.f);
    (*c)->stop();
    EXPECT_LT((*c)->seconds(), 0.1) << "stop() after clear() brings back only what came after it";
}

TEST_F(CaptureTest, AUiThreadThatFallsBehindCountsOverrunsAndKeepsTheOldest) {
    const std::vector<float> signal = testSignal(kMixRate);
    useDisk(writeRaw(signal, "overrun.raw"), 1);
    CaptureDesc desc;
    desc.bufferSec = 0.05; // 2400 samples, a ring of 4096
    auto c = Capture::open(desc);
    ASSERT_TRUE(c.ok()) << c.error().message;
    log::Capture logged;
    (*c)->start();
    std::this_thread::sleep_for(std::chrono::milliseconds(150)); // far more than 4096 samples arrive
    const std::size_t got = (*c)->pump();
    EXPECT_GT((*c)->overruns(), 0u);
    EXPECT_TRUE(logged.has("capture.overrun"));
    EXPECT_LE(got, 4096u);
    ASSERT_GE(got, 2400u);
    for (std::size_t i = 0; i < got; ++i) ASSERT_EQ((*c)->take()[i], signal[i]) << "sample " << i;
    (*c)->stop();
}

TEST_F(CaptureTest, ListsTheDiskDriversMicrophoneAndOpensItByName) {
    useDisk(writeRaw(testSignal(kMixRate), "named.raw"));
    const std::vector<std::string> names = Capture::devices();
    ASSERT_FALSE(names.empty());
    EXPECT_EQ(SDL_WasInit(SDL_INIT_AUDIO), 0u) << "devices() must not leave SDL audio running";
    CaptureDesc desc;
    desc.device = names.front();
    auto c = Capture::open(desc);
    ASSERT_TRUE(c.ok()) << c.error().message;
    EXPECT_EQ((*c)->deviceName(), names.front());
}

TEST_F(CaptureTest, AMicrophoneThatIsNotThereIsNamedInTheError) {
    useDisk(writeRaw(testSignal(kMixRate), "unnamed.raw"));
    log::Capture logged;
    CaptureDesc desc;
    desc.device = "Soma Test Microphone That Is Not There";
    auto c = Capture::open(desc);
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.error().id, "capture.open");
    EXPECT_NE(c.error().message.find("\"Soma Test Microphone That Is Not There\""), std::string::npos) << c.error().message;
    EXPECT_TRUE(logged.has("capture.open"));
}

TEST_F(CaptureTest, NoAudioDriverMeansNoMicrophoneAndSaysWhatToDo) {
    // SDL 2.26's `dummy` driver does offer a microphone (of silence), so
    // "none" is a driver that cannot start.
    setEnv("SDL_AUDIODRIVER", "soma-no-such-driver");
    EXPECT_TRUE(Capture::devices().empty());
    log::Capture logged;
    auto c = Capture::open();
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.error().id, "capture.none");
    EXPECT_NE(c.error().message.find("Connect one"), std::string::npos) << c.error().message;
    EXPECT_NE(c.error().message.find((paths::dataHome() / "recordings").string() + "/<exercise>/<lang>/<step id>.wav"),
              std::string::npos)
        << c.error().message;
    EXPECT_TRUE(logged.has("capture.none"));
}

TEST_F(CaptureTest, ADriverThatListsNoMicrophoneMeansNoMicrophone) {
    // ALSA with an empty configuration knows no device at all, whatever the
    // machine has plugged in: the case of a computer without a microphone.
    // (Where SDL was built without ALSA the driver cannot start, which is
    // "none" as well.)
    const fs::path empty = tempFile("empty-alsa.conf");
    std::ofstream(empty, std::ios::trunc).flush();
    setEnv("SDL_AUDIODRIVER", "alsa");
    setEnv("ALSA_CONFIG_PATH", empty.string());
    EXPECT_TRUE(Capture::devices().empty());
    auto c = Capture::open();
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.error().id, "capture.none");
}

} // namespace
} // namespace soma
