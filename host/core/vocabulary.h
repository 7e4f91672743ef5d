// Vocabulary: the base word list of one language for word prediction.
//
// Represents: the words a person of that language is likely to write, each
// with how often it occurs in some body of text (host/data/vocabulary/*.words;
// format and source in host/data/README.md, "Vocabularies"). Words are kept
// sorted so every word with a given prefix is one contiguous range.
// Requires: words are lower case (prediction compares them with the lower
// case letters the boards type) without spaces. Plain value type; immutable
// once parsed, so it may be read from several threads.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "host/core/problem.h"

namespace drishti::host {

struct VocabularyWord {
  std::string word;
  std::uint32_t count = 0;  // occurrences in the source text, >= 1
};

struct Vocabulary {
  std::string language;               // "en"
  std::vector<VocabularyWord> words;  // sorted by word, no repeats
  std::uint64_t total = 0;            // sum of the counts
  std::string file;

  // The words that start with `prefix` (all of them for "").
  std::span<const VocabularyWord> withPrefix(std::string_view prefix) const;
  std::uint32_t countOf(std::string_view word) const;  // 0 if absent
};

constexpr std::size_t kMaxWordBytes = 40;

// Parses a vocabulary file; nullopt and problems (file:line) when it is not valid.
std::optional<Vocabulary> parseVocabulary(std::string_view text, const std::string& fileName,
                                          std::vector<Problem>& problems);

// True if `word` can be a word of a vocabulary or of the learned words: 1 to
// kMaxWordBytes bytes, no space, control character or upper case ASCII letter.
bool validWord(std::string_view word);

}  // namespace drishti::host
