#include "live/VoiceRecorder.h"

#include "audio/AudioEngine.h"
#include "catalog/Catalog.h"
#include "core/Log.h"
#include "live/SessionLoad.h"
#include "model/RegionAtlas.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>

namespace soma {
namespace {

bool startsWith(const std::string& s, std::string_view p) { return s.rfind(p, 0) == 0; }

// The moment's label: the word it lies on.
std::string wordAt(const MarksFile& marks, Samples at) {
    for (const WordTiming& w : marks.words)
        if (w.end > at) return w.text;
    return {};
}

constexpr double kAroundMarkSec = 0.6; // "hear it" plays from this long before a moment ...
constexpr double kHearSec = 1.6;       // ... for this long

} // namespace

VoiceRecorder::VoiceRecorder(VoiceRecorderDesc desc) : mDesc(std::move(desc)) {
    if (mDesc.recordings.empty()) mDesc.recordings = userRecordingsDir();
    mVoiceLang = mDesc.lang == "en" ? "en" : "nl";
}

VoiceRecorder::~VoiceRecorder() {
    if (mSaving.valid()) mSaving.wait(); // a take being written is finished, never cut off
    if (AudioEngine* a = audio()) a->clearNarration();
}

void VoiceRecorder::choose(const std::string& exercise, const std::string& voiceLang, const std::string& variant) {
    if (recording() || saving()) return;
    if (!exercise.empty()) mExercise = exercise;
    if (!voiceLang.empty()) mVoiceLang = voiceLang;
    if (!variant.empty()) mVariant = variant;
    if (mExercise.empty() && !mDesc.exercises.empty()) mExercise = mDesc.exercises.front().first;
    load();
}

void VoiceRecorder::load() {
    mTexts.clear();
    mOwn.reset();
    mMarks.reset();
    mChosen.clear();
    mMessage.clear();
    mFigureChanged = true;
    if (!mRegistry) mRegistry = PluginRegistry::loadDefault();
    auto exercise = findExercise(*mRegistry, mExercise);
    if (!exercise) {
        mMessage = exercise.error().message;
        return;
    }
    SessionChoice choice;
    choice.exercise = mExercise;
    choice.lang = mVoiceLang;
    choice.variant = mVariant;
    DescribeOptions describe;
    auto request = describeChoice(**exercise, choice, describe);
    if (!request) {
        mMessage = request.error().message;
        return;
    }
    mTexts = stepsToRead(*request);
    mOwn.emplace(mDesc.recordings / request->exercise / request->lang);
    const std::size_t first = mOwn->firstToRecord(mTexts);
    show(first < mTexts.size() ? first : 0);
    if (!mTexts.empty() && first == mTexts.size()) mMessage = uiText(mDesc.lang, "record.done");
}

void VoiceRecorder::show(std::size_t index) {
    mIndex = std::min(index, mTexts.empty() ? 0 : mTexts.size() - 1);
    mMarks.reset();
    mFigureChanged = true;
    const std::string before = mChosen;
    mChosen.clear();
    if (mTexts.empty() || !mOwn || mOwn->state(mTexts[mIndex]) != RecordingState::Recorded) return;
    auto marks = mOwn->marks(mTexts[mIndex].slot);
    if (!marks) return;
    mMarks = std::move(*marks);
    for (const MarkTiming& m : mMarks->marks)
        if (m.name == before) mChosen = before;
    if (mChosen.empty() && !mMarks->marks.empty()) mChosen = mMarks->marks.front().name;
}

void VoiceRecorder::act(const std::string& id) {
    if (id == "back") {
        if (mCapture) mCapture.reset(); // a take not finished is not kept
        if (AudioEngine* a = audio()) a->clearNarration();
        return;
    }
    if (id == "rec:record") {
        recording() ? stopTake() : startTake();
        return;
    }
    if (recording() || saving()) return; // the rest waits for the take
    const auto cycle = [&](int step) {
        const auto& ex = mDesc.exercises;
        auto it = std::find_if(ex.begin(), ex.end(), [&](const auto& e) { return e.first == mExercise; });
        const int n = int(ex.size());
        if (n == 0) return;
        const int at = it == ex.end() ? 0 : int(it - ex.begin());
        choose(ex[std::size_t(((at + step) % n + n) % n)].first, {}, {});
    };
    if (id == "rec:ex:prev") cycle(-1);
    else if (id == "rec:ex:next") cycle(1);
    else if (startsWith(id, "rec:lang:")) choose({}, id.substr(9), {});
    else if (startsWith(id, "rec:len:")) choose({}, {}, id.substr(8));
    else if (id == "rec:prev" && mIndex > 0) {
        show(mIndex - 1);
        mMessage.clear();
    } else if (id == "rec:next" && mIndex + 1 < mTexts.size()) {
        show(mIndex + 1);
        mMessage.clear();
    } else if (id == "rec:listen") listen(0, 0);
    else if (startsWith(id, "rec:mark:")) {
        mChosen = id.substr(9);
        mFigureChanged = true;
        hearChosen();
    } else if (startsWith(id, "rec:nudge:")) nudge(std::atoi(id.c_str() + 10));
    else if (id == "rec:hear") hearChosen();
}

const MarkTiming* VoiceRecorder::chosenMark() const {
    if (!mMarks) return nullptr;
    for (const MarkTiming& m : mMarks->marks)
        if (m.name == mChosen) return &m;
    return nullptr;
}

void VoiceRecorder::hearChosen() {
    if (const MarkTiming* m = chosenMark()) listen(std::max(0.0, toSeconds(m->at) - kAroundMarkSec), kHearSec);
}

void VoiceRecorder::startTake() {
    if (mTexts.empty() || saving()) return;
    if (AudioEngine* a = audio()) a->clearNarration(); // nothing plays into the microphone
    auto capture = Capture::open(mDesc.capture);
    if (!capture) {
        mMicMissing = capture.error().id == "capture.none";
        mMessage = mMicMissing ? uiText(mDesc.lang, "record.nomic") : capture.error().message;
        return;
    }
    mMicMissing = false;
    mCapture = std::move(*capture);
    mCapture->start();
    mMessage.clear();
    mShownPeak = -120;
}

void VoiceRecorder::stopTake() {
    if (!mCapture) return;
    mCapture->stop();
    std::vector<float> take = mCapture->release();
    mCapture.reset(); // the microphone is closed between takes
    const StepToRead step = mTexts[mIndex];
    const OwnRecordings own = *mOwn;
    const std::string lang = mVoiceLang;
    mSaving = std::async(std::launch::async, [step, own, lang, take = std::move(take)]() -> Result<SavedTake> {
        auto reference = readingReference(step, lang, {});
        if (!reference) return reference.error();
        return own.save(step, **reference, take, kMixRate);
    });
    mMessage = uiText(mDesc.lang, "record.saving");
}

bool VoiceRecorder::update() {
    bool changed = false;
    if (mCapture) {
        const double before = mCapture->seconds();
        mCapture->pump();
        const float peak = mCapture->level().peakDb;
        // The meter moves in 1 dB steps and the clock in tenths: the screen
        // is laid out again only then, not for every sample.
        if (std::abs(peak - mShownPeak) >= 1.0f || int(before * 10) != int(mCapture->seconds() * 10)) {
            mShownPeak = peak;
            changed = true;
        }
        if (mCapture->level().clipped) mMessage = uiText(mDesc.lang, "record.loud");
    }
    if (mSaving.valid() && mSaving.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
        Result<SavedTake> saved = mSaving.get();
        if (!saved) {
            log::warn(saved.error().id, "{}", saved.error().message);
            mMessage = fillIn(uiText(mDesc.lang, "record.failed"), "why", saved.error().message);
        } else {
            const std::string seconds = fmt::format("{:.1f}", saved->seconds);
            mMessage = saved->doubtful       ? uiText(mDesc.lang, "record.doubtful")
                       : saved->marks.empty() ? fillIn(uiText(mDesc.lang, "record.saved_plain"), "seconds", seconds)
                                              : fillIn(fillIn(uiText(mDesc.lang, "record.saved"), "seconds", seconds), "marks",
                                                       std::to_string(saved->marks.size()));
        }
        show(mIndex);
        changed = true;
    }
    return changed;
}

void VoiceRecorder::listen(double fromSec, double lengthSec) {
    AudioEngine* engine = audio();
    if (!engine || mTexts.empty() || !mOwn) return;
    AudioEngine& audio = *engine;
    audio.clearNarration();
    NarrationClip clip;
    clip.recording = mOwn->audioPath(mTexts[mIndex].slot);
    const Samples now = audio.mixedUntil();
    clip.at = now - fromSeconds(fromSec);
    if (lengthSec > 0) {
        clip.fadeOutAt = now + fromSeconds(lengthSec);
        clip.fadeOutLength = fromSeconds(0.08);
    }
    if (auto added = audio.addNarration(std::move(clip)); !added) {
        mMessage = added.error().message;
        return;
    }
    audio.play();
}

void VoiceRecorder::nudge(int ms) {
    const MarkTiming* chosen = chosenMark();
    if (!chosen) return;
    std::vector<MarkTiming> marks = mMarks->marks;
    marks[std::size_t(chosen - mMarks->marks.data())].at = std::max<Samples>(0, chosen->at + fromSeconds(ms / 1000.0));
    if (auto s = mOwn->saveMarks(mTexts[mIndex], marks); !s) {
        mMessage = s.error().message;
        return;
    }
    mMarks->marks = std::move(marks);
    hearChosen();
}

ui::RecordState VoiceRecorder::state() const {
    ui::RecordState s;
    s.lang = mDesc.lang;
    s.exercises = mDesc.exercises;
    s.exercise = mExercise;
    s.voiceLang = mVoiceLang;
    s.variant = mVariant;
    s.count = int(mTexts.size());
    s.index = int(mIndex);
    s.recording = recording();
    s.saving = saving();
    s.canRecord = !mMicMissing;
    s.message = mMessage;
    if (mCapture) {
        s.seconds = mCapture->seconds();
        s.peakDb = mCapture->level().peakDb;
        s.clipped = mCapture->level().clipped;
    }
    if (mTexts.empty()) return s;
    const StepToRead& t = mTexts[mIndex];
    bool lit = false;
    for (const NarrationToken& tok : t.markup.tokens) {
        if (tok.kind == NarrationToken::Kind::Mark) lit = t.markRegions.count(tok.mark) > 0;
        if (tok.kind != NarrationToken::Kind::Text) continue;
        std::size_t p = 0;
        while (p < tok.text.size()) {
            const std::size_t q = tok.text.find_first_of(" \n\t", p);
            const std::string word = tok.text.substr(p, q == std::string::npos ? std::string::npos : q - p);
            if (!word.empty()) {
                s.words.push_back({word, lit});
                lit = false;
            }
            if (q == std::string::npos) break;
            p = q + 1;
        }
    }
    const RecordingState st = mOwn ? mOwn->state(t) : RecordingState::None;
    s.status = uiText(mDesc.lang, st == RecordingState::Recorded ? "record.state.recorded"
                                  : st == RecordingState::Stale  ? "record.state.stale"
                                  : st == RecordingState::Broken ? "record.state.broken"
                                                                 : "record.state.none");
    s.recorded = st == RecordingState::Recorded && mMarks.has_value();
    if (mMarks) {
        for (const MarkTiming& m : mMarks->marks) {
            std::string label = wordAt(*mMarks, m.at);
            while (!label.empty() && std::string_view(".,;:!?").find(label.back()) != std::string_view::npos) label.pop_back();
            if (label.empty()) label = m.name;
            s.moments.push_back({m.name, label, toSeconds(m.at)});
        }
        s.chosen = mChosen;
    }
    return s;
}

std::vector<std::string> VoiceRecorder::litRegions() const {
    if (mTexts.empty() || mChosen.empty()) return {};
    const auto& regions = mTexts[mIndex].markRegions;
    const auto it = regions.find(mChosen);
    return it == regions.end() ? std::vector<std::string>{} : it->second;
}

} // namespace soma
