#include "host/core/board_parser.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>

#include "host/core/atomic_file.h"
#include "session_helpers.h"

using namespace drishti::host;

namespace {

const char* kGood = R"(drishti-board 1
id       t-board
title    "Test board"
language hi
script   devanagari
sign     आ ा
row क आ ्
key @space label=Space dwell=1500
row @back @speak @board:other
phrase "Yes please" speak="yes please" code=1 look=left
)";

std::string problemsOf(std::string_view text) {
  const BoardParseResult r = parseBoard(text, "x.board");
  CHECK_FALSE(r.ok());
  return describeAll(r.problems);
}

}  // namespace

TEST_CASE("a good board parses into groups, keys, actions and attributes") {
  const BoardParseResult r = parseBoard(kGood, "t.board");
  INFO(describeAll(r.problems));
  REQUIRE(r.ok());
  const Board& b = *r.board;
  CHECK(b.id == "t-board");
  CHECK(b.title == "Test board");
  CHECK(b.script == Script::kDevanagari);
  REQUIRE(b.groups.size() == 2);
  REQUIRE(b.groups[0].keys.size() == 4);
  CHECK(b.groups[0].keys[1].value == "आ");
  CHECK(b.groups[0].keys[1].sign == "ा");        // from the sign line
  CHECK(b.groups[0].keys[2].label == "\u25CC्");  // a lone mark is shown on a dotted circle
  CHECK(b.groups[0].keys[3].action == KeyAction::kSpace);
  CHECK(b.groups[0].keys[3].dwellMs == 1500);
  CHECK(b.groups[0].keys[3].shown() == "Space");
  const auto& row2 = b.groups[1].keys;
  REQUIRE(row2.size() == 4);
  CHECK(row2[0].action == KeyAction::kBackspace);
  CHECK(row2[2].action == KeyAction::kBoard);
  CHECK(row2[2].value == "other");
  CHECK(row2[3].action == KeyAction::kSay);
  CHECK(row2[3].speak == "yes please");
  CHECK(row2[3].code == 1);
  CHECK(row2[3].look == Direction::kLeft);
  CHECK(row2[3].line == 10);
}

TEST_CASE("board errors name the file and line") {
  CHECK_THAT(problemsOf("row a\n"), Catch::Contains("x.board:1: a board file must start"));
  CHECK_THAT(problemsOf("drishti-board 2\n"),
             Catch::Contains("x.board:1: a board file written by a newer drishti, version 2; "
                             "this one reads up to 1"));
  CHECK_THAT(problemsOf(""), Catch::Contains("x.board: the file is empty"));
  const std::string head = "drishti-board 1\nid b\ntitle B\nlanguage en\nscript latin\n";
  CHECK_THAT(problemsOf(head + "rwo a b\n"), Catch::Contains("x.board:6: unknown keyword 'rwo'"));
  CHECK_THAT(problemsOf(head + "row a @spcae\n"),
             Catch::Contains("x.board:6: unknown action '@spcae'"));
  CHECK_THAT(problemsOf(head + "row a\nkey b size=3\n"),
             Catch::Contains("x.board:7: unknown attribute 'size'"));
  CHECK_THAT(problemsOf(head + "row a\nkey b code=12\n"), Catch::Contains("x.board:7: code=12"));
  CHECK_THAT(problemsOf(head + "row a\nkey b look=sideways\n"),
             Catch::Contains("x.board:7: look=sideways"));
  CHECK_THAT(problemsOf(head + "row a\nkey b dwell=50\n"), Catch::Contains("x.board:7: dwell=50"));
  CHECK_THAT(problemsOf(head + "row \"a\n"),
             Catch::Contains("x.board:6: a quoted text is not closed"));
  CHECK_THAT(problemsOf(head + "row a \xFF\n"),
             Catch::Contains("x.board:6: the line is not valid UTF-8"));
  CHECK_THAT(problemsOf(head + "row a\nsign आ x\n"),
             Catch::Contains("x.board:7: 'x' is not a single vowel sign"));
  CHECK_THAT(problemsOf(head + "row a\nid c\n"),
             Catch::Contains("x.board:7: 'id' is given twice (first on line 2)"));
  CHECK_THAT(problemsOf(head + "row a\nkey b code=1\nkey c code=1\n"),
             Catch::Contains("x.board:8: blink code 1 is already used on line 7"));
  CHECK_THAT(problemsOf(head + "row a b c d e f g h i j k l m n o\n"),
             Catch::Contains("x.board:6: this row or group has 15 keys"));
  CHECK_THAT(problemsOf(head + "row @board:Bad!\n"),
             Catch::Contains("x.board:6: '@board:' needs a board id"));
  CHECK_THAT(problemsOf(head + "row a\nweight 50\n"),
             Catch::Contains("x.board:7: weight takes one number"));
  CHECK_THAT(problemsOf("drishti-board 1\nrow a\n"), Catch::Contains("the board has no 'id' line"));
  CHECK_THAT(problemsOf(head), Catch::Contains("the board has no keys"));
  CHECK_THAT(problemsOf(head + "row a\ngroup\n"),
             Catch::Contains("x.board:7: 'group' needs a name"));
}

TEST_CASE("every bad line is reported, not only the first") {
  const std::string text =
      "drishti-board 1\nid b\ntitle B\nlanguage en\nscript latin\nrow a @nope\nfoo\nrow b\n";
  const BoardParseResult r = parseBoard(text, "x.board");
  REQUIRE(r.problems.size() == 2);
  CHECK(r.problems[0].line == 6);
  CHECK(r.problems[1].line == 7);
}

TEST_CASE("E-tran groups without a name are named by their letters") {
  const BoardParseResult r = parseBoard(
      "drishti-board 1\nid e\ntitle E\nlanguage en\nscript latin\nstyle groups\nrow a b c\nrow d "
      "e\n",
      "e.board");
  REQUIRE(r.ok());
  CHECK(r.board->groups[0].label == "a b c");
  CHECK(r.board->groups[1].label == "d e");
}

TEST_CASE("every board and phrase file shipped in host/data parses") {
  int files = 0;
  for (const char* sub : {"boards", "phrases"}) {
    for (const auto& e : std::filesystem::directory_iterator(test::dataDir() / sub)) {
      if (e.path().extension() != ".board")
        continue;
      std::string error;
      const auto text = readWholeFile(e.path(), error);
      REQUIRE(text);
      const BoardParseResult r = parseBoard(*text, e.path().string());
      INFO(describeAll(r.problems));
      CHECK(r.ok());
      ++files;
    }
  }
  CHECK(files >= 14);
}

TEST_CASE("shipped letter boards can write every code point of their test sentences") {
  // Each sentence must be typable from keys of its board: by value, or by a
  // vowel sign right after a consonant.
  const std::pair<const char*, std::string_view> cases[] = {
      {"boards/en-abc.board", "i need water"},
      {"boards/en-freq.board", "i need water"},
      {"boards/en-scan.board", "i need water"},
      {"boards/en-qwerty.board", "i need water"},
      {"boards/hi-varnamala.board", "मुझे पानी चाहिए"},
      {"boards/ml-aksharamala.board", "എനിക്ക് വെള്ളം വേണം"},
  };
  for (const auto& [file, sentence] : cases) {
    std::string error;
    const auto text = readWholeFile(test::dataDir() / file, error);
    REQUIRE(text);
    const BoardParseResult r = parseBoard(*text, file);
    REQUIRE(r.ok());
    std::string typed;
    std::size_t pos = 0;
    while (pos < sentence.size()) {
      std::size_t best = sentence[pos] == ' ' ? 1 : 0;  // the text bar's Space key
      for (const BoardGroup& g : r.board->groups)
        for (const BoardKey& k : g.keys) {
          if (k.action != KeyAction::kInsert)
            continue;
          const std::string& v =
              endsWithIndicConsonant(typed) && !k.sign.empty() ? k.sign : k.value;
          if (sentence.substr(pos).starts_with(v))
            best = std::max(best, v.size());
        }
      INFO(file << " cannot type the piece at byte " << pos << " of " << sentence);
      REQUIRE(best > 0);
      typed += sentence.substr(pos, best);
      pos += best;
    }
  }
}

TEST_CASE("the scanning board types what en-freq types, with Space first and its own Delete") {
  const auto keysOf = [](const char* file, std::vector<std::string>& values,
                         std::vector<KeyAction>& actions) {
    std::string error;
    const auto text = readWholeFile(test::dataDir() / file, error);
    REQUIRE(text);
    const BoardParseResult r = parseBoard(*text, file);
    REQUIRE(r.ok());
    for (const BoardGroup& g : r.board->groups)
      for (const BoardKey& k : g.keys) {
        actions.push_back(k.action);
        if (k.action == KeyAction::kInsert)
          values.push_back(k.value);
      }
  };
  std::vector<std::string> freq, scan;
  std::vector<KeyAction> freqActions, scanActions;
  keysOf("boards/en-freq.board", freq, freqActions);
  keysOf("boards/en-scan.board", scan, scanActions);
  std::sort(freq.begin(), freq.end());
  std::sort(scan.begin(), scan.end());
  CHECK(scan == freq);
  REQUIRE(!scanActions.empty());
  CHECK(scanActions.front() == KeyAction::kSpace);
  CHECK(std::count(scanActions.begin(), scanActions.end(), KeyAction::kBackspace) == 1);
}
