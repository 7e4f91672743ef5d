#include "host/core/vocabulary.h"

#include <algorithm>
#include <charconv>

#include "host/core/versioned_lexer.h"

namespace drishti::host {

bool validWord(std::string_view word) {
  if (word.empty() || word.size() > kMaxWordBytes)
    return false;
  return std::none_of(word.begin(), word.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u == 0x7F || (c >= 'A' && c <= 'Z');
  });
}

std::span<const VocabularyWord> Vocabulary::withPrefix(std::string_view prefix) const {
  const auto lo = std::lower_bound(
      words.begin(), words.end(), prefix,
      [](const VocabularyWord& w, std::string_view p) { return std::string_view(w.word) < p; });
  auto hi = lo;
  while (hi != words.end() && std::string_view(hi->word).starts_with(prefix))
    ++hi;
  return {lo, hi};
}

std::uint32_t Vocabulary::countOf(std::string_view word) const {
  const auto range = withPrefix(word);
  return !range.empty() && range.front().word == word ? range.front().count : 0;
}

std::optional<Vocabulary> parseVocabulary(std::string_view text, const std::string& fileName,
                                          std::vector<Problem>& problems) {
  Vocabulary v;
  v.file = fileName;
  VersionedLexer lexer(text, "drishti-vocabulary", "a vocabulary file", fileName, problems);
  const std::size_t before = problems.size();
  std::vector<int> lines;  // of each word, to name both lines of a repeat
  while (lexer.next()) {
    const int line = lexer.lineNumber();
    const auto& t = lexer.tokens();
    if (v.language.empty() && v.words.empty()) {
      // The line after the header names the language (the word "language"
      // may itself be in the list further down).
      if (t.size() != 2 || t[0].text != "language" || !validWord(t[1].text))
        problems.push_back(
            {fileName, line, "the second line must be 'language CODE' (e.g. language en)"});
      else
        v.language = t[1].text;
      if (v.language.empty())
        return std::nullopt;
      continue;
    }
    if (t.size() != 2) {
      problems.push_back({fileName, line, "expected a word and its count, e.g. 'water 12'"});
      continue;
    }
    if (!validWord(t[0].text)) {
      problems.push_back({fileName, line,
                          "'" + t[0].text + "' is not a word (1-40 bytes, lower case, no spaces)"});
      continue;
    }
    std::uint32_t count = 0;
    const std::string& c = t[1].text;
    const auto [end, ec] = std::from_chars(c.data(), c.data() + c.size(), count);
    if (ec != std::errc() || end != c.data() + c.size() || count == 0) {
      problems.push_back({fileName, line,
                          "the count of '" + t[0].text + "' must be a whole number from 1 to " +
                              std::to_string(UINT32_MAX)});
      continue;
    }
    v.words.push_back({t[0].text, count});
    lines.push_back(line);
  }
  if (!lexer.headerOk())
    return std::nullopt;
  std::vector<std::size_t> order(v.words.size());
  for (std::size_t i = 0; i < order.size(); ++i)
    order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return v.words[a].word < v.words[b].word; });
  std::vector<VocabularyWord> sorted;
  sorted.reserve(v.words.size());
  int firstLine = 0;  // of sorted.back()
  for (const std::size_t i : order) {
    if (!sorted.empty() && sorted.back().word == v.words[i].word) {
      problems.push_back({fileName, lines[i],
                          "'" + v.words[i].word + "' is listed twice (first on line " +
                              std::to_string(firstLine) + ")"});
      continue;
    }
    v.total += v.words[i].count;
    firstLine = lines[i];
    sorted.push_back(std::move(v.words[i]));
  }
  v.words = std::move(sorted);
  if (problems.size() != before)
    return std::nullopt;
  return v;
}

}  // namespace drishti::host
