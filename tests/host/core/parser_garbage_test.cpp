// Every parser meets garbage: random bytes and mutated good files. None may
// crash or hang; each either accepts the text or names a line inside it.
#include <catch2/catch.hpp>
#include <random>

#include "host/core/atomic_file.h"
#include "host/core/board_parser.h"
#include "host/core/input_script.h"
#include "host/core/profile.h"
#include "host/core/session_store.h"
#include "session_helpers.h"

using namespace drishti::host;

namespace {

int lineCount(std::string_view text) {
  return static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
}

std::string mutate(std::string text, std::mt19937& rng) {
  const int edits = std::uniform_int_distribution<int>(1, 8)(rng);
  static constexpr char kInteresting[] = {'"',  '\\', '#',    '@',    '=', ' ',
                                          '\n', '\0', '\xff', '\xe0', '-', '9'};
  for (int i = 0; i < edits && !text.empty(); ++i) {
    const std::size_t at = std::uniform_int_distribution<std::size_t>(0, text.size() - 1)(rng);
    switch (std::uniform_int_distribution<int>(0, 3)(rng)) {
      case 0:
        text[at] = kInteresting[std::uniform_int_distribution<std::size_t>(
            0, sizeof kInteresting - 1)(rng)];
        break;
      case 1:
        text.erase(at, std::uniform_int_distribution<std::size_t>(1, 20)(rng));
        break;
      case 2:
        text.insert(at,
                    text.substr(at / 2, std::uniform_int_distribution<std::size_t>(1, 40)(rng)));
        break;
      default:
        text[at] = static_cast<char>(std::uniform_int_distribution<int>(0, 255)(rng));
        break;
    }
  }
  return text;
}

template <class Check>
void hammer(const std::string& good, unsigned seed, Check&& check) {
  std::mt19937 rng(seed);
  for (int i = 0; i < 1500; ++i) {
    std::string text;
    if (i % 3 == 0) {
      text.resize(std::uniform_int_distribution<std::size_t>(0, 400)(rng));
      for (char& c : text)
        c = static_cast<char>(std::uniform_int_distribution<int>(0, 255)(rng));
    } else {
      text = mutate(good, rng);
    }
    check(text);
  }
}

void checkProblems(const std::vector<Problem>& problems, std::string_view text, bool ok) {
  if (ok)
    return;
  REQUIRE_FALSE(problems.empty());
  for (const Problem& p : problems) {
    REQUIRE(p.line >= 0);
    REQUIRE(p.line <= lineCount(text));
    REQUIRE_FALSE(p.message.empty());
  }
}

std::string file(const char* relative) {
  std::string error;
  auto text = readWholeFile(drishti::host::test::dataDir() / relative, error);
  REQUIRE(text);
  return *text;
}

}  // namespace

TEST_CASE("the board parser survives garbage and names a line for every rejection") {
  for (const char* f :
       {"boards/hi-varnamala.board", "phrases/cmn-phrases.board", "boards/en-yesno.board"})
    hammer(file(f), 11, [](const std::string& text) {
      const BoardParseResult r = parseBoard(text, "g.board");
      checkProblems(r.problems, text, r.ok());
      if (r.ok())
        REQUIRE(r.board->keyCount() > 0);
    });
}

TEST_CASE("the profile parser survives garbage and names a line for every rejection") {
  hammer(file("profiles/default.profile"), 12, [](const std::string& text) {
    std::vector<Problem> problems;
    const auto p = parseProfile(text, "g.profile", problems);
    checkProblems(problems, text, p.has_value());
    if (p) {
      REQUIRE(p->access.blink.minMs < p->access.blink.maxMs);
      REQUIRE(p->access.safety.restBlinks < p->access.safety.helpBlinks);
    }
  });
}

TEST_CASE("the script parser survives garbage and names a line for every rejection") {
  const std::string good =
      "drishti-script 1\nrate 30\nlook 10 20 100\nblink 300 left\nswitch down 0\n"
      "press 1 50\nwait 10\nat 900\nlost camera\nback\ngaze 1 2 0.5\n";
  hammer(good, 13, [](const std::string& text) {
    const InputScript s = parseInputScript(text, "g.script");
    checkProblems(s.problems, text, s.ok());
    for (std::size_t i = 1; i < s.events.size(); ++i)
      REQUIRE(s.events[i].tUs >= s.events[i - 1].tUs);
  });
}

TEST_CASE("the state and history parsers survive garbage") {
  const std::string state = formatSavedState({"en-abc", "hello \"there\"", "undo me"});
  hammer(state, 14, [](const std::string& text) {
    std::vector<Problem> problems;
    const auto s = parseSavedState(text, "g.state", problems);
    checkProblems(problems, text, s.has_value());
  });
  const std::string history = formatHistory({"one", "two words", "मुझे पानी चाहिए"});
  hammer(history, 15, [](const std::string& text) {
    std::vector<Problem> problems;
    const auto h = parseHistory(text, "g.history", problems);
    checkProblems(problems, text, h.has_value());
  });
}
