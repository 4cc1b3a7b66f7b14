// audio/AudioFileStream: reads a recording (WAV, FLAC, Ogg through
// libsndfile) a block at a time as mono float at the mix rate, so an hour of
// narration costs a file handle and a few kilobytes, never the whole file.
//
// Depends on libsndfile and audio/Resampler. Must never read the whole file.
#pragma once

#include "audio/Resampler.h"
#include "core/Result.h"
#include "core/Time.h"

#include <filesystem>
#include <memory>
#include <vector>

typedef struct sf_private_tag SNDFILE;

namespace soma {

class AudioFileStream {
public:
    // Errors: "recording.open" (missing, not audio, unsupported), naming the file.
    static Result<std::unique_ptr<AudioFileStream>> open(const std::filesystem::path& path);
    ~AudioFileStream();
    AudioFileStream(const AudioFileStream&) = delete;
    AudioFileStream& operator=(const AudioFileStream&) = delete;

    int fileRate() const { return mRate; }
    int fileChannels() const { return mChannels; }
    Samples fileFrames() const { return mFrames; }
    Samples length() const; // in kMixRate samples

    // Positions the stream so the next read gives output sample `pos`.
    void seek(Samples pos);
    // Reads up to `n` mono samples at kMixRate; fewer only at the end.
    // A read error is logged once ("recording.read") and ends the stream.
    std::size_t read(float* out, std::size_t n);
    bool failed() const { return mFailed; }

    // Memory this stream holds, for the bounded-memory checks.
    std::size_t bufferBytes() const;

private:
    AudioFileStream() : mResampler(kMixRate, kMixRate) {}
    bool fill();

    std::filesystem::path mPath;
    SNDFILE* mFile = nullptr;
    int mRate = 0;
    int mChannels = 0;
    Samples mFrames = 0;
    Resampler mResampler;
    std::vector<float> mInterleaved; // one block of file frames
    std::vector<float> mMono;
    bool mEof = false;
    bool mFailed = false;
};

} // namespace soma
