// audio/WavWriter: writes float audio to a 16-bit PCM WAV file (libsndfile),
// for headless exports and for tests that want to listen to what they
// rendered.
//
// The file is whole or not there: the audio goes to a file beside it,
// which close() renames over it; a writer dropped without close() (an
// error on the way, a stop) removes its file and leaves the old one, and a
// signal that ends the program removes it too (core/Signals). A device or
// a pipe the caller names is written straight through.
//
// Depends on libsndfile. Must never hold more than the caller's block.
#pragma once

#include "core/Result.h"
#include "core/Signals.h"
#include "core/Time.h"

#include <filesystem>
#include <memory>

typedef struct sf_private_tag SNDFILE;

namespace soma {

enum class SampleFormat { Pcm16, Float32, Flac16 };

class WavWriter {
public:
    // Error "audio.write_open" naming the file.
    static Result<std::unique_ptr<WavWriter>> create(const std::filesystem::path& path, int channels,
                                                     int rate = kMixRate, SampleFormat format = SampleFormat::Pcm16);
    ~WavWriter();
    WavWriter(const WavWriter&) = delete;
    WavWriter& operator=(const WavWriter&) = delete;

    // `frames` interleaved frames of `channels` floats in -1..1.
    Status write(const float* data, std::size_t frames);
    // Flushes, closes and puts the file in its place. Without it, the
    // destructor throws the audio away.
    Status close();
    Samples framesWritten() const { return mWritten; }

private:
    WavWriter() = default;
    std::filesystem::path mPath;
    std::filesystem::path mPart; // written first, renamed to mPath; empty for a device
    std::unique_ptr<signals::PartialFile> mGuard;
    SNDFILE* mFile = nullptr;
    int mChannels = 0;
    Samples mWritten = 0;
};

} // namespace soma
