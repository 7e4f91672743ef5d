// WordPredictor: the words offered in the prediction slots of a letter board.
//
// Represents: the guess of which word the person is writing, from the text
// so far: the word being written (after the last space) is the prefix, and
// the word before it the context. Each word that starts with the prefix and
// is longer than it is scored by linear interpolation of three estimates:
//   score = 0.5 P(word | previous word, learned pairs)
//         + 0.35 P(word | learned words) + 0.15 P(word | base vocabulary)
// so that what the person has said soon outranks the base vocabulary, and
// the base vocabulary still offers words never said. Ties go to the
// shorter, then the alphabetically first word, so the result is stable.
// Requires: the text is what the text bar holds (lower case letters from the
// boards; upper case ASCII is compared lower case). Costs about one pass over
// the base words with the prefix (at most a few thousand) and the learned
// words; allocates the result. Stateless; thread-safe on const inputs.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "host/core/learned_words.h"
#include "host/core/vocabulary.h"

namespace drishti::host {

// The profile's word prediction settings (profile.h, "prediction*").
struct PredictionParams {
  bool enabled = true;      // show a row of predicted words on letter boards
  std::uint32_t slots = 4;  // how many words the row offers, 1-6
  bool learn = true;        // learn from spoken messages (kept in profiles/NAME.words)
};

// The word being written (after the last space) and the one before it.
struct WordContext {
  std::string prefix;    // lower case; "" after a space or at the start
  std::string previous;  // "" if none or not a word
};
WordContext wordContext(std::string_view text);

// The interpolated score above of `word` after `ctx` (0 when nothing knows it).
double wordScore(const WordContext& ctx, std::string_view word, const Vocabulary* base,
                 const LearnedWords& learned);

// Up to `n` predictions for `text`, best first, into `out` (cleared first).
// `base` may be null (learned words only).
void predictWords(std::string_view text, const Vocabulary* base, const LearnedWords& learned,
                  std::size_t n, std::vector<std::string>& out);

}  // namespace drishti::host
