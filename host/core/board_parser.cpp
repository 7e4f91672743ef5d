#include "host/core/board_parser.h"

#include <algorithm>
#include <charconv>
#include <map>

#include "host/core/line_lexer.h"
#include "host/core/utf8_text.h"
#include "host/core/versioned_lexer.h"

namespace drishti::host {

std::string_view actionName(KeyAction action) {
  switch (action) {
    case KeyAction::kInsert:
      return "";
    case KeyAction::kSay:
      return "";
    case KeyAction::kSpace:
      return "space";
    case KeyAction::kBackspace:
      return "back";
    case KeyAction::kSpeak:
      return "speak";
    case KeyAction::kClear:
      return "clear";
    case KeyAction::kUndo:
      return "undo";
    case KeyAction::kRecent:
      return "recent";
    case KeyAction::kBoards:
      return "boards";
    case KeyAction::kBoard:
      return "board";
    case KeyAction::kLetters:
      return "letters";
    case KeyAction::kRest:
      return "rest";
    case KeyAction::kHelp:
      return "help";
  }
  return "";
}

std::size_t Board::keyCount() const {
  std::size_t n = 0;
  for (const BoardGroup& g : groups)
    n += g.keys.size();
  return n;
}

Direction parseDirection(std::string_view word) {
  if (word == "left")
    return Direction::kLeft;
  if (word == "right")
    return Direction::kRight;
  if (word == "up")
    return Direction::kUp;
  if (word == "down")
    return Direction::kDown;
  return Direction::kNone;
}

std::string_view directionName(Direction d) {
  switch (d) {
    case Direction::kLeft:
      return "left";
    case Direction::kRight:
      return "right";
    case Direction::kUp:
      return "up";
    case Direction::kDown:
      return "down";
    case Direction::kNone:
      return "none";
  }
  return "none";
}

namespace {

bool parseInt(std::string_view s, long lo, long hi, long& out) {
  long v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || v < lo || v > hi)
    return false;
  out = v;
  return true;
}

bool validId(std::string_view id) {
  if (id.empty() || id.size() > 40)
    return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

class BoardReader {
 public:
  BoardReader(std::string_view text, std::string_view file)
      : file_(file), lexer_(text, "drishti-board", "a board file", file_, problems_) {}

  BoardParseResult run();

 private:
  void problem(std::string message) {
    problems_.push_back({file_, lexer_.lineNumber(), std::move(message)});
  }
  void problemAt(int line, std::string message) {
    problems_.push_back({file_, line, std::move(message)});
  }
  void statement(const std::vector<Token>& t);
  bool oneArgument(const std::vector<Token>& t);
  BoardGroup& currentGroup();
  bool keyFromToken(const Token& token, BoardKey& key);
  void keyAttributes(const std::vector<Token>& t, std::size_t from, BoardKey& key);
  void check();

  // Declared before lexer_, which reports to them.
  std::string file_;
  std::vector<Problem> problems_;
  VersionedLexer lexer_;
  Board board_;
  std::map<std::string, std::string> signs_;
  std::map<std::string, int> seenFields_;
};

BoardParseResult BoardReader::run() {
  board_.file = file_;
  while (lexer_.next())
    statement(lexer_.tokens());
  if (!lexer_.headerOk())
    return {std::nullopt, std::move(problems_)};
  check();
  if (!problems_.empty())
    return {std::nullopt, std::move(problems_)};
  return {std::move(board_), {}};
}

bool BoardReader::oneArgument(const std::vector<Token>& t) {
  if (t.size() != 2) {
    problem("'" + t[0].text + "' takes exactly one value");
    return false;
  }
  const auto [it, fresh] = seenFields_.emplace(t[0].text, lexer_.lineNumber());
  if (!fresh) {
    problem("'" + t[0].text + "' is given twice (first on line " + std::to_string(it->second) +
            ")");
    return false;
  }
  return true;
}

BoardGroup& BoardReader::currentGroup() {
  if (board_.groups.empty()) {
    board_.groups.emplace_back();
    board_.groups.back().line = lexer_.lineNumber();
  }
  return board_.groups.back();
}

bool BoardReader::keyFromToken(const Token& token, BoardKey& key) {
  key.line = lexer_.lineNumber();
  if (!token.action) {
    if (token.text.empty()) {
      problem("a key has no text (an empty \"\")");
      return false;
    }
    key.action = KeyAction::kInsert;
    key.value = token.text;
    return true;
  }
  const std::string_view body = std::string_view(token.text).substr(1);
  const std::size_t colon = body.find(':');
  const std::string_view name = body.substr(0, colon);
  const std::string_view arg = colon == std::string_view::npos ? "" : body.substr(colon + 1);
  static constexpr KeyAction kNamed[] = {
      KeyAction::kSpace,   KeyAction::kBackspace, KeyAction::kSpeak,  KeyAction::kClear,
      KeyAction::kUndo,    KeyAction::kRecent,    KeyAction::kBoards, KeyAction::kBoard,
      KeyAction::kLetters, KeyAction::kRest,      KeyAction::kHelp};
  for (const KeyAction a : kNamed) {
    if (actionName(a) != name)
      continue;
    key.action = a;
    if (a == KeyAction::kBoard) {
      if (!validId(arg)) {
        problem(
            "'@board:' needs a board id of lower-case letters, digits and '-', e.g. @board:en-abc");
        return false;
      }
      key.value = arg;
    } else if (colon != std::string_view::npos) {
      problem("'@" + std::string(name) + "' takes no ':' argument");
      return false;
    }
    return true;
  }
  problem(
      "unknown action '" + token.text +
      "' (known: @space @back @speak @clear @undo @recent @boards @board:ID @letters @rest @help; "
      "write \\@ for a key that types '@')");
  return false;
}

void BoardReader::keyAttributes(const std::vector<Token>& t, std::size_t from, BoardKey& key) {
  for (std::size_t i = from; i < t.size(); ++i) {
    const Token& a = t[i];
    const std::string_view name = a.name();
    const std::string_view value = a.value();
    long n = 0;
    if (a.equals == std::string::npos) {
      problem(
          "'" + a.text +
          "' is not an attribute (expected name=value: label= speak= sign= code= look= dwell=)");
    } else if (name == "label") {
      key.label = value;
    } else if (name == "speak") {
      key.speak = value;
    } else if (name == "sign") {
      key.sign = value;
    } else if (name == "code") {
      if (parseInt(value, 1, 9, n))
        key.code = static_cast<std::uint8_t>(n);
      else
        problem("code=" + std::string(value) + " must be a number of blinks from 1 to 9");
    } else if (name == "look") {
      key.look = parseDirection(value);
      if (key.look == Direction::kNone)
        problem("look=" + std::string(value) + " must be left, right, up or down");
    } else if (name == "dwell") {
      if (parseInt(value, 200, 10000, n))
        key.dwellMs = static_cast<std::uint32_t>(n);
      else
        problem("dwell=" + std::string(value) + " must be a time in ms from 200 to 10000");
    } else {
      problem("unknown attribute '" + std::string(name) +
              "' (known: label speak sign code look dwell)");
    }
  }
}

void BoardReader::statement(const std::vector<Token>& t) {
  const std::string& kw = t[0].text;
  long n = 0;
  if (kw == "id") {
    if (oneArgument(t)) {
      if (validId(t[1].text))
        board_.id = t[1].text;
      else
        problem("board id '" + t[1].text + "' must be 1-40 lower-case letters, digits or '-'");
    }
  } else if (kw == "title") {
    if (oneArgument(t))
      board_.title = t[1].text;
  } else if (kw == "language") {
    if (oneArgument(t))
      board_.language = t[1].text;
  } else if (kw == "voice") {
    if (oneArgument(t))
      board_.voice = t[1].text;
  } else if (kw == "script") {
    if (!oneArgument(t))
      return;
    const std::string& s = t[1].text;
    if (s == "latin")
      board_.script = Script::kLatin;
    else if (s == "devanagari")
      board_.script = Script::kDevanagari;
    else if (s == "malayalam")
      board_.script = Script::kMalayalam;
    else if (s == "han")
      board_.script = Script::kHan;
    else
      problem("script '" + s + "' is not known (latin, devanagari, malayalam, han)");
  } else if (kw == "style") {
    if (!oneArgument(t))
      return;
    if (t[1].text == "grid")
      board_.style = BoardStyle::kGrid;
    else if (t[1].text == "groups")
      board_.style = BoardStyle::kGroups;
    else if (t[1].text == "tabs")
      board_.style = BoardStyle::kTabs;
    else
      problem("style '" + t[1].text + "' is not known (grid, groups, tabs)");
  } else if (kw == "kind") {
    if (!oneArgument(t))
      return;
    if (t[1].text == "letters")
      board_.kind = BoardKind::kLetters;
    else if (t[1].text == "numbers")
      board_.kind = BoardKind::kNumbers;
    else if (t[1].text == "phrases")
      board_.kind = BoardKind::kPhrases;
    else if (t[1].text == "answers")
      board_.kind = BoardKind::kAnswers;
    else
      problem("kind '" + t[1].text + "' is not known (letters, numbers, phrases, answers)");
  } else if (kw == "columns") {
    if (oneArgument(t)) {
      if (parseInt(t[1].text, 1, static_cast<long>(kMaxColumns), n))
        board_.columns = static_cast<int>(n);
      else
        problem("columns must be a number from 1 to " + std::to_string(kMaxColumns));
    }
  } else if (kw == "textbar") {
    if (oneArgument(t)) {
      if (t[1].text == "on" || t[1].text == "off")
        board_.textBar = t[1].text == "on";
      else
        problem("textbar must be on or off");
    }
  } else if (kw == "order") {
    if (oneArgument(t)) {
      if (parseInt(t[1].text, 0, 10000, n))
        board_.order = static_cast<int>(n);
      else
        problem("order must be a number from 0 to 10000");
    }
  } else if (kw == "sign") {
    if (t.size() != 3) {
      problem("'sign' takes a vowel and its dependent sign, e.g. sign आ ा");
      return;
    }
    const std::string& sign = t[2].text;
    std::size_t pos = 0;
    const char32_t cp = decodeUtf8(sign, pos);
    if (pos != sign.size() || !isCombiningMark(cp)) {
      problem("'" + sign + "' is not a single vowel sign (a combining mark such as ा or ി)");
      return;
    }
    signs_[t[1].text] = sign;
  } else if (kw == "row" || kw == "group" || kw == "category") {
    BoardGroup group;
    group.line = lexer_.lineNumber();
    std::size_t first = 1;
    if (kw != "row") {
      if (t.size() < 2 || t[1].action) {
        problem("'" + kw + "' needs a name first, e.g. " + kw + " \"Needs\"");
        return;
      }
      group.label = t[1].text;
      first = 2;
    }
    for (std::size_t i = first; i < t.size(); ++i) {
      BoardKey key;
      if (keyFromToken(t[i], key))
        group.keys.push_back(std::move(key));
    }
    board_.groups.push_back(std::move(group));
  } else if (kw == "key" || kw == "phrase") {
    if (t.size() < 2) {
      problem("'" + kw + "' needs its text, e.g. " + kw +
              (kw == "key" ? " a" : " \"I need water\""));
      return;
    }
    BoardKey key;
    if (kw == "phrase") {
      if (t[1].action || t[1].text.empty()) {
        problem("a phrase needs text to show and speak, e.g. phrase \"I need water\"");
        return;
      }
      key.action = KeyAction::kSay;
      key.value = t[1].text;
      key.line = lexer_.lineNumber();
    } else if (!keyFromToken(t[1], key)) {
      return;
    }
    keyAttributes(t, 2, key);
    currentGroup().keys.push_back(std::move(key));
  } else if (kw == "weight") {
    double w = 0;
    const std::string& s = t.size() == 2 ? t[1].text : std::string();
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), w);
    if (t.size() != 2 || ec != std::errc() || end != s.data() + s.size() || !(w >= 0.2 && w <= 10))
      problem("weight takes one number from 0.2 to 10 (the height of this row relative to others)");
    else if (board_.groups.empty())
      problem("'weight' applies to the row above it, and there is none yet");
    else
      board_.groups.back().weight = static_cast<float>(w);
  } else if (kw == "drishti-board") {
    problem("'drishti-board' may appear only once, on the first line");
  } else {
    problem("unknown keyword '" + kw +
            "' (known: id title language voice script kind style columns textbar order sign row "
            "group category key phrase weight)");
  }
}

void BoardReader::check() {
  if (board_.id.empty())
    problemAt(0, "the board has no 'id' line");
  if (board_.title.empty())
    problemAt(0, "the board has no 'title' line");
  if (board_.language.empty())
    problemAt(0, "the board has no 'language' line (e.g. language en)");
  if (seenFields_.count("script") == 0)
    problemAt(0, "the board has no 'script' line (latin, devanagari, malayalam or han)");
  if (seenFields_.count("kind") == 0 && board_.style == BoardStyle::kTabs)
    board_.kind = BoardKind::kPhrases;
  if (board_.keyCount() == 0) {
    problemAt(0, "the board has no keys");
    return;
  }
  const std::size_t maxKeys = board_.style == BoardStyle::kTabs ? kMaxTabKeys : kMaxColumns;
  if (board_.groups.size() > kMaxRows)
    problemAt(board_.groups[kMaxRows].line,
              "too many rows, groups or categories: at most " + std::to_string(kMaxRows) +
                  " keep the targets large enough to select with the eyes");
  std::map<int, int> codes;
  std::map<Direction, int> looks;
  for (BoardGroup& g : board_.groups) {
    if (g.keys.empty() && board_.style != BoardStyle::kTabs)
      problemAt(g.line, "this row or group has no keys");
    if (g.keys.size() > maxKeys)
      problemAt(g.line, "this row or group has " + std::to_string(g.keys.size()) +
                            " keys; at most " + std::to_string(maxKeys) +
                            " keep the targets large enough");
    if (board_.style != BoardStyle::kGrid && g.label.empty()) {
      // E-tran groups without a name are shown by their letters.
      for (const BoardKey& k : g.keys) {
        if (!g.label.empty())
          g.label += ' ';
        g.label += k.shown();
      }
    }
    for (BoardKey& k : g.keys) {
      if (k.label.empty() && k.value.empty()) {
        // An action written in a row (`row @space e t`) is shown by what it does.
        static constexpr std::pair<KeyAction, const char*> kShown[] = {
            {KeyAction::kSpace, "Space"},   {KeyAction::kBackspace, "Delete"},
            {KeyAction::kSpeak, "Speak"},   {KeyAction::kClear, "Clear"},
            {KeyAction::kUndo, "Undo"},     {KeyAction::kRecent, "Recent"},
            {KeyAction::kBoards, "Boards"}, {KeyAction::kLetters, "Letters"},
            {KeyAction::kRest, "Rest"},     {KeyAction::kHelp, "Help"}};
        for (const auto& [action, shown] : kShown)
          if (k.action == action)
            k.label = shown;
      }
      std::size_t pos = 0;
      if (k.action == KeyAction::kInsert && k.label.empty() &&
          isCombiningMark(decodeUtf8(k.value, pos))) {
        // A mark alone is invisible or misplaced: show it on a dotted circle, as in the code
        // charts.
        appendUtf8(k.label, kDottedCircle);
        k.label += k.value;
      }
      if (k.action == KeyAction::kInsert && k.sign.empty()) {
        const auto it = signs_.find(k.value);
        if (it != signs_.end())
          k.sign = it->second;
      }
      if (k.code != 0) {
        const auto [it, fresh] = codes.emplace(k.code, k.line);
        if (!fresh)
          problemAt(k.line, "blink code " + std::to_string(k.code) + " is already used on line " +
                                std::to_string(it->second));
      }
      if (k.look != Direction::kNone) {
        const auto [it, fresh] = looks.emplace(k.look, k.line);
        if (!fresh)
          problemAt(k.line, "look=" + std::string(directionName(k.look)) +
                                " is already used on line " + std::to_string(it->second));
      }
    }
  }
}

}  // namespace

BoardParseResult parseBoard(std::string_view text, std::string_view fileName) {
  return BoardReader(text, fileName).run();
}

}  // namespace drishti::host
