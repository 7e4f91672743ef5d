#include "host/app/calibration_controller.h"

#include <catch2/catch.hpp>
#include <vector>

#include "tests/host/core/synthetic_viewer.h"

using namespace drishti;
using namespace drishti::app;

namespace {

// Runs the controller on a viewer who looks at whatever target is drawn,
// stamping samples on a tracker clock that starts at `t0`; returns when the
// run is over or `frames` have passed.
void feed(CalibrationController& c, test::SyntheticViewer& viewer, std::uint64_t& t, int frames) {
  host::DrawList list;
  for (int i = 0; i < frames && c.active(); ++i) {
    c.render(list, 1, {});
    // The target is the disc drawn after the status lines: its rect centre.
    double x = 640, y = 400;
    for (const host::DrawCommand& d : list.commands())
      if (d.kind == host::DrawKind::kFillRect && d.rect.w > 10 && d.rect.w < 200) {
        x = d.rect.x + d.rect.w / 2;
        y = d.rect.y + d.rect.h / 2;
        break;
      }
    protocol::EyeSample s = viewer.look(x, y);
    s.captureUs = t;
    c.onSample(s, static_cast<std::int64_t>(t) + 7'000'000);  // host clock: another origin
    t += 33'333;
  }
}

}  // namespace

TEST_CASE(
    "a calibration run tells the tracker, follows the samples' clock and hands over a model") {
  test::SyntheticViewer viewer;
  viewer.geometry = {1280, 800, 344, 215, 600};
  viewer.noiseNorm = 0.003;
  std::vector<protocol::CommandKind> sent;
  CalibrationRunOptions options;
  options.followSampleClock = true;
  CalibrationController c(viewer.geometry, options,
                          [&](protocol::CommandKind k) { sent.push_back(k); });
  c.start(1'000'000);
  REQUIRE(sent == std::vector{protocol::CommandKind::kEnterCalibration});
  std::uint64_t t = 900'000'000;
  feed(c, viewer, t, 30 * 60);
  CHECK_FALSE(c.active());
  REQUIRE(sent.size() == 2);
  CHECK(sent.back() == protocol::CommandKind::kLeaveCalibration);
  std::optional<host::CalibrationResult> result;
  REQUIRE(c.takeOutcome(result));
  REQUIRE(result.has_value());
  CHECK(result->model.calibrated());
  CHECK(result->report.grade == host::CalibrationGrade::kGood);
  CHECK_FALSE(c.takeOutcome(result));  // taken once
}

TEST_CASE("the appearance cue for y reaches the fit only when the profile turns it on") {
  CalibrationRunOptions run;
  CHECK_FALSE(calibrationParamsFor(run).fit.appearanceY);
  run.appearanceY = true;
  CHECK(calibrationParamsFor(run).fit.appearanceY);
}

TEST_CASE("cancelling a calibration hands over nothing and leaves calibration mode") {
  test::SyntheticViewer viewer;
  std::vector<protocol::CommandKind> sent;
  CalibrationController c(viewer.geometry, {}, [&](protocol::CommandKind k) { sent.push_back(k); });
  c.start(1'000'000);
  std::uint64_t t = 1'000'000;
  feed(c, viewer, t, 60);
  REQUIRE(c.active());
  c.cancel();
  CHECK_FALSE(c.active());
  CHECK(sent.back() == protocol::CommandKind::kLeaveCalibration);
  std::optional<host::CalibrationResult> result;
  REQUIRE(c.takeOutcome(result));
  CHECK_FALSE(result.has_value());
}

TEST_CASE("on the result screen one point can be redone, and Enter uses the result") {
  test::SyntheticViewer viewer;
  viewer.noiseNorm = 0.003;
  std::vector<protocol::CommandKind> sent;
  CalibrationRunOptions options;
  options.followSampleClock = true;
  options.resultMs = 60'000;  // the therapist decides
  CalibrationController c(viewer.geometry, options,
                          [&](protocol::CommandKind k) { sent.push_back(k); });
  c.start(0);
  std::uint64_t t = 5'000'000;
  while (c.active() && !c.showingResult())
    feed(c, viewer, t, 1);
  REQUIRE(c.showingResult());
  REQUIRE(c.redoPoint(3, 0));
  CHECK(sent.back() == protocol::CommandKind::kEnterCalibration);
  CHECK_FALSE(c.showingResult());
  while (c.active() && !c.showingResult())
    feed(c, viewer, t, 1);
  REQUIRE(c.showingResult());
  c.accept();
  std::optional<host::CalibrationResult> result;
  REQUIRE(c.takeOutcome(result));
  REQUIRE(result.has_value());
  CHECK(result->model.calibrated());
}
