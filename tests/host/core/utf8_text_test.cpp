#include "host/core/utf8_text.h"

#include <catch2/catch.hpp>

using namespace drishti::host;

TEST_CASE("utf8 decoding round-trips every kind of code point") {
  for (char32_t cp : {U'a', U'\u00e9', U'\u0915', U'\u0d4d', U'\u4e2d', U'\U0001F600'}) {
    std::string s;
    appendUtf8(s, cp);
    std::size_t pos = 0;
    CHECK(decodeUtf8(s, pos) == cp);
    CHECK(pos == s.size());
    CHECK(isValidUtf8(s));
  }
}

TEST_CASE("malformed utf8 is rejected and decodes one byte at a time") {
  for (std::string_view bad :
       {"\xC0\xAF", "\xE0\x80\x80", "\xED\xA0\x80", "\xF5\x80\x80\x80", "\x80", "\xE0\xA4"}) {
    CHECK_FALSE(isValidUtf8(bad));
    std::size_t pos = 0;
    CHECK(decodeUtf8(bad, pos) == kReplacementChar);
    CHECK(pos == 1);
  }
  CHECK(isValidUtf8("\xEF\xBF\xBD"));  // a literal U+FFFD is fine
}

TEST_CASE("backspace removes the last code point, so an Indic vowel sign goes first") {
  const std::string ki = "\u0915\u093F";  // कि
  CHECK(ki.substr(0, lastCodePointStart(ki)) == "\u0915");
  CHECK(lastCodePoint(ki) == 0x093F);
  CHECK(lastCodePointStart("") == 0);
  CHECK(countCodePoints("a\u0915\u093F") == 3);
  CHECK(tailStart("abcdef", 2) == 4);
  CHECK(tailStart("ab", 5) == 0);
}

TEST_CASE("text ending in a consonant is recognised in Devanagari and Malayalam") {
  CHECK(endsWithIndicConsonant("\u092E"));              // म
  CHECK(endsWithIndicConsonant("\u0921\u093C"));        // ड़ (with nukta)
  CHECK_FALSE(endsWithIndicConsonant("\u092E\u0941"));  // मु
  CHECK_FALSE(endsWithIndicConsonant("\u0915\u094D"));  // क् (virama: half form)
  CHECK(endsWithIndicConsonant("\u0D28"));              // ന
  CHECK_FALSE(endsWithIndicConsonant("\u0D7B"));        // ൻ chillu: no vowel follows
  CHECK_FALSE(endsWithIndicConsonant("abc"));
  CHECK_FALSE(endsWithIndicConsonant(""));
}

TEST_CASE("combining marks include matras, virama, anusvara and chandrakkala") {
  for (char32_t cp :
       {0x093E, 0x094D, 0x0902, 0x0901, 0x093C, 0x0D3F, 0x0D4D, 0x0D02, 0x0D57, 0x0301})
    CHECK(isCombiningMark(cp));
  for (char32_t cp : {0x0915, 0x0905, 0x0D15, 0x0D7A, 0x0061})
    CHECK_FALSE(isCombiningMark(cp));
}

TEST_CASE("the dominant script picks the font") {
  CHECK(dominantScript("i need water") == Script::kLatin);
  CHECK(dominantScript("मुझे पानी") == Script::kDevanagari);
  CHECK(dominantScript("എനിക്ക്") == Script::kMalayalam);
  CHECK(dominantScript("我要喝水") == Script::kHan);
  CHECK(dominantScript("123 ?") == Script::kLatin);
}
