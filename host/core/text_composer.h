// TextComposer: the message being written, with undo and recent messages.
//
// Represents: the text bar. Letters are inserted at the end (the text bar has
// no cursor: moving one with the eyes costs more than it saves); backspace
// removes the last code point (so "कि" loses its vowel sign first, as Indic
// keyboards do). Clear keeps the cleared text for undo; undo swaps the text
// and the undo buffer, so neither an accidental clear nor an accidental undo
// loses anything. Recent messages are the last spoken ones, newest first,
// without repeats. Not thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace drishti::host {

class TextComposer {
 public:
  static constexpr std::size_t kMaxRecent = 12;
  static constexpr std::size_t kMaxTextBytes = 4000;  // about a page; more is refused

  // Appends; returns false (and changes nothing) if the text would grow too long.
  bool insert(std::string_view utf8);
  bool backspace();  // false if empty
  bool clear();      // false if already empty
  bool undo();       // false if there is nothing to bring back
  void set(std::string text, std::string undo);

  // The word just finished by a space (for word echo): the text before the
  // last space, back to the previous space; empty if none.
  std::string_view lastWord() const;

  // Records a spoken message (newest first).
  void remember(std::string_view message);
  void setRecent(std::vector<std::string> recent);
  void forgetRecent() { recent_.clear(); }

  const std::string& text() const { return text_; }
  const std::string& undoText() const { return undo_; }
  bool canUndo() const { return !undo_.empty(); }
  const std::vector<std::string>& recent() const { return recent_; }

 private:
  std::string text_;
  std::string undo_;
  std::vector<std::string> recent_;
};

}  // namespace drishti::host
