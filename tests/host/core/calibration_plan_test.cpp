#include "host/core/calibration_plan.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "tests/host/core/synthetic_viewer.h"

using namespace drishti;
using namespace drishti::host;

namespace {

// Where the plan says the eyes should be at tMs: the resting target, or the
// one the target glides to (a person looks ahead of a moving target).
void plannedTarget(const std::vector<CalibrationPlanRow>& plan, double tMs, double& x, double& y) {
  x = plan.front().x;
  y = plan.front().y;
  for (const CalibrationPlanRow& r : plan) {
    if (r.tMs > tMs)
      break;
    x = r.x;
    y = r.y;
  }
}

}  // namespace

TEST_CASE("the calibration plan lists every target with its glide and its stay") {
  test::SyntheticViewer viewer;
  CalibrationParams params;
  params.pattern = PatternKind::kNine;
  params.fixedSchedule = true;
  const std::vector<CalibrationPlanRow> plan = calibrationPlan(viewer.geometry, params);
  int cal = 0, val = 0;
  for (const auto& r : plan) {
    cal += r.phase == "calibration";
    val += r.phase == "validation";
  }
  CHECK(cal == 9);
  CHECK(val >= 3);
  REQUIRE(plan.back().phase == "end");
  CHECK(plan.back().tMs == Approx((cal + val) * (params.moveMs + params.pointMs)));
  const std::string csv = formatCalibrationPlan(plan);
  CHECK(csv.starts_with("t_ms,x_px,y_px,phase\n0,"));
}

TEST_CASE("a fixed-schedule calibration on the samples' clock shows targets exactly as planned") {
  test::SyntheticViewer viewer;
  viewer.noiseNorm = 0.003;
  CalibrationParams params;
  params.fixedSchedule = true;
  const std::vector<CalibrationPlanRow> plan = calibrationPlan(viewer.geometry, params);
  CalibrationProcedure proc(viewer.geometry, params);
  // The tracker's clock starts anywhere; the plan counts from the first sample.
  const std::uint64_t t0 = 123'456'789;
  proc.start(t0);
  std::uint64_t t = t0;
  int checked = 0;
  while (proc.phase() == CalibrationPhase::kCalibrating ||
         proc.phase() == CalibrationPhase::kValidating) {
    const double tMs = static_cast<double>(t - t0) / 1000.0;
    double x = 0, y = 0;
    // 250 ms after each row, the eyes are on its target.
    plannedTarget(plan, tMs - 250, x, y);
    protocol::EyeSample s = viewer.look(x, y);
    s.captureUs = t;
    proc.addSample(s, t);
    const CalibrationView v = proc.view(t);
    if (v.phase == CalibrationPhase::kCalibrating && v.step == TargetStep::kCollecting) {
      double px = 0, py = 0;
      plannedTarget(plan, tMs, px, py);
      CHECK(std::hypot(v.x - px, v.y - py) < 1.0);
      ++checked;
    }
    t += 33'333;  // 30 fps, not a divisor of the schedule: no drift may build up
    REQUIRE(tMs < plan.back().tMs + 1000);
  }
  CHECK(checked > 100);
  REQUIRE(proc.phase() == CalibrationPhase::kDone);
  const double endMs = static_cast<double>(t - t0) / 1000.0;
  CHECK(endMs == Approx(plan.back().tMs).margin(70));  // ends at the first sample after it
  CHECK(proc.result()->report.grade == CalibrationGrade::kGood);
}
