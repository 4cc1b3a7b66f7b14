// A small strict JSON reader for checking timeline.json in tests (no JSON
// library is among the project's dependencies). Throws std::runtime_error
// on anything that is not JSON, so a malformed export fails its test.
#pragma once

#include <cstdlib>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace soma::test {

struct Json {
    enum class Type { Null, Bool, Number, String, Array, Object };
    Type type = Type::Null;
    bool boolean = false;
    double number = 0;
    std::string string;
    std::vector<Json> array;
    std::vector<std::pair<std::string, Json>> object; // in file order

    bool isNull() const { return type == Type::Null; }
    bool has(const std::string& key) const {
        for (auto& [k, v] : object)
            if (k == key) return true;
        return false;
    }
    const Json& operator[](const std::string& key) const {
        for (auto& [k, v] : object)
            if (k == key) return v;
        throw std::runtime_error("no key " + key);
    }

    static Json parse(const std::string& text) {
        size_t i = 0;
        Json j = value(text, i);
        space(text, i);
        if (i != text.size()) throw std::runtime_error("trailing characters at " + std::to_string(i));
        return j;
    }

private:
    static void space(const std::string& s, size_t& i) {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t')) ++i;
    }
    static void expect(const std::string& s, size_t& i, const char* word) {
        for (const char* p = word; *p; ++p, ++i)
            if (i >= s.size() || s[i] != *p) throw std::runtime_error(std::string("expected ") + word);
    }
    static std::string str(const std::string& s, size_t& i) {
        expect(s, i, "\"");
        std::string o;
        while (i < s.size() && s[i] != '"') {
            if (static_cast<unsigned char>(s[i]) < 0x20) throw std::runtime_error("control character in string");
            if (s[i] == '\\') {
                ++i;
                if (i >= s.size()) break;
                switch (s[i]) {
                case 'n': o += '\n'; break;
                case 't': o += '\t'; break;
                case 'u': o += '?', i += 4; break; // tests only need to see that it parses
                default: o += s[i];
                }
                ++i;
            } else {
                o += s[i++];
            }
        }
        expect(s, i, "\"");
        return o;
    }
    static Json value(const std::string& s, size_t& i) {
        space(s, i);
        if (i >= s.size()) throw std::runtime_error("unexpected end");
        Json j;
        const char c = s[i];
        if (c == '{') {
            j.type = Type::Object;
            ++i;
            space(s, i);
            if (s[i] == '}') return ++i, j;
            for (;;) {
                space(s, i);
                std::string k = str(s, i);
                space(s, i);
                expect(s, i, ":");
                j.object.emplace_back(k, value(s, i));
                space(s, i);
                if (s[i] == ',') ++i;
                else if (s[i] == '}') return ++i, j;
                else throw std::runtime_error("expected , or } at " + std::to_string(i));
            }
        }
        if (c == '[') {
            j.type = Type::Array;
            ++i;
            space(s, i);
            if (s[i] == ']') return ++i, j;
            for (;;) {
                j.array.push_back(value(s, i));
                space(s, i);
                if (s[i] == ',') ++i;
                else if (s[i] == ']') return ++i, j;
                else throw std::runtime_error("expected , or ] at " + std::to_string(i));
            }
        }
        if (c == '"') {
            j.type = Type::String;
            j.string = str(s, i);
            return j;
        }
        if (c == 't') return expect(s, i, "true"), j.type = Type::Bool, j.boolean = true, j;
        if (c == 'f') return expect(s, i, "false"), j.type = Type::Bool, j;
        if (c == 'n') return expect(s, i, "null"), j;
        char* end = nullptr;
        j.number = std::strtod(s.c_str() + i, &end);
        if (end == s.c_str() + i) throw std::runtime_error("bad value at " + std::to_string(i));
        j.type = Type::Number;
        i = size_t(end - s.c_str());
        return j;
    }
};

} // namespace soma::test
