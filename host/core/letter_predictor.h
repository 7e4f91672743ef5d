// Letter prediction: the likeliest next characters of the word being written.
//
// Represents: the guess behind the row of predicted letters that scanning
// offers before the board's rows (scan.letter_slots): every word of the
// base vocabulary and the learned words that starts with the prefix (the
// text after the last space, word_predictor.h) votes for the character that
// follows the prefix in it, with the same score word prediction gives the
// word (learned pairs, learned words, base counts); a word equal to the
// prefix votes for the space that ends it. Characters are ranked by their
// summed votes (ties: the alphabetically first) and only those the caller
// can type are returned, so the board's own layout never changes.
// Requires: `typable` holds the single-byte characters the board types
// (' ' for its Space key). Costs one pass over the words with the prefix
// (all base words at the start of a word: about 7000) and the learned
// words. Stateless; thread-safe on const inputs.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "host/core/learned_words.h"
#include "host/core/vocabulary.h"

namespace drishti::host {

// Up to `n` characters, likeliest first, each one of `typable`.
std::string predictLetters(std::string_view text, const Vocabulary* base,
                           const LearnedWords& learned, std::string_view typable, std::size_t n);

// The chance of each character of `typable` coming next (Huffman scanning,
// scan_code.h), indexed by byte, summing to 1 over `typable` (0 elsewhere):
// the votes above, normalised, mixed with kUniformShare of an even chance
// so that a word the vocabulary does not know (a name) can still be spelt;
// no votes at all (punctuation, an unknown prefix) gives every character the
// same chance. An empty `typable` gives all zeros.
inline constexpr double kUniformShare = 0.1;
void letterChances(std::string_view text, const Vocabulary* base, const LearnedWords& learned,
                   std::string_view typable, std::array<float, 256>& out);

}  // namespace drishti::host
