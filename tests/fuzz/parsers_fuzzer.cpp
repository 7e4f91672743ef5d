// libFuzzer entry point for the device's text parsers: the first byte of the
// input picks the parser, the rest is the file's text. Besides "no crash, no
// hang, no leak, no undefined behaviour" it checks each parser's contract:
//  - a text that is refused gives no value and at least one problem, each
//    naming the file and a line inside the text (0 = the file as a whole);
//  - a text that is accepted gives no problem (no warning for the board ini)
//    and a value that is consistent (written back out and read again it is
//    the same value);
//  - problems are only appended: the caller's earlier problems stay as they
//    were. The parsers return their value (they never write into the
//    caller's last good one), so refusing leaves that value untouched.
// Selector (first byte % 8): 0 board, 1 profile, 2 vocabulary, 3 calibration,
// 4 tracker board ini, 5 learned words, 6 saved state (the text bar), 7 spoken
// history. DRISHTI_FUZZ_PARSER=<0..7> fuzzes that
// parser alone (the first byte is still skipped, so the same seeds serve).
// Run one parser for a while (the seeds of the others are then just text):
//   DRISHTI_FUZZ_PARSER=3 parsers_fuzzer -max_len=8192 -max_total_time=150 found seeds
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "firmware/io/board_config_parser.h"
#include "host/core/board_parser.h"
#include "host/core/calibration_format.h"
#include "host/core/learned_words.h"
#include "host/core/profile.h"
#include "host/core/session_store.h"
#include "host/core/vocabulary.h"

using namespace drishti;

namespace {

[[noreturn]] void broken(const char* what, const std::string& detail = {}) {
  std::fprintf(stderr, "contract broken: %s %s\n", what, detail.c_str());
  std::abort();
}

int lineCount(std::string_view text) {
  return static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
}

// `line` must be 0 (whole file) or a line of the text, and the message non-empty.
void checkWhere(const std::string& file, int line, const std::string& message,
                const std::string& wantFile, int lines) {
  if (file != wantFile)
    broken("a problem names another file:", file);
  if (line < 0 || line > lines)
    broken("a problem names a line outside the text:", std::to_string(line));
  if (message.empty())
    broken("a problem without a message");
}

// The caller's earlier problem is still first and unchanged.
template <typename P>
void checkSentinel(const std::vector<P>& problems, const P& sentinel) {
  if (problems.empty() || problems.front().file != sentinel.file ||
      problems.front().line != sentinel.line || problems.front().message != sentinel.message)
    broken("the caller's earlier problems were changed");
}

const host::Problem kSentinel{"earlier.txt", 7, "an earlier problem"};
const std::string kName = "fuzz.txt";

void board(std::string_view text) {
  const host::BoardParseResult r = host::parseBoard(text, kName);
  if (r.ok() == !r.problems.empty())
    broken("board: a board and problems, or neither");
  for (const host::Problem& p : r.problems)
    checkWhere(p.file, p.line, p.message, kName, lineCount(text));
}

// A host parser of the form parse(text, file, problems) -> optional value:
// refused with problems inside the text, or accepted without any; then
// `format` (if given) writes the value and it must read back the same. The
// parsers of the device's own files take a fourth argument, warnings (the
// keys they skipped): each names the file and a line of the text, and their
// own output gives none. Returns the accepted value, if any, for further checks.
template <typename Parse, typename Format>
auto checkParser(const char* what, std::string_view text, Parse parse, Format format) {
  std::vector<host::Problem> warnings{kSentinel};
  const auto call = [&](std::string_view t, std::vector<host::Problem>& out,
                        std::vector<host::Problem>* w) {
    if constexpr (std::is_invocable_v<Parse, std::string_view, const std::string&,
                                      std::vector<host::Problem>&, std::vector<host::Problem>*>)
      return parse(t, kName, out, w);
    else
      return parse(t, kName, out);
  };
  std::vector<host::Problem> problems{kSentinel};
  auto v = call(text, problems, &warnings);
  checkSentinel(problems, kSentinel);
  checkSentinel(warnings, kSentinel);
  for (std::size_t i = 1; i < warnings.size(); ++i)
    checkWhere(warnings[i].file, warnings[i].line, warnings[i].message, kName, lineCount(text));
  if (!v) {
    if (problems.size() < 2)
      broken(what, "refused without a problem");
    for (std::size_t i = 1; i < problems.size(); ++i)
      checkWhere(problems[i].file, problems[i].line, problems[i].message, kName, lineCount(text));
    return v;
  }
  if (problems.size() != 1)
    broken(what, "accepted with problems: " + host::describeAll(problems));
  if constexpr (!std::is_same_v<Format, std::nullptr_t>) {
    const std::string once = format(*v);
    std::vector<host::Problem> again, againWarnings;
    const auto back = call(once, again, &againWarnings);
    if (!back)
      broken(what, "its own output is refused: " + host::describeAll(again) + once);
    if (!againWarnings.empty())
      broken(what, "its own output has keys it skips: " + host::describeAll(againWarnings));
    if (format(*back) != once)
      broken(what, "does not read back the same: " + once);
  }
  return v;
}

void vocabulary(std::string_view text) {
  const auto v = checkParser("vocabulary:", text, host::parseVocabulary, nullptr);
  if (!v)
    return;
  std::uint64_t total = 0;
  for (std::size_t i = 0; i < v->words.size(); ++i) {
    if (!host::validWord(v->words[i].word) || v->words[i].count < 1)
      broken("vocabulary: an invalid word accepted", v->words[i].word);
    if (i > 0 && !(v->words[i - 1].word < v->words[i].word))
      broken("vocabulary: words not sorted or repeated", v->words[i].word);
    total += v->words[i].count;
  }
  if (total != v->total)
    broken("vocabulary: total is not the sum of the counts");
}

void calibration(std::string_view text) {
  const host::CalibrationProblem sentinel{"earlier.cal", 7, "an earlier problem"};
  std::vector<host::CalibrationProblem> problems{sentinel};
  std::vector<host::CalibrationProblem> warnings{sentinel};
  const auto rec = host::parseCalibration(text, kName, problems, &warnings);
  checkSentinel(problems, sentinel);
  checkSentinel(warnings, sentinel);
  for (std::size_t i = 1; i < warnings.size(); ++i)
    checkWhere(warnings[i].file, warnings[i].line, warnings[i].message, kName, lineCount(text));
  if (!rec) {
    if (problems.size() < 2)
      broken("calibration: refused without a problem");
    for (std::size_t i = 1; i < problems.size(); ++i)
      checkWhere(problems[i].file, problems[i].line, problems[i].message, kName, lineCount(text));
    return;
  }
  if (problems.size() != 1)
    broken("calibration: accepted with problems");
  const std::string once = host::formatCalibration(*rec);
  std::vector<host::CalibrationProblem> again;
  const auto back = host::parseCalibration(once, kName, again);
  if (!back)
    broken("calibration: its own output is refused",
           (again.empty() ? std::string() : again.front().describe()) + "\n" + once);
  if (host::formatCalibration(*back) != once)
    broken("calibration: does not read back the same", once);
}

void boardIni(std::string_view text) {
  const io::ConfigResult r = io::parseBoardConfig(text, "/nonexistent/board.ini");
  if (r.ok() == !r.errors.empty())
    broken("board ini: a config and errors, or neither");
  for (const io::ConfigError& e : r.errors)
    checkWhere(e.file, e.line, e.problem, "/nonexistent/board.ini", lineCount(text));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0)
    return 0;
  static const int forced = [] {
    const char* v = std::getenv("DRISHTI_FUZZ_PARSER");
    return v && *v ? std::atoi(v) : -1;
  }();
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  switch (forced >= 0 ? forced % 8 : data[0] % 8) {
    case 0:
      board(text);
      break;
    case 1:
      checkParser("profile:", text, host::parseProfile, host::formatProfile);
      break;
    case 2:
      vocabulary(text);
      break;
    case 3:
      calibration(text);
      break;
    case 4:
      boardIni(text);
      break;
    case 5:
      checkParser("learned words:", text, host::parseLearnedWords,
                  [](const host::LearnedWords& w) { return w.format(); });
      break;
    case 6:
      checkParser("saved state:", text, host::parseSavedState, host::formatSavedState);
      break;
    default:
      checkParser("history:", text, host::parseHistory, host::formatHistory);
      break;
  }
  return 0;
}
