#include "host/core/learned_words.h"

#include <algorithm>
#include <charconv>

#include "host/core/versioned_lexer.h"
#include "host/core/vocabulary.h"

namespace drishti::host {

void LearnedWords::clear() {
  words_.clear();
  pairs_.clear();
  next_.clear();
  total_ = 0;
}

void LearnedWords::evictOne(std::unordered_map<std::string, Entry>& map) {
  auto victim = map.begin();
  for (auto it = map.begin(); it != map.end(); ++it)
    if (it->second.count < victim->second.count ||
        (it->second.count == victim->second.count && it->second.used < victim->second.used))
      victim = it;
  if (&map == &words_)
    total_ -= victim->second.count;
  map.erase(victim);
}

void LearnedWords::bump(std::unordered_map<std::string, Entry>& map, const std::string& key,
                        std::uint32_t by, std::size_t cap) {
  auto it = map.find(key);
  if (it == map.end()) {
    if (map.size() >= cap)
      evictOne(map);
    it = map.emplace(key, Entry{}).first;
  }
  const std::uint32_t added = std::min(by, kMaxCount - it->second.count);
  it->second.count += added;
  it->second.used = serial_;
  if (&map == &words_)
    total_ += added;
}

void LearnedWords::rebuildNext() {
  next_.clear();
  for (const auto& [key, e] : pairs_) {
    const std::size_t space = key.find(' ');
    next_[key.substr(0, space)].push_back(key.substr(space + 1));
  }
}

void LearnedWords::learn(std::string_view message) {
  ++serial_;
  std::string previous;
  std::size_t pos = 0;
  bool pairsChanged = false;
  while (pos <= message.size()) {
    const std::size_t end = std::min(message.find(' ', pos), message.size());
    const std::string_view w = message.substr(pos, end - pos);
    pos = end + 1;
    if (w.empty())
      continue;
    if (!validWord(w)) {
      previous.clear();
      continue;
    }
    const std::string word(w);
    bump(words_, word, 1, kMaxWords);
    if (!previous.empty()) {
      const std::string key = previous + ' ' + word;
      pairsChanged = pairsChanged || !pairs_.contains(key);  // new, perhaps evicting another
      bump(pairs_, key, 1, kMaxPairs);
    }
    previous = word;
  }
  if (pairsChanged)
    rebuildNext();
}

bool LearnedWords::add(std::string_view word, std::string_view next, std::uint32_t count) {
  if (!validWord(word) || (!next.empty() && !validWord(next)) || count == 0 || count > kMaxCount)
    return false;
  if (next.empty()) {
    if (words_.size() >= kMaxWords || words_.contains(std::string(word)))
      return false;
    bump(words_, std::string(word), count, kMaxWords);
  } else {
    const std::string key = std::string(word) + ' ' + std::string(next);
    if (pairs_.size() >= kMaxPairs || pairs_.contains(key))
      return false;
    bump(pairs_, key, count, kMaxPairs);
    next_[std::string(word)].push_back(std::string(next));
  }
  return true;
}

std::uint32_t LearnedWords::count(std::string_view word) const {
  const auto it = words_.find(std::string(word));
  return it == words_.end() ? 0 : it->second.count;
}

std::uint32_t LearnedWords::pairCount(std::string_view word, std::string_view next) const {
  std::string key(word);
  key += ' ';
  key += next;
  const auto it = pairs_.find(key);
  return it == pairs_.end() ? 0 : it->second.count;
}

std::string LearnedWords::format() const {
  // Sorted, so the same words give the same file.
  std::vector<std::pair<std::string, std::uint32_t>> w, p;
  for (const auto& [k, e] : words_)
    w.emplace_back(k, e.count);
  for (const auto& [k, e] : pairs_)
    p.emplace_back(k, e.count);
  std::sort(w.begin(), w.end());
  std::sort(p.begin(), p.end());
  std::string out = "drishti-words 1\n";
  for (const auto& [k, c] : w)
    out += "word " + quoteToken(k) + ' ' + std::to_string(c) + '\n';
  for (const auto& [k, c] : p) {
    const std::size_t space = k.find(' ');
    out += "pair " + quoteToken(k.substr(0, space)) + ' ' + quoteToken(k.substr(space + 1)) + ' ' +
           std::to_string(c) + '\n';
  }
  return out;
}

std::optional<LearnedWords> parseLearnedWords(std::string_view text, const std::string& fileName,
                                              std::vector<Problem>& problems,
                                              std::vector<Problem>* warnings) {
  LearnedWords out;
  VersionedLexer lexer(text, "drishti-words", "a learned-words file", fileName, problems);
  const std::size_t before = problems.size();
  while (lexer.next()) {
    const int line = lexer.lineNumber();
    const auto& t = lexer.tokens();
    const bool pair = t[0].text == "pair";
    if (!pair && t[0].text != "word" && lexer.skipUnknownKey(warnings))
      continue;
    if (!(t[0].text == "word" && t.size() == 3) && !(pair && t.size() == 4)) {
      problems.push_back({fileName, line, "expected 'word WORD COUNT' or 'pair WORD NEXT COUNT'"});
      continue;
    }
    std::uint32_t count = 0;
    const std::string& c = t.back().text;
    const auto [end, ec] = std::from_chars(c.data(), c.data() + c.size(), count);
    if (ec != std::errc() || end != c.data() + c.size() || count == 0 ||
        count > LearnedWords::kMaxCount) {
      problems.push_back({fileName, line,
                          "the count must be a whole number from 1 to " +
                              std::to_string(LearnedWords::kMaxCount)});
      continue;
    }
    if (!out.add(t[1].text, pair ? std::string_view(t[2].text) : std::string_view(), count))
      problems.push_back({fileName, line,
                          "not a valid word (1-40 bytes, lower case, no spaces), a repeat, or "
                          "more entries than a learned-words file keeps"});
  }
  if (!lexer.headerOk())
    return std::nullopt;
  if (problems.size() != before)
    return std::nullopt;
  return out;
}

}  // namespace drishti::host
