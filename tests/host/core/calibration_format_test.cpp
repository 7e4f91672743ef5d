#include "host/core/calibration_format.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <iterator>
#include <random>
#include <sstream>

#include "tests/host/core/calibration_fixture.h"

using namespace drishti;
using namespace drishti::host;

namespace {

// Replaces the first occurrence of `from` in `text`, then re-seals the file
// with a correct checksum, so the parser's checks below the checksum are tested.
std::string edit(const std::string& text, const std::string& from, const std::string& to,
                 bool reseal = true) {
  std::string out = text;
  const auto at = out.find(from);
  REQUIRE(at != std::string::npos);
  out.replace(at, from.size(), to);
  return reseal ? test::resealCalibration(out) : out;
}

int lineOf(const std::string& text, const std::string& needle) {
  const auto at = text.find(needle);
  REQUIRE(at != std::string::npos);
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
}

std::string parseError(const std::string& text) {
  std::vector<CalibrationProblem> problems;
  const auto rec = parseCalibration(text, "anna.cal", problems);
  CHECK_FALSE(rec.has_value());
  REQUIRE_FALSE(problems.empty());
  return problems.front().describe();
}

}  // namespace

TEST_CASE("a calibration file reads back to exactly the same record") {
  const CalibrationRecord rec = test::makeCalibrationRecord("Anna K. (ward 3) अन्ना");
  REQUIRE(rec.model.calibrated());
  const std::string text = formatCalibration(rec);
  std::vector<CalibrationProblem> problems;
  const auto back = parseCalibration(text, "anna.cal", problems);
  INFO((problems.empty() ? std::string() : problems.front().describe()));
  REQUIRE(back.has_value());
  CHECK(problems.empty());
  CHECK(*back == rec);
  CHECK(formatCalibration(*back) == text);
  // The model behaves identically.
  test::SyntheticViewer viewer;
  const auto s = viewer.look(700, 300);
  CHECK(back->model.predict(s).x == rec.model.predict(s).x);
}

TEST_CASE("a check point's weak-sample advice is written and read back by its name") {
  CalibrationRecord rec = test::makeCalibrationRecord();
  rec.report.advice.push_back(
      {AdviceKind::kCheckPointWeak, 3, "Check point 4 (bottom left) kept only 10 samples; ..."});
  const std::string text = formatCalibration(rec);
  CHECK(text.find("advice = check-point-weak 3 Check point 4") != std::string::npos);
  std::vector<CalibrationProblem> problems;
  const auto back = parseCalibration(text, "anna.cal", problems);
  REQUIRE(back.has_value());
  CHECK(problems.empty());
  CHECK(*back == rec);
}

TEST_CASE("advice of a kind a newer drishti wrote is skipped with a warning, the file loads") {
  CalibrationRecord rec = test::makeCalibrationRecord();
  rec.report.advice.push_back({AdviceKind::kRecalibrate, -1, "Calibrate again."});
  const std::string text = formatCalibration(rec);
  // As an older build sees a kind added after it: the newer file's own checksum.
  const std::string newer = edit(text, "advice = recalibrate -1",
                                 "advice = blink-harder 2 Blink harder.\nadvice = recalibrate -1");
  std::vector<CalibrationProblem> problems, warnings;
  const auto back = parseCalibration(newer, "anna.cal", problems, &warnings);
  INFO((problems.empty() ? std::string() : problems.front().describe()));
  REQUIRE(back.has_value());
  CHECK(problems.empty());
  CHECK(*back == rec);  // the unknown advice is skipped, everything else kept
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].describe().find("anna.cal:" + std::to_string(lineOf(newer, "blink-harder")) +
                                    ":") == 0);
  CHECK(warnings[0].message.find("'blink-harder'") != std::string::npos);
  // Without a warnings list the file still loads.
  std::vector<CalibrationProblem> quiet;
  CHECK(parseCalibration(newer, "anna.cal", quiet).has_value());

  // Garbage in an advice line is still refused, naming the line.
  for (const std::string& bad :
       {std::string("advice = Blink! 2 x"), std::string("advice = blink-harder x x"),
        std::string("advice = blink-harder 64 x"), std::string("advice = ")}) {
    const std::string damaged =
        edit(text, "advice = recalibrate -1", bad + "\nadvice = recalibrate -1");
    INFO(bad);
    const std::string err = parseError(damaged);
    CHECK(err.find("anna.cal:" + std::to_string(lineOf(damaged, bad + "\nadvice = recalibrate")) +
                   ":") == 0);
    CHECK(err.find("advice must be") != std::string::npos);
  }
}

TEST_CASE("a key a newer drishti added is skipped with a warning naming it and its line") {
  const CalibrationRecord rec = test::makeCalibrationRecord();
  const std::string text = formatCalibration(rec);
  // As an older build sees keys added after it, within the same version: at
  // the top level (twice), and inside an eye's block; the newer file's checksum.
  std::string newer = edit(text, "stats = ", "blink_rate = 12 per minute\nstats = ");
  newer = edit(newer, "eye_range = ", "eye_lid_shape2 = 0.5 0.25\neye_range = ");
  newer = edit(newer, "crc32 = ", "blink_rate = 13\ncrc32 = ");
  std::vector<CalibrationProblem> problems, warnings;
  const auto back = parseCalibration(newer, "anna.cal", problems, &warnings);
  INFO((problems.empty() ? std::string() : problems.front().describe()));
  REQUIRE(back.has_value());
  CHECK(problems.empty());
  CHECK(*back == rec);  // the unknown keys are skipped, everything else kept
  REQUIRE(warnings.size() == 3);
  const int eyeLine = lineOf(newer, "eye_lid_shape2");
  const int firstBlink = lineOf(newer, "blink_rate = 12");
  const int secondBlink = lineOf(newer, "blink_rate = 13");
  CHECK(eyeLine < firstBlink);
  CHECK(warnings[0].describe().find("anna.cal:" + std::to_string(eyeLine) + ": unknown key " +
                                    "'eye_lid_shape2'") == 0);
  CHECK(warnings[1].describe().find("anna.cal:" + std::to_string(firstBlink) +
                                    ": unknown key 'blink_rate'") == 0);
  CHECK(warnings[2].describe().find("anna.cal:" + std::to_string(secondBlink) +
                                    ": unknown key 'blink_rate'") == 0);
  CHECK(warnings[0].message.find("the calibration is kept") != std::string::npos);
  // Without a warnings list the file still loads.
  std::vector<CalibrationProblem> quiet;
  CHECK(parseCalibration(newer, "anna.cal", quiet).has_value());

  // A refused file gives no warnings: they would describe a calibration not used.
  std::vector<CalibrationProblem> refused, none;
  CHECK_FALSE(
      parseCalibration(edit(newer, "pattern = 9", "pattern = 7"), "anna.cal", refused, &none)
          .has_value());
  CHECK(none.empty());

  // A line whose key is not spelled like one is garbage, refused naming its line.
  for (const std::string& bad :
       {std::string("Blink_rate = 1"), std::string("blink rate = 1"), std::string("9lives = 1"),
        std::string("blink-rate = 1"), std::string("= 1"), std::string("\x01\xff = 1")}) {
    const std::string damaged = edit(text, "stats = ", bad + "\nstats = ");
    INFO(bad);
    const std::string err = parseError(damaged);
    CHECK(err.find("anna.cal:" + std::to_string(lineOf(damaged, bad + "\nstats")) + ":") == 0);
    CHECK(err.find("expected a key of a-z, 0-9 and '_'") != std::string::npos);
  }
  // A known key keeps every check: a second 'screen' is still refused.
  CHECK(parseError(edit(text, "stats = ", "screen = 1 1 1 1 100\nstats = "))
            .find("'screen' given twice") != std::string::npos);
}

TEST_CASE("a file of a format version newer than this build reads is refused, saying so") {
  const std::string text = formatCalibration(test::makeCalibrationRecord());
  const std::string current = "drishti-calibration " + std::to_string(kCalibrationFormatVersion);
  REQUIRE(text.find("format = " + current + "\n") != std::string::npos);
  for (int v : {kCalibrationFormatVersion + 1, 40}) {
    // A newer file may change keys this build knows: nothing past the format
    // line is read, and the one problem says why.
    const std::string newer =
        edit(text, current, "drishti-calibration " + std::to_string(v) + "\nfuture_key = 1");
    std::vector<CalibrationProblem> problems, warnings;
    CHECK_FALSE(parseCalibration(newer, "anna.cal", problems, &warnings).has_value());
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].describe() == "anna.cal:" + std::to_string(lineOf(newer, "format = ")) +
                                        ": written by a newer drishti, version " +
                                        std::to_string(v) + "; this one reads up to " +
                                        std::to_string(kCalibrationFormatVersion));
    CHECK(warnings.empty());
  }
  // A format line that names no version is garbage, refused naming its line.
  for (const std::string& bad :
       {std::string("drishti-calibration 0"), std::string("drishti-calibration 02"),
        std::string("drishti-calibration -3"), std::string("drishti-calibration 2x"),
        std::string("drishti-calibration "), std::string("drishti-calibratio 2"),
        std::string("drishti-calibration 99999999999999999999")}) {
    INFO(bad);
    const std::string damaged = edit(text, current, bad);
    const std::string err = parseError(damaged);
    CHECK(err.find("anna.cal:" + std::to_string(lineOf(damaged, "format = ")) +
                   ": unknown format '") == 0);
  }
}

TEST_CASE("counts too large for an int are refused as out of range, not converted") {
  // Found by tests/fuzz/parsers_fuzzer: each was cast to int before its range
  // check, undefined behaviour for a double beyond int (UBSan aborts there).
  const std::string text = formatCalibration(test::makeCalibrationRecord());
  // The line starting with `prefix`, its value's `index`th word set to `to`.
  auto setWord = [&](const std::string& prefix, std::size_t index, const std::string& to) {
    const auto at = text.find(prefix);
    REQUIRE(at != std::string::npos);
    const std::string line = text.substr(at, text.find('\n', at) - at);
    std::istringstream words(line.substr(line.find('=') + 2));
    std::vector<std::string> w{std::istream_iterator<std::string>(words), {}};
    REQUIRE(index < w.size());
    w[index] = to;
    std::string changed = line.substr(0, line.find('=') + 1);
    for (const std::string& x : w)
      changed += " " + x;
    return edit(text, line, changed);
  };
  struct Case {
    std::string prefix;
    std::size_t index;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"point = cal 0 ", 1, "point values out of range"},   // index
      {"point = cal 0 ", 12, "point values out of range"},  // samples
      {"point = cal 0 ", 13, "point values out of range"},  // refused
      {"stats = ", 0, "stats out of range"},                // samples
      {"stats = ", 9, "stats out of range"},                // image width
      {"eye_fit = ", 1, "points >= 3"},
  };
  for (const Case& c : cases) {
    const std::string bad = setWord(c.prefix, c.index, "9940840000000");
    const std::string err = parseError(bad);
    INFO(err);
    CHECK(err.find("anna.cal:" + std::to_string(lineOf(bad, c.prefix.substr(0, 8))) + ":") == 0);
    CHECK(err.find(c.message) != std::string::npos);
  }
}

TEST_CASE("a changed byte is caught by the checksum, naming its line") {
  const std::string text = formatCalibration(test::makeCalibrationRecord());
  const std::string damaged = edit(text, "pattern = 9", "pattern = 5", false);
  const std::string err = parseError(damaged);
  CHECK(err.find("anna.cal:" + std::to_string(lineOf(damaged, "crc32"))) == 0);
  CHECK(err.find("checksum") != std::string::npos);
}

TEST_CASE("a file cut short is refused as incomplete") {
  const std::string text = formatCalibration(test::makeCalibrationRecord());
  const std::string cut = text.substr(0, text.size() / 2);
  std::vector<CalibrationProblem> problems;
  CHECK_FALSE(parseCalibration(cut, "anna.cal", problems).has_value());
  CHECK(std::any_of(problems.begin(), problems.end(), [](const CalibrationProblem& p) {
    return p.message.find("incomplete") != std::string::npos;
  }));
  CHECK(parseError("").find("anna.cal") == 0);
}

TEST_CASE("calibration file errors name the file and line") {
  const std::string text = formatCalibration(test::makeCalibrationRecord());
  struct Case {
    std::string from, to, needle, message;
  };
  const std::vector<Case> cases = {
      {"format = drishti-calibration 2", "format = drishti-calibration two",
       "format =", "unknown format"},
      {"eye_y = pupil", "eye_y = iris", "eye_y", "'pupil' or 'appearance'"},
      {"eye_y = pupil ", "eye_y = pupil -", "eye_y", "held-out errors"},
      {"eye_y = pupil ", "eye_y = pupil 1 2 3 #", "eye_y", "more than 2 numbers"},
      {"pattern = 9", "pattern = 7", "pattern =", "5, 9 or 13"},
      {"grade = ", "grade = superb\n#", "grade =", "grade must be"},
      {"screen = 1920", "screen = -1920", "screen =", "whole numbers"},
      {"eye_coef_x = ", "eye_coef_x = nan ", "eye_coef_x", "not a finite number"},
      {"eye_range = ", "eye_range = 1 ", "eye_range", "more than 4 numbers"},
      {"stats = ", "stats = 1 2 ", "stats =", "more than 10 numbers"},
      {"eye_fit = ", "eye_fit = -", "eye_fit", "residual and lambda"},
      {"eye_roll = ", "eye_roll = 120 0.5 0\n# ", "eye_roll", "within +-90"},
      {"point = cal 0 ", "point = mid 0 ", "point = mid", "'cal' or 'val'"},
      {"created = ", "Colour = blue\ncreated = ", "Colour", "expected a key of a-z"},
      // The inserted line comes first, so the original one is the repeat.
      {"profile = ", "pattern = 9\nprofile = ", "pattern = 9\ngrade", "given twice"},
  };
  for (const Case& c : cases) {
    const std::string bad = edit(text, c.from, c.to);
    const std::string err = parseError(bad);
    INFO(err);
    const int line = lineOf(bad, c.needle);
    CHECK(err.find("anna.cal:" + std::to_string(line) + ":") == 0);
    CHECK(err.find(c.message) != std::string::npos);
  }
}

TEST_CASE("a calibration file from before the roll term loads without it") {
  const CalibrationRecord rec = test::makeCalibrationRecord();
  REQUIRE(rec.model.eye(0).frame.rollTerm);
  std::string text = formatCalibration(rec);
  for (auto at = text.find("eye_roll = "); at != std::string::npos; at = text.find("eye_roll = "))
    text.erase(at, text.find('\n', at) - at + 1);
  text = edit(text, "format", "format");  // reseal
  std::vector<CalibrationProblem> problems;
  const auto back = parseCalibration(text, "old.cal", problems);
  INFO((problems.empty() ? std::string() : problems.front().describe()));
  REQUIRE(back.has_value());
  CHECK_FALSE(back->model.eye(0).frame.rollTerm);
  CHECK_FALSE(back->model.eye(1).frame.rollTerm);
  // A level head: the same gaze as the record's.
  test::SyntheticViewer viewer;
  const auto s = viewer.look(700, 300);
  CHECK(back->model.predict(s).x == Approx(rec.model.predict(s).x).margin(1e-6));
}

namespace {

// The fixture's record with eye 0's y from a (made-up) appearance model.
CalibrationRecord withAppearance(bool used) {
  CalibrationRecord rec = test::makeCalibrationRecord();
  GazeEyeModel e0 = rec.model.eye(0);
  GazeAppearanceY& a = e0.appearanceY;
  a.used = used;
  for (std::size_t k = 0; k < a.mean.size(); ++k)
    a.mean[k] = 1.0 / 15 + 0.001 * static_cast<double>(k);
  a.scale = 0.0123;
  for (std::size_t k = 0; k < a.coef.size(); ++k)
    a.coef[k] = k == 0 ? 540.25 : 10.0 * static_cast<double>(k) - 77.5;
  a.minY = 80;
  a.maxY = 1000.5;
  a.lambda = 0.1;
  a.heldOutPupilPx = 48.5;
  a.heldOutAppearancePx = 14.25;
  for (std::size_t d = 0; d < a.span.size(); ++d)
    for (std::size_t k = 0; k < a.span[d].size(); ++k)
      a.span[d][k] = (k % 4 == d ? 0.5 : 0.0) - 0.001 * static_cast<double>(k);
  a.spanResidual = 0.0081;
  rec.model = GazeModel(rec.report.geometry, e0, rec.model.eye(1), rec.model.params());
  rec.report.yCue[0] = yCueOf(rec.report.geometry, true, used, 48.5, 14.25);
  return rec;
}

std::string withoutLines(std::string text, const std::string& key) {
  for (auto at = text.find(key); at != std::string::npos; at = text.find(key))
    text.erase(at, text.find('\n', at) - at + 1);
  return text;
}

}  // namespace

TEST_CASE("the y cue (pupil or appearance) reads back exactly") {
  for (bool used : {true, false}) {
    const CalibrationRecord rec = withAppearance(used);
    const std::string text = formatCalibration(rec);
    CHECK(text.find(used ? "eye_y = appearance 48.5 14.25" : "eye_y = pupil 48.5 14.25") !=
          std::string::npos);
    std::vector<CalibrationProblem> problems;
    const auto back = parseCalibration(text, "anna.cal", problems);
    INFO((problems.empty() ? std::string() : problems.front().describe()));
    REQUIRE(back.has_value());
    CHECK(*back == rec);
    CHECK(back->model.eye(0).appearanceY.used == used);
    const std::string summary = formatCalibrationSummary(back->report);
    INFO(summary);
    // 48.5^2 / (48.5^2 + 14.25^2) = 92% of y from the appearance.
    CHECK(summary.find(used ? "Vertical gaze: right eye 92% from its appearance (held-out "
                            : "Vertical gaze: right eye from its pupil (held-out ") !=
          std::string::npos);
    CHECK(summary.find("; left eye from its pupil (held-out ") != std::string::npos);
  }
}

TEST_CASE("the y cue's keys are checked against each other and the format") {
  const std::string text = formatCalibration(withAppearance(true));
  // Appearance chosen, its model missing.
  std::string bad = edit(withoutLines(text, "eye_appearance_coef"), "format", "format");
  std::string err = parseError(bad);
  CHECK(err.find("anna.cal:" + std::to_string(lineOf(bad, "eye_y = appearance")) + ":") == 0);
  CHECK(err.find("missing 'eye_appearance_coef'") != std::string::npos);
  // Appearance chosen without its held-out error.
  bad = edit(text, "eye_y = appearance 48.5 14.25", "eye_y = appearance 48.5");
  CHECK(parseError(bad).find("needs the appearance's held-out error") != std::string::npos);
  // An appearance model for an eye_y that says none was fitted.
  bad = edit(text, "eye_y = appearance 48.5 14.25", "eye_y = pupil 48.5");
  err = parseError(bad);
  CHECK(err.find("anna.cal:" + std::to_string(lineOf(bad, "eye_appearance =")) + ":") == 0);
  // Format 2 needs eye_y; format 1 must not have it.
  bad = edit(withoutLines(text, "eye_y = "), "format", "format");
  CHECK(parseError(bad).find("missing 'eye_y'") != std::string::npos);
  bad = edit(text, "drishti-calibration 2", "drishti-calibration 1");
  err = parseError(bad);
  // (the eye's keys are checked in name order: eye_appearance before eye_y)
  CHECK(err.find("anna.cal:" + std::to_string(lineOf(bad, "eye_appearance =")) + ":") == 0);
  CHECK(err.find("needs format 'drishti-calibration 2'") != std::string::npos);
  bad = edit(text, "eye_appearance = 0.0123", "eye_appearance = 0");
  CHECK(parseError(bad).find("scale must be > 0") != std::string::npos);
  // The drift check's span: optional, but whole and with a residual > 0.
  bad = edit(text, "eye_appearance_span = 0.0081", "eye_appearance_span = 0");
  err = parseError(bad);
  CHECK(err.find("anna.cal:" + std::to_string(lineOf(bad, "eye_appearance_span")) + ":") == 0);
  CHECK(err.find("span residual must be > 0") != std::string::npos);
  bad = edit(text, "eye_appearance_span = 0.0081", "eye_appearance_span = 0.0081 x");
  CHECK(parseError(bad).find("eye_appearance_span") != std::string::npos);
  bad = edit(text, "eye_y = appearance 48.5 14.25", "eye_y = pupil 48.5");
  bad = edit(
      withoutLines(withoutLines(withoutLines(bad, "eye_appearance_mean"), "eye_appearance_coef"),
                   "eye_appearance ="),
      "format", "format");
  err = parseError(bad);
  CHECK(err.find("'eye_appearance_span' for an appearance that eye_y says was not fitted") !=
        std::string::npos);
  // A file written before the check loads without it.
  bad = edit(withoutLines(text, "eye_appearance_span"), "format", "format");
  std::vector<CalibrationProblem> problems;
  const auto back = parseCalibration(bad, "anna.cal", problems);
  INFO((problems.empty() ? std::string() : problems.front().describe()));
  REQUIRE(back.has_value());
  CHECK(back->model.eye(0).appearanceY.spanResidual == 0);
  CHECK(back->model.eye(0).appearanceY.used);
}

TEST_CASE("a format 1 file (before the appearance cue) loads with the pupil's y") {
  const CalibrationRecord rec = withAppearance(true);
  std::string text = formatCalibration(rec);
  text = withoutLines(withoutLines(text, "eye_y = "), "eye_appearance");
  text = edit(text, "drishti-calibration 2", "drishti-calibration 1");
  std::vector<CalibrationProblem> problems;
  const auto back = parseCalibration(text, "old.cal", problems);
  INFO((problems.empty() ? std::string() : problems.front().describe()));
  REQUIRE(back.has_value());
  CHECK(back->model.eye(0).appearanceY == GazeAppearanceY{});
  CHECK(back->model.eye(0).coefY == rec.model.eye(0).coefY);
  GazeEyeModel e1 = rec.model.eye(1);
  e1.appearanceY = {};
  CHECK(back->model.eye(1) == e1);
}

TEST_CASE("every format version still read round-trips: read, written as the newest, the same") {
  const CalibrationRecord rec = withAppearance(true);
  const std::string v2 = formatCalibration(rec);
  std::string v1 = withoutLines(withoutLines(v2, "eye_y = "), "eye_appearance");
  v1 = edit(v1, "drishti-calibration 2", "drishti-calibration 1");
  for (const std::string& text : {v1, v2}) {
    std::vector<CalibrationProblem> problems;
    const auto once = parseCalibration(text, "old.cal", problems);
    INFO((problems.empty() ? std::string() : problems.front().describe()));
    REQUIRE(once.has_value());
    const std::string written = formatCalibration(*once);
    CHECK(written.find("format = drishti-calibration " + std::to_string(kCalibrationFormatVersion) +
                       "\n") != std::string::npos);
    const auto back = parseCalibration(written, "new.cal", problems);
    REQUIRE(back.has_value());
    CHECK(problems.empty());
    CHECK(*back == *once);
    CHECK(formatCalibration(*back) == written);
  }
}

TEST_CASE("a file missing an eye block or a required key is refused") {
  const std::string text = formatCalibration(test::makeCalibrationRecord());
  const auto from = text.find("eye_coef_y");
  const auto to = text.find('\n', from);
  std::string noCoef = text;
  noCoef.erase(from, to - from + 1);
  noCoef = edit(noCoef, "format", "format");  // reseal
  CHECK(parseError(noCoef).find("missing 'eye_coef_y'") != std::string::npos);

  std::string noScreen = edit(text, "screen = ", "# screen = ");
  CHECK(parseError(noScreen).find("missing 'screen'") != std::string::npos);
}

TEST_CASE("random damage never crashes the parser and never passes unnoticed") {
  const std::string text = formatCalibration(test::makeCalibrationRecord());
  std::mt19937 rng(99);
  int refused = 0;
  for (int k = 0; k < 2000; ++k) {
    std::string bad = text;
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits; ++e)
      bad[rng() % bad.size()] = static_cast<char>(rng() % 256);
    if (bad == text)
      continue;
    std::vector<CalibrationProblem> problems;
    const auto rec = parseCalibration(bad, "x.cal", problems);
    // A change inside a comment line is harmless; anything else must be caught.
    if (rec.has_value()) {
      CHECK(problems.empty());
      CHECK(formatCalibration(*rec) == text);
    } else {
      ++refused;
      CHECK_FALSE(problems.empty());
    }
  }
  CHECK(refused > 1500);
}
