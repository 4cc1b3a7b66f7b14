// `soma regions [--json]` through the real program, and the atlas itself.
#include "model/RegionAtlas.h"
#include "support/RunProgram.h"

#include <gtest/gtest.h>

#include <cctype>
#include <map>
#include <set>
#include <string>
#include <variant>
#include <vector>

namespace soma {
namespace {

// A small strict JSON reader, enough to check the command's output: objects,
// arrays, strings (with escapes), numbers, true/false/null.
struct Json;
using JsonObject = std::vector<std::pair<std::string, Json>>;
using JsonArray = std::vector<Json>;
struct Json {
    std::variant<std::nullptr_t, bool, double, std::string, JsonArray, JsonObject> v;
};

class JsonReader {
public:
    explicit JsonReader(const std::string& s) : mS(s) {}
    bool parse(Json& out) {
        bool ok = value(out);
        space();
        return ok && mPos == mS.size();
    }

private:
    void space() {
        while (mPos < mS.size() && std::isspace(static_cast<unsigned char>(mS[mPos]))) ++mPos;
    }
    bool lit(const char* w) {
        size_t n = std::char_traits<char>::length(w);
        if (mS.compare(mPos, n, w) != 0) return false;
        mPos += n;
        return true;
    }
    bool string(std::string& out) {
        if (mS[mPos] != '"') return false;
        ++mPos;
        while (mPos < mS.size() && mS[mPos] != '"') {
            char c = mS[mPos++];
            if (static_cast<unsigned char>(c) < 0x20) return false;
            if (c == '\\') {
                if (mPos >= mS.size()) return false;
                char e = mS[mPos++];
                if (e == 'u') { if (mPos + 4 > mS.size()) return false; mPos += 4; out += '?'; }
                else if (std::string("\"\\/bfnrt").find(e) == std::string::npos) return false;
                else out += e;
            } else out += c;
        }
        if (mPos >= mS.size()) return false;
        ++mPos;
        return true;
    }
    bool value(Json& out) {
        space();
        if (mPos >= mS.size()) return false;
        char c = mS[mPos];
        if (c == '{') {
            ++mPos;
            JsonObject o;
            space();
            if (mS[mPos] == '}') { ++mPos; out.v = o; return true; }
            for (;;) {
                space();
                std::string k;
                if (!string(k)) return false;
                space();
                if (mS[mPos++] != ':') return false;
                Json v;
                if (!value(v)) return false;
                o.emplace_back(k, v);
                space();
                if (mS[mPos] == ',') { ++mPos; continue; }
                if (mS[mPos] == '}') { ++mPos; out.v = o; return true; }
                return false;
            }
        }
        if (c == '[') {
            ++mPos;
            JsonArray a;
            space();
            if (mS[mPos] == ']') { ++mPos; out.v = a; return true; }
            for (;;) {
                Json v;
                if (!value(v)) return false;
                a.push_back(v);
                space();
                if (mS[mPos] == ',') { ++mPos; continue; }
                if (mS[mPos] == ']') { ++mPos; out.v = a; return true; }
                return false;
            }
        }
        if (c == '"') {
            std::string s;
            if (!string(s)) return false;
            out.v = s;
            return true;
        }
        if (lit("true")) { out.v = true; return true; }
        if (lit("false")) { out.v = false; return true; }
        if (lit("null")) { out.v = nullptr; return true; }
        size_t start = mPos;
        while (mPos < mS.size() && std::string("+-.eE0123456789").find(mS[mPos]) != std::string::npos) ++mPos;
        if (mPos == start) return false;
        out.v = std::stod(mS.substr(start, mPos - start));
        return true;
    }
    const std::string& mS;
    size_t mPos = 0;
};

TEST(RegionsCommand, JsonListsEveryRegionWithExactlyTheFiveKeys) {
    auto r = test::runSoma({"regions", "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.out;
    Json doc;
    ASSERT_TRUE(JsonReader(r.out).parse(doc)) << "not JSON:\n" << r.out;
    ASSERT_TRUE(std::holds_alternative<JsonArray>(doc.v));
    const auto& list = std::get<JsonArray>(doc.v);
    EXPECT_GE(list.size(), 40u);
    EXPECT_EQ(list.size(), regions().size());
    std::set<std::string> ids;
    for (size_t i = 0; i < list.size(); ++i) {
        ASSERT_TRUE(std::holds_alternative<JsonObject>(list[i].v));
        std::map<std::string, std::string> fields;
        for (const auto& [k, v] : std::get<JsonObject>(list[i].v)) {
            ASSERT_TRUE(std::holds_alternative<std::string>(v.v)) << k;
            EXPECT_TRUE(fields.emplace(k, std::get<std::string>(v.v)).second) << "repeated key " << k;
        }
        std::set<std::string> keys;
        for (auto& [k, v] : fields) keys.insert(k);
        EXPECT_EQ(keys, (std::set<std::string>{"id", "name_nl", "name_en", "side", "layer"}));
        const std::string& id = fields["id"];
        EXPECT_TRUE(ids.insert(id).second) << "duplicate id " << id;
        for (char c : id) EXPECT_TRUE(std::islower(static_cast<unsigned char>(c)) || c == '_') << id;
        EXPECT_TRUE(fields["side"] == "left" || fields["side"] == "right" || fields["side"] == "center") << id;
        EXPECT_TRUE(fields["layer"] == "surface" || fields["layer"] == "internal") << id;
        EXPECT_FALSE(fields["name_nl"].empty()) << id;
        EXPECT_FALSE(fields["name_en"].empty()) << id;
        // The JSON is the atlas, in its order.
        EXPECT_EQ(id, regions()[i].id);
        EXPECT_EQ(fields["name_nl"], regions()[i].nameNl);
        // The side in the id and the side field agree.
        if (id.size() > 5 && id.compare(id.size() - 5, 5, "_left") == 0) { EXPECT_EQ(fields["side"], "left") << id; }
        if (id.size() > 6 && id.compare(id.size() - 6, 6, "_right") == 0) { EXPECT_EQ(fields["side"], "right") << id; }
    }
    for (const char* need : {"psoas_left", "psoas_right", "diaphragm", "shoulder_left", "shoulder_right", "neck", "jaw",
                             "forehead", "chest", "belly", "lower_back", "upper_back", "pelvic_floor", "hand_left",
                             "hand_right", "foot_left", "foot_right", "hip_left", "hip_right"})
        EXPECT_TRUE(ids.count(need)) << need;
}

TEST(RegionsCommand, TableNamesRegionsInBothLanguages) {
    auto r = test::runSoma({"regions"});
    ASSERT_EQ(r.exitCode, 0) << r.out;
    for (const char* s : {"psoas_left", "linkerpsoas", "left psoas", "middenrif", "internal", "surface"})
        EXPECT_NE(r.out.find(s), std::string::npos) << s;
}

TEST(RegionAtlas, DutchNamesReadAfterJe) {
    std::set<std::string> nl;
    for (const auto& r : regions()) nl.insert(r.nameNl);
    for (const char* n : {"linkerschouder", "buik", "kaak", "linkerpsoas", "middenrif", "bekkenbodem"}) EXPECT_TRUE(nl.count(n)) << n;
    // Whole words, no article: "je buik", not "je de buik".
    for (const auto& n : nl) EXPECT_NE(n.rfind("de ", 0), 0u) << n;
}

TEST(RegionAtlas, MisspeltIdsSuggestTheNearest) {
    EXPECT_EQ(nearestRegions("psoas_lefft").front(), "psoas_left");
    EXPECT_EQ(nearestRegions("diafragm").front(), "diaphragm");
    EXPECT_EQ(nearestRegions("shoulder_rigth").front(), "shoulder_right");
    EXPECT_EQ(nearestRegions("belly", 2).size(), 2u);
    EXPECT_FALSE(regionIndex("no_such_region").has_value());
    EXPECT_LE(regions().size(), size_t(kMaxRegions));
}

} // namespace
} // namespace soma
