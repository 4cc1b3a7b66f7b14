// session/OwnRecordings: a person's own voice for an exercise. Which texts
// there are to read (one per recording slot, in the order they are
// spoken), and turning a take of one into the files the session builder
// plays: silence trimmed, the exercise's pauses put back, loudness at the
// built-in voice's level, and every word and mark placed by aligning the
// take with the built-in voice's rendition of the same text.
//
// A person reads a step straight through; the exercise's own long quiet
// (a <break time="8s"/> after a region is named) would be a strain to wait
// out in front of a microphone. So the take is aligned with a rendition
// whose breaks are cut short, and each break's quiet is then put back into
// the take where the person paused, as long as the author wrote it: the
// exercise keeps its pace, whoever speaks.
//
// Files, in the exercise's folder for one language (see userRecordingsDir):
// <slot>.flac (16-bit, kMixRate, mono) and <slot>.vtt (WebVTT: a
// "NOTE soma-text <fingerprint>" block, a cue per word, a cue "mark:NAME"
// per mark). The fingerprint says which text was read: when the exercise's
// text changes, the old recording is stale and the built-in voice speaks
// until it is recorded again.
//
// Depends on audio/ (alignment, loudness, files), model/ and
// session/SessionBuilder (the built-in voice's rendition). Must never play
// or capture anything.
#pragma once

#include "audio/Alignment.h"
#include "audio/RecordedVoice.h"
#include "core/Result.h"
#include "model/Narration.h"
#include "model/SessionRequest.h"

#include <filesystem>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace soma {

struct SessionBuildOptions;

// A text to read: the first step filed under its slot.
struct StepToRead {
    std::string slot;        // the file name: the step's recordingSlot, else its id
    std::string stepId;      // the step that says it first
    NarrationMarkup markup;  // as written: words, marks and breaks
    std::string text;        // its plain words
    std::string fingerprint; // textFingerprint(text)
    std::map<std::string, std::vector<std::string>> markRegions; // mark -> the regions it lights
};

// What a person reads for `request`, in the order it is spoken, one per
// slot. Steps without narration, and steps the exercise gives a recording
// of its own in `request.lang` (which plays before a person's), are left
// out. Narration that cannot be parsed is left out too (the builder names
// it when the session is built).
std::vector<StepToRead> stepsToRead(const SessionRequest& request);

// The fingerprint of a plain text: its words (letters and digits, case
// folded), so a comma or a line break more does not make a recording stale.
// 16 hex digits (FNV-1a, 64 bits).
std::string textFingerprint(std::string_view plainText);

// The built-in voice's rendition a take is aligned with: the step's
// narration with every break cut to `breakCapSec`, and a mark
// "soma_pause_<n>" after the n-th break so the pause can be found in the take.
inline constexpr double kReadingBreakSec = 0.6;
Result<std::shared_ptr<const Utterance>> readingReference(const StepToRead& step, const std::string& lang,
                                                          const SessionBuildOptions& options);

enum class RecordingState {
    None,     // not recorded
    Recorded, // recorded for this text
    Stale,    // recorded for another text (the exercise changed): the built-in voice speaks it
    Broken,   // a file is there but cannot be used (named in `why`)
};

struct SavedTake {
    double seconds = 0;        // the saved recording, pauses put back
    double trimmedSec = 0;     // silence cut from its ends
    double leadTrimmedSec = 0; // of which from its start
    struct Pause {
        double atSec = 0; // where in the take, counted from its first kept sample
        double sec = 0;   // how much quiet went in there
    };
    std::vector<Pause> pauses; // quiet put back at the exercise's breaks, in order
    double pausesAddedSec = 0; // their sum
    double loudnessLufs = 0;
    double gainDb = 0;
    bool limited = false;      // peaks were turned down
    double medianCost = 0;     // alignment: 0.45-0.55 same text, 0.65+ another text
    std::vector<AlignedWord> words; // in the saved recording
    std::vector<AlignedMark> marks;
    // Worth a second look: the take may say another text, or a mark was
    // placed with low confidence.
    bool doubtful = false;

    // Where a moment of the take (seconds from its first sample) lies in the saved recording.
    double savedTime(double takeSec) const;
};

// Above this alignment cost a take probably reads another text (measured
// in audio/Alignment: 0.45-0.55 for the same text, 0.65-0.75 another).
inline constexpr double kOtherTextCost = 0.62;

// One take of a whole exercise (`soma record --in`), cut into the takes of
// its texts: each piece runs from halfway through the quiet before its
// first word to halfway through the quiet after its last, so nothing of a
// word is lost and each piece is saved as if read alone. `references`: the
// readingReference of each text, in order; `pcm` mono at kMixRate. Errors:
// alignment's ("align.empty", "align.mismatch" when the take is far
// longer or shorter than the texts together).
struct TakePiece {
    std::size_t from = 0, to = 0; // samples of the whole take
    double confidence = 0;        // the alignment's, for this text
};
Result<std::vector<TakePiece>> cutIntoTexts(std::span<const std::shared_ptr<const Utterance>> references,
                                            std::span<const float> pcm);

class OwnRecordings {
public:
    // `folder`: <recordings>/<exercise>/<lang>; made when the first take is saved.
    explicit OwnRecordings(std::filesystem::path folder) : mFolder(std::move(folder)) {}
    const std::filesystem::path& folder() const { return mFolder; }
    std::filesystem::path audioPath(const std::string& slot) const { return mFolder / (slot + ".flac"); }
    std::filesystem::path marksPath(const std::string& slot) const { return mFolder / (slot + ".vtt"); }

    RecordingState state(const StepToRead& step, std::string* why = nullptr) const;
    // The first step not recorded for its text: where a person goes on. steps.size() when all are.
    std::size_t firstToRecord(std::span<const StepToRead> steps) const;

    // Saves a take of `step` (mono float at `rate`), replacing any earlier
    // one: trims, puts the pauses back, normalises, aligns with `reference`
    // (readingReference of the step) and writes both files, each whole or
    // not at all. Errors: those of alignment ("align.empty" when the take
    // holds no speech, "align.mismatch" when its length is far from the
    // text's), loudness, and "record.write" naming the file.
    Result<SavedTake> save(const StepToRead& step, const Utterance& reference, std::span<const float> pcm, int rate) const;

    // The saved marks and words (seconds in the saved recording).
    Result<MarksFile> marks(const std::string& slot) const;
    // Writes the marks file again after a person moved marks by hand;
    // words and the fingerprint stay. Error "record.write".
    Status saveMarks(const StepToRead& step, std::span<const MarkTiming> marks) const;
    // Removes a slot's recording (both files); the built-in voice speaks it again.
    Status remove(const std::string& slot) const;

private:
    std::filesystem::path mFolder;
};

// The marks file Soma writes for a recording.
std::string ownMarksVtt(const std::string& fingerprint, std::span<const WordTiming> words, std::span<const MarkTiming> marks);

} // namespace soma
