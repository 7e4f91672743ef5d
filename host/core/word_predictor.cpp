#include "host/core/word_predictor.h"

#include <algorithm>

namespace drishti::host {
namespace {

constexpr double kPairWeight = 0.5;
constexpr double kLearnedWeight = 0.35;
constexpr double kBaseWeight = 0.15;

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z')
      c = static_cast<char>(c - 'A' + 'a');
  return out;
}

struct Candidate {
  std::string_view word;
  double score = 0;
};

}  // namespace

WordContext wordContext(std::string_view text) {
  WordContext c;
  const std::size_t space = text.rfind(' ');
  c.prefix = lower(space == std::string_view::npos ? text : text.substr(space + 1));
  if (space == std::string_view::npos)
    return c;
  const std::string_view before = text.substr(0, space);
  const std::size_t start = before.rfind(' ');
  const std::string prev =
      lower(start == std::string_view::npos ? before : before.substr(start + 1));
  if (validWord(prev))
    c.previous = prev;
  return c;
}

double wordScore(const WordContext& ctx, std::string_view w, const Vocabulary* base,
                 const LearnedWords& learned) {
  double s = 0;
  if (base != nullptr && base->total > 0)
    s += kBaseWeight * static_cast<double>(base->countOf(w)) / static_cast<double>(base->total);
  if (learned.total() > 0)
    s += kLearnedWeight * static_cast<double>(learned.count(w)) /
         static_cast<double>(learned.total());
  if (!ctx.previous.empty()) {
    const std::uint32_t prevCount = learned.count(ctx.previous);
    if (prevCount > 0)
      s += kPairWeight * static_cast<double>(learned.pairCount(ctx.previous, w)) /
           static_cast<double>(prevCount);
  }
  return s;
}

void predictWords(std::string_view text, const Vocabulary* base, const LearnedWords& learned,
                  std::size_t n, std::vector<std::string>& out) {
  out.clear();
  if (n == 0)
    return;
  const WordContext ctx = wordContext(text);
  if (!ctx.prefix.empty() && !validWord(ctx.prefix))
    return;  // punctuation or a number being written: no word to complete
  std::vector<Candidate> candidates;
  const auto wanted = [&](std::string_view w) {
    return w.size() > ctx.prefix.size() && w.starts_with(ctx.prefix);
  };
  if (base != nullptr)
    for (const VocabularyWord& w : base->withPrefix(ctx.prefix))
      if (wanted(w.word))
        candidates.push_back({w.word, 0});
  learned.forEachWord([&](std::string_view w, std::uint32_t) {
    if (wanted(w) && (base == nullptr || base->countOf(w) == 0))
      candidates.push_back({w, 0});
  });
  for (Candidate& c : candidates)
    c.score = wordScore(ctx, c.word, base, learned);
  const auto better = [](const Candidate& a, const Candidate& b) {
    if (a.score != b.score)
      return a.score > b.score;
    if (a.word.size() != b.word.size())
      return a.word.size() < b.word.size();
    return a.word < b.word;
  };
  const std::size_t keep = std::min(n, candidates.size());
  std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(keep),
                    candidates.end(), better);
  for (std::size_t i = 0; i < keep; ++i)
    out.emplace_back(candidates[i].word);
}

}  // namespace drishti::host
