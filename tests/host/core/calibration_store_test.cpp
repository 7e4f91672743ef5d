#include "host/core/calibration_store.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>

#include "tests/host/core/calibration_fixture.h"
#include "tests/support/test_data.h"

using namespace drishti;
using namespace drishti::host;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void spoil(const fs::path& p, std::size_t at, char c) {
  std::string s = slurp(p);
  s[at] = c;
  std::ofstream(p, std::ios::binary | std::ios::trunc) << s;
}

// Saves Anna's calibration created "first", then "second" (returned, its path
// in `newest`).
CalibrationRecord saveTwice(CalibrationStore& store, fs::path& newest) {
  CalibrationRecord rec = test::makeCalibrationRecord("Anna");
  rec.created = "first";
  REQUIRE(store.save(rec).empty());
  rec.created = "second";
  REQUIRE(store.save(rec, {}, &newest).empty());
  return rec;
}

}  // namespace

TEST_CASE("profile names of any script become safe folder names and back") {
  for (const std::string name : {"Anna", "Mr. O'Brien / bed 4", "अन्ना", "..", "a%41", "-_"}) {
    const std::string dir = encodeProfileDir(name);
    INFO(name << " -> " << dir);
    CHECK(dir.find('/') == std::string::npos);
    CHECK(dir != "..");
    CHECK(dir != ".");
    const auto back = decodeProfileDir(dir);
    REQUIRE(back.has_value());
    CHECK(*back == name);
  }
  CHECK_FALSE(decodeProfileDir("").has_value());
  CHECK_FALSE(decodeProfileDir("%4").has_value());
  CHECK_FALSE(decodeProfileDir("%41").has_value());  // 'A' is never encoded
  CHECK_FALSE(decodeProfileDir("a b").has_value());
}

TEST_CASE("calibrations are saved per profile and the newest is loaded") {
  const fs::path root = test::scratchDir("calstore-basic");
  CalibrationStore store(root);
  CalibrationRecord anna = test::makeCalibrationRecord("Anna");
  CalibrationRecord ravi = test::makeCalibrationRecord("रवि", PatternKind::kFive);
  fs::path saved;
  CHECK(store.save(anna, "<svg/>", &saved).empty());
  CHECK(fs::exists(saved));
  CHECK(fs::exists(fs::path(saved).replace_extension(".svg")));
  CHECK(store.save(ravi).empty());
  anna.created = "2025-03-02T09:00:00";
  CHECK(store.save(anna).empty());

  CHECK(store.profiles() == std::vector<std::string>{"Anna", "रवि"});
  CHECK(store.history("Anna").size() == 2);
  const LoadedCalibration a = store.loadLatest("Anna");
  REQUIRE(a.record.has_value());
  CHECK(a.record->created == "2025-03-02T09:00:00");
  CHECK_FALSE(a.fellBack);
  CHECK(a.problems.empty());
  const LoadedCalibration r = store.loadLatest("रवि");
  REQUIRE(r.record.has_value());
  CHECK(*r.record == ravi);
  CHECK_FALSE(store.loadLatest("Nobody").record.has_value());
  // No temporary files are left behind.
  for (const auto& e : fs::recursive_directory_iterator(root))
    CHECK(e.path().filename().string().find(".tmp.") == std::string::npos);
  fs::remove_all(root);
}

TEST_CASE(
    "a newest calibration with advice or a key this build does not know loads, with warnings") {
  const fs::path root = test::scratchDir("calstore-newer-advice");
  CalibrationStore store(root);
  fs::path newest;
  const CalibrationRecord rec = saveTwice(store, newest);
  // As a newer drishti of the same format version would write it: an advice
  // kind and a key added later, sealed.
  const std::string text = test::resealCalibration(
      slurp(newest), "advice = blink-harder 2 Blink harder.\nblink_rate = 12\n");
  std::ofstream(newest, std::ios::binary | std::ios::trunc) << text;

  const LoadedCalibration loaded = store.loadLatest("Anna");
  REQUIRE(loaded.record.has_value());
  CHECK(loaded.record->created == "second");  // the newest, not the one before
  CHECK(*loaded.record == rec);
  CHECK_FALSE(loaded.fellBack);
  CHECK(loaded.problems.empty());
  REQUIRE(loaded.warnings.size() == 2);
  CHECK(loaded.warnings[0].describe().find(newest.string() + ":") == 0);
  CHECK(loaded.warnings[0].message.find("'blink-harder'") != std::string::npos);
  const int line = static_cast<int>(
      std::count(text.begin(), text.begin() + static_cast<long>(text.find("blink_rate")), '\n') +
      1);
  CHECK(loaded.warnings[1].describe().find(newest.string() + ":" + std::to_string(line) +
                                           ": unknown key 'blink_rate'") == 0);
  fs::remove_all(root);
}

TEST_CASE("a damaged newest calibration falls back to the last good one, saying why") {
  const fs::path root = test::scratchDir("calstore-fallback");
  CalibrationStore store(root);
  fs::path second;
  saveTwice(store, second);
  const std::string good = slurp(second);
  spoil(second, good.find("pattern = 9") + 10, '7');

  const LoadedCalibration loaded = store.loadLatest("Anna");
  REQUIRE(loaded.record.has_value());
  CHECK(loaded.record->created == "first");
  CHECK(loaded.fellBack);
  REQUIRE_FALSE(loaded.problems.empty());
  CHECK(loaded.problems.front().file == second.string());
  CHECK(loaded.problems.front().line > 0);
  CHECK(loaded.problems.front().describe().find(second.string() + ":") == 0);

  // A truncated file (as if written by something without atomic writes) too.
  std::ofstream(second, std::ios::trunc) << "format = drishti-calibration 1\nprofile = An";
  CHECK(store.loadLatest("Anna").record->created == "first");

  // A file of a newer format version, sealed as the newer drishti wrote it:
  // refused saying so, and left in place for the drishti that wrote it.
  const std::string current = "drishti-calibration " + std::to_string(kCalibrationFormatVersion);
  const std::string newer = "drishti-calibration " + std::to_string(kCalibrationFormatVersion + 1);
  std::string text = good;
  REQUIRE(text.find(current) != std::string::npos);
  text.replace(text.find(current), current.size(), newer);
  std::ofstream(second, std::ios::binary | std::ios::trunc) << test::resealCalibration(text);
  const LoadedCalibration older = store.loadLatest("Anna");
  REQUIRE(older.record.has_value());
  CHECK(older.record->created == "first");
  CHECK(older.fellBack);
  REQUIRE(older.problems.size() == 1);
  CHECK(older.problems[0].describe().find(second.string() + ":") == 0);
  CHECK(older.problems[0].message ==
        "written by a newer drishti, version " + std::to_string(kCalibrationFormatVersion + 1) +
            "; this one reads up to " + std::to_string(kCalibrationFormatVersion));
  CHECK(slurp(second).find(newer) != std::string::npos);
  // The therapist is told in plain words, once, what is in use.
  CHECK(calibrationLoadNotice(older) ==
        "The newest calibration of this profile was written by a newer drishti and was not "
        "used; the last good one (made first) is in use.");
  // With nothing older to fall back on: calibrate.
  fs::remove(store.history("Anna").back());
  const LoadedCalibration none = store.loadLatest("Anna");
  REQUIRE_FALSE(none.record.has_value());
  CHECK(calibrationLoadNotice(none) ==
        "The calibration of this profile was written by a newer drishti and cannot be used: no "
        "calibration, please calibrate (F9).");
  // A damaged newest file is named as damaged; a clean load says nothing.
  std::ofstream(second, std::ios::trunc) << "format = drishti-calibration 1\nprofile = An";
  CHECK(calibrationLoadNotice(store.loadLatest("Anna")) ==
        "The calibration of this profile is damaged and cannot be used: no calibration, please "
        "calibrate (F9).");
  REQUIRE(store.save(test::makeCalibrationRecord("Anna")).empty());
  CHECK(calibrationLoadNotice(store.loadLatest("Anna")).empty());
  fs::remove_all(root);
}

TEST_CASE("old calibrations are pruned only after a good new one is written") {
  const fs::path root = test::scratchDir("calstore-prune");
  CalibrationStore store(root, 3);
  CalibrationRecord rec = test::makeCalibrationRecord("Anna");
  for (int i = 0; i < 6; ++i) {
    rec.created = "n" + std::to_string(i);
    REQUIRE(store.save(rec, "<svg/>").empty());
  }
  const auto files = store.history("Anna");
  REQUIRE(files.size() == 3);
  CHECK(files.front().filename() == "calibration-000006.cal");
  CHECK(files.back().filename() == "calibration-000004.cal");
  CHECK_FALSE(fs::exists(store.profileDir("Anna") / "calibration-000001.svg"));
  CHECK(store.loadLatest("Anna").record->created == "n5");
  fs::remove_all(root);
}

TEST_CASE("atomic writes replace whole files and report errors with the path") {
  const fs::path root = test::scratchDir("calstore-atomic");
  const fs::path f = root / "sub" / "x.txt";
  CHECK(writeCalibrationFileAtomically(f, "old").empty());
  CHECK(writeCalibrationFileAtomically(f, "new content").empty());
  CHECK(slurp(f) == "new content");
  // A folder where the file should go cannot be replaced.
  fs::create_directories(root / "blocked");
  const std::string err = writeCalibrationFileAtomically(root / "blocked", "x");
  CHECK(err.find((root / "blocked").string()) != std::string::npos);
  CHECK(slurp(f) == "new content");
  CalibrationStore store(root);
  CalibrationRecord nameless = test::makeCalibrationRecord("x");
  nameless.profile.clear();
  CHECK_FALSE(store.save(nameless).empty());
  fs::remove_all(root);
}
