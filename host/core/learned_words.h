// LearnedWords: the words one person has said, for word prediction.
//
// Represents: how often the person used each word, and each word after the
// one before it, in the messages they spoke (learn()). Kept per profile in
// profiles/NAME.words (session_store.h), which is private like the history.
// Bounded: at most kMaxWords words and kMaxPairs pairs; when full, the
// least used entry (the oldest of equals) makes room, so a file never grows
// past about 100 kB however long the device is used.
// Format ("drishti-words 1", then `word WORD COUNT` and
// `pair WORD NEXT COUNT` lines): host/data/README.md. Not thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "host/core/problem.h"

namespace drishti::host {

class LearnedWords {
 public:
  static constexpr std::size_t kMaxWords = 2000;
  static constexpr std::size_t kMaxPairs = 4000;
  static constexpr std::uint32_t kMaxCount = 1'000'000;

  // Counts the words of a spoken message (split at spaces; words that are
  // not valid (vocabulary.h) are skipped, and break the pair chain).
  void learn(std::string_view message);
  void clear();

  std::uint32_t count(std::string_view word) const;
  std::uint32_t pairCount(std::string_view word, std::string_view next) const;
  std::uint64_t total() const { return total_; }  // of the word counts
  bool empty() const { return words_.empty(); }
  std::size_t wordCount() const { return words_.size(); }
  std::size_t pairTotal() const { return pairs_.size(); }

  // Calls f(word, count) for every word.
  template <typename F>
  void forEachWord(F&& f) const {
    for (const auto& [w, e] : words_)
      f(std::string_view(w), e.count);
  }
  // Calls f(next, count) for every pair starting with `word`.
  template <typename F>
  void forEachNext(std::string_view word, F&& f) const {
    const auto it = next_.find(std::string(word));
    if (it == next_.end())
      return;
    for (const std::string& n : it->second)
      f(std::string_view(n), pairCount(word, n));
  }

  std::string format() const;
  // Adds a read entry (parser); false if it is not valid.
  bool add(std::string_view word, std::string_view next, std::uint32_t count);

 private:
  struct Entry {
    std::uint32_t count = 0;
    std::uint64_t used = 0;  // learn() serial of the last use
  };
  void bump(std::unordered_map<std::string, Entry>& map, const std::string& key, std::uint32_t by,
            std::size_t cap);
  void evictOne(std::unordered_map<std::string, Entry>& map);
  void rebuildNext();

  std::unordered_map<std::string, Entry> words_;
  std::unordered_map<std::string, Entry> pairs_;                    // "word next"
  std::unordered_map<std::string, std::vector<std::string>> next_;  // word -> nexts in pairs_
  std::uint64_t total_ = 0;
  std::uint64_t serial_ = 0;
};

// Parses a learned-words file; nullopt and problems (file:line) when it is not
// valid. A key this build does not know, spelled like one, is skipped with a
// warning in `warnings` (when given), and the rest kept (versioned_lexer.h).
std::optional<LearnedWords> parseLearnedWords(std::string_view text, const std::string& fileName,
                                              std::vector<Problem>& problems,
                                              std::vector<Problem>* warnings = nullptr);

}  // namespace drishti::host
