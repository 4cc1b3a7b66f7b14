#include "core/Text.h"

#include <gtest/gtest.h>

#include <string>

namespace soma {
namespace {

// The code point and length at s[i], or {0, 0} when decodeUtf8At refuses it,
// so one EXPECT_EQ shows both.
std::pair<char32_t, int> at(std::string_view s, std::size_t i = 0) {
    auto c = decodeUtf8At(s, i);
    return c ? std::pair<char32_t, int>{c->codePoint, c->length} : std::pair<char32_t, int>{0, 0};
}

const std::pair<char32_t, int> kRefused{0, 0};

} // namespace

TEST(Utf8, DecodesEachLengthAtItsLimits) {
    EXPECT_EQ(at("A"), std::make_pair(char32_t(0x41), 1));
    EXPECT_EQ(at(std::string_view("\0", 1)), std::make_pair(char32_t(0), 1));
    EXPECT_EQ(at("\x7f"), std::make_pair(char32_t(0x7F), 1));
    EXPECT_EQ(at("\xc2\x80"), std::make_pair(char32_t(0x80), 2)); // smallest two-byte
    EXPECT_EQ(at("\xc3\xa9"), std::make_pair(char32_t(0xE9), 2)); // é
    EXPECT_EQ(at("\xdf\xbf"), std::make_pair(char32_t(0x7FF), 2));
    EXPECT_EQ(at("\xe0\xa0\x80"), std::make_pair(char32_t(0x800), 3));
    EXPECT_EQ(at("\xe2\x80\xa6"), std::make_pair(char32_t(0x2026), 3)); // …
    EXPECT_EQ(at("\xed\x9f\xbf"), std::make_pair(char32_t(0xD7FF), 3)); // just below the surrogates
    EXPECT_EQ(at("\xee\x80\x80"), std::make_pair(char32_t(0xE000), 3)); // just above them
    EXPECT_EQ(at("\xef\xbf\xbf"), std::make_pair(char32_t(0xFFFF), 3));
    EXPECT_EQ(at("\xf0\x90\x80\x80"), std::make_pair(char32_t(0x10000), 4));
    EXPECT_EQ(at("\xf0\x9f\x98\x8c"), std::make_pair(char32_t(0x1F60C), 4)); // 😌
    EXPECT_EQ(at("\xf4\x8f\xbf\xbf"), std::make_pair(char32_t(0x10FFFF), 4));
}

TEST(Utf8, DecodesAtAnOffsetAndRefusesPastTheEnd) {
    const std::string s = "a\xc3\xa9z";
    EXPECT_EQ(at(s, 1), std::make_pair(char32_t(0xE9), 2));
    EXPECT_EQ(at(s, 3), std::make_pair(char32_t('z'), 1));
    EXPECT_EQ(at(s, 2), kRefused) << "a continuation byte does not start a character";
    EXPECT_EQ(at(s, 4), kRefused);
    EXPECT_EQ(at(s, 100), kRefused);
    EXPECT_EQ(at(""), kRefused);
}

TEST(Utf8, RefusesOverlongForms) {
    EXPECT_EQ(at("\xc0\xaf"), kRefused);         // '/' in two bytes
    EXPECT_EQ(at("\xc1\xbf"), kRefused);         // 0x7F in two bytes
    EXPECT_EQ(at("\xc0\x80"), kRefused);         // NUL in two bytes ("modified UTF-8")
    EXPECT_EQ(at("\xe0\x80\xaf"), kRefused);     // '/' in three
    EXPECT_EQ(at("\xe0\x9f\xbf"), kRefused);     // 0x7FF in three
    EXPECT_EQ(at("\xf0\x80\x80\xaf"), kRefused); // '/' in four
    EXPECT_EQ(at("\xf0\x8f\xbf\xbf"), kRefused); // 0xFFFF in four
}

TEST(Utf8, RefusesSurrogatesAndCodePointsPastTheLast) {
    EXPECT_EQ(at("\xed\xa0\x80"), kRefused); // U+D800
    EXPECT_EQ(at("\xed\xbf\xbf"), kRefused); // U+DFFF
    EXPECT_EQ(at("\xed\xa0\xbd\xed\xb8\x8c"), kRefused) << "CESU-8: a surrogate pair written as two sequences";
    EXPECT_EQ(at("\xf4\x90\x80\x80"), kRefused); // U+110000
    EXPECT_EQ(at("\xf7\xbf\xbf\xbf"), kRefused); // U+1FFFFF, the most four bytes can hold
    EXPECT_EQ(at("\xf8\x88\x80\x80\x80"), kRefused) << "five-byte forms are not UTF-8";
    EXPECT_EQ(at("\xfc\x84\x80\x80\x80\x80"), kRefused);
    EXPECT_EQ(at("\xfe"), kRefused);
    EXPECT_EQ(at("\xff"), kRefused);
}

TEST(Utf8, RefusesTruncatedSequencesAndBadContinuationBytes) {
    EXPECT_EQ(at("\xc3"), kRefused);
    EXPECT_EQ(at("\xe2\x80"), kRefused);
    EXPECT_EQ(at("\xf0\x9f\x98"), kRefused);
    EXPECT_EQ(at("\x80"), kRefused) << "a lone continuation byte";
    EXPECT_EQ(at("\xbf"), kRefused);
    EXPECT_EQ(at("\xc3("), kRefused);             // ASCII where a continuation belongs
    EXPECT_EQ(at("\xe2\x28\xa1"), kRefused);
    EXPECT_EQ(at("\xe2\x82\x28"), kRefused);
    EXPECT_EQ(at("\xf0\x9f\x98\x28"), kRefused);
    EXPECT_EQ(at("\xc3\xc3\xa9"), kRefused) << "a lead byte where a continuation belongs";
    EXPECT_EQ(at("\xc3\xc3\xa9", 1), std::make_pair(char32_t(0xE9), 2)) << "and the next one still decodes";
}

TEST(Utf8, DecodesDutchAccentsAndReplacesMalformedBytes) {
    EXPECT_EQ(decodeUtf8("\xc3\xa9\xc3\xa9n"), std::u32string(U"\u00e9\u00e9n")); // één
    EXPECT_EQ(decodeUtf8("ge\xc3\xafnteresseerd"), std::u32string(U"ge\u00efnteresseerd"));
    EXPECT_EQ(decodeUtf8("\xe2\x80\xa6"), std::u32string(U"\u2026"));
    EXPECT_EQ(decodeUtf8("a\xffz"), std::u32string(U"a\uFFFDz"));
    EXPECT_EQ(decodeUtf8("\xc3"), std::u32string(U"\uFFFD"));           // cut in the middle
    EXPECT_EQ(decodeUtf8("\xc0\xaf"), std::u32string(U"\uFFFD\uFFFD")); // overlong '/'
}

TEST(Utf8, ReplacesEachBadByteOnItsOwnAndResynchronises) {
    EXPECT_EQ(decodeUtf8(""), std::u32string());
    EXPECT_EQ(decodeUtf8("\xe2\x80z"), std::u32string(U"\uFFFD\uFFFDz")) << "a cut sequence: one U+FFFD per byte, then the next character";
    EXPECT_EQ(decodeUtf8("\xed\xa0\x80!"), std::u32string(U"\uFFFD\uFFFD\uFFFD!")); // a surrogate
    EXPECT_EQ(decodeUtf8("\xf4\x90\x80\x80"), std::u32string(U"\uFFFD\uFFFD\uFFFD\uFFFD"));
    EXPECT_EQ(decodeUtf8("\xc3\xc3\xa9"), std::u32string(U"\uFFFD\u00e9"));
    EXPECT_EQ(decodeUtf8("\x80\xf0\x9f\x98\x8c\x80"), std::u32string(U"\uFFFD\U0001F60C\uFFFD"));
    EXPECT_EQ(decodeUtf8(std::string_view("a\0b", 3)), std::u32string(U"a\0b", 3)) << "NUL is a character, not the end";
}

TEST(Utf8, FirstInvalidByteOffset) {
    EXPECT_EQ(firstInvalidUtf8(""), std::nullopt);
    EXPECT_EQ(firstInvalidUtf8("plain ascii"), std::nullopt);
    EXPECT_EQ(firstInvalidUtf8("\xc3\x89\xc3\xa9n \xe2\x80\xa6 \xf0\x9f\x98\x8c"), std::nullopt);
    EXPECT_EQ(firstInvalidUtf8("\xff"), 0u);
    EXPECT_EQ(firstInvalidUtf8("abc\xff"), 3u);
    EXPECT_EQ(firstInvalidUtf8("\xc3\xa9\xc3\xa9\xc3"), 4u) << "counted in bytes, at the start of the cut sequence";
    EXPECT_EQ(firstInvalidUtf8("\xe2\x80\xa6x\xe2\x28\xa1"), 4u);
    EXPECT_EQ(firstInvalidUtf8("ok\xc0\xaf"), 2u);
    EXPECT_EQ(firstInvalidUtf8("\xc3\xa9\xed\xa0\x80"), 2u);
    EXPECT_EQ(firstInvalidUtf8("x\x80"), 1u);
}

TEST(Utf8, CountsCodePointsNotBytes) {
    EXPECT_EQ(countCodePoints(""), 0u);
    EXPECT_EQ(countCodePoints("abc"), 3u);
    EXPECT_EQ(countCodePoints("\xc3\x89\xc3\xa9n"), 3u); // Één, five bytes
    EXPECT_EQ(countCodePoints("\xe2\x80\xa6"), 1u);
    EXPECT_EQ(countCodePoints("a\xf0\x9f\x98\x8c" "b"), 3u);
}

TEST(EditDistance, CountsInsertionsDeletionsAndSubstitutions) {
    EXPECT_EQ(editDistance("kitten", "sitting"), 3);
    EXPECT_EQ(editDistance("sitting", "kitten"), 3);
    EXPECT_EQ(editDistance("", ""), 0);
    EXPECT_EQ(editDistance("", "abc"), 3);
    EXPECT_EQ(editDistance("abc", ""), 3);
    EXPECT_EQ(editDistance("same", "same"), 0);
    EXPECT_EQ(editDistance("flaw", "lawn"), 2);
    EXPECT_EQ(editDistance("psoas_lfet", "psoas_left"), 2) << "a swap is two edits";
    EXPECT_EQ(editDistance("shouldr_left", "shoulder_left"), 1);
}

TEST(EditDistance, CountsBytes) {
    EXPECT_EQ(editDistance("\xc3\xa9", "e"), 2) << "é is two bytes, both differ from e";
    EXPECT_EQ(editDistance("\xc3\xa9", "\xc3\xa8"), 1) << "è shares é's lead byte";
}

TEST(Join, EmptyOneAndSeveral) {
    EXPECT_EQ(join({}), "");
    EXPECT_EQ(join({"a"}), "a");
    EXPECT_EQ(join({"a", "b", "c"}), "a, b, c");
    EXPECT_EQ(join({"", ""}), ", ") << "empty items keep their place";
}

TEST(Join, CustomSeparator) {
    EXPECT_EQ(join({"a", "b", "c"}, " | "), "a | b | c");
    EXPECT_EQ(join({"a", "b"}, ""), "ab");
    EXPECT_EQ(join({"x"}, "\n"), "x");
    EXPECT_EQ(join({"en", "nl"}, " or "), "en or nl");
}

} // namespace soma
