#include "host/core/letter_predictor.h"

#include <algorithm>
#include <array>

#include "host/core/word_predictor.h"

namespace drishti::host {

std::string predictLetters(std::string_view text, const Vocabulary* base,
                           const LearnedWords& learned, std::string_view typable, std::size_t n) {
  std::string out;
  if (n == 0)
    return out;
  const WordContext ctx = wordContext(text);
  if (!ctx.prefix.empty() && !validWord(ctx.prefix))
    return out;  // punctuation or a number being written: no word to guess from
  std::array<double, 256> votes{};
  const auto vote = [&](std::string_view w, double score) {
    if (w.size() < ctx.prefix.size() || !w.starts_with(ctx.prefix))
      return;
    if (w.size() == ctx.prefix.size()) {
      if (!ctx.prefix.empty())
        votes[static_cast<unsigned char>(' ')] += score;  // the word is complete
      return;
    }
    votes[static_cast<unsigned char>(w[ctx.prefix.size()])] += score;
  };
  if (base != nullptr)
    for (const VocabularyWord& w : base->withPrefix(ctx.prefix))
      vote(w.word, wordScore(ctx, w.word, base, learned));
  learned.forEachWord([&](std::string_view w, std::uint32_t) {
    if (base == nullptr || base->countOf(w) == 0)
      vote(w, wordScore(ctx, w, base, learned));
  });
  std::string candidates;
  for (char c : typable)
    if (votes[static_cast<unsigned char>(c)] > 0 && candidates.find(c) == std::string::npos)
      candidates.push_back(c);
  std::stable_sort(candidates.begin(), candidates.end(), [&](char a, char b) {
    const double va = votes[static_cast<unsigned char>(a)];
    const double vb = votes[static_cast<unsigned char>(b)];
    return va != vb ? va > vb : a < b;
  });
  candidates.resize(std::min(n, candidates.size()));
  return candidates;
}

}  // namespace drishti::host
