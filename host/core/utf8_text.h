// Small UTF-8 and script helpers for the text the patient writes.
//
// Represents: the few Unicode facts host/core needs without ICU: decoding and
// encoding UTF-8, deleting the last code point (backspace), telling which
// script a text is in (so the renderer can shape it), and the Indic classes
// the letter boards need (is the text ending in a consonant, so vowel signs
// are offered; is a code point a combining mark, so its key is drawn on a
// dotted circle). Ranges are from the Unicode 15 code charts for Devanagari
// (U+0900..U+097F) and Malayalam (U+0D00..U+0D7F).
//
// All functions are pure and thread-safe. Invalid UTF-8 decodes as U+FFFD and
// advances one byte, so no input can make them loop or read out of bounds.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "host/core/draw_list.h"

namespace drishti::host {

inline constexpr char32_t kReplacementChar = 0xFFFD;
inline constexpr char32_t kDottedCircle = 0x25CC;

// Decodes the code point at `pos` and advances `pos` past it (at least one byte).
char32_t decodeUtf8(std::string_view text, std::size_t& pos);

// True if `text` is well-formed UTF-8 (no overlongs, surrogates or values above U+10FFFF).
bool isValidUtf8(std::string_view text);

void appendUtf8(std::string& out, char32_t cp);

// Byte offset where the last code point of `text` starts (text.size() when empty).
std::size_t lastCodePointStart(std::string_view text);

// The last code point of `text`, or 0 when empty.
char32_t lastCodePoint(std::string_view text);

std::size_t countCodePoints(std::string_view text);

// Byte offset of the start of the last `n` code points (0 if the text is shorter).
std::size_t tailStart(std::string_view text, std::size_t n);

// A consonant letter of Devanagari or Malayalam (the base a vowel sign attaches to).
bool isIndicConsonant(char32_t cp);

// A mark that attaches to the preceding letter: vowel signs, virama, anusvara,
// candrabindu, visarga, nukta (Devanagari, Malayalam) and the generic combining
// diacritics U+0300..U+036F.
bool isCombiningMark(char32_t cp);

// True if the text ends in a consonant (optionally followed by a nukta), i.e.
// the next vowel should be written as its dependent sign.
bool endsWithIndicConsonant(std::string_view text);

// The script most of the letters of `text` are in (Latin when there are none).
Script dominantScript(std::string_view text);

// The script of one code point, or Latin for common characters (digits, spaces).
Script scriptOf(char32_t cp);

}  // namespace drishti::host
