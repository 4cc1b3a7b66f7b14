#include "audio/Alignment.h"

#include "audio/Resampler.h"
#include "core/Log.h"

#include <kiss_fftr.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <numeric>
#include <optional>

namespace soma {
namespace {

// The analysis: 16 kHz, 25 ms Hamming windows every 10 ms, 40 mel bands
// from 60 Hz to 7.6 kHz, cepstra c1..c6. c0 (the level) is left out: a
// person's microphone and distance say nothing about what is said. The
// cepstra above c6 say more about the voice than about the words (a high
// voice's harmonics, one speaker's formants): with c1..c12 a female
// stand-in for the Dutch narrator had a third of its marks 100-900 ms off,
// with c1..c6 none (tests/audio/AlignmentTest.cpp).
constexpr int kRate = 16000;
constexpr int kWin = 400;
constexpr int kHop = 160;
constexpr int kFft = 512;
constexpr int kMels = 40;
constexpr int kCeps = 6;
constexpr int kDim = 2 * kCeps + 1; // cepstra, their deltas, the speech measure
// How much the speech measure (0 in quiet, 1 in speech) weighs against the
// 12 unit-variance cepstral features: enough that a pause meets a pause
// and a word's onset is not traded for a closer-sounding neighbour.
constexpr float kSpeechWeight = 6.0f;

// The band around the diagonal that the coarse pass searches.
constexpr double kBandFraction = 0.10;
constexpr int kBandFrames = 100; // 1 s

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    const auto k = std::size_t(std::clamp(p, 0.0, 1.0) * double(v.size() - 1));
    std::nth_element(v.begin(), v.begin() + std::ptrdiff_t(k), v.end());
    return v[k];
}

struct FftDeleter {
    void operator()(kiss_fftr_state* c) const { kiss_fftr_free(c); }
};

// Features of one utterance, trimmed of the quiet at its ends.
struct Features {
    int n = 0;                 // frames kept
    int first = 0;             // the first frame kept, in the whole signal's frames
    std::vector<float> data;   // n x kDim
    std::vector<float> speech; // n, 0..1
    const float* row(int i) const { return data.data() + std::size_t(i) * kDim; }
};

double frameCentreSec(double frame) { return (frame * kHop + kWin / 2.0) / kRate; }
double frameAt(double sec) { return (sec * kRate - kWin / 2.0) / kHop; }

// The signal at the analysis rate, streamed through the resampler in
// pieces: a whole exercise at 48 kHz is not copied once more on the way.
std::vector<float> analysisSignal(PcmView v) {
    if (v.rate == kRate) return {v.samples.begin(), v.samples.end()};
    Resampler rs(v.rate, kRate);
    rs.reset(0);
    std::vector<float> out;
    out.reserve(std::size_t(double(v.samples.size()) * kRate / v.rate) + 1);
    constexpr std::size_t kPiece = 8192;
    float buf[kPiece];
    std::size_t fed = 0;
    for (;;) {
        while (rs.wantsInput() && fed < v.samples.size()) {
            const std::size_t k = std::min(kPiece, v.samples.size() - fed);
            rs.push(v.samples.data() + fed, k);
            fed += k;
        }
        if (fed == v.samples.size()) rs.finish();
        const std::size_t got = rs.pull(buf, kPiece);
        out.insert(out.end(), buf, buf + got);
        if (got == 0 && fed == v.samples.size()) break;
    }
    return out;
}

// Mel filter bank weights, kMels x (kFft/2+1).
const std::vector<float>& melBank() {
    static const std::vector<float> bank = [] {
        const int bins = kFft / 2 + 1;
        std::vector<float> w(std::size_t(kMels * bins), 0.0f);
        const auto mel = [](double hz) { return 2595.0 * std::log10(1 + hz / 700); };
        const auto hz = [](double m) { return 700.0 * (std::pow(10.0, m / 2595) - 1); };
        const double lo = mel(60), hi = mel(7600);
        std::vector<double> edge(kMels + 2);
        for (int i = 0; i < kMels + 2; ++i) edge[std::size_t(i)] = hz(lo + (hi - lo) * i / (kMels + 1));
        for (int b = 0; b < kMels; ++b)
            for (int k = 0; k < bins; ++k) {
                const double f = double(k) * kRate / kFft;
                const double l = edge[std::size_t(b)], c = edge[std::size_t(b) + 1], r = edge[std::size_t(b) + 2];
                double v = 0;
                if (f > l && f <= c) v = (f - l) / (c - l);
                else if (f > c && f < r) v = (r - f) / (r - c);
                w[std::size_t(b * bins + k)] = float(v);
            }
        return w;
    }();
    return bank;
}

// Log-mel energies and frame energies (dB) of the whole signal.
struct Spectra {
    int n = 0;
    std::vector<float> logMel; // n x kMels
    std::vector<double> energyDb;
};

Spectra spectraOf(const std::vector<float>& x) {
    Spectra s;
    s.n = x.size() >= std::size_t(kWin) ? int((x.size() - kWin) / kHop) + 1 : 0;
    if (s.n == 0) return s;
    std::unique_ptr<kiss_fftr_state, FftDeleter> fft(kiss_fftr_alloc(kFft, 0, nullptr, nullptr));
    std::vector<float> window(kWin);
    for (int i = 0; i < kWin; ++i) window[std::size_t(i)] = float(0.54 - 0.46 * std::cos(2 * M_PI * i / (kWin - 1)));
    const int bins = kFft / 2 + 1;
    const std::vector<float>& bank = melBank();
    std::vector<float> frame(kFft, 0.0f);
    std::vector<float> power(static_cast<std::size_t>(bins));
    std::vector<kiss_fft_cpx> spec(static_cast<std::size_t>(bins));
    std::vector<double> mel(std::size_t(s.n) * kMels);
    // Each band's bins with a weight, so a frame costs its bands' width.
    std::vector<std::pair<int, int>> bandBins(kMels, {0, 0});
    for (int b = 0; b < kMels; ++b) {
        int lo = bins, hi = 0;
        for (int k = 0; k < bins; ++k)
            if (bank[std::size_t(b * bins + k)] > 0) { lo = std::min(lo, k); hi = k + 1; }
        bandBins[std::size_t(b)] = {lo, std::max(lo, hi)};
    }
    s.energyDb.resize(std::size_t(s.n));
    for (int f = 0; f < s.n; ++f) {
        const float* in = x.data() + std::size_t(f) * kHop;
        double energy = 0;
        for (int i = 0; i < kWin; ++i) {
            const float pre = in[i] - 0.97f * (i > 0 ? in[i - 1] : (f > 0 ? in[-1] : 0.0f));
            frame[std::size_t(i)] = pre * window[std::size_t(i)];
            energy += double(in[i]) * in[i];
        }
        s.energyDb[std::size_t(f)] = 10 * std::log10(energy / kWin + 1e-12);
        kiss_fftr(fft.get(), frame.data(), spec.data());
        for (int k = 0; k < bins; ++k) power[std::size_t(k)] = spec[std::size_t(k)].r * spec[std::size_t(k)].r + spec[std::size_t(k)].i * spec[std::size_t(k)].i;
        for (int b = 0; b < kMels; ++b) {
            double e = 0;
            const float* w = bank.data() + std::size_t(b * bins);
            for (int k = bandBins[std::size_t(b)].first; k < bandBins[std::size_t(b)].second; ++k) e += double(w[k]) * power[std::size_t(k)];
            mel[std::size_t(f) * kMels + std::size_t(b)] = e;
        }
    }
    // A floor 60 dB under the loudest band, so digital silence does not
    // make -inf and the faintest hiss does not decide anything.
    const double floor = std::max(1e-20, *std::max_element(mel.begin(), mel.end()) * 1e-6);
    s.logMel.resize(mel.size());
    for (std::size_t i = 0; i < mel.size(); ++i) s.logMel[i] = float(std::log(std::max(mel[i], floor)));
    return s;
}

// Frames [first, last) hold the speech; nullopt-like {0,0} when none.
struct SpeechSpan {
    int first = 0, last = 0;
    double quietDb = 0, loudDb = 0;
};

SpeechSpan findSpeech(const Spectra& s) {
    SpeechSpan span;
    if (s.n == 0) return span;
    span.loudDb = percentile(s.energyDb, 0.98);
    // Never more than 60 dB under the loud part: digital silence would
    // otherwise put the line of "quiet" at -120 dB.
    span.quietDb = std::max(percentile(s.energyDb, 0.10), span.loudDb - 60);
    if (span.loudDb - span.quietDb < 10) return span; // no speech above the noise
    const double threshold = span.quietDb + std::max(6.0, 0.2 * (span.loudDb - span.quietDb));
    int first = -1, last = -1;
    for (int f = 0; f < s.n; ++f)
        if (s.energyDb[std::size_t(f)] > threshold) {
            if (first < 0) first = f;
            last = f;
        }
    if (first < 0) return span;
    // 100 ms of quiet kept each side (more where the onset is soft and
    // sits under the noise), so the warping's pinned ends meet quiet.
    constexpr int kMargin = 10;
    span.first = std::max(0, first - kMargin);
    span.last = std::min(s.n, last + 1 + kMargin);
    return span;
}

Features featuresOf(const Spectra& s, const SpeechSpan& span) {
    Features ft;
    ft.first = span.first;
    ft.n = span.last - span.first;
    const int n = ft.n;
    ft.data.assign(std::size_t(n) * kDim, 0.0f);
    ft.speech.resize(std::size_t(n));
    std::vector<float> ceps(std::size_t(n) * kCeps);
    for (int f = 0; f < n; ++f) {
        const float* lm = s.logMel.data() + std::size_t(f + span.first) * kMels;
        for (int k = 1; k <= kCeps; ++k) {
            double c = 0;
            for (int b = 0; b < kMels; ++b) c += lm[b] * std::cos(M_PI * k * (b + 0.5) / kMels);
            ceps[std::size_t(f) * kCeps + std::size_t(k - 1)] = float(c);
        }
        const double e = s.energyDb[std::size_t(f + span.first)];
        ft.speech[std::size_t(f)] = float(std::clamp((e - span.quietDb) / (span.loudDb - span.quietDb), 0.0, 1.0));
    }
    // Mean and variance per utterance, over its speech only: the quiet
    // (hiss in a room, digital zero from the voice) is nothing alike.
    const auto normalise = [&](std::vector<float>& v, int dims) {
        for (int d = 0; d < dims; ++d) {
            double sum = 0, sq = 0;
            int count = 0;
            for (int f = 0; f < n; ++f) {
                if (ft.speech[std::size_t(f)] < 0.5f) continue;
                const double x = v[std::size_t(f * dims + d)];
                sum += x;
                sq += x * x;
                ++count;
            }
            if (count < 2) continue;
            const double mean = sum / count, sd = std::sqrt(std::max(1e-9, sq / count - mean * mean));
            for (int f = 0; f < n; ++f) v[std::size_t(f * dims + d)] = float((v[std::size_t(f * dims + d)] - mean) / sd);
        }
    };
    normalise(ceps, kCeps);
    std::vector<float> delta(std::size_t(n) * kCeps, 0.0f);
    for (int f = 0; f < n; ++f)
        for (int d = 0; d < kCeps; ++d) {
            double acc = 0;
            for (int k = 1; k <= 2; ++k) {
                const int a = std::min(n - 1, f + k), b = std::max(0, f - k);
                acc += k * (ceps[std::size_t(a * kCeps + d)] - ceps[std::size_t(b * kCeps + d)]);
            }
            delta[std::size_t(f * kCeps + d)] = float(acc / 10);
        }
    normalise(delta, kCeps);
    // In the quiet the spectral features fade to zero, so quiet meets
    // quiet at no cost whatever the room's hiss sounds like.
    for (int f = 0; f < n; ++f) {
        const float v = ft.speech[std::size_t(f)];
        const float weight = std::clamp((v - 0.15f) / 0.35f, 0.0f, 1.0f);
        float* out = ft.data.data() + std::size_t(f) * kDim;
        for (int d = 0; d < kCeps; ++d) {
            out[d] = weight * ceps[std::size_t(f * kCeps + d)];
            out[kCeps + d] = weight * delta[std::size_t(f * kCeps + d)];
        }
        out[2 * kCeps] = kSpeechWeight * v;
    }
    return ft;
}

Features coarsen(const Features& ft, int factor) {
    Features c;
    c.n = (ft.n + factor - 1) / factor;
    c.data.assign(std::size_t(c.n) * kDim, 0.0f);
    c.speech.assign(std::size_t(c.n), 0.0f);
    for (int i = 0; i < c.n; ++i) {
        const int a = i * factor, b = std::min(ft.n, a + factor);
        for (int f = a; f < b; ++f) {
            for (int d = 0; d < kDim; ++d) c.data[std::size_t(i * kDim + d)] += ft.row(f)[d] / float(b - a);
            c.speech[std::size_t(i)] += ft.speech[std::size_t(f)] / float(b - a);
        }
    }
    return c;
}

float distance(const float* a, const float* b) {
    float s = 0;
    for (int d = 0; d < kDim; ++d) s += (a[d] - b[d]) * (a[d] - b[d]);
    return std::sqrt(s);
}

// The columns each row may visit, lo..hi inclusive.
struct Window {
    std::vector<int> lo, hi;
};

struct PathPoint {
    int i, j;
    float cost;
};

// Dynamic time warping inside `w` from the first frames of both to their
// last, with symmetric steps (a diagonal step costs twice, so a path is
// not rewarded for cutting corners). Both ends are pinned: the quiet kept
// around each side's speech meets the other's, and a cough or a breath
// before the first word is passed over by a flat stretch of path.
std::vector<PathPoint> warp(const Features& a, const Features& b, const Window& w) {
    const int n = a.n, m = b.n;
    std::vector<std::size_t> offset(std::size_t(n) + 1, 0);
    for (int i = 0; i < n; ++i) offset[std::size_t(i) + 1] = offset[std::size_t(i)] + std::size_t(std::max(0, w.hi[std::size_t(i)] - w.lo[std::size_t(i)] + 1));
    constexpr float kInf = std::numeric_limits<float>::infinity();
    std::vector<float> acc(offset.back(), kInf);
    std::vector<std::uint8_t> from(offset.back(), 0); // 0 start, 1 diagonal, 2 up, 3 left
    const auto at = [&](int i, int j) -> float {
        if (i < 0 || j < 0 || j < w.lo[std::size_t(i)] || j > w.hi[std::size_t(i)]) return kInf;
        return acc[offset[std::size_t(i)] + std::size_t(j - w.lo[std::size_t(i)])];
    };
    for (int i = 0; i < n; ++i) {
        for (int j = w.lo[std::size_t(i)]; j <= w.hi[std::size_t(i)]; ++j) {
            const std::size_t k = offset[std::size_t(i)] + std::size_t(j - w.lo[std::size_t(i)]);
            const float c = distance(a.row(i), b.row(j));
            float best = i == 0 && j == 0 ? c : kInf;
            std::uint8_t step = 0;
            if (const float d = at(i - 1, j - 1) + 2 * c; d < best) { best = d; step = 1; }
            if (const float d = at(i - 1, j) + c; d < best) { best = d; step = 2; }
            if (const float d = at(i, j - 1) + c; d < best) { best = d; step = 3; }
            acc[k] = best;
            from[k] = step;
        }
    }
    const int ei = n - 1, ej = m - 1;
    std::vector<PathPoint> path;
    if (!std::isfinite(at(ei, ej))) return path;
    for (int i = ei, j = ej;;) {
        const std::size_t k = offset[std::size_t(i)] + std::size_t(j - w.lo[std::size_t(i)]);
        path.push_back({i, j, distance(a.row(i), b.row(j))});
        const std::uint8_t step = from[k];
        if (step == 0) break;
        if (step == 1) { --i; --j; }
        else if (step == 2) --i;
        else --j;
    }
    std::reverse(path.begin(), path.end());
    return path;
}

void makeMonotone(Window& w, int m) {
    const std::size_t n = w.lo.size();
    for (std::size_t i = 0; i < n; ++i) {
        w.lo[i] = std::clamp(w.lo[i], 0, m - 1);
        w.hi[i] = std::clamp(w.hi[i], w.lo[i], m - 1);
    }
    for (std::size_t i = n - 1; i-- > 0;) w.lo[i] = std::min(w.lo[i], w.lo[i + 1]);
    for (std::size_t i = 1; i < n; ++i) w.hi[i] = std::max(w.hi[i], w.hi[i - 1]);
}

// Coarse over a band, then fine in a corridor around the coarse path.
std::vector<PathPoint> warpTwoPass(const Features& a, const Features& b, double bandFraction) {
    const int longer = std::max(a.n, b.n);
    const int factor = std::max(4, (longer + 2499) / 2500);
    const Features ca = coarsen(a, factor), cb = coarsen(b, factor);
    Window band;
    band.lo.resize(std::size_t(ca.n));
    band.hi.resize(std::size_t(ca.n));
    const double half = (bandFraction * longer + kBandFrames) / factor;
    for (int i = 0; i < ca.n; ++i) {
        const double centre = ca.n > 1 ? double(i) * (cb.n - 1) / (ca.n - 1) : 0;
        band.lo[std::size_t(i)] = int(std::floor(centre - half));
        band.hi[std::size_t(i)] = int(std::ceil(centre + half));
    }
    makeMonotone(band, cb.n);
    const std::vector<PathPoint> coarse = warp(ca, cb, band);
    if (coarse.empty()) return {};

    const int radius = 2 * factor + 15;
    Window corridor;
    corridor.lo.assign(std::size_t(a.n), std::numeric_limits<int>::max());
    corridor.hi.assign(std::size_t(a.n), std::numeric_limits<int>::min());
    for (const PathPoint& p : coarse) {
        for (int i = p.i * factor; i < std::min(a.n, (p.i + 1) * factor); ++i) {
            corridor.lo[std::size_t(i)] = std::min(corridor.lo[std::size_t(i)], p.j * factor - radius);
            corridor.hi[std::size_t(i)] = std::max(corridor.hi[std::size_t(i)], (p.j + 1) * factor - 1 + radius);
        }
    }
    // Rows past the last whole coarse frame take their neighbours' corridor.
    for (int i = 1; i < a.n; ++i)
        if (corridor.lo[std::size_t(i)] == std::numeric_limits<int>::max()) {
            corridor.lo[std::size_t(i)] = corridor.lo[std::size_t(i) - 1];
            corridor.hi[std::size_t(i)] = corridor.hi[std::size_t(i) - 1];
        }
    for (int i = a.n - 1; i-- > 0;)
        if (corridor.lo[std::size_t(i)] == std::numeric_limits<int>::max()) {
            corridor.lo[std::size_t(i)] = corridor.lo[std::size_t(i) + 1];
            corridor.hi[std::size_t(i)] = corridor.hi[std::size_t(i) + 1];
        }
    corridor.lo.front() = std::min(corridor.lo.front(), 0);
    corridor.hi.back() = std::max(corridor.hi.back(), b.n - 1);
    makeMonotone(corridor, b.n);
    return warp(a, b, corridor);
}

struct Analysed {
    Spectra spectra;
    SpeechSpan span;
    Features features;
};

Result<Analysed> analyse(PcmView v, const char* what) {
    Analysed a;
    if (v.samples.empty() || v.rate <= 0)
        return Error{"align.empty", fmt::format("the {} has no audio: record the step again", what)};
    a.spectra = spectraOf(analysisSignal(v));
    a.span = findSpeech(a.spectra);
    if (a.span.last - a.span.first < 10)
        return Error{"align.empty", fmt::format("the {} holds no speech (nothing stands out above its quiet): check the microphone and record again", what)};
    a.features = featuresOf(a.spectra, a.span);
    return a;
}

Result<TimeAlignment> alignAnalysed(const Analysed& ref, const Analysed& rec, std::span<const double> timesSec, double bandFraction) {
    const double ratio = double(rec.features.n) / ref.features.n;
    if (ratio < kMinLengthRatio || ratio > kMaxLengthRatio) {
        log::warn("align.mismatch", "recording speech {:.1f} s against {:.1f} s of the voice", rec.features.n / 100.0, ref.features.n / 100.0);
        return Error{"align.mismatch",
                     fmt::format("the recording's speech lasts {:.1f} s and the built-in voice's {:.1f} s ({:.2f}x; {:.1f}x to {:.1f}x can be "
                                 "matched): record the step's own text as written, without long pauses or extra words",
                                 rec.features.n / 100.0, ref.features.n / 100.0, ratio, kMinLengthRatio, kMaxLengthRatio)};
    }
    const std::vector<PathPoint> path = warpTwoPass(ref.features, rec.features, bandFraction);
    assert(!path.empty());

    // For each reference frame, the recording frames the path pairs it
    // with: first, last and mean.
    const int n = ref.features.n;
    std::vector<double> sumJ(std::size_t(n), 0.0), countJ(std::size_t(n), 0.0), costOf(std::size_t(n), 0.0);
    std::vector<int> jMin(std::size_t(n), std::numeric_limits<int>::max()), jMax(std::size_t(n), -1);
    for (const PathPoint& p : path) {
        sumJ[std::size_t(p.i)] += p.j;
        countJ[std::size_t(p.i)] += 1;
        costOf[std::size_t(p.i)] += p.cost;
        jMin[std::size_t(p.i)] = std::min(jMin[std::size_t(p.i)], p.j);
        jMax[std::size_t(p.i)] = std::max(jMax[std::size_t(p.i)], p.j);
    }
    std::vector<double> jOf(std::size_t(n), -1);
    for (int i = 0; i < n; ++i) {
        assert(countJ[std::size_t(i)] > 0); // a pinned path visits every row
        jOf[std::size_t(i)] = sumJ[std::size_t(i)] / countJ[std::size_t(i)];
        costOf[std::size_t(i)] /= countJ[std::size_t(i)];
    }
    const auto isSpeech = [&](int i) { return ref.features.speech[std::size_t(i)] >= 0.5f; };
    // Where the path crosses a pause it may linger on any of its rows, so a
    // time in a pause keeps its distance to the nearer speech instead: the
    // end of a word maps to where that word ends in the recording, however
    // much longer the person's pause after it.
    const auto mapQuiet = [&](double f) -> std::optional<double> {
        const int i = std::clamp(int(std::lround(f)), 0, n - 1);
        if (isSpeech(i)) return std::nullopt;
        int before = i, after = i;
        while (before >= 0 && !isSpeech(before)) --before;
        while (after < n && !isSpeech(after)) ++after;
        if (before >= 0 && (after >= n || f - before <= after - f)) return jMax[std::size_t(before)] + (f - before);
        if (after < n) return jMin[std::size_t(after)] - (after - f);
        return std::nullopt;
    };

    // What an unrelated pairing of the two costs, for scale: speech frames
    // of one against speech frames of the other, spread over both.
    std::vector<double> unrelated, speechCost;
    for (int i = 0, k = 0; i < n; i += 3, ++k) {
        const int j = int((std::int64_t(k) * 7919) % rec.features.n);
        if (ref.features.speech[std::size_t(i)] > 0.5f && rec.features.speech[std::size_t(j)] > 0.5f)
            unrelated.push_back(distance(ref.features.row(i), rec.features.row(j)));
    }
    for (const PathPoint& p : path)
        if (ref.features.speech[std::size_t(p.i)] > 0.5f) speechCost.push_back(p.cost);
    const double median = std::max(1e-6, percentile(speechCost, 0.5));
    TimeAlignment out;
    out.medianCost = median / std::max(1e-6, percentile(unrelated, 0.5));

    constexpr int kAround = 15; // 150 ms either side of a mark
    for (double t : timesSec) {
        const double f = frameAt(t) - ref.span.first;
        double j;
        if (f <= 0) j = jOf.front() + f;
        else if (f >= n - 1) j = jOf.back() + (f - (n - 1));
        else if (const auto quiet = mapQuiet(f)) j = *quiet;
        else {
            const int i0 = int(std::floor(f));
            const double frac = f - i0;
            j = jOf[std::size_t(i0)] * (1 - frac) + jOf[std::size_t(i0) + 1] * frac;
        }
        const int centre = std::clamp(int(std::lround(f)), 0, n - 1);
        double local = 0;
        int count = 0;
        for (int i = std::max(0, centre - kAround); i <= std::min(n - 1, centre + kAround); ++i) {
            local += costOf[std::size_t(i)];
            ++count;
        }
        local /= std::max(1, count);
        AlignedTime at;
        at.sec = std::max(0.0, frameCentreSec(j + rec.span.first));
        at.confidence = std::clamp(2.0 - local / median, 0.0, 1.0);
        out.times.push_back(at);
    }
    return out;
}

constexpr double kStepBandFraction = 0.2; // a whole exercise: pauses between steps vary more

// A word from its two mapped ends; a word never ends before it starts.
AlignedWord placedWord(const WordTiming& w, const AlignedTime& start, const AlignedTime& end) {
    AlignedWord out;
    out.text = w.text;
    out.startSec = start.sec;
    out.endSec = std::max(start.sec, end.sec);
    out.confidence = std::min(start.confidence, end.confidence);
    return out;
}

} // namespace

Result<TimeAlignment> alignTimes(PcmView reference, PcmView recording, std::span<const double> timesSec) {
    auto ref = analyse(reference, "built-in voice's rendition");
    if (!ref.ok()) return ref.error();
    auto rec = analyse(recording, "recording");
    if (!rec.ok()) return rec.error();
    return alignAnalysed(*ref, *rec, timesSec, kBandFraction);
}

Result<AlignedUtterance> alignUtterance(const Utterance& reference, PcmView recording) {
    std::vector<double> times;
    for (const MarkTiming& m : reference.marks) times.push_back(toSeconds(m.at));
    for (const WordTiming& w : reference.words) {
        times.push_back(toSeconds(w.start));
        times.push_back(toSeconds(w.end));
    }
    auto aligned = alignTimes(PcmView{reference.pcm, kMixRate}, recording, times);
    if (!aligned.ok()) return aligned.error();
    AlignedUtterance out;
    out.medianCost = aligned->medianCost;
    std::size_t k = 0;
    for (const MarkTiming& m : reference.marks) {
        out.marks.push_back({m.name, aligned->times[k].sec, aligned->times[k].confidence});
        ++k;
    }
    for (const WordTiming& w : reference.words) {
        out.words.push_back(placedWord(w, aligned->times[k], aligned->times[k + 1]));
        k += 2;
    }
    return out;
}

Result<std::vector<AlignedMark>> alignMarks(const Utterance& reference, PcmView recording) {
    auto aligned = alignUtterance(reference, recording);
    if (!aligned.ok()) return aligned.error();
    return std::move(aligned->marks);
}

Result<StepAlignment> alignSteps(std::span<const Utterance> steps, PcmView recording, const StepAlignSettings& settings) {
    if (steps.empty()) return Error{"align.empty", "the exercise has no spoken steps to find in the recording"};
    // The steps one after the other, `gapSec` apart; per step the times to
    // map: its first speech, its last, then its marks.
    const Samples gap = fromSeconds(settings.gapSec);
    std::vector<float> joined;
    std::vector<double> times;
    for (const Utterance& u : steps) {
        const Samples base = Samples(joined.size());
        joined.insert(joined.end(), u.pcm.begin(), u.pcm.end());
        joined.insert(joined.end(), std::size_t(gap), 0.0f);
        Samples first = 0, last = u.length();
        if (!u.words.empty()) {
            first = u.words.front().start;
            last = u.words.back().end;
        }
        // The first word's event can come before its sound (espeak-ng
        // reports it where its phonemes begin, lead-in silence included):
        // the step starts where it is first heard, 40 dB under its peak.
        float peak = 0;
        for (float v : u.pcm) peak = std::max(peak, std::abs(v));
        while (first < last && first < Samples(u.pcm.size()) && std::abs(u.pcm[std::size_t(first)]) < 0.01f * peak) ++first;
        times.push_back(toSeconds(base + first));
        times.push_back(toSeconds(base + last));
        for (const MarkTiming& m : u.marks) times.push_back(toSeconds(base + m.at));
        for (const WordTiming& w : u.words) {
            times.push_back(toSeconds(base + w.start));
            times.push_back(toSeconds(base + w.end));
        }
    }
    auto ref = analyse(PcmView{joined, kMixRate}, "built-in voice's rendition of the exercise");
    if (!ref.ok()) return ref.error();
    auto rec = analyse(recording, "recording");
    if (!rec.ok()) return rec.error();
    auto aligned = alignAnalysed(*ref, *rec, times, kStepBandFraction);
    if (!aligned.ok()) return aligned.error();
    StepAlignment out;
    out.medianCost = aligned->medianCost;
    std::size_t k = 0;
    for (const Utterance& u : steps) {
        AlignedStep s;
        s.startSec = aligned->times[k].sec;
        s.endSec = aligned->times[k + 1].sec;
        s.confidence = std::min(aligned->times[k].confidence, aligned->times[k + 1].confidence);
        k += 2;
        for (const MarkTiming& m : u.marks) {
            s.marks.push_back({m.name, aligned->times[k].sec, aligned->times[k].confidence});
            s.confidence = std::min(s.confidence, aligned->times[k].confidence);
            ++k;
        }
        for (const WordTiming& w : u.words) {
            s.words.push_back(placedWord(w, aligned->times[k], aligned->times[k + 1]));
            k += 2;
        }
        out.steps.push_back(std::move(s));
    }
    return out;
}

} // namespace soma
