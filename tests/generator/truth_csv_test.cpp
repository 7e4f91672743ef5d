#include "tests/generator/truth_csv.h"

#include <catch2/catch.hpp>

using namespace drishti::gen;

namespace {

// The first frame of a default scene, as the generator writes it.
TruthRow firstRow() {
  SceneParams p;
  GazeScene scene(p);
  TruthRow r;
  r.truth = scene.step(true, 1, 1);
  r.face = placeFace(canonicalFace(), r.truth, 600);
  return r;
}

}  // namespace

TEST_CASE("truth rows read back to 0.0001 px") {
  SceneParams p;
  p.headRollDeg = 3;
  GazeScene scene(p);
  const FaceGeometry face = canonicalFace();
  std::string text = truthCsvHeader();
  std::vector<TruthRow> written;
  for (int i = 0; i < 50; ++i) {
    TruthRow r;
    r.truth = scene.step(true, 100 + 10 * i, 300);
    r.targetIndex = i / 10;
    r.face = placeFace(face, r.truth, p.screen.distanceMm);
    written.push_back(r);
    text += truthCsvRow(r);
  }
  std::string error;
  const auto rows = readTruthCsv(text, "t.csv", error);
  INFO(error);
  REQUIRE(rows.has_value());
  REQUIRE(rows->size() == written.size());
  for (std::size_t i = 0; i < rows->size(); ++i) {
    const TruthRow& a = written[i];
    const TruthRow& b = (*rows)[i];
    CHECK(b.truth.frame == a.truth.frame);
    CHECK(b.targetIndex == a.targetIndex);
    CHECK(b.face.iris[1].x == Approx(a.face.iris[1].x).margin(1e-4));
    CHECK(b.face.cornerRight[0].y == Approx(a.face.cornerRight[0].y).margin(1e-4));
    CHECK(b.truth.gazeX == Approx(a.truth.gazeX).margin(1e-4));
    CHECK(b.truth.headZMm == Approx(a.truth.headZMm).margin(1e-4));
    CHECK(b.truth.headRollDeg == Approx(a.truth.headRollDeg).margin(1e-4));
    CHECK(b.face.rollDeg == Approx(a.face.rollDeg).margin(1e-4));
  }
  CHECK(written.back().truth.headRollDeg != 0);
}

TEST_CASE("a truth file from before head roll reads as a level head") {
  const TruthRow r = firstRow();
  // The old format: the same columns without the last one (head_roll_deg).
  const auto dropLast = [](std::string line) {
    line.pop_back();  // newline
    return line.substr(0, line.rfind(',')) + "\n";
  };
  const std::string old = dropLast(truthCsvHeader()) + dropLast(truthCsvRow(r));
  std::string error;
  const auto rows = readTruthCsv(old, "old.csv", error);
  INFO(error);
  REQUIRE(rows.has_value());
  REQUIRE(rows->size() == 1);
  CHECK((*rows)[0].truth.headRollDeg == 0);
  CHECK((*rows)[0].face.iris[0].x == Approx(r.face.iris[0].x).margin(1e-4));
  // An old header with a new row, or the reverse, is refused.
  CHECK_FALSE(readTruthCsv(dropLast(truthCsvHeader()) + truthCsvRow(r), "a.csv", error));
  CHECK(error.find("a.csv:2: more than 29 columns") == 0);
  CHECK_FALSE(readTruthCsv(truthCsvHeader() + dropLast(truthCsvRow(r)), "b.csv", error));
  CHECK(error.find("b.csv:2: expected 30 columns, found 29") == 0);
}

TEST_CASE("a malformed truth file is refused with file and line") {
  const TruthRow r = firstRow();
  const std::string good = truthCsvHeader() + truthCsvRow(r);
  std::string error;
  CHECK_FALSE(readTruthCsv("frame,t\n", "a.csv", error));
  CHECK(error == "a.csv:1: not a truth CSV header");
  CHECK_FALSE(readTruthCsv(good + "1,2,3\n", "a.csv", error));
  CHECK(error.find("a.csv:3: expected 30 columns, found 3") == 0);
  std::string bad = good;
  bad.insert(bad.find('\n') + 1, "x");
  CHECK_FALSE(readTruthCsv(bad, "a.csv", error));
  CHECK(error.find("a.csv:2: column 1") == 0);
  CHECK_FALSE(readTruthCsv(good.substr(0, good.size() - 1) + ",5\n", "a.csv", error));
  CHECK(error.find("more than 30 columns") != std::string::npos);
}
