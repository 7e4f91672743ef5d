#include "host/core/gaze_model_mapper.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "tests/host/core/calibration_fixture.h"

using namespace drishti;
using namespace drishti::host;

TEST_CASE("the calibrated mapper gives no point until it has a model") {
  CalibratedGazeMapper mapper;
  test::SyntheticViewer viewer;
  GazePoint p;
  CHECK_FALSE(mapper.calibrated());
  CHECK_FALSE(mapper.map(viewer.look(500, 500), p));
}

TEST_CASE("the calibrated mapper puts a steady gaze on the target") {
  const CalibrationRecord rec = test::makeCalibrationRecord();
  CalibratedGazeMapper mapper;
  mapper.setModel(rec.model);
  REQUIRE(mapper.calibrated());
  test::SyntheticViewer viewer;
  viewer.noiseNorm = 0.004;
  GazePoint p;
  for (int i = 0; i < 60; ++i) {
    protocol::EyeSample s = viewer.look(1300, 400);
    s.captureUs = 1'000'000 + static_cast<std::uint64_t>(i) * 33'333;
    REQUIRE(mapper.map(s, p));
  }
  CHECK(rec.model.geometry().angleDeg(p.x, p.y, 1300, 400) < 1.0);
  CHECK(p.confidence > 0.5f);
  // Eyes closed: no point.
  protocol::EyeSample closed = viewer.look(1300, 400);
  closed.captureUs = 4'000'000;
  for (auto& e : closed.eyes)
    e.openness = 0;
  CHECK_FALSE(mapper.map(closed, p));
}

TEST_CASE("confirmed selections shift the mapped gaze, within the drift cap") {
  const CalibrationRecord rec = test::makeCalibrationRecord();
  GazeMapperParams params;
  CalibratedGazeMapper mapper(params);
  mapper.setModel(rec.model);
  test::SyntheticViewer viewer;
  const double pxPerDeg = rec.model.geometry().pxPerDegree();
  std::uint64_t t = 1'000'000;
  GazePoint p;
  // The person looks at (800, 500) but every selection says the key (4
  // degrees wide, so the look is on it) is centred 1 degree right; each is
  // kept (Speak after it).
  for (int k = 0; k < 10; ++k) {
    for (int i = 0; i < 30; ++i, t += 33'333) {
      protocol::EyeSample s = viewer.look(800, 500);
      s.captureUs = t;
      REQUIRE(mapper.map(s, p));
    }
    const auto typed = static_cast<std::size_t>(k + 1);
    mapper.holdSelection(t, 800 + pxPerDeg, 500, 2 * pxPerDeg, 2 * pxPerDeg, typed);
    mapper.settleSelections(t, typed, TextBoundary::kMessage);
  }
  protocol::EyeSample s = viewer.look(800, 500);
  s.captureUs = t;
  REQUIRE(mapper.map(s, p));
  const double shift = p.x - 800;
  CHECK(shift > 0.7 * pxPerDeg);
  CHECK(shift <= params.drift.capDeg * pxPerDeg + 0.5 * pxPerDeg);
  // A new calibration starts without the old drift.
  mapper.setModel(rec.model);
  for (int i = 0; i < 30; ++i, t += 33'333) {
    protocol::EyeSample q = viewer.look(800, 500);
    q.captureUs = t;
    REQUIRE(mapper.map(q, p));
  }
  CHECK(std::abs(p.x - 800) < 0.5 * pxPerDeg);
}

TEST_CASE("the calibrated mapper keeps the measured precision across a new model") {
  const CalibrationRecord rec = test::makeCalibrationRecord();
  CalibratedGazeMapper mapper;
  mapper.setPrecision(2.5);
  mapper.setModel(rec.model);
  CHECK(mapper.refiner().precisionDeg() == 2.5);
  mapper.setPrecision(-1);  // ignored
  CHECK(mapper.refiner().precisionDeg() == 2.5);
  mapper.setPrecision(0.8);
  mapper.setModel(rec.model);
  CHECK(mapper.refiner().precisionDeg() == 0.8);
}

TEST_CASE("the calibrated mapper follows the profile's gaze settings, keeping the calibration") {
  const CalibrationRecord rec = test::makeCalibrationRecord();
  CalibratedGazeMapper mapper;  // the device's defaults: restart on
  CHECK(mapper.params().saccadeRestart);
  mapper.setModel(rec.model);
  mapper.setPrecision(1.2);
  GazeSettings glide;
  glide.saccadeRestart = false;
  mapper.setGazeSettings(glide);
  CHECK_FALSE(mapper.params().saccadeRestart);
  CHECK_FALSE(mapper.refiner().params().saccadeRestart);
  CHECK(mapper.calibrated());
  CHECK(mapper.refiner().precisionDeg() == 1.2);
  // The restart changes what a saccade does: 4 degrees along, the glide
  // leaves the point short of the new target after 100 ms, the restart not.
  const auto afterSaccade = [&rec](CalibratedGazeMapper& m) {
    test::SyntheticViewer viewer;
    GazePoint p;
    std::uint64_t t = 1'000'000;
    for (int i = 0; i < 30; ++i, t += 33'333)
      REQUIRE(m.map(
          [&] {
            protocol::EyeSample s = viewer.look(400, 400);
            s.captureUs = t;
            return s;
          }(),
          p));
    for (int i = 0; i < 4; ++i, t += 33'333)
      REQUIRE(m.map(
          [&] {
            protocol::EyeSample s = viewer.look(400 + 4 * rec.model.geometry().pxPerDegree(), 400);
            s.captureUs = t;
            return s;
          }(),
          p));
    return rec.model.geometry().angleDeg(p.x, p.y, 400 + 4 * rec.model.geometry().pxPerDegree(),
                                         400);
  };
  const double glided = afterSaccade(mapper);
  GazeSettings restart;
  mapper.setGazeSettings(restart);
  CHECK(mapper.refiner().params().saccadeRestart);
  CHECK(mapper.refiner().precisionDeg() == 1.2);
  const double restarted = afterSaccade(mapper);
  CHECK(restarted < 1.0);
  CHECK(glided > restarted + 1.0);
}
