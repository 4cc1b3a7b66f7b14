#include "audio/WavWriter.h"

#include "core/Log.h"

#include <sndfile.h>

#include <fmt/format.h>

#include <unistd.h>

namespace soma {

Result<std::unique_ptr<WavWriter>> WavWriter::create(const std::filesystem::path& path, int channels, int rate, SampleFormat format) {
    std::unique_ptr<WavWriter> w(new WavWriter());
    w->mPath = path;
    w->mChannels = channels;
    SF_INFO info{};
    info.samplerate = rate;
    info.channels = channels;
    switch (format) {
    case SampleFormat::Pcm16: info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16; break;
    case SampleFormat::Float32: info.format = SF_FORMAT_WAV | SF_FORMAT_FLOAT; break;
    case SampleFormat::Flac16: info.format = SF_FORMAT_FLAC | SF_FORMAT_PCM_16; break;
    }
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)) {
        w->mFile = sf_open(path.c_str(), SFM_WRITE, &info); // a device or pipe: straight through
    } else {
        w->mPart = path;
        w->mPart += fmt::format(".{}.part", ::getpid());
        w->mGuard = std::make_unique<signals::PartialFile>(w->mPart);
        w->mFile = sf_open(w->mPart.c_str(), SFM_WRITE, &info);
        if (!w->mFile) w->mPart.clear();
    }
    if (!w->mFile) {
        const std::string why = sf_strerror(nullptr);
        log::error("audio.write_open", "{}: {}", path.string(), why);
        return Error{"audio.write_open", fmt::format("{}: cannot write audio here ({}); choose another folder", path.string(), why)};
    }
    // Clip instead of wrapping when a float goes past full scale.
    sf_command(w->mFile, SFC_SET_CLIPPING, nullptr, SF_TRUE);
    return w;
}

WavWriter::~WavWriter() {
    if (mFile) sf_close(mFile);
    std::error_code ec;
    if (!mPart.empty()) std::filesystem::remove(mPart, ec);
}

Status WavWriter::write(const float* data, std::size_t frames) {
    if (!mFile) return Error{"audio.write", fmt::format("{}: already closed", mPath.string())};
    const sf_count_t n = sf_writef_float(mFile, data, sf_count_t(frames));
    mWritten += n;
    if (n != sf_count_t(frames)) {
        log::error("audio.write", "{}: {}", mPath.string(), sf_strerror(mFile));
        return Error{"audio.write", fmt::format("{}: writing failed ({}); is the disk full?", mPath.string(), sf_strerror(mFile))};
    }
    return Ok{};
}

Status WavWriter::close() {
    if (!mFile) return Ok{};
    const int rc = sf_close(mFile);
    mFile = nullptr;
    if (rc != 0) return Error{"audio.write", fmt::format("{}: closing failed ({})", mPath.string(), sf_error_number(rc))};
    if (mPart.empty()) return Ok{};
    std::error_code ec;
    std::filesystem::rename(mPart, mPath, ec);
    if (ec) return Error{"audio.write", fmt::format("{}: cannot be put in place ({})", mPath.string(), ec.message())};
    mPart.clear();
    mGuard.reset();
    return Ok{};
}

} // namespace soma
