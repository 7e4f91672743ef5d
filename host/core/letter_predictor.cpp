#include "host/core/letter_predictor.h"

#include <algorithm>
#include <array>

#include "host/core/word_predictor.h"

namespace drishti::host {
namespace {

// Each word with the prefix votes for its next character (see the header).
std::array<double, 256> votesFor(std::string_view text, const Vocabulary* base,
                                 const LearnedWords& learned) {
  std::array<double, 256> votes{};
  const WordContext ctx = wordContext(text);
  if (!ctx.prefix.empty() && !validWord(ctx.prefix))
    return votes;  // punctuation or a number being written: no word to guess from
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
  return votes;
}

}  // namespace

std::string predictLetters(std::string_view text, const Vocabulary* base,
                           const LearnedWords& learned, std::string_view typable, std::size_t n) {
  std::string out;
  if (n == 0)
    return out;
  const std::array<double, 256> votes = votesFor(text, base, learned);
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

void letterChances(std::string_view text, const Vocabulary* base, const LearnedWords& learned,
                   std::string_view typable, std::array<float, 256>& out) {
  out.fill(0);
  const std::array<double, 256> votes = votesFor(text, base, learned);
  std::array<bool, 256> offered{};
  double sum = 0;
  std::size_t count = 0;
  for (char c : typable) {
    const auto b = static_cast<unsigned char>(c);
    if (offered[b])
      continue;
    offered[b] = true;
    ++count;
    sum += votes[b];
  }
  if (count == 0)
    return;
  const double even = 1.0 / static_cast<double>(count);
  const double share = sum > 0 ? kUniformShare : 1.0;
  for (std::size_t b = 0; b < offered.size(); ++b)
    if (offered[b])
      out[b] = static_cast<float>((1.0 - share) * (sum > 0 ? votes[b] / sum : 0.0) + share * even);
}

}  // namespace drishti::host
