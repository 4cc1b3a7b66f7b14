// The host extension "soma.recording/1": a native plugin names the file a
// person's own recording of a step is filed under (slot), or ships a
// recording of its own (file), as a script's [step.recording] does. The
// fixture (tests/fixtures/plugins/recording.c) is opened directly, and its
// sessions built by the real session builder with a stand-in recording made
// by another built-in voice. A plugin from before the extension, and the
// SDK on a host without it, go on as before. The shipped natives file their
// repeated sentences under one name, and never two different texts under
// the same.
#include "PluginTestSupport.h"

#include "audio/Voice.h"
#include "audio/WavWriter.h"
#include "core/Log.h"
#include "model/Narration.h"
#include "model/Rules.h"
#include "plugin/NativeExercise.h"
#include "session/Session.h"
#include "session/SessionBuilder.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <soma/plugin_cpp.h>

#include <cmath>
#include <cstddef>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <set>

namespace soma {
namespace {

namespace fs = std::filesystem;
using test::scratchDir;

constexpr std::int64_t kT = 1700000000;

std::string vttTime(Samples t) {
    const double s = double(t) / double(kMixRate);
    const int h = int(s / 3600), m = int(std::fmod(s, 3600.0) / 60), ms = int(std::lround(std::fmod(s, 60.0) * 1000.0));
    return fmt::format("{:02d}:{:02d}:{:02d}.{:03d}", h, m, ms / 1000, ms % 1000);
}

// A stand-in for a person's recording of `narration`: another voice,
// faster, written as a WAV with its words and marks in a WebVTT file.
Utterance record(const fs::path& audio, const fs::path& marks, const std::string& narration) {
    NarrationMarkup markup;
    NarrationError err;
    EXPECT_TRUE(parseNarration(narration, markup, err)) << err.message;
    auto spoken = speak(toSsml(markup), VoiceSettings{"en+f3", 170, 0});
    EXPECT_TRUE(spoken) << spoken.error().message;
    if (!spoken) return {};
    fs::create_directories(audio.parent_path());
    auto wav = WavWriter::create(audio, 1);
    EXPECT_TRUE(wav);
    EXPECT_TRUE((*wav)->write(spoken->pcm.data(), spoken->pcm.size()).ok());
    EXPECT_TRUE((*wav)->close().ok());
    std::ofstream vtt(marks);
    vtt << "WEBVTT\n";
    for (const MarkTiming& m : spoken->marks) vtt << "\n" << vttTime(m.at) << " --> " << vttTime(m.at) << "\nmark:" << m.name << "\n";
    for (const WordTiming& w : spoken->words) vtt << "\n" << vttTime(w.start) << " --> " << vttTime(w.end) << "\n" << w.text << "\n";
    return *spoken;
}

std::unique_ptr<NativeExercise> openFixture(const fs::path& library = test::fixturePlugin("recording") / "recording.so") {
    auto ex = NativeExercise::open(library);
    EXPECT_TRUE(ex) << ex.error().message;
    return ex ? std::move(ex).value() : nullptr;
}

Result<SessionRequest> describe(NativeExercise& ex, const std::string& variant) {
    DescribeOptions o;
    o.lang = "en";
    o.variant = variant;
    return ex.describe(o);
}

const SessionStep* stepById(const Session& s, const std::string& id) {
    for (const SessionStep& st : s.steps)
        if (st.id == id) return &st;
    return nullptr;
}

std::vector<log::Record> errors(const log::Capture& c) {
    std::vector<log::Record> out;
    for (const auto& r : c.records())
        if (r.level == log::Level::Error) out.push_back(r);
    return out;
}

} // namespace

TEST(RecordingExtension, StepsSharingASlotAreSpokenByThePersonsRecordingFiledUnderIt) {
    auto ex = openFixture();
    ASSERT_TRUE(ex);
    auto rq = describe(*ex, "slots");
    ASSERT_TRUE(rq) << rq.error().message;
    ASSERT_EQ(rq->steps.size(), 3u);
    EXPECT_EQ(rq->steps[0].recordingSlot, "greeting");
    EXPECT_EQ(rq->steps[1].recordingSlot, "greeting") << "the last call for a step wins";
    EXPECT_EQ(rq->steps[2].recordingSlot, "") << "a step without a slot is filed under its id";

    // The person recorded the words once, under the slot's name; nothing
    // under the steps' ids.
    const fs::path dir = scratchDir("own-recordings");
    const Utterance spoken = record(dir / "greeting.wav", dir / "greeting.vtt", rq->steps[0].narration);
    ASSERT_NE(spoken.mark("belly"), nullptr);
    SessionBuildOptions options;
    options.userRecordings = dir;
    log::Capture cap;
    auto s = buildSession(*rq, options);
    ASSERT_TRUE(s) << s.error().message;
    EXPECT_TRUE(errors(cap).empty()) << errors(cap).front().message;
    for (const char* id : {"one", "two"}) {
        const SessionStep* st = stepById(*s, id);
        ASSERT_TRUE(st && st->clip >= 0) << id;
        const NarrationClip& clip = s->clips[size_t(st->clip)];
        EXPECT_EQ(clip.recording, dir / "greeting.wav") << id << " is spoken by the recording filed under its slot";
        // Its highlight starts on the recording's own mark.
        bool found = false;
        for (const TimedHighlight& h : s->highlights)
            if (h.step == id && h.mark == "belly") {
                found = true;
                EXPECT_NEAR(double(h.start - clip.at) / kMixRate, double(spoken.mark("belly")->at) / kMixRate, 0.03) << id;
            }
        EXPECT_TRUE(found) << id;
    }
    const SessionStep* three = stepById(*s, "three");
    ASSERT_TRUE(three && three->clip >= 0);
    EXPECT_TRUE(s->clips[size_t(three->clip)].recording.empty()) << "the step without a slot has no recording under its id";
    EXPECT_TRUE(s->clips[size_t(three->clip)].speech) << "so the built-in voice speaks it";
}

TEST(RecordingExtension, AFileRelativeToThePluginsFolderSpeaksTheStep) {
    // The library in a folder of its own, with its recording beside it.
    const fs::path dir = scratchDir("shipped-recording");
    fs::copy_file(test::fixturePlugin("recording") / "recording.so", dir / "recording.so");
    auto ex = openFixture(dir / "recording.so");
    ASSERT_TRUE(ex);
    auto rq = describe(*ex, "file");
    ASSERT_TRUE(rq) << rq.error().message;
    ASSERT_EQ(rq->steps.size(), 1u);
    ASSERT_EQ(rq->steps[0].recordings.count("en"), 1u) << "in the session's language";
    EXPECT_EQ(rq->steps[0].recordings.at("en").audio, dir / "voice" / "one.wav");
    EXPECT_EQ(rq->steps[0].recordings.at("en").marks, dir / "voice" / "one.vtt");
    const Utterance spoken = record(dir / "voice" / "one.wav", dir / "voice" / "one.vtt", rq->steps[0].narration);

    log::Capture cap;
    auto s = buildSession(*rq);
    ASSERT_TRUE(s) << s.error().message;
    EXPECT_TRUE(errors(cap).empty()) << errors(cap).front().message;
    const SessionStep* st = stepById(*s, "one");
    ASSERT_TRUE(st && st->clip >= 0);
    const NarrationClip& clip = s->clips[size_t(st->clip)];
    EXPECT_EQ(clip.recording, dir / "voice" / "one.wav");
    EXPECT_FALSE(clip.speech) << "a recording streams from its file";
    EXPECT_EQ(st->speechEnd - st->speechStart, spoken.length()) << "the step lasts as long as the recording";

    // The recording the plugin ships comes before the person's own.
    const fs::path own = scratchDir("own-beside-shipped");
    record(own / "one.wav", own / "one.vtt", rq->steps[0].narration);
    SessionBuildOptions options;
    options.userRecordings = own;
    auto both = buildSession(*rq, options);
    ASSERT_TRUE(both) << both.error().message;
    const SessionStep* one = stepById(*both, "one");
    ASSERT_TRUE(one && one->clip >= 0);
    EXPECT_EQ(both->clips[size_t(one->clip)].recording, dir / "voice" / "one.wav");
}

// A plugin built before the extension (against the frozen 1.0 header) names
// no slot: the person's recording is found under the step id, as before.
TEST(RecordingExtension, APluginWithoutTheExtensionIsFiledUnderItsStepIds) {
    auto ex = openFixture(test::fixturePlugin("abi-1.0") / "abi-1.0.so");
    ASSERT_TRUE(ex);
    auto rq = describe(*ex, "short");
    ASSERT_TRUE(rq) << rq.error().message;
    ASSERT_FALSE(rq->steps.empty());
    for (const StepRequest& s : rq->steps) {
        EXPECT_TRUE(s.recordingSlot.empty()) << s.id;
        EXPECT_TRUE(s.recordings.empty()) << s.id;
    }
    const StepRequest& first = rq->steps[0];
    const fs::path dir = scratchDir("own-recordings-1.0");
    record(dir / (first.id + ".wav"), dir / (first.id + ".vtt"), first.narration);
    SessionBuildOptions options;
    options.userRecordings = dir;
    log::Capture cap;
    auto s = buildSession(*rq, options);
    ASSERT_TRUE(s) << s.error().message;
    EXPECT_TRUE(errors(cap).empty()) << errors(cap).front().message;
    const SessionStep* st = stepById(*s, first.id);
    ASSERT_TRUE(st && st->clip >= 0);
    EXPECT_EQ(s->clips[size_t(st->clip)].recording, dir / (first.id + ".wav"));
}

// The SDK's helpers on a host without the extension (a Soma from before
// it): false, and nothing called, so a plugin that uses them still loads.
TEST(RecordingExtension, TheSdkHelpersDoNothingOnAHostWithoutIt) {
    static int asked = 0;
    soma_host raw{};
    raw.struct_size = sizeof raw;
    raw.get_extension = [](const soma_host*, const char* id) -> const void* {
        asked += std::strcmp(id, SOMA_EXT_RECORDING) == 0;
        return nullptr;
    };
    sdk::Host host(&raw);
    EXPECT_FALSE(host.recordingSlot("greeting"));
    EXPECT_FALSE(host.recordingFile("voice/one.wav", "voice/one.vtt"));
    EXPECT_EQ(asked, 2);
    // A 1.0 host's table ends before get_extension: not even asked.
    raw.struct_size = static_cast<uint32_t>(offsetof(soma_host, get_extension));
    EXPECT_FALSE(host.recordingSlot("greeting"));
    EXPECT_EQ(asked, 2);
}

TEST(RecordingExtension, AMissingFileFallsBackToTheBuiltInVoiceWithOneErrorNamingIt) {
    auto ex = openFixture();
    ASSERT_TRUE(ex);
    auto rq = describe(*ex, "file-missing");
    ASSERT_TRUE(rq) << "a file that is not there fails nothing when the plugin names it: " << rq.error().message;
    log::Capture cap;
    auto s = buildSession(*rq);
    ASSERT_TRUE(s) << s.error().message;
    const auto errs = errors(cap);
    ASSERT_EQ(errs.size(), 1u) << "one clear error, not many";
    EXPECT_EQ(errs[0].id, "recording.open") << errs[0].message;
    EXPECT_NE(errs[0].message.find((test::fixturePlugin("recording") / "voice" / "gone.wav").string()), std::string::npos) << errs[0].message;
    EXPECT_NE(errs[0].message.find("recording.so (step 'one', soma.recording/1 file())"), std::string::npos) << errs[0].message;
    EXPECT_NE(errs[0].message.find("built-in voice"), std::string::npos) << errs[0].message;
    EXPECT_EQ(errs[0].message.find(":0:0"), std::string::npos) << "no line where there is none: " << errs[0].message;
    const SessionStep* st = stepById(*s, "one");
    ASSERT_TRUE(st && st->clip >= 0);
    const NarrationClip& clip = s->clips[size_t(st->clip)];
    EXPECT_TRUE(clip.recording.empty());
    ASSERT_TRUE(clip.speech) << "the built-in voice speaks the step";
    EXPECT_EQ(st->text, "Let your belly rest.");
}

TEST(RecordingExtension, BadNamesAndPathsAreRefusedAsInvalidArguments) {
    auto ex = openFixture();
    ASSERT_TRUE(ex);
    auto rq = describe(*ex, "bad-slot");
    ASSERT_FALSE(rq) << "a refused call fails the build";
    EXPECT_EQ(rq.error().id, "plugin.bad_value") << rq.error().message;
    EXPECT_NE(rq.error().message.find("recording slot 'Bad Name' must be 1-64 lowercase letters, digits, '_' or '-'"), std::string::npos)
        << rq.error().message;
    EXPECT_NE(rq.error().message.find("(step 'one')"), std::string::npos) << rq.error().message;
    const int bad = SOMA_ERROR_INVALID_ARGUMENT;
    EXPECT_NE(rq.error().message.find(fmt::format("the plugin says: slot(Bad Name)={0} slot(65)={0} slot()={0} slot(NULL)={0} file(NULL)={0} file()={0} file(marks 0x01)={0}", bad)),
              std::string::npos)
        << rq.error().message;
}

TEST(RecordingExtension, CallsWithoutAnOpenStepAreInTheWrongState) {
    auto ex = openFixture();
    ASSERT_TRUE(ex);
    auto rq = describe(*ex, "no-step");
    ASSERT_FALSE(rq);
    EXPECT_EQ(rq.error().id, "plugin.wrong_state") << rq.error().message;
    EXPECT_NE(rq.error().message.find("soma.recording/1 slot() called outside a step: call begin_step() first"), std::string::npos) << rq.error().message;
    EXPECT_NE(rq.error().message.find(fmt::format("the plugin says: slot={0} file={0}", SOMA_ERROR_WRONG_STATE)), std::string::npos)
        << rq.error().message;
}

// --- The shipped natives ------------------------------------------------------

class ShippedSlots : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        sReg = new PluginRegistry(PluginRegistry::load({test::shippedNatives()}, test::registryOptions(scratchDir("checks") / "checks.toml")));
        for (const auto& r : sReg->records()) ASSERT_TRUE(r.ok()) << r.path << ": " << r.status << ": " << r.message;
    }
    static void TearDownTestSuite() {
        delete sReg;
        sReg = nullptr;
    }
    static Exercise& exercise(const std::string& id) {
        Exercise* e = sReg->find(id);
        if (!e) throw std::runtime_error(id + " is not among the shipped natives");
        return *e;
    }
    static SessionRequest describe(const std::string& id, const std::string& lang, const std::string& variant, const TensionMap* map) {
        DescribeOptions opt;
        opt.lang = lang;
        opt.variant = variant;
        opt.tension = map;
        auto r = exercise(id).describe(opt);
        EXPECT_TRUE(r.ok()) << id << " " << lang << " " << variant << ": " << r.error().message;
        return r.ok() ? std::move(r).value() : SessionRequest{};
    }
    static PluginRegistry* sReg;
};

PluginRegistry* ShippedSlots::sReg = nullptr;

TensionMap mapOf(std::vector<TensionRating> ratings) {
    TensionMap m;
    m.ratings = std::move(ratings);
    return m;
}

// The name a step's own recording is filed under.
std::string slotOf(const StepRequest& s) { return s.recordingSlot.empty() ? s.id : s.recordingSlot; }

// Over steps of one language (from any sessions of one exercise): the same
// words always have the same name, and one name never has two texts, so a
// person records each text once and no recording speaks other words. Every
// name is a valid one. Returns how many steps share a name with another.
int expectSlotsFollowWords(const std::vector<StepRequest>& steps, const std::string& what) {
    std::map<std::string, std::string> slotOfText, textOfSlot;
    std::map<std::string, std::set<std::string>> idsOfSlot;
    for (const StepRequest& s : steps) {
        const std::string slot = slotOf(s);
        EXPECT_FALSE(checkRecordingSlot(slot)) << what << ": " << slot;
        auto [t, newText] = slotOfText.emplace(s.narration, slot);
        EXPECT_EQ(t->second, slot) << what << ": the same words under two names: step '" << s.id << "' says\n  " << s.narration;
        auto [n, newSlot] = textOfSlot.emplace(slot, s.narration);
        EXPECT_EQ(n->second, s.narration) << what << ": two texts under the name '" << slot << "' (step '" << s.id << "')";
        idsOfSlot[slot].insert(s.id);
    }
    int shared = 0;
    for (const auto& [slot, ids] : idsOfSlot)
        if (ids.size() > 1) shared += int(ids.size());
    return shared;
}

TEST_F(ShippedSlots, PendulationFilesItsRepeatedReturnUnderOneName) {
    const TensionMap middle = mapOf({{"shoulder_left", 5, "", kT}});
    const TensionMap high = mapOf({{"hand_left", 9, "", kT}, {"foot_left", 5, "", kT}});
    const TensionMap calm = mapOf({{"jaw", 1, "", kT}});
    for (const std::string lang : {"en", "nl"}) {
        std::vector<StepRequest> all;
        std::set<std::string> slots;
        for (const TensionMap* map : {static_cast<const TensionMap*>(nullptr), &middle, &high, &calm})
            for (const std::string variant : {"short", "long"}) {
                const SessionRequest r = describe("pendulation", lang, variant, map);
                all.insert(all.end(), r.steps.begin(), r.steps.end());
                for (const StepRequest& s : r.steps) slots.insert(slotOf(s));
            }
        // Two pauses in visits: two returns, ids with their own counters, the same words.
        DescribeOptions opt;
        opt.lang = lang;
        opt.variant = "long";
        opt.tension = &high;
        const SessionRequest r = describe("pendulation", lang, "long", &high);
        std::vector<StepRequest> returns;
        for (size_t i = 0; i < r.steps.size(); ++i)
            if (r.steps[i].id.rfind("tension_", 0) == 0 && returns.size() < 2) {
                auto ch = exercise("pendulation").onEvent({ExerciseEvent::Type::Paused, fromSeconds(60.0 + 30.0 * double(i)), int(i), r.steps[i].id}, opt);
                ASSERT_TRUE(ch.ok()) << ch.error().message;
                ASSERT_EQ(ch->insertSteps.size(), 1u);
                returns.push_back(ch->insertSteps[0]);
            }
        ASSERT_EQ(returns.size(), 2u);
        EXPECT_NE(returns[0].id, returns[1].id);
        EXPECT_EQ(returns[0].narration, returns[1].narration);
        EXPECT_EQ(returns[0].recordingSlot, "return_to_resource-hand_right") << "one stable name, whatever the id's counter";
        EXPECT_EQ(returns[1].recordingSlot, returns[0].recordingSlot);
        all.insert(all.end(), returns.begin(), returns.end());

        EXPECT_GE(expectSlotsFollowWords(all, "pendulation " + lang), 2);
        // The calm welcome and a gentle visit say other words under the
        // same ids: other names. A text that names a region names it too.
        EXPECT_TRUE(slots.count("arrive") && slots.count("arrive_calm")) << lang;
        EXPECT_TRUE(slots.count("tension_first-shoulder_left") && slots.count("tension_first_gentle-hand_left")) << lang;
        EXPECT_TRUE(slots.count("find_resource-hand_right")) << lang;
    }
}

TEST_F(ShippedSlots, PersonalScanFilesItsWordsNotItsSteps) {
    const TensionMap tense = mapOf({{"shoulder_left", 9, "", kT}, {"jaw", 8, "", kT},          {"neck", 5, "", kT},
                                    {"psoas_left", 6, "", kT},    {"knee_right", 4, "", kT},   {"belly", 3, "", kT},
                                    {"foot_left", 2, "", kT},     {"upper_arm_left", 1, "", kT}});
    const TensionMap calm = mapOf({{"jaw", 0, "", kT}});
    // Two gentle visits whose only neighbours are too tense to start from:
    // the same sentence about the ground before each.
    const TensionMap apart = mapOf({{"hand_left", 9, "", kT}, {"forearm_left", 4, "", kT}, {"foot_right", 8, "", kT}, {"lower_leg_right", 4, "", kT}});
    for (const std::string lang : {"en", "nl"}) {
        std::vector<StepRequest> all;
        std::set<std::string> slots;
        const SessionRequest r = describe("personal-scan", lang, "short", &apart);
        std::map<std::string, std::string> slotOfId;
        for (const StepRequest& s : r.steps) slotOfId[s.id] = slotOf(s);
        EXPECT_EQ(slotOfId["near_hand_left"], "near_ground") << lang;
        EXPECT_EQ(slotOfId["near_foot_right"], "near_ground") << lang;
        all.insert(all.end(), r.steps.begin(), r.steps.end());
        for (const TensionMap* map : {static_cast<const TensionMap*>(nullptr), &tense, &calm})
            for (const std::string variant : {"short", "long"}) {
                const SessionRequest r = describe("personal-scan", lang, variant, map);
                all.insert(all.end(), r.steps.begin(), r.steps.end());
                for (const StepRequest& s : r.steps) slots.insert(slotOf(s));
            }
        EXPECT_GE(expectSlotsFollowWords(all, "personal-scan " + lang), 2) << lang;
        // Three welcomes under the step id "arrive": three names.
        EXPECT_TRUE(slots.count("arrive_mapped") && slots.count("arrive_calm") && slots.count("arrive_no_map")) << lang;
        EXPECT_FALSE(slots.count("arrive")) << lang;
        EXPECT_FALSE(slots.count("linger_jaw")) << "a stay is filed under its words and place, not its step: " << lang;
    }
}

TEST_F(ShippedSlots, DiaphragmBreathingSaysEachTextOnceUnderItsStepId) {
    for (const std::string lang : {"en", "nl"}) {
        std::vector<StepRequest> all;
        for (const std::string variant : {"short", "long"}) {
            const SessionRequest r = describe("diaphragm-breathing", lang, variant, nullptr);
            all.insert(all.end(), r.steps.begin(), r.steps.end());
        }
        expectSlotsFollowWords(all, "diaphragm-breathing " + lang);
    }
}

} // namespace soma
