// `soma export` end to end, through the real program: every shipped
// exercise in both languages and both variants (files present and
// consistent, enough real narration), highlight sync measured from the
// exported voice.wav, and one tiny export with video.
#include "core/Paths.h"
#include "Json.h"
#include "plugin/PluginRegistry.h"
#include "plugin/script/ScriptExercise.h"
#include "session/Pacing.h"
#include "session/Sequencer.h"
#include "support/RunProgram.h"

#include <gtest/gtest.h>
#include <sndfile.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <unistd.h>

namespace soma {
namespace {

namespace fs = std::filesystem;
using test::Json;

const std::vector<std::string> kShipped{"body-scan",   "diaphragm-breathing", "psoas-release", "shoulder-neck-release",
                                        "grounding",   "pendulation",         "orienting",     "self-holding",
                                        "voo-breath",  "breathing-pause",     "personal-scan"};

// breathing-pause is a pause of 2-3 minutes for the middle of a day: it has
// one variant, and fewer words than a full exercise.
bool shortOnly(const std::string& id) { return id == "breathing-pause"; }

struct Wav {
    int channels = 0;
    int rate = 0;
    std::vector<float> data; // interleaved
    long frames() const { return channels ? long(data.size()) / channels : 0; }
    float at(long frame, int ch = 0) const { return data[size_t(frame) * size_t(channels) + size_t(ch)]; }
};

Wav readWav(const fs::path& p) {
    Wav w;
    SF_INFO info{};
    SNDFILE* f = sf_open(p.c_str(), SFM_READ, &info);
    if (!f) return w;
    w.channels = info.channels;
    w.rate = info.samplerate;
    w.data.resize(size_t(info.frames) * size_t(info.channels));
    sf_readf_float(f, w.data.data(), info.frames);
    sf_close(f);
    return w;
}

std::string readText(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

double rms(const Wav& w, double fromSec, double toSec) {
    long a = std::max(0L, long(fromSec * w.rate)), b = std::min(w.frames(), long(toSec * w.rate));
    double s = 0;
    long n = 0;
    for (long i = a; i < b; ++i)
        for (int c = 0; c < w.channels; ++c) s += double(w.at(i, c)) * w.at(i, c), ++n;
    return n ? std::sqrt(s / double(n)) : 0.0;
}

// The audible onset of the word at about `sec`, measured as energy: RMS
// over 2 ms windows (1 ms hop); the onset is the first window above
// `threshold` after at least 50 ms of windows below it, searched within
// 80 ms either side. -1 when the word follows no silence (it runs on from
// the previous word), so it has no onset to measure.
double onsetAfterSilence(const Wav& v, double sec, float threshold) {
    const long rate = v.rate, hop = rate / 1000, win = 2 * hop, silence = 50;
    auto energy = [&](long start) {
        double e = 0;
        for (long i = start; i < start + win && i < v.frames(); ++i) e += double(v.at(i)) * v.at(i);
        return std::sqrt(e / double(win));
    };
    const long from = long((sec - 0.08) * double(rate)) / hop, to = long((sec + 0.08) * double(rate)) / hop;
    long quiet = 0;
    for (long k = std::max(0L, from - silence); k < to && k * hop < v.frames(); ++k) {
        if (energy(k * hop) < threshold) {
            ++quiet;
            continue;
        }
        if (k >= from && quiet >= silence) return double(k * hop) / double(rate);
        quiet = 0;
    }
    return -1;
}

// The threshold: 40 dB under the loudest 2 ms of the voice.
float onsetThreshold(const Wav& v) {
    double peak = 0;
    const long hop = v.rate / 1000;
    for (long k = 0; (k + 2) * hop <= v.frames(); ++k) {
        double e = 0;
        for (long i = k * hop; i < (k + 2) * hop; ++i) e += double(v.at(i)) * v.at(i);
        peak = std::max(peak, std::sqrt(e / double(2 * hop)));
    }
    return float(peak * 0.01);
}

struct ExportDir {
    fs::path dir;
    explicit ExportDir(const std::string& name)
        : dir(fs::temp_directory_path() / ("soma-export-" + name + "-" + std::to_string(getpid()))) {
        fs::remove_all(dir);
    }
    ~ExportDir() {
        std::error_code ec;
        fs::remove_all(dir, ec); // the big files must not pile up on the disk
    }
};

struct Checked {
    Json timeline;
    int words = 0;        // spoken, without the opening note
    int anchored = 0;     // highlights on a mark
    int measured = 0;     // of those, with an onset after silence
    double worstMs = 0;   // largest |highlight start - measured onset|
};

// Everything an export must hold and how the files agree with each other.
Checked checkExport(const fs::path& dir, const std::string& exercise, const std::string& lang, const std::string& variant) {
    Checked out;
    for (const char* f : {"audio.wav", "voice.wav", "captions.vtt", "timeline.json"})
        EXPECT_TRUE(fs::is_regular_file(dir / f)) << f;
    Json t;
    try {
        t = Json::parse(readText(dir / "timeline.json"));
    } catch (const std::exception& e) {
        ADD_FAILURE() << "timeline.json is not JSON: " << e.what();
        return out;
    }
    std::vector<std::string> keys;
    for (auto& [k, v] : t.object) keys.push_back(k);
    EXPECT_EQ(keys, (std::vector<std::string>{"exercise", "lang", "variant", "duration", "cues"}));
    EXPECT_EQ(t["exercise"].string, exercise);
    EXPECT_EQ(t["lang"].string, lang);
    EXPECT_EQ(t["variant"].string, variant);
    const double duration = t["duration"].number;
    EXPECT_GT(duration, 10.0);

    const Wav audio = readWav(dir / "audio.wav");
    const Wav voice = readWav(dir / "voice.wav");
    EXPECT_EQ(audio.rate, 48000);
    EXPECT_EQ(audio.channels, 2);
    EXPECT_EQ(voice.rate, 48000);
    EXPECT_EQ(voice.channels, 1);
    EXPECT_NEAR(double(audio.frames()), duration * 48000, 1.0);
    EXPECT_EQ(audio.frames(), voice.frames());
    EXPECT_GT(rms(audio, 0, duration), 1e-3);

    const std::set<std::string> types{"highlight", "narration", "breath", "pose", "camera", "ambience", "caption"};
    std::vector<std::pair<double, double>> narration;
    int captions = 0;
    const float threshold = onsetThreshold(voice);
    for (const Json& c : t["cues"].array) {
        const std::string type = c["type"].string;
        EXPECT_TRUE(types.count(type)) << type;
        const double a = c["start"].number, b = c["end"].number;
        EXPECT_LE(0.0, a);
        EXPECT_LE(a, b) << type;
        EXPECT_LE(b, duration + 1e-6) << type;
        EXPECT_TRUE(c["mark"].isNull() || c["mark"].type == Json::Type::String);
        if (type == "narration") {
            narration.emplace_back(a, b);
            if (c["step"].string != "soma-note") out.words += int(c["words"].number);
            EXPECT_GT(rms(voice, a, b), 1e-3) << "narration without sound at " << a;
        }
        if (type == "caption") ++captions;
        if (type == "highlight") {
            EXPECT_EQ(c["region"].type, Json::Type::String);
            if (c["mark"].isNull()) continue;
            ++out.anchored;
            // A mark lies inside the speech it belongs to.
            bool inside = std::any_of(narration.begin(), narration.end(), [&](auto& n) { return a >= n.first && a <= n.second; });
            EXPECT_TRUE(inside) << "highlight on " << c["mark"].string << " at " << a;
            const double onset = onsetAfterSilence(voice, a, threshold);
            if (onset < 0) continue;
            ++out.measured;
            out.worstMs = std::max(out.worstMs, std::abs(onset - a) * 1000.0);
            EXPECT_LE(std::abs(onset - a), 0.020) << "highlight on '" << c["mark"].string << "' (" << c["word"].string
                                                  << ") starts at " << a << " s, the word is heard from " << onset << " s";
        }
    }
    // Nothing flashes: at most 3 distinct highlight onsets in any second
    // (highlights starting together on one word are one onset).
    {
        std::vector<double> onsets;
        for (const Json& c : t["cues"].array)
            if (c["type"].string == "highlight") onsets.push_back(c["start"].number);
        std::sort(onsets.begin(), onsets.end());
        onsets.erase(std::unique(onsets.begin(), onsets.end(), [](double a, double b) { return b - a < 0.05; }), onsets.end());
        for (size_t i = 0; i + 3 < onsets.size(); ++i)
            EXPECT_GE(onsets[i + 3] - onsets[i], 1.0) << "4 highlight onsets within a second from " << onsets[i] << " s";
    }
    // Between narration clips the voice is silent.
    for (size_t i = 1; i < narration.size(); ++i)
        if (narration[i].first - narration[i - 1].second > 0.5) {
            EXPECT_LT(rms(voice, narration[i - 1].second + 0.1, narration[i].first - 0.1), 1e-5);
        }
    const std::string vtt = readText(dir / "captions.vtt");
    EXPECT_EQ(vtt.rfind("WEBVTT", 0), 0u);
    size_t arrows = 0;
    for (size_t p = vtt.find("-->"); p != std::string::npos; p = vtt.find("-->", p + 3)) ++arrows;
    EXPECT_EQ(int(arrows), captions);
    EXPECT_GT(captions, 0);
    out.timeline = std::move(t);
    return out;
}

std::string caseName(const std::string& id, const std::string& lang, const std::string& variant) {
    std::string n = id + "_" + lang + "_" + variant;
    std::replace(n.begin(), n.end(), '-', '_');
    return n;
}

using ShippedCase = std::tuple<std::string, std::string, std::string>;

class ShippedExport : public ::testing::TestWithParam<ShippedCase> {};

// The room the voice leaves, measured on the exported voice stem itself
// with the highlights of the exported timeline (session/Pacing.h).
Pacing pacingOfExport(const fs::path& dir, const Checked& c) {
    const Wav voice = readWav(dir / "voice.wav");
    EXPECT_EQ(voice.channels, 1);
    VoiceQuiet quiet(voice.rate);
    quiet.feed(voice.data.data(), voice.data.size() / size_t(std::max(1, voice.channels)));
    std::vector<Naming> namings;
    for (const Json& cue : c.timeline["cues"].array)
        if (cue["type"].string == "highlight") namings.push_back({cue["start"].number, cue["region"].string});
    return measurePacing(quiet, namings, c.words);
}

TEST_P(ShippedExport, ExportsConsistentlyAndLeavesRoomToFeel) {
    const auto& [id, lang, variant] = GetParam();
    ExportDir d(caseName(id, lang, variant));
    auto r = test::runSoma({"export", id, "--lang", lang, "--variant", variant, "--out", d.dir.string(), "--no-reverb"});
    ASSERT_EQ(r.exitCode, 0) << r.out;
    Checked c = checkExport(d.dir, id, lang, variant);
    // Real narration (the narration cues' words), paced for a body scan: at
    // most 80 words a minute, at least 35% of the voice quiet, at least 8 s
    // of quiet after each newly named region (issue 13).
    const Pacing p = pacingOfExport(d.dir, c);
    EXPECT_GT(c.words, 100) << id << " " << lang << " " << variant;
    EXPECT_FALSE(p.afterNamings.empty()) << "no region is ever named";
    for (const std::string& problem : p.problems()) ADD_FAILURE() << id << " " << lang << " " << variant << ": " << problem;
    std::printf("%s %s %s: %s; %d words, %d anchored highlights, %d measured, worst %.1f ms\n", id.c_str(), lang.c_str(),
                variant.c_str(), p.summary().c_str(), c.words, c.anchored, c.measured, c.worstMs);
}

std::vector<ShippedCase> shippedCases() {
    std::vector<ShippedCase> cases;
    for (const auto& id : kShipped)
        for (const char* lang : {"nl", "en"})
            for (const char* variant : {"short", "long"})
                if (!(shortOnly(id) && std::string(variant) == "long")) cases.emplace_back(id, lang, variant);
    return cases;
}

INSTANTIATE_TEST_SUITE_P(Shipped, ShippedExport, ::testing::ValuesIn(shippedCases()),
                         [](const auto& info) {
                             return caseName(std::get<0>(info.param), std::get<1>(info.param), std::get<2>(info.param));
                         });

TEST(ShippedExercises, AllValidateAndNoneIsLeftOut) {
    RegistryOptions ro;
    ro.validator = SOMA_BINARY;
    PluginRegistry reg = PluginRegistry::load(paths::pluginDirs(), ro);
    for (const auto& r : reg.records()) EXPECT_TRUE(r.ok()) << r.path << ": " << r.message;
    for (const auto& id : kShipped) {
        Exercise* e = reg.find(id);
        ASSERT_TRUE(e) << id << " is not shipped";
        for (const char* lang : {"nl", "en"})
            EXPECT_NE(std::find(e->info().languages.begin(), e->info().languages.end(), lang), e->info().languages.end());
    }
    // Every shipped exercise is one the export sweep covers.
    for (Exercise* e : reg.exercises())
        EXPECT_NE(std::find(kShipped.begin(), kShipped.end(), e->info().id), kShipped.end()) << e->info().id;
    // And the scripts pass `soma validate`.
    auto v = test::runSoma({"validate", (paths::shareDir() / "plugins").string()});
    EXPECT_EQ(v.exitCode, 0) << v.out;
}

// The fixture exercise, installed where the program looks for the user's
// own plugins ($XDG_DATA_HOME, a fresh folder per test process).
void installFixture(const std::string& name) {
    const char* data = std::getenv("XDG_DATA_HOME");
    ASSERT_TRUE(data);
    const fs::path to = fs::path(data) / "soma" / "plugins" / name;
    fs::create_directories(to);
    for (const char* f : {"manifest.toml", "script.toml"})
        fs::copy_file(fs::path(SOMA_FIXTURE_DIR) / "scripts" / name / f, to / f, fs::copy_options::overwrite_existing);
}

class SyncExport : public ::testing::TestWithParam<std::string> {};

TEST_P(SyncExport, HighlightsStartOnTheHeardWordInAudioAndFrames) {
    const std::string lang = GetParam();
    installFixture("sync");
    ExportDir d("sync-" + lang);
    auto r = test::runSoma({"export", "sync", "--lang", lang, "--out", d.dir.string()});
    ASSERT_EQ(r.exitCode, 0) << r.out;
    Checked c = checkExport(d.dir, "sync", lang, "short");
    ASSERT_EQ(c.anchored, 6);
    EXPECT_EQ(c.measured, 6); // every mark of this fixture follows a pause
    // Each highlight's word is the word its mark stands before (in English
    // the mark's own name: <mark name="chest"/>Chest).
    if (lang == "en")
        for (const Json& cue : c.timeline["cues"].array) {
            if (cue["type"].string != "highlight") continue;
            std::string word;
            for (char ch : cue["word"].string)
                if (std::isalpha(static_cast<unsigned char>(ch))) word += char(std::tolower(static_cast<unsigned char>(ch)));
            EXPECT_EQ(word, cue["mark"].string);
        }
    std::printf("sync %s: worst highlight-to-onset %.1f ms over %d words\n", lang.c_str(), c.worstMs, c.measured);

    // Frames: frame i shows the sequencer's state at i/30 s. The first
    // frame in which a highlight (at its exported time) has any intensity
    // lies within one frame of the word's heard onset, allowing the onset
    // measurement its few milliseconds (5 ms).
    const Wav voice = readWav(d.dir / "voice.wav");
    const float threshold = onsetThreshold(voice);
    constexpr Samples kFrame = kMixRate / 30;
    int checked = 0;
    for (const Json& cue : c.timeline["cues"].array) {
        if (cue["type"].string != "highlight") continue;
        TimedHighlight h;
        h.start = fromSeconds(cue["start"].number);
        h.fadeIn = h.fadeOut = fromSeconds(0.5);
        h.holdEnd = fromSeconds(cue["end"].number) - h.fadeOut;
        const double onset = onsetAfterSilence(voice, cue["start"].number, threshold);
        ASSERT_GE(onset, 0) << cue["mark"].string;
        Samples first = -1;
        for (Samples f = 0; f * kFrame < h.end(); ++f)
            if (highlightIntensity(h, f * kFrame) > 0.0f) {
                first = f * kFrame;
                break;
            }
        ASSERT_GE(first, 0) << cue["mark"].string;
        EXPECT_LE(std::abs(toSeconds(first) - onset), 1.0 / 30.0 + 0.005) << cue["mark"].string;
        ++checked;
    }
    EXPECT_EQ(checked, 6);
}

INSTANTIATE_TEST_SUITE_P(Languages, SyncExport, ::testing::Values("nl", "en"));

TEST(Export, TinyVideoWithSoundAtThirtyFps) {
    installFixture("good");
    ExportDir d("video");
    auto r = test::runSoma({"export", "good", "--lang", "en", "--out", d.dir.string(), "--video", "--frames", "--width", "96",
                            "--height", "54", "--max-seconds", "2.5"});
    ASSERT_EQ(r.exitCode, 0) << r.out;
    ASSERT_TRUE(fs::is_regular_file(d.dir / "video.mp4"));
    int pngs = 0;
    for (auto& e : fs::directory_iterator(d.dir / "frames")) pngs += e.path().extension() == ".png";
    EXPECT_EQ(pngs, 75); // 2.5 s at 30 fps
    const std::string cmd = "ffprobe -v error -show_entries stream=codec_type,r_frame_rate,nb_frames -of csv=p=0 '" +
                            (d.dir / "video.mp4").string() + "'";
    FILE* p = popen(cmd.c_str(), "r");
    ASSERT_TRUE(p);
    std::string probe;
    char buf[256];
    while (fgets(buf, sizeof buf, p)) probe += buf;
    pclose(p);
    EXPECT_NE(probe.find("video,30/1,75"), std::string::npos) << probe;
    EXPECT_NE(probe.find("audio"), std::string::npos) << probe;
}

// The mix of audio.wav follows the person's settings (voice_volume,
// ambience), and the command line overrides them for one export; voice.wav
// stays the narration at its own level.
TEST(Export, TheMixFollowsTheSettingsAndTheFlags) {
    installFixture("good"); // no ambience, no pacer: audio.wav is the voice alone
    const fs::path config = fs::temp_directory_path() / ("soma-export-mix-config-" + std::to_string(getpid()));
    fs::create_directories(config / "soma");
    {
        std::ofstream f(config / "soma" / "settings.toml");
        f << "voice_volume = 0.25\n";
    }
    struct Case {
        std::vector<std::string> flags;
        bool settings;
        double voice; // the level audio.wav's voice should have
    };
    const Case cases[] = {{{}, false, 1.0},
                          {{"--voice-volume", "0.5"}, false, 0.5},
                          {{}, true, 0.25},
                          {{"--voice-volume", "1"}, true, 1.0}};
    double full = 0, fullVoice = 0;
    for (const Case& c : cases) {
        SCOPED_TRACE(::testing::PrintToString(c.flags) + (c.settings ? " with settings" : ""));
        ExportDir d("mix");
        std::vector<std::string> args{"export", "good", "--lang", "en", "--no-reverb", "--out", d.dir.string()};
        args.insert(args.end(), c.flags.begin(), c.flags.end());
        std::vector<std::string> env;
        if (c.settings) env.push_back("XDG_CONFIG_HOME=" + config.string());
        auto r = test::runSoma(args, env);
        ASSERT_EQ(r.exitCode, 0) << r.out;
        const Wav audio = readWav(d.dir / "audio.wav"), voice = readWav(d.dir / "voice.wav");
        const double level = rms(audio, 0, 1e9), voiceLevel = rms(voice, 0, 1e9);
        if (full == 0) full = level, fullVoice = voiceLevel;
        EXPECT_NEAR(level / full, c.voice, 0.01);
        EXPECT_NEAR(voiceLevel, fullVoice, 1e-9); // the stem itself is the narration as spoken
    }
    // An ambience for all, where the exercise has none, stays quiet; a
    // refused value says what is allowed.
    ExportDir d("mix-bed");
    auto bed = test::runSoma({"export", "good", "--lang", "en", "--no-reverb", "--ambience", "waves", "--out", d.dir.string()});
    ASSERT_EQ(bed.exitCode, 0) << bed.out;
    EXPECT_NEAR(rms(readWav(d.dir / "audio.wav"), 0, 1e9) / full, 1.0, 0.01);
    auto wrong = test::runSoma({"export", "good", "--ambience", "rain", "--out", d.dir.string()});
    EXPECT_NE(wrong.exitCode, 0);
    EXPECT_NE(wrong.out.find("brown-noise"), std::string::npos) << wrong.out;
    fs::remove_all(config);
}

} // namespace
} // namespace soma

namespace soma {
namespace {

// Without a display, `soma run` says so and exports instead; the default
// language follows LC_ALL, LC_MESSAGES, LANG.
TEST(RunCommand, WithoutDisplayExportsInTheSystemLanguage) {
    installFixture("good");
    struct Case {
        std::vector<std::string> env;
        const char* lang;
    };
    const Case cases[] = {
        {{"DISPLAY=", "WAYLAND_DISPLAY=", "LC_ALL=", "LC_MESSAGES=", "LANG=nl_NL.UTF-8"}, "nl"},
        {{"DISPLAY=", "WAYLAND_DISPLAY=", "LC_ALL=en_GB.UTF-8", "LC_MESSAGES=", "LANG=nl_NL.UTF-8"}, "en"},
        {{"DISPLAY=", "WAYLAND_DISPLAY=", "LC_ALL=", "LC_MESSAGES=nl_BE.UTF-8", "LANG=C"}, "nl"},
    };
    for (const Case& c : cases) {
        ExportDir d(std::string("run-") + c.lang);
        auto r = test::runSoma({"run", "good", "--out", d.dir.string()}, c.env);
        ASSERT_EQ(r.exitCode, 0) << r.out;
        EXPECT_NE(r.out.find("No display"), std::string::npos) << r.out;
        EXPECT_NE(r.out.find(d.dir.string()), std::string::npos) << "names the folder: " << r.out;
        Json t = Json::parse(readText(d.dir / "timeline.json"));
        EXPECT_EQ(t["lang"].string, c.lang);
        EXPECT_EQ(t["variant"].string, "short");
    }
}

} // namespace
} // namespace soma

namespace soma {
namespace {

// `soma render EXERCISE --at SECONDS`: the moment comes from the sequencer.
TEST(RenderCommand, RendersAMomentOfASession) {
    installFixture("good");
    const fs::path png = fs::temp_directory_path() / ("soma-render-at-" + std::to_string(getpid()) + ".png");
    auto r = test::runSoma({"render", "good", "--at", "3", "--out", png.string(), "--width", "64", "--height", "36"});
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_TRUE(fs::is_regular_file(png));
    fs::remove(png);
    auto late = test::runSoma({"render", "good", "--at", "50000", "--out", png.string(), "--width", "64", "--height", "36"});
    EXPECT_NE(late.exitCode, 0);
    EXPECT_NE(late.out.find("outside the session"), std::string::npos) << late.out;
    auto missing = test::runSoma({"render", "no-such-exercise", "--at", "1", "--out", png.string()});
    EXPECT_NE(missing.exitCode, 0);
    EXPECT_NE(missing.out.find("no-such-exercise"), std::string::npos) << missing.out;
    EXPECT_FALSE(fs::exists(png));
}

} // namespace
} // namespace soma
