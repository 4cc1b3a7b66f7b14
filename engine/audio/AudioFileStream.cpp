#include "audio/AudioFileStream.h"

#include "core/Log.h"

#include <sndfile.h>

#include <fmt/format.h>

namespace soma {
namespace {
constexpr sf_count_t kBlockFrames = 4096;
}

Result<std::unique_ptr<AudioFileStream>> AudioFileStream::open(const std::filesystem::path& path) {
    std::unique_ptr<AudioFileStream> s(new AudioFileStream());
    s->mPath = path;
    SF_INFO info{};
    s->mFile = sf_open(path.c_str(), SFM_READ, &info);
    if (!s->mFile) {
        const std::string why = sf_strerror(nullptr);
        return Error{"recording.open",
                     fmt::format("{}: cannot be read as audio ({}); use a WAV, FLAC or Ogg file, or the built-in voice is used", path.string(), why)};
    }
    if (info.channels < 1 || info.samplerate < 1000) {
        return Error{"recording.format", fmt::format("{}: unusable audio ({} channels at {} Hz)", path.string(), info.channels, info.samplerate)};
    }
    s->mRate = info.samplerate;
    s->mChannels = info.channels;
    s->mFrames = info.frames;
    s->mResampler = Resampler(info.samplerate, kMixRate);
    s->mInterleaved.resize(size_t(kBlockFrames) * size_t(info.channels));
    s->mMono.resize(size_t(kBlockFrames));
    s->seek(0);
    return s;
}

AudioFileStream::~AudioFileStream() {
    if (mFile) sf_close(mFile);
}

Samples AudioFileStream::length() const {
    // The number of outputs the resampler makes from mFrames inputs.
    return Samples((__int128(mFrames) * kMixRate + mRate - 1) / mRate);
}

std::size_t AudioFileStream::bufferBytes() const {
    return (mInterleaved.capacity() + mMono.capacity()) * sizeof(float) + 64 * 1024; // + libsndfile's own (approx.)
}

void AudioFileStream::seek(Samples pos) {
    mResampler.reset(pos);
    const Samples start = mResampler.inputStartFor(pos);
    mEof = start >= mFrames || mFailed;
    if (!mEof && sf_seek(mFile, sf_count_t(start), SEEK_SET) < 0) {
        log::warn("recording.read", "{}: cannot seek to {:.3f} s ({})", mPath.string(), double(start) / mRate, sf_strerror(mFile));
        mFailed = true;
        mEof = true;
    }
    if (mEof) mResampler.finish();
}

bool AudioFileStream::fill() {
    if (mEof) return false;
    const sf_count_t got = sf_readf_float(mFile, mInterleaved.data(), kBlockFrames);
    if (got > 0) {
        if (mChannels == 1) {
            mResampler.push(mInterleaved.data(), size_t(got));
        } else {
            // Narration is one voice: fold to mono at equal weight.
            const float w = 1.0f / float(mChannels);
            for (sf_count_t f = 0; f < got; ++f) {
                float acc = 0;
                for (int c = 0; c < mChannels; ++c) acc += mInterleaved[size_t(f * mChannels + c)];
                mMono[size_t(f)] = acc * w;
            }
            mResampler.push(mMono.data(), size_t(got));
        }
    }
    if (got < kBlockFrames) {
        if (sf_error(mFile) != SF_ERR_NO_ERROR && !mFailed) {
            log::warn("recording.read", "{}: reading stopped early ({}); the rest is silent", mPath.string(), sf_strerror(mFile));
            mFailed = true;
        }
        mEof = true;
        mResampler.finish();
    }
    return got > 0;
}

std::size_t AudioFileStream::read(float* out, std::size_t n) {
    std::size_t done = 0;
    while (done < n) {
        const std::size_t got = mResampler.pull(out + done, n - done);
        done += got;
        if (done == n) break;
        // At the end the resampler was told so and gives out what it holds.
        if (mEof) {
            if (got == 0) break;
            continue;
        }
        fill();
    }
    return done;
}

} // namespace soma
