// audio/WavWriter: writes float audio to a 16-bit PCM WAV file (libsndfile),
// for headless exports and for tests that want to listen to what they
// rendered.
//
// Depends on libsndfile. Must never hold more than the caller's block.
#pragma once

#include "core/Result.h"
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
    // Flushes and closes; the destructor does this too, silently.
    Status close();
    Samples framesWritten() const { return mWritten; }

private:
    WavWriter() = default;
    std::filesystem::path mPath;
    SNDFILE* mFile = nullptr;
    int mChannels = 0;
    Samples mWritten = 0;
};

} // namespace soma
