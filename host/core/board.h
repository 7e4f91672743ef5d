// Board: one letter, phrase, number or yes/no board, as loaded from a data file.
//
// Represents: what a board offers, independent of how it is laid out on the
// screen and of the access method: an ordered list of groups (rows of a grid,
// E-tran groups, or phrase categories), each an ordered list of keys. The
// same Board works with dwell, blink, scanning, gestures and blink codes,
// because the layout turns it into targets and every method selects targets.
//
// Boards come from files (board_parser.h; format in host/data/README.md), so
// caregivers can edit them. Plain value type; not thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "host/core/draw_list.h"
#include "host/core/target.h"

namespace drishti::host {

// What selecting a key does. The `@name` in board files is given with each.
enum class KeyAction : std::uint8_t {
  kInsert,     // (plain text) insert `value`, or `sign` right after a consonant
  kSay,        // (phrase) speak `speak` (or `value`) at once
  kSpace,      // @space
  kBackspace,  // @back: delete the last code point
  kSpeak,      // @speak: say the text bar
  kClear,      // @clear: empty the text bar (undoable)
  kUndo,       // @undo: bring back the cleared text
  kRecent,     // @recent: recent messages
  kBoards,     // @boards: the boards menu
  kBoard,      // @board:ID: open board ID (value = ID)
  kLetters,    // @letters: back to the letter board in use
  kRest,       // @rest: pause until woken with the eyes
  kHelp,       // @help: call for help
};

// "space", "back", ... for kSpace..kHelp; "" for kInsert and kSay.
std::string_view actionName(KeyAction action);

// One key: what it shows, what it types or does, and its method attributes.
struct BoardKey {
  KeyAction action = KeyAction::kInsert;
  std::string value;      // kInsert: text; kSay: text shown and spoken; kBoard: board id
  std::string label;      // shown instead of value when not empty
  std::string speak;      // kSay: text given to the voice when it differs (e.g. pinyin)
  std::string sign;       // kInsert of an Indic vowel: its dependent sign (after a consonant)
  std::uint8_t code = 0;  // blink code (number of blinks), 0 = none
  Direction look = Direction::kNone;  // direct gesture, kNone = none
  std::uint32_t dwellMs = 0;          // per-key dwell time, 0 = the profile's
  int line = 0;                       // line in the board file (for messages)

  std::string_view shown() const { return label.empty() ? value : label; }
  // The one character this key types (Space: ' '), or 0 when it types none
  // or more than one: what letter prediction can offer or weigh.
  char typedChar() const {
    if (action == KeyAction::kSpace)
      return ' ';
    return action == KeyAction::kInsert && value.size() == 1 && sign.empty() ? value[0] : '\0';
  }
};

// A row of a grid, an E-tran group or a phrase category, in board order.
struct BoardGroup {
  std::string label;  // E-tran group or phrase category name; may be empty for grid rows
  std::vector<BoardKey> keys;
  float weight = 1;  // relative row height (grid)
  int line = 0;
};

// What a board is for; the navigation bar's "Letters" returns to the last
// letters board used, whatever other boards were opened since.
enum class BoardKind : std::uint8_t { kLetters, kNumbers, kPhrases, kAnswers };

enum class BoardStyle : std::uint8_t {
  kGrid,    // every key visible, one row per group
  kGroups,  // E-tran: pick a group, then a key of it
  kTabs,    // phrase categories as tabs beside the keys of the open category
};

// A whole board as read from its file; immutable once loaded.
struct Board {
  std::string id;        // [a-z0-9-], unique across all boards
  std::string title;     // shown in the boards menu
  std::string language;  // language of the text: "en", "hi", "ml", "cmn"
  std::string voice;     // voice profile (voices/) for spoken text; default = language
  Script script = Script::kLatin;
  BoardStyle style = BoardStyle::kGrid;
  BoardKind kind = BoardKind::kLetters;  // default: phrases for tabs style, else letters
  int columns = 0;                       // groups/tabs: keys per row; 0 = automatic
  bool textBar = true;                   // false: the board fills the screen (yes/no)
  int order = 100;                       // position in the boards menu (then by id)
  std::vector<BoardGroup> groups;
  std::string file;  // where it was loaded from

  std::size_t keyCount() const;
  const std::string& voiceOrLanguage() const { return voice.empty() ? language : voice; }
};

}  // namespace drishti::host
