#include "audio/RecordedVoice.h"
#include "core/Files.h"

#include "audio/AudioFileStream.h"
#include "core/Log.h"

#include <sndfile.h>

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>

namespace soma {
namespace {

std::string trim(std::string_view s) {
    std::size_t a = 0, b = s.size();
    while (a < b && std::isspace(static_cast<unsigned char>(s[a]))) ++a;
    while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1]))) --b;
    return std::string(s.substr(a, b - a));
}

Error marksError(const std::filesystem::path& path, int line, const std::string& what) {
    const std::string msg = fmt::format("{}:{}: {}; fix the marks file, or the built-in voice is used", path.string(), line, what);
    return Error{"marks.syntax", msg};
}

// No recording a person makes is this long: a time past it is a typing
// error (or a hostile file), said as one, never a sample count that
// overflows.
constexpr double kMaxMarkSec = 24.0 * 3600.0;

// WebVTT time: [hh:]mm:ss.ttt
bool parseVttTime(std::string_view s, double& sec) {
    int parts[3] = {0, 0, 0};
    int n = 0;
    std::size_t i = 0;
    while (true) {
        std::size_t j = i;
        while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
        if (j == i || n == 3 || j - i > 6) return false; // no field of a time has more digits
        auto [end, ec] = std::from_chars(s.data() + i, s.data() + j, parts[n++]);
        if (ec != std::errc() || end != s.data() + j) return false;
        if (j < s.size() && s[j] == ':') { i = j + 1; continue; }
        if (j >= s.size() || s[j] != '.') return false;
        const std::string_view ms = s.substr(j + 1);
        if (ms.size() != 3 || !std::all_of(ms.begin(), ms.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
            return false;
        if (n < 2) return false;
        const int h = n == 3 ? parts[0] : 0, m = parts[n - 2], sc = parts[n - 1];
        if (m > 59 || sc > 59) return false;
        sec = h * 3600.0 + m * 60.0 + sc + ((ms[0] - '0') * 100 + (ms[1] - '0') * 10 + (ms[2] - '0')) / 1000.0;
        return sec <= kMaxMarkSec;
    }
}

bool parseSeconds(std::string_view s, double& sec) {
    const std::string t = trim(s);
    if (t.empty()) return false;
    auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), sec);
    return ec == std::errc() && p == t.data() + t.size() && sec >= 0 && std::isfinite(sec) && sec <= kMaxMarkSec;
}

// A cue's text: "mark:NAME", or words spread over the cue by their length.
void addCue(MarksFile& out, Samples start, Samples end, const std::string& text) {
    if (text.rfind("mark:", 0) == 0) {
        out.marks.push_back({trim(text.substr(5)), start});
        return;
    }
    std::istringstream in(text);
    std::vector<std::string> words;
    for (std::string w; in >> w;) words.push_back(w);
    std::size_t chars = 0;
    for (auto& w : words) chars += w.size() + 1;
    Samples t = start;
    std::size_t seen = 0;
    for (auto& w : words) {
        seen += w.size() + 1;
        const Samples e = start + Samples(double(end - start) * double(seen) / double(chars));
        out.words.push_back({t, e, w});
        t = e;
    }
}

Result<MarksFile> parseVtt(const std::filesystem::path& path, const std::vector<std::string>& lines, Samples length) {
    MarksFile out;
    std::size_t i = 1;
    while (i < lines.size()) {
        if (trim(lines[i]).empty()) { ++i; continue; }
        const std::string first = trim(lines[i]);
        if (constexpr std::string_view kText = "NOTE soma-text "; first.rfind(kText, 0) == 0)
            out.textFingerprint = trim(std::string_view(first).substr(kText.size()));
        if (first.rfind("NOTE", 0) == 0 || first == "STYLE" || first == "REGION") {
            while (i < lines.size() && !trim(lines[i]).empty()) ++i;
            continue;
        }
        // An optional cue identifier, then the timing line.
        std::size_t t = i;
        if (lines[t].find("-->") == std::string::npos) ++t;
        if (t >= lines.size() || lines[t].find("-->") == std::string::npos)
            return marksError(path, int(t < lines.size() ? t : i) + 1, "expected a cue timing line \"00:00:01.000 --> 00:00:01.400\"");
        const std::string& timing = lines[t];
        const std::size_t arrow = timing.find("-->");
        std::string a = trim(timing.substr(0, arrow));
        std::string rest = trim(timing.substr(arrow + 3));
        std::string b = rest.substr(0, rest.find_first_of(" \t"));
        double s0 = 0, s1 = 0;
        if (!parseVttTime(a, s0)) return marksError(path, int(t) + 1, fmt::format("\"{}\" is not a time like 00:01.250", a));
        if (!parseVttTime(b, s1)) return marksError(path, int(t) + 1, fmt::format("\"{}\" is not a time like 00:01.250", b));
        if (s1 < s0) return marksError(path, int(t) + 1, "the cue ends before it starts");
        if (length >= 0 && fromSeconds(s0) > length)
            return marksError(path, int(t) + 1, fmt::format("the cue at {:.3f} s is past the end of the recording ({:.3f} s)", s0, toSeconds(length)));
        std::string text;
        std::size_t k = t + 1;
        for (; k < lines.size() && !trim(lines[k]).empty(); ++k) text += (text.empty() ? "" : " ") + trim(lines[k]);
        if (text.empty()) return marksError(path, int(t) + 1, "the cue has no text (a word, or mark:NAME)");
        addCue(out, fromSeconds(s0), fromSeconds(s1), text);
        i = k;
    }
    return out;
}

Result<MarksFile> parseAudacity(const std::filesystem::path& path, const std::vector<std::string>& lines, Samples length) {
    MarksFile out;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string& l = lines[i];
        if (trim(l).empty()) continue;
        if (l[0] == '\\') continue; // a spectral-selection line that follows a label
        const std::size_t t1 = l.find('\t');
        const std::size_t t2 = t1 == std::string::npos ? t1 : l.find('\t', t1 + 1);
        if (t2 == std::string::npos)
            return marksError(path, int(i) + 1, "expected start<TAB>end<TAB>label (an Audacity label track) or a WEBVTT file");
        double s0 = 0, s1 = 0;
        if (!parseSeconds(std::string_view(l).substr(0, t1), s0) || !parseSeconds(std::string_view(l).substr(t1 + 1, t2 - t1 - 1), s1))
            return marksError(path, int(i) + 1, "the start and end must be seconds, like 12.250000");
        if (s1 < s0) return marksError(path, int(i) + 1, "the label ends before it starts");
        if (length >= 0 && fromSeconds(s0) > length)
            return marksError(path, int(i) + 1, fmt::format("the label at {:.3f} s is past the end of the recording ({:.3f} s)", s0, toSeconds(length)));
        const std::string text = trim(std::string_view(l).substr(t2 + 1));
        if (text.empty()) return marksError(path, int(i) + 1, "the label is empty (a word, or mark:NAME)");
        addCue(out, fromSeconds(s0), fromSeconds(s1), text);
    }
    return out;
}

// libsndfile clamps a WAV whose data chunk promises more than the file
// holds, and notes it in its log as "data : N (should be M)".
bool headerPromisesMore(SNDFILE* f) {
    char logText[4096] = {};
    sf_command(f, SFC_GET_LOG_INFO, logText, sizeof logText);
    std::istringstream in(logText);
    for (std::string line; std::getline(in, line);)
        if ((line.rfind("data", 0) == 0 || line.rfind("SSND", 0) == 0) && line.find("should be") != std::string::npos) return true;
    return false;
}

// Reads the last frames: a file cut short fails here, before the session
// relies on it, instead of going quiet in the middle.
Status checkComplete(const std::filesystem::path& path) {
    SF_INFO info{};
    SNDFILE* f = sf_open(path.c_str(), SFM_READ, &info);
    if (!f) return Ok{}; // AudioFileStream::open just read it; nothing new to say
    std::string why;
    if (headerPromisesMore(f)) why = "its header promises more audio than the file holds";
    if (why.empty() && info.frames > 0) {
        const sf_count_t tail = std::min<sf_count_t>(info.frames, 4096);
        std::vector<float> buf(size_t(tail) * size_t(info.channels));
        sf_count_t got = -1;
        if (sf_seek(f, info.frames - tail, SEEK_SET) >= 0) got = sf_readf_float(f, buf.data(), tail);
        if (got != tail) why = fmt::format("its last {:.1f} s cannot be read ({})", double(tail) / info.samplerate, sf_strerror(f));
    }
    sf_close(f);
    if (why.empty()) return Ok{};
    const std::string msg = fmt::format("{}: the recording is truncated: {}; export it again, or the built-in voice is used", path.string(), why);
    return Error{"recording.truncated", msg};
}

} // namespace

Result<MarksFile> loadMarks(const std::filesystem::path& path, Samples length) {
    auto text = readTextFile(path, "the recording's marks file");
    if (!text) return Error{"marks.open", text.error().message};
    std::istringstream in(*text);
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);) {
        if (!l.empty() && l.back() == '\r') l.pop_back();
        lines.push_back(std::move(l));
    }
    if (!lines.empty() && lines[0].rfind("\xEF\xBB\xBF", 0) == 0) lines[0].erase(0, 3);
    if (lines.empty()) return marksError(path, 1, "the marks file is empty");

    auto parsed = lines[0].rfind("WEBVTT", 0) == 0 ? parseVtt(path, lines, length) : parseAudacity(path, lines, length);
    if (!parsed) return parsed;
    MarksFile& m = *parsed;
    std::stable_sort(m.words.begin(), m.words.end(), [](auto& a, auto& b) { return a.start < b.start; });
    std::stable_sort(m.marks.begin(), m.marks.end(), [](auto& a, auto& b) { return a.at < b.at; });
    return parsed;
}

Result<RecordedVoice> RecordedVoice::open(const std::filesystem::path& audio, const std::filesystem::path& marks) {
    auto stream = AudioFileStream::open(audio);
    if (!stream) return stream.error();
    if (auto ok = checkComplete(audio); !ok) return ok.error();
    RecordedVoice v;
    v.mAudio = audio;
    v.mFileRate = (*stream)->fileRate();
    v.mFileChannels = (*stream)->fileChannels();
    v.mTiming.lengthSamples = (*stream)->length();
    if (!marks.empty()) {
        auto m = loadMarks(marks, v.mTiming.lengthSamples);
        if (!m) return m.error();
        v.mTiming.words = std::move(m->words);
        v.mTiming.marks = std::move(m->marks);
        v.mTextFingerprint = std::move(m->textFingerprint);
    }
    return v;
}

} // namespace soma
