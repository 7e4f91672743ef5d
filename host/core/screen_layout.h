// ScreenLayout: the current screen as targets, labels and what each does.
//
// Represents: the keys of one screen (a board with the text bar and the
// navigation bar, the boards menu, recent messages, a confirmation, rest,
// help) with their rectangles in logical px, in scan order (the predicted
// words, board, text bar, navigation), plus the areas for the message and the status line. The
// targets go to the access method; the keys tell the session what a selected
// target does and the renderer what to draw. Built when the screen changes
// (build) and relabelled cheaply when the text changes (relabel: vowel signs
// after a consonant, the undo key). Not thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "host/core/board.h"
#include "host/core/target.h"

namespace drishti::host {

enum class ScreenKind : std::uint8_t {
  kBoard,                // a board, with the text bar (unless the board hides it) and navigation
  kBoardsMenu,           // every board, to pick one
  kRecent,               // recent messages, to say again
  kConfirmClearHistory,  // "delete saved messages?"
  kRest,                 // paused: nothing is selected until woken
  kHelp,                 // "I need help" until cancelled
};

std::string_view screenKindName(ScreenKind kind);

// What kind of thing a target on the screen is.
enum class KeyRole : std::uint8_t {
  kBoardKey,    // a key of the board: `action` with `boardKey`
  kCommand,     // text bar or navigation key: `action` (kBoard: arg = which, see NavBoard)
  kGroup,       // E-tran group `arg`: opens it
  kTab,         // phrase category `arg`: shows it
  kCloseGroup,  // back from an open E-tran group
  kMenuItem,    // boards menu: board `arg` of the menu list
  kRecentItem,  // recent message `arg`: say it again
  kAskClearHistory,
  kConfirmYes,
  kConfirmNo,
  kPrediction,  // predicted word slot `arg` (label "" = empty): completes the word
  kLetter,      // predicted letter slot `arg`: does what `boardKey` does (nullptr = empty)
};

// Which board a navigation-bar key opens.
enum class NavBoard : std::uint8_t { kLetters, kPhrases, kYesNo };

// How a key is coloured (theme.h), by what it is for.
enum class KeyTone : std::uint8_t { kNormal, kText, kSpeak, kNav, kRest, kHelp, kOpen, kBig };

// One target's meaning and look, parallel to ScreenLayout::targets().
struct ScreenKey {
  KeyRole role = KeyRole::kBoardKey;
  KeyAction action = KeyAction::kInsert;
  int arg = 0;
  const BoardKey* boardKey = nullptr;
  std::string_view label;  // static, board or session-owned text (see labelOf)
  Script script = Script::kLatin;
  KeyTone tone = KeyTone::kNormal;
  float textSize = 40;         // px
  bool dim = false;            // nothing to do now (undo with nothing to undo)
  bool showsSign = false;      // a vowel key offering its sign after a consonant
  std::array<char, 32> own{};  // label built here (consonant + vowel sign)
  std::uint8_t ownLength = 0;

  std::string_view labelOf() const {
    return ownLength > 0 ? std::string_view(own.data(), ownLength) : label;
  }
};

// What the layout needs to know about the session.
struct LayoutInput {
  ScreenKind screen = ScreenKind::kBoard;
  const Board* board = nullptr;
  int openGroup = -1;  // kGroups boards
  int openTab = 0;     // kTabs boards
  const std::vector<const Board*>* menu = nullptr;
  const std::vector<std::string>* recent = nullptr;
  bool canUndo = false;
  bool hasHistory = false;
  std::string_view consonant;  // last consonant of the text (+ nukta), "" if it does not end in one
  // Predicted words (best first): on a grid letter board with slots > 0, a
  // row of that many slots above the keys, first in scan order.
  int predictionSlots = 0;
  const std::vector<std::string>* predictions = nullptr;
  // Predicted next letters (scanning): a row of that many slots above the
  // word slots, scanned first; each slot is the board's key for the letter.
  int letterSlots = 0;
  const std::vector<const BoardKey*>* letters = nullptr;
  // Huffman scanning: the chance of each next character by byte (' ' for
  // Space; letter_predictor.h), given to the keys typing them as
  // Target::scanWeight; nullptr = no weights (every key alike).
  const std::array<float, 256>* chances = nullptr;
  float width = 1280;
  float height = 800;
};

class ScreenLayout {
 public:
  void build(const LayoutInput& in);
  // Returns true when a target's scanSkip or scanWeight changed (the scan
  // tree is stale).
  bool relabel(const LayoutInput& in);

  const std::vector<Target>& targets() const { return targets_; }
  const std::vector<ScreenKey>& keys() const { return keys_; }
  bool showsTextBar() const { return showTextBar_; }
  bool showsNav() const { return showNav_; }
  Rect textRect() const { return textRect_; }
  Rect statusRect() const { return statusRect_; }
  Rect titleRect() const { return titleRect_; }
  Rect wakeRect() const { return wakeRect_; }

 private:
  ScreenKey& add(Rect r, std::uint16_t section, std::uint16_t row, KeyRole role,
                 std::string_view label);
  void grid(Rect area, int count, int columns, std::uint16_t section, float gap,
            std::vector<Rect>& rects, std::vector<std::uint16_t>& rows) const;
  void boardKeys(const LayoutInput& in, Rect area);
  void textBar(const LayoutInput& in, Rect column);
  void navBar(Rect bar);

  std::vector<Target> targets_;
  std::vector<ScreenKey> keys_;
  bool showTextBar_ = false;
  bool showNav_ = false;
  Rect textRect_, statusRect_, titleRect_, wakeRect_;
  std::vector<Rect> scratchRects_;
  std::vector<std::uint16_t> scratchRows_;
};

}  // namespace drishti::host
