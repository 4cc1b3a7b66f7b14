#include "model/Narration.h"

#include "core/Text.h"
#include "model/Limits.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace soma {
namespace {

bool isNameChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
}

void skipSpace(std::string_view s, std::size_t& i) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
}

// Parses `name="value"` (or single quotes) at i; returns false on bad syntax.
bool parseAttribute(std::string_view s, std::size_t& i, std::string& name, std::string& value) {
    skipSpace(s, i);
    std::size_t start = i;
    while (i < s.size() && isNameChar(s[i])) ++i;
    if (i == start) return false;
    name = std::string(s.substr(start, i - start));
    skipSpace(s, i);
    if (i >= s.size() || s[i] != '=') return false;
    ++i;
    skipSpace(s, i);
    if (i >= s.size() || (s[i] != '"' && s[i] != '\'')) return false;
    const char quote = s[i++];
    start = i;
    while (i < s.size() && s[i] != quote) ++i;
    if (i >= s.size()) return false;
    value = std::string(s.substr(start, i - start));
    ++i;
    return true;
}

// "2s", "1.5s", "500ms"; negative or unparsable gives -1.
double parseBreakTime(const std::string& v) {
    char* end = nullptr;
    const double x = std::strtod(v.c_str(), &end);
    if (end == v.c_str()) return -1;
    std::string unit(end);
    if (unit == "s") return x >= 0 ? x : -1;
    if (unit == "ms") return x >= 0 ? x / 1000.0 : -1;
    return -1;
}

void appendEscaped(std::string& o, std::string_view s) {
    for (char c : s) {
        switch (c) {
        case '&': o += "&amp;"; break;
        case '<': o += "&lt;"; break;
        case '>': o += "&gt;"; break;
        case '"': o += "&quot;"; break;
        default: o += c;
        }
    }
}

// The control character that starts at s[i] (C0 but tab and line
// breaks, DEL, or a C1 encoded in UTF-8), or -1: such a character would
// end a caption cue early or reach the synthesiser as a command.
int controlCharacterAt(std::string_view s, std::size_t i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) return c;
    if (c == 0xc2 && i + 1 < s.size()) {
        const unsigned char d = static_cast<unsigned char>(s[i + 1]);
        if (d >= 0x80 && d <= 0x9f) return d;
    }
    return -1;
}

} // namespace

bool parseNarration(std::string_view s, NarrationMarkup& out, NarrationError& error) {
    out.tokens.clear();
    std::size_t i = 0;
    std::string text;
    std::size_t textStart = 0;
    auto flushText = [&] {
        if (!text.empty()) {
            NarrationToken t;
            t.kind = NarrationToken::Kind::Text;
            t.text = std::move(text);
            t.offset = countCodePoints(s.substr(0, textStart));
            out.tokens.push_back(std::move(t));
        }
        text.clear();
    };
    while (i < s.size()) {
        if (s[i] == '>') {
            error = {"a '>' without a tag: write tags as <mark name=\"x\"/> or <break time=\"2s\"/>",
                     countCodePoints(s.substr(0, i))};
            return false;
        }
        if (const int cp = controlCharacterAt(s, i); cp >= 0) {
            error = {fmt::format("a control character (U+{:04X}) in the narration: write plain text (a pause is <break time=\"2s\"/>)", cp),
                     countCodePoints(s.substr(0, i))};
            return false;
        }
        if (s[i] != '<') {
            if (text.empty()) textStart = i;
            text += s[i++];
            continue;
        }
        flushText();
        const std::size_t tagStart = i;
        const std::size_t col = countCodePoints(s.substr(0, tagStart));
        ++i;
        std::size_t nameStart = i;
        while (i < s.size() && isNameChar(s[i])) ++i;
        const std::string tag(s.substr(nameStart, i - nameStart));
        if (tag != "mark" && tag != "break") {
            error = {tag.empty() ? std::string("a '<' that does not start a tag: only <mark name=\"x\"/> and "
                                               "<break time=\"2s\"/> are allowed in narration")
                                 : fmt::format("unknown tag <{}>: only <mark name=\"x\"/> and <break time=\"2s\"/> "
                                               "are allowed in narration",
                                               tag),
                     col};
            return false;
        }
        std::string attrName, attrValue, wanted = tag == "mark" ? "name" : "time", value;
        bool have = false;
        for (;;) {
            skipSpace(s, i);
            if (i + 1 < s.size() && s[i] == '/' && s[i + 1] == '>') {
                i += 2;
                break;
            }
            if (i < s.size() && s[i] == '>') {
                error = {fmt::format("<{}> must close itself: write <{} .../>", tag, tag), col};
                return false;
            }
            if (!parseAttribute(s, i, attrName, attrValue)) {
                error = {fmt::format("malformed <{}> tag: write <{}>", tag,
                                     tag == "mark" ? "mark name=\"word\"/" : "break time=\"2s\"/"),
                         col};
                return false;
            }
            if (attrName != wanted) {
                error = {fmt::format("<{}> takes only {}=\"...\", not {}", tag, wanted, attrName), col};
                return false;
            }
            value = attrValue;
            have = true;
        }
        if (!have) {
            error = {fmt::format("<{}> needs {}=\"...\"", tag, wanted), col};
            return false;
        }
        NarrationToken t;
        t.offset = col;
        if (tag == "mark") {
            if (value.empty()) {
                error = {"a mark needs a name: <mark name=\"feet\"/>", col};
                return false;
            }
            const bool nameOk = value.size() <= kMaxIdBytes && std::all_of(value.begin(), value.end(), [](char c) {
                return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
            });
            if (!nameOk) {
                error = {fmt::format("mark name \"{}\" may hold only letters, digits, '_' and '-', at most {} of them", value, kMaxIdBytes),
                         col};
                return false;
            }
            for (const auto& earlier : out.tokens)
                if (earlier.kind == NarrationToken::Kind::Mark && earlier.mark == value) {
                    error = {fmt::format("mark '{}' appears twice: each mark names one word", value), col};
                    return false;
                }
            t.kind = NarrationToken::Kind::Mark;
            t.mark = value;
        } else {
            const double sec = parseBreakTime(value);
            if (sec < 0) {
                error = {fmt::format("break time \"{}\" is not a duration: write \"2s\" or \"500ms\" (not negative)", value), col};
                return false;
            }
            if (sec > kMaxPauseSec) {
                error = {fmt::format("break time \"{}\" is longer than {} s: use pause_after for long silences", value, kMaxPauseSec), col};
                return false;
            }
            t.kind = NarrationToken::Kind::Break;
            t.breakSec = sec;
        }
        out.tokens.push_back(std::move(t));
    }
    flushText();
    return true;
}

std::vector<std::string> NarrationMarkup::marks() const {
    std::vector<std::string> m;
    for (auto& t : tokens)
        if (t.kind == NarrationToken::Kind::Mark) m.push_back(t.mark);
    return m;
}

std::string NarrationMarkup::plainText() const {
    std::string o;
    for (auto& t : tokens) {
        if (t.kind != NarrationToken::Kind::Text) continue;
        o += t.text;
    }
    // Collapse runs of white space so captions read cleanly.
    std::string c;
    bool space = false;
    for (char ch : o) {
        if (std::isspace(static_cast<unsigned char>(ch))) {
            space = !c.empty();
            continue;
        }
        if (space) c += ' ';
        space = false;
        c += ch;
    }
    return c;
}

int NarrationMarkup::wordCount() const { return countWords(plainText()); }

double NarrationMarkup::breakSeconds() const {
    double s = 0;
    for (auto& t : tokens)
        if (t.kind == NarrationToken::Kind::Break) s += t.breakSec;
    return s;
}

std::string toSsml(const NarrationMarkup& markup) {
    std::string o = "<speak>";
    for (auto& t : markup.tokens) {
        switch (t.kind) {
        case NarrationToken::Kind::Text: appendEscaped(o, t.text); break;
        case NarrationToken::Kind::Break: o += fmt::format("<break time=\"{}ms\"/>", int(t.breakSec * 1000 + 0.5)); break;
        case NarrationToken::Kind::Mark: {
            std::size_t k = o.find_last_not_of(" \t\r\n");
            if (k != std::string::npos && (o[k] == '.' || o[k] == '!' || o[k] == '?' || o[k] == ':' || o[k] == ';'))
                o += "<break time=\"1ms\"/>";
            o += "<mark name=\"";
            appendEscaped(o, t.mark);
            o += "\"/>";
            break;
        }
        }
    }
    o += "</speak>";
    return o;
}

int countWords(std::string_view s) {
    int n = 0;
    bool in = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const unsigned char c = s[i];
        // Bytes >= 0x80 are parts of UTF-8 letters (é, ë): they count as letters.
        const bool letter = std::isalnum(c) || c >= 0x80 || c == '\'';
        if (letter && !in) ++n;
        in = letter;
    }
    return n;
}

} // namespace soma
