#include "host/core/utf8_text.h"

#include <array>

namespace drishti::host {
namespace {

bool isContinuation(unsigned char c) {
  return (c & 0xC0U) == 0x80U;
}

}  // namespace

char32_t decodeUtf8(std::string_view text, std::size_t& pos) {
  if (pos >= text.size())
    return 0;
  const auto b0 = static_cast<unsigned char>(text[pos]);
  if (b0 < 0x80U) {
    ++pos;
    return b0;
  }
  std::size_t len = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if ((b0 & 0xE0U) == 0xC0U) {
    len = 2;
    cp = b0 & 0x1FU;
    min = 0x80;
  } else if ((b0 & 0xF0U) == 0xE0U) {
    len = 3;
    cp = b0 & 0x0FU;
    min = 0x800;
  } else if ((b0 & 0xF8U) == 0xF0U) {
    len = 4;
    cp = b0 & 0x07U;
    min = 0x10000;
  } else {
    ++pos;
    return kReplacementChar;
  }
  if (pos + len > text.size()) {
    ++pos;
    return kReplacementChar;
  }
  for (std::size_t i = 1; i < len; ++i) {
    const auto b = static_cast<unsigned char>(text[pos + i]);
    if (!isContinuation(b)) {
      ++pos;
      return kReplacementChar;
    }
    cp = (cp << 6U) | (b & 0x3FU);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++pos;
    return kReplacementChar;
  }
  pos += len;
  return cp;
}

bool isValidUtf8(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t before = pos;
    const char32_t cp = decodeUtf8(text, pos);
    // A literal U+FFFD in the text is three bytes long; a decoding error is one.
    if (cp == kReplacementChar && pos - before == 1)
      return false;
  }
  return true;
}

void appendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0U | (cp >> 6U)));
    out.push_back(static_cast<char>(0x80U | (cp & 0x3FU)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0U | (cp >> 12U)));
    out.push_back(static_cast<char>(0x80U | ((cp >> 6U) & 0x3FU)));
    out.push_back(static_cast<char>(0x80U | (cp & 0x3FU)));
  } else {
    out.push_back(static_cast<char>(0xF0U | (cp >> 18U)));
    out.push_back(static_cast<char>(0x80U | ((cp >> 12U) & 0x3FU)));
    out.push_back(static_cast<char>(0x80U | ((cp >> 6U) & 0x3FU)));
    out.push_back(static_cast<char>(0x80U | (cp & 0x3FU)));
  }
}

std::size_t lastCodePointStart(std::string_view text) {
  if (text.empty())
    return 0;
  std::size_t i = text.size() - 1;
  // Step back over at most three continuation bytes; a stray one is its own "code point".
  for (int n = 0; n < 3 && i > 0 && isContinuation(static_cast<unsigned char>(text[i])); ++n)
    --i;
  std::size_t pos = i;
  decodeUtf8(text, pos);
  return pos == text.size() ? i : text.size() - 1;
}

char32_t lastCodePoint(std::string_view text) {
  if (text.empty())
    return 0;
  std::size_t pos = lastCodePointStart(text);
  return decodeUtf8(text, pos);
}

std::size_t countCodePoints(std::string_view text) {
  std::size_t n = 0;
  for (std::size_t pos = 0; pos < text.size(); ++n)
    decodeUtf8(text, pos);
  return n;
}

std::size_t tailStart(std::string_view text, std::size_t n) {
  std::size_t end = text.size();
  for (std::size_t i = 0; i < n && end > 0; ++i)
    end = lastCodePointStart(text.substr(0, end));
  return end;
}

bool isIndicConsonant(char32_t cp) {
  return (cp >= 0x0915 && cp <= 0x0939) || (cp >= 0x0958 && cp <= 0x095F) ||
         (cp >= 0x0978 && cp <= 0x097F) || (cp >= 0x0D15 && cp <= 0x0D3A);
}

bool isCombiningMark(char32_t cp) {
  return (cp >= 0x0300 && cp <= 0x036F) ||                  // generic diacritics
         (cp >= 0x0900 && cp <= 0x0903) ||                  // candrabindu, anusvara, visarga
         (cp >= 0x093A && cp <= 0x093C) ||                  // signs, nukta
         (cp >= 0x093E && cp <= 0x094F) ||                  // vowel signs, virama
         (cp >= 0x0951 && cp <= 0x0957) ||                  // stress, length marks
         (cp >= 0x0962 && cp <= 0x0963) ||                  // vocalic l signs
         (cp >= 0x0D00 && cp <= 0x0D03) ||                  // anusvara, visarga
         (cp >= 0x0D3B && cp <= 0x0D3C) ||                  // vertical / circular virama
         (cp >= 0x0D3E && cp <= 0x0D4D) || cp == 0x0D57 ||  // vowel signs, chandrakkala, au
         (cp >= 0x0D62 && cp <= 0x0D63);
}

bool endsWithIndicConsonant(std::string_view text) {
  if (text.empty())
    return false;
  const std::size_t start = lastCodePointStart(text);
  std::size_t pos = start;
  char32_t cp = decodeUtf8(text, pos);
  if (cp == 0x093C) {  // nukta: the consonant is the one before it
    if (start == 0)
      return false;
    cp = lastCodePoint(text.substr(0, start));
  }
  return isIndicConsonant(cp);
}

Script scriptOf(char32_t cp) {
  if (cp >= 0x0900 && cp <= 0x097F)
    return Script::kDevanagari;
  if (cp >= 0x0D00 && cp <= 0x0D7F)
    return Script::kMalayalam;
  if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
      (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFFEF))
    return Script::kHan;
  return Script::kLatin;
}

Script dominantScript(std::string_view text) {
  std::array<std::size_t, 4> counts{};
  for (std::size_t pos = 0; pos < text.size();) {
    const char32_t cp = decodeUtf8(text, pos);
    const bool letterLike = cp > 0x7F || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z');
    if (letterLike)
      ++counts[static_cast<std::size_t>(scriptOf(cp))];
  }
  std::size_t best = 0;
  for (std::size_t i = 1; i < counts.size(); ++i)
    if (counts[i] > counts[best])
      best = i;
  return static_cast<Script>(best);
}

}  // namespace drishti::host
