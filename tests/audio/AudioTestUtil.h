// Helpers for the audio tests: signals to play and measurements of what a
// listener would hear in the rendered stereo output.
#pragma once

#include "audio/AudioEngine.h"
#include "audio/Utterance.h"

#include <cmath>
#include <memory>
#include <vector>

namespace soma::test {

inline std::shared_ptr<Utterance> toneUtterance(double hz, double sec, float amp = 0.3f) {
    auto u = std::make_shared<Utterance>();
    u->pcm.resize(std::size_t(fromSeconds(sec)));
    for (std::size_t i = 0; i < u->pcm.size(); ++i) u->pcm[i] = amp * float(std::sin(2 * M_PI * hz * double(i) / kMixRate));
    return u;
}

inline AudioEngineDesc loopbackDesc(bool hrtf = false) {
    AudioEngineDesc d;
    d.audio.loopback = true;
    d.audio.hrtf = hrtf;
    return d;
}

// Interleaved stereo.
inline std::vector<float> renderFor(AudioEngine& e, Samples frames, int chunk = 4800) {
    std::vector<float> out(std::size_t(frames) * 2);
    for (Samples done = 0; done < frames;) {
        const int n = int(std::min<Samples>(chunk, frames - done));
        e.render(out.data() + done * 2, n);
        done += n;
    }
    return out;
}

struct Ears {
    double left = 0, right = 0;
    double ratio() const { return left / std::max(1e-12, right); }
};

inline Ears energy(const std::vector<float>& st, std::size_t fromFrame, std::size_t toFrame) {
    Ears e;
    for (std::size_t f = fromFrame; f < toFrame && 2 * f + 1 < st.size(); ++f) {
        e.left += double(st[2 * f]) * st[2 * f];
        e.right += double(st[2 * f + 1]) * st[2 * f + 1];
    }
    return e;
}

inline double rms(const std::vector<float>& st, std::size_t fromFrame, std::size_t toFrame) {
    const Ears e = energy(st, fromFrame, toFrame);
    return std::sqrt((e.left + e.right) / (2.0 * double(std::max<std::size_t>(1, toFrame - fromFrame))));
}

} // namespace soma::test
