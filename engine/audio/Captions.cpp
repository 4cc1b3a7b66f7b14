#include "audio/Captions.h"

#include "core/Files.h"
#include "core/Log.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>

namespace soma {
namespace {

// Characters a reader sees (UTF-8 code points), for the line limit.
int visibleLength(std::string_view s) {
    int n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

bool endsSentence(std::string_view w) {
    while (!w.empty() && (w.back() == '"' || w.back() == '\'' || w.back() == ')')) w.remove_suffix(1);
    return !w.empty() && (w.back() == '.' || w.back() == '!' || w.back() == '?');
}

bool endsClause(std::string_view w) {
    return !w.empty() && (w.back() == ',' || w.back() == ';' || w.back() == ':');
}

int joinedLength(const std::vector<const WordTiming*>& w, std::size_t a, std::size_t b) {
    int n = 0;
    for (std::size_t i = a; i < b; ++i) n += visibleLength(w[i]->text) + (i > a ? 1 : 0);
    return n;
}

std::string join(const std::vector<const WordTiming*>& w, std::size_t a, std::size_t b) {
    std::string s;
    for (std::size_t i = a; i < b; ++i) s += (i > a ? " " : "") + w[i]->text;
    return s;
}

// One line when it fits; otherwise the two-line split with the shortest
// longer line (balanced lines read faster than a full line and a stub).
std::vector<std::string> layout(const std::vector<const WordTiming*>& w, int maxChars) {
    if (joinedLength(w, 0, w.size()) <= maxChars || w.size() < 2) return {join(w, 0, w.size())};
    std::size_t best = 1;
    int bestLen = 1 << 30;
    for (std::size_t k = 1; k < w.size(); ++k) {
        const int first = joinedLength(w, 0, k), second = joinedLength(w, k, w.size());
        if (first > maxChars || second > maxChars) continue;
        // Balanced, and better still at a clause break.
        const int cost = std::max(first, second) - (endsClause(w[k - 1]->text) ? 8 : 0);
        if (cost < bestLen) { bestLen = cost; best = k; }
    }
    return {join(w, 0, best), join(w, best, w.size())};
}

// Whether the words fit in `lines` lines of `maxChars`, filled greedily.
bool fits(const std::vector<const WordTiming*>& w, int maxChars, int lines) {
    int used = 1, len = 0;
    for (auto* word : w) {
        const int l = visibleLength(word->text);
        if (len == 0) { len = l; continue; }
        if (len + 1 + l <= maxChars) { len += 1 + l; continue; }
        if (++used > lines) return false;
        len = l;
    }
    return true;
}

// A caption line as WebVTT cue text: its markup characters escaped, and
// any control character (a line break would end the cue early) a space.
std::string escapeVtt(const std::string& s) {
    std::string o;
    for (char c : s) {
        const unsigned char u = static_cast<unsigned char>(c);
        if (c == '&') o += "&amp;";
        else if (c == '<') o += "&lt;";
        else if (c == '>') o += "&gt;";
        else if (u < 0x20 || u == 0x7f) o += ' ';
        else o += c;
    }
    return o;
}

} // namespace

std::string CaptionCue::text() const {
    std::string s;
    for (std::size_t i = 0; i < lines.size(); ++i) s += (i ? "\n" : "") + lines[i];
    return s;
}

std::vector<CaptionCue> makeCaptions(const std::vector<WordTiming>& words, Samples offset, const CaptionOptions& opt) {
    std::vector<CaptionCue> cues;
    std::vector<std::vector<const WordTiming*>> groups;
    std::vector<const WordTiming*> cur;
    const Samples pause = fromSeconds(opt.pauseSec);
    for (std::size_t i = 0; i < words.size(); ++i) {
        const WordTiming& w = words[i];
        if (w.text.empty()) continue;
        cur.push_back(&w);
        if (!fits(cur, opt.maxLineChars, opt.maxLines) && cur.size() > 1) {
            cur.pop_back();
            // Full: end the cue at its last clause break (a comma) when there
            // is one past its first third, so a cue reads as a phrase.
            std::size_t split = cur.size();
            for (std::size_t k = cur.size() - 1; k >= std::max<std::size_t>(1, cur.size() / 3); --k)
                if (endsClause(cur[k - 1]->text)) { split = k; break; }
            groups.emplace_back(cur.begin(), cur.begin() + std::ptrdiff_t(split));
            cur.erase(cur.begin(), cur.begin() + std::ptrdiff_t(split));
            cur.push_back(&w);
        }
        const bool last = i + 1 == words.size();
        const bool pauseAfter = !last && words[i + 1].start - w.end >= pause;
        if (last || endsSentence(w.text) || pauseAfter) {
            groups.push_back(cur);
            cur.clear();
        }
    }
    if (!cur.empty()) groups.push_back(cur);

    for (auto& g : groups) {
        CaptionCue c;
        c.start = offset + g.front()->start;
        const Samples spokenEnd = offset + std::max(g.back()->end, g.back()->start);
        c.end = std::min(std::max(spokenEnd, c.start + fromSeconds(opt.minShowSec)), spokenEnd + fromSeconds(opt.maxLingerSec));
        c.lines = layout(g, opt.maxLineChars);
        cues.push_back(std::move(c));
    }
    // A cue gives way to the next one: never two on screen.
    for (std::size_t i = 0; i + 1 < cues.size(); ++i) cues[i].end = std::max(cues[i].start + 1, std::min(cues[i].end, cues[i + 1].start));
    return cues;
}

const CaptionCue* activeCaption(const std::vector<CaptionCue>& cues, Samples t) {
    auto it = std::upper_bound(cues.begin(), cues.end(), t, [](Samples v, const CaptionCue& c) { return v < c.start; });
    if (it == cues.begin()) return nullptr;
    --it;
    return t < it->end ? &*it : nullptr;
}

std::string webVttTime(Samples t) {
    const std::int64_t ms = std::max<std::int64_t>(0, (t * 1000 + kMixRate / 2) / kMixRate);
    return fmt::format("{:02}:{:02}:{:02}.{:03}", ms / 3600000, ms / 60000 % 60, ms / 1000 % 60, ms % 1000);
}

std::string toWebVtt(const std::vector<CaptionCue>& cues) {
    std::string o = "WEBVTT\n\n";
    int n = 1;
    for (const auto& c : cues) {
        o += fmt::format("{}\n{} --> {}\n", n++, webVttTime(c.start), webVttTime(c.end));
        for (const auto& l : c.lines) o += escapeVtt(l) + "\n";
        o += "\n";
    }
    return o;
}

Status writeWebVtt(const std::vector<CaptionCue>& cues, const std::filesystem::path& path) {
    AtomicWriteDesc desc;
    desc.sync = false; // an export's file, made again by exporting again
    if (auto st = writeFileAtomically(path, toWebVtt(cues), desc); !st) {
        log::error("captions.write", "{}", st.error().message);
        return Error{"captions.write", st.error().message};
    }
    return Ok{};
}

} // namespace soma
