#include "audio/Loudness.h"

#include "core/Log.h"

#include <ebur128.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <deque>
#include <memory>

namespace soma {
namespace {

struct StateDeleter {
    void operator()(ebur128_state* s) const { ebur128_destroy(&s); }
};
using State = std::unique_ptr<ebur128_state, StateDeleter>;

State measure(std::span<const float> pcm, int rate, int mode) {
    State st(ebur128_init(1, unsigned(rate), mode));
    if (!st) return st;
    // In pieces: libebur128 takes size_t frames, but keeping each call short
    // keeps its internal buffers small.
    constexpr std::size_t kChunk = 1 << 16;
    for (std::size_t i = 0; i < pcm.size(); i += kChunk)
        ebur128_add_frames_float(st.get(), pcm.data() + i, std::min(kChunk, pcm.size() - i));
    return st;
}

double toDb(double amplitude) { return amplitude > 0 ? 20 * std::log10(amplitude) : -HUGE_VAL; }
double fromDb(double db) { return std::pow(10.0, db / 20); }

// Multiplies by the gain, then turns peaks above the ceiling down with a
// look-ahead limiter on the sample peaks, half a dB under the ceiling
// (room for the peaks between samples). The gain each sample needs is
// taken as a minimum over the next `attack` samples and then averaged over
// `attack`, so the gain is already down when a peak arrives and never
// steps; it recovers with the release. Returns whether it limited.
bool applyGainAndLimit(std::vector<float>& pcm, int rate, double gainDb, double ceilingDbtp) {
    const float gain = float(fromDb(gainDb));
    for (float& v : pcm) v *= gain;
    const double sampleCeiling = fromDb(ceilingDbtp - 0.5);
    const std::size_t n = pcm.size();
    std::vector<float> need(n);
    bool any = false;
    for (std::size_t i = 0; i < n; ++i) {
        const double a = std::abs(pcm[i]);
        need[i] = a > sampleCeiling ? float(sampleCeiling / a) : 1.0f;
        any = any || need[i] < 1.0f;
    }
    if (!any) return false;
    const std::size_t attack = std::size_t(std::max(1, rate / 200));
    std::vector<float> ahead(n);
    std::deque<std::size_t> q; // indices of a rising run of need[] in [i, i + attack]
    for (std::size_t k = 0, i = 0; i < n; ++i) {
        for (; k < n && k <= i + attack; ++k) {
            while (!q.empty() && need[q.back()] >= need[k]) q.pop_back();
            q.push_back(k);
        }
        while (q.front() < i) q.pop_front();
        ahead[i] = need[q.front()];
    }
    const double releaseCoef = 1 - std::exp(-1.0 / (0.08 * rate));
    double sum = 0, g = 1;
    for (std::size_t i = 0; i < n; ++i) {
        sum += ahead[i];
        if (i >= attack) sum -= ahead[i - attack];
        const double avg = i >= attack ? sum / double(attack) : (sum + double(attack - i - 1)) / double(attack);
        g = std::min(avg, g + (1 - g) * releaseCoef);
        pcm[i] = float(pcm[i] * g);
    }
    return true;
}

} // namespace

Result<double> integratedLoudness(std::span<const float> pcm, int rate) {
    assert(rate > 0);
    if (pcm.empty()) return Error{"loudness.empty", "there is no audio to measure: record something first"};
    State st = measure(pcm, rate, EBUR128_MODE_I);
    double lufs = -HUGE_VAL;
    if (!st || ebur128_loudness_global(st.get(), &lufs) != EBUR128_SUCCESS || !std::isfinite(lufs)) {
        log::warn("loudness.silent", "{:.1f} s of audio without anything above -70 LUFS", double(pcm.size()) / rate);
        return Error{"loudness.silent", "the recording is silent (nothing louder than -70 LUFS): check the microphone and record again"};
    }
    return lufs;
}

double truePeakDb(std::span<const float> pcm, int rate) {
    State st = measure(pcm, rate, EBUR128_MODE_TRUE_PEAK);
    double peak = 0;
    if (!st || ebur128_true_peak(st.get(), 0, &peak) != EBUR128_SUCCESS) return -HUGE_VAL;
    return toDb(peak);
}

Trimmed trimSilence(std::span<const float> pcm, int rate, const TrimSettings& settings) {
    Trimmed out;
    const auto loudness = integratedLoudness(pcm, rate);
    const std::size_t win = std::size_t(std::max(1, rate / 100));
    const std::size_t windows = pcm.size() / win;
    if (!loudness.ok() || windows == 0) {
        out.pcm.assign(pcm.begin(), pcm.end());
        return out;
    }
    std::vector<double> level(windows);
    for (std::size_t w = 0; w < windows; ++w) {
        double sum = 0;
        for (std::size_t i = w * win; i < (w + 1) * win; ++i) sum += double(pcm[i]) * pcm[i];
        level[w] = toDb(std::sqrt(sum / double(win)));
    }
    std::vector<double> sorted = level;
    std::nth_element(sorted.begin(), sorted.begin() + std::ptrdiff_t(windows / 10), sorted.end());
    const double floorDb = sorted[windows / 10];
    // Above the noise floor, but never so high that quiet speech counts as
    // silence: a noisy recording is trimmed less, never cut into.
    const double lufs = loudness.value();
    const double threshold = std::min(std::max(lufs - settings.belowLoudnessDb, floorDb + 6), lufs - 20);
    std::size_t first = windows, last = 0;
    for (std::size_t w = 0; w < windows; ++w) {
        if (level[w] <= threshold) continue;
        first = std::min(first, w);
        last = w;
    }
    if (first == windows) {
        out.pcm.assign(pcm.begin(), pcm.end());
        return out;
    }
    const auto margin = std::size_t(std::llround(settings.marginSec * rate));
    const std::size_t begin = first * win > margin ? first * win - margin : 0;
    const std::size_t end = std::min(pcm.size(), (last + 1) * win + margin);
    out.pcm.assign(pcm.begin() + std::ptrdiff_t(begin), pcm.begin() + std::ptrdiff_t(end));
    out.startOffset = Samples(begin);
    out.endOffset = Samples(pcm.size() - end);
    return out;
}

Result<Normalized> normalizeLoudness(std::span<const float> pcm, int rate, const NormalizeSettings& settings) {
    auto loudness = integratedLoudness(pcm, rate);
    if (!loudness.ok()) return loudness.error();
    Normalized out;
    out.gainDb = settings.targetLufs - *loudness;
    // Limiting takes a little loudness with the peaks; the gain before it
    // is raised by what was lost and the limiter run again, a few times at
    // most (each pass lands closer, as the peaks it takes are few).
    for (int pass = 0; pass < 4; ++pass) {
        out.pcm.assign(pcm.begin(), pcm.end());
        out.limited = applyGainAndLimit(out.pcm, rate, out.gainDb, settings.ceilingDbtp);
        if (!out.limited) break;
        const auto after = integratedLoudness(out.pcm, rate);
        if (!after.ok()) break;
        const double shortBy = settings.targetLufs - after.value();
        if (std::abs(shortBy) < 0.05 || pass == 3) break;
        out.gainDb += shortBy;
    }
    out.truePeakDbtp = truePeakDb(out.pcm, rate);
    if (out.truePeakDbtp > settings.ceilingDbtp) {
        out.limited = true;
        const float down = float(fromDb(settings.ceilingDbtp - out.truePeakDbtp - 0.05));
        for (float& s : out.pcm) s *= down;
        out.truePeakDbtp = truePeakDb(out.pcm, rate);
    }
    out.loudnessLufs = integratedLoudness(out.pcm, rate).value();
    return out;
}

} // namespace soma
