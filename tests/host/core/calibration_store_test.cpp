#include "host/core/calibration_store.h"

#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <span>

#include "firmware/protocol/checksum.h"
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

TEST_CASE("a newest calibration with advice this build does not know loads, with a warning") {
  const fs::path root = test::scratchDir("calstore-newer-advice");
  CalibrationStore store(root);
  fs::path newest;
  const CalibrationRecord rec = saveTwice(store, newest);
  // As a newer drishti would write it: an advice kind added later, sealed.
  std::string text = slurp(newest);
  text = text.substr(0, text.rfind("crc32 = "));
  text += "advice = blink-harder 2 Blink harder.\n";
  char crc[16];
  std::snprintf(crc, sizeof crc, "%08x",
                static_cast<unsigned>(protocol::crc32(std::span<const std::uint8_t>(
                    reinterpret_cast<const std::uint8_t*>(text.data()), text.size()))));
  text += "crc32 = " + std::string(crc) + "\n";
  std::ofstream(newest, std::ios::binary | std::ios::trunc) << text;

  const LoadedCalibration loaded = store.loadLatest("Anna");
  REQUIRE(loaded.record.has_value());
  CHECK(loaded.record->created == "second");  // the newest, not the one before
  CHECK(*loaded.record == rec);
  CHECK_FALSE(loaded.fellBack);
  CHECK(loaded.problems.empty());
  REQUIRE(loaded.warnings.size() == 1);
  CHECK(loaded.warnings[0].describe().find(newest.string() + ":") == 0);
  CHECK(loaded.warnings[0].message.find("'blink-harder'") != std::string::npos);
  fs::remove_all(root);
}

TEST_CASE("a damaged newest calibration falls back to the last good one, saying why") {
  const fs::path root = test::scratchDir("calstore-fallback");
  CalibrationStore store(root);
  fs::path second;
  saveTwice(store, second);
  spoil(second, slurp(second).find("pattern = 9") + 10, '7');

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
