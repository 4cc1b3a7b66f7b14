#include "session/Pacing.h"

#include "session/Session.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>

namespace soma {

VoiceQuiet::VoiceQuiet(int rate, const PacingRules& rules)
    : rate_(std::max(1, rate)), window_(std::max<std::size_t>(1, std::size_t(std::lround(rules.windowSec * rate_)))),
      threshold_(std::pow(10.0, rules.quietDb / 10.0)) {}

void VoiceQuiet::feed(const float* samples, std::size_t count) {
    for (std::size_t i = 0; i < count; ++i) {
        sum_ += double(samples[i]) * samples[i];
        if (++inWindow_ == window_) closeWindow();
    }
    samples_ += count;
}

void VoiceQuiet::closeWindow() {
    quiet_.push_back(sum_ / double(inWindow_) < threshold_);
    sum_ = 0.0;
    inWindow_ = 0;
}

std::size_t VoiceQuiet::windows() const { return quiet_.size() + (inWindow_ * 2 >= window_ ? 1 : 0); }

bool VoiceQuiet::quiet(std::size_t w) const {
    if (w < quiet_.size()) return quiet_[w];
    return inWindow_ > 0 && sum_ / double(inWindow_) < threshold_;
}

const QuietAfterNaming* Pacing::leastQuietAfter() const {
    auto it = std::min_element(afterNamings.begin(), afterNamings.end(),
                               [](const QuietAfterNaming& a, const QuietAfterNaming& b) { return a.quietSec < b.quietSec; });
    return it == afterNamings.end() ? nullptr : &*it;
}

std::vector<std::string> Pacing::problems(const PacingRules& rules) const {
    std::vector<std::string> out;
    if (wordsPerMinute > rules.maxWordsPerMinute)
        out.push_back(fmt::format("{:.0f} words a minute, more than {:.0f}: leave more quiet, or say less", wordsPerMinute,
                                  rules.maxWordsPerMinute));
    if (quietShare < rules.minQuietShare)
        out.push_back(fmt::format("{:.0f}% of the voice is quiet, less than {:.0f}%", quietShare * 100.0, rules.minQuietShare * 100.0));
    for (const QuietAfterNaming& q : afterNamings)
        if (q.quietSec < rules.minQuietAfterNamingSec)
            out.push_back(fmt::format("after naming {} at {:.1f} s the longest quiet is {:.1f} s, less than {:.0f} s", q.regions, q.at,
                                      q.quietSec, rules.minQuietAfterNamingSec));
    return out;
}

std::string Pacing::summary() const {
    std::string s = fmt::format("{:.1f} min, {:.0f} words a minute, {:.0f}% quiet, longest quiet {:.1f} s", seconds / 60.0,
                                wordsPerMinute, quietShare * 100.0, longestQuietSec);
    if (const QuietAfterNaming* q = leastQuietAfter())
        s += fmt::format(", least quiet after a newly named region {:.1f} s ({} at {:.1f} s)", q->quietSec, q->regions, q->at);
    return s;
}

std::vector<Naming> namingsOf(const Session& session) {
    std::vector<Naming> out;
    for (const TimedHighlight& h : session.highlights) out.push_back({toSeconds(h.start), h.region});
    return out;
}

Pacing measurePacing(const VoiceQuiet& voice, std::vector<Naming> namings, int words, const PacingRules& rules) {
    Pacing p;
    p.seconds = voice.seconds();
    p.words = words;
    p.wordsPerMinute = p.seconds > 0 ? words / (p.seconds / 60.0) : 0.0;

    // Quiet stretches as [from, to) in seconds.
    const double w = voice.windowSec();
    const std::size_t n = voice.windows();
    std::vector<std::pair<double, double>> runs;
    std::size_t quietWindows = 0;
    for (std::size_t i = 0; i < n;) {
        if (!voice.quiet(i)) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < n && voice.quiet(j)) ++j;
        quietWindows += j - i;
        runs.emplace_back(double(i) * w, std::min(double(j) * w, p.seconds));
        i = j;
    }
    p.quietShare = n ? double(quietWindows) / double(n) : 0.0;
    for (const auto& [a, b] : runs) p.longestQuietSec = std::max(p.longestQuietSec, b - a);
    auto longestWithin = [&](double from, double to) {
        double best = 0.0;
        for (const auto& [a, b] : runs) best = std::max(best, std::min(b, to) - std::max(a, from));
        return best;
    };

    // A naming is a highlight on another region than the one before it.
    std::stable_sort(namings.begin(), namings.end(), [](const Naming& a, const Naming& b) { return a.at < b.at; });
    std::vector<Naming> changes;
    for (const Naming& m : namings)
        if (changes.empty() || m.region != changes.back().region) changes.push_back(m);
    for (std::size_t i = 0; i < changes.size();) {
        std::size_t j = i;
        std::vector<std::string> group{changes[i].region};
        while (j + 1 < changes.size() && changes[j + 1].at - changes[j].at < rules.groupSec) {
            ++j;
            if (std::find(group.begin(), group.end(), changes[j].region) == group.end()) group.push_back(changes[j].region);
        }
        const double from = changes[j].at;
        const double to = j + 1 < changes.size() ? changes[j + 1].at : p.seconds;
        p.afterNamings.push_back({from, fmt::format("{}", fmt::join(group, ", ")), longestWithin(from, to)});
        i = j + 1;
    }
    return p;
}

} // namespace soma
