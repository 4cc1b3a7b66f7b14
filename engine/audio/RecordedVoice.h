// audio/RecordedVoice: a therapist's own narration. A WAV, FLAC or Ogg file
// (libsndfile) plus a marks file gives the same timing model as the built-in
// voice (words, marks), so a recording slots in wherever speak() would.
//
// Marks files, chosen by content:
//  - WebVTT ("WEBVTT" header): each cue's text is a word, or "mark:NAME"
//    (a "NOTE soma-text <fingerprint>" block says which text it speaks);
//  - an Audacity label track: start<TAB>end<TAB>label per line (seconds),
//    the label a word or "mark:NAME".
// The audio itself is never decoded whole: open() reads the header and
// checks that the last frames can be read (a truncated file is refused up
// front); playback streams it through AudioFileStream.
//
// Errors name the file (and the line for marks) so the caller can fall back
// to the built-in voice: "recording.open", "recording.truncated",
// "recording.format", "marks.open", "marks.syntax".
// Depends on libsndfile and core/. Must never play anything.
#pragma once

#include "audio/Utterance.h"
#include "core/Result.h"

#include <filesystem>

namespace soma {

struct MarksFile {
    std::vector<WordTiming> words;
    std::vector<MarkTiming> marks;
    // From a "NOTE soma-text <fingerprint>" block, which Soma writes when it
    // saves a person's recording: which text was read (see
    // session/OwnRecordings textFingerprint). Empty in a hand-made file.
    std::string textFingerprint;
};

// Reads a WebVTT or Audacity label file. Times are converted to kMixRate.
// With `length` >= 0, a cue past it is an error ("marks.range").
Result<MarksFile> loadMarks(const std::filesystem::path& path, Samples length = -1);

class RecordedVoice {
public:
    // `marks` may be empty: a recording without marks has no words or marks.
    static Result<RecordedVoice> open(const std::filesystem::path& audio, const std::filesystem::path& marks = {});

    const std::filesystem::path& audioPath() const { return mAudio; }
    int fileRate() const { return mFileRate; }
    int fileChannels() const { return mFileChannels; }
    // The timing model with an empty pcm: length(), words and marks at kMixRate.
    const Utterance& timing() const { return mTiming; }
    Samples length() const { return mTiming.length(); }
    // The text its marks file says was read (MarksFile::textFingerprint); empty when it does not say.
    const std::string& textFingerprint() const { return mTextFingerprint; }

private:
    std::filesystem::path mAudio;
    int mFileRate = 0;
    int mFileChannels = 0;
    Utterance mTiming;
    std::string mTextFingerprint;
};

} // namespace soma
