#include "host/core/calibration_report.h"

#include <catch2/catch.hpp>

#include "host/core/calibration_quality.h"
#include "host/core/calibration_report_svg.h"

using namespace drishti::host;

namespace {

CalibrationReportPoint point(ReportPointKind kind, int index, double errorDeg,
                             bool measured = true) {
  CalibrationReportPoint p;
  p.kind = kind;
  p.index = index;
  p.name = index == 4 ? "top right" : "centre";
  p.targetX = 100 + 100 * index;
  p.targetY = 200;
  p.measured = measured;
  p.estimateX = p.targetX + 10;
  p.estimateY = p.targetY;
  p.errorPx = 10;
  p.errorDeg = errorDeg;
  p.precisionDeg = 0.3;
  p.samples = measured ? 20 : 0;
  return p;
}

// A clean 9-point report with validation errors `val` (degrees).
CalibrationReport makeReport(std::vector<double> val) {
  CalibrationReport r;
  for (int i = 0; i < 9; ++i)
    r.points.push_back(point(ReportPointKind::kCalibration, i, 0.3));
  for (std::size_t i = 0; i < val.size(); ++i)
    r.points.push_back(point(ReportPointKind::kValidation, static_cast<int>(i), val[i]));
  r.stats.samples = 1000;
  r.stats.trackedFraction = 1;
  r.stats.eyeSeen[0] = r.stats.eyeSeen[1] = 1;
  r.stats.eyeDistancePx = 120;
  summariseCalibration(r);
  return r;
}

bool has(const CalibrationReport& r, AdviceKind kind, int point = -1) {
  for (const auto& a : r.advice)
    if (a.kind == kind && (point < 0 || a.point == point))
      return true;
  return false;
}

}  // namespace

TEST_CASE("the summary gives median, 90th percentile and worst validation error") {
  const CalibrationReport r = makeReport({0.2, 0.4, 0.6, 0.8, 3.0});
  CHECK(r.summary.validationMedianDeg == Approx(0.6));
  CHECK(r.summary.validationP90Deg == Approx(0.8 + 0.6 * 2.2));
  CHECK(r.summary.validationMaxDeg == Approx(3.0));
  CHECK(r.summary.calibrationMeasured == 9);
  CHECK(r.summary.validationMeasured == 5);
}

TEST_CASE("grades follow the validation error") {
  CalibrationReport good = makeReport({0.5, 0.6, 0.7, 0.9, 1.2});
  assessCalibration(good, true);
  CHECK(good.grade == CalibrationGrade::kGood);
  CHECK(has(good, AdviceKind::kAllGood));
  CalibrationReport fair = makeReport({1.2, 1.5, 1.8, 2.0, 2.5});
  assessCalibration(fair, true);
  CHECK(fair.grade == CalibrationGrade::kFair);
  CalibrationReport poor = makeReport({2.5, 3, 4, 5, 6});
  assessCalibration(poor, true);
  CHECK(poor.grade == CalibrationGrade::kPoor);
  CHECK(has(poor, AdviceKind::kValidationOff));
  CalibrationReport failed = makeReport({});
  assessCalibration(failed, false);
  CHECK(failed.grade == CalibrationGrade::kFailed);
  CHECK(has(failed, AdviceKind::kRecalibrate));
}

TEST_CASE("advice names the problem in words a therapist can act on") {
  CalibrationReport r = makeReport({0.5, 0.6, 0.7, 0.9, 1.2});
  r.stats.eyeDistancePx = 45;
  r.stats.eyeSeen[0] = 0.4;
  r.stats.headMotionMm = 30;
  r.stats.closedFraction = 0.4;
  r.points[4].errorDeg = 3.4;  // point 5, top right
  r.points[2] = point(ReportPointKind::kCalibration, 2, 0, false);
  summariseCalibration(r);
  assessCalibration(r, true);
  REQUIRE(has(r, AdviceKind::kMoveCameraCloser));
  REQUIRE(has(r, AdviceKind::kEyeNotSeen, 0));
  REQUIRE(has(r, AdviceKind::kKeepHeadStill));
  REQUIRE(has(r, AdviceKind::kEyesClosedOften));
  REQUIRE(has(r, AdviceKind::kPointPoor, 4));
  REQUIRE(has(r, AdviceKind::kPointFailed, 2));
  std::string all;
  for (const auto& a : r.advice)
    all += a.text + "\n";
  INFO(all);
  CHECK(all.find("Move the camera closer") != std::string::npos);
  CHECK(all.find("45 px") != std::string::npos);
  CHECK(all.find("right eye (on the left of the camera image)") != std::string::npos);
  CHECK(all.find("Keep the head still") != std::string::npos);
  CHECK(all.find("Point 5 (top right) is poor") != std::string::npos);
  CHECK(all.find("recalibrate it") != std::string::npos);
  CHECK(all.find("Point 3 (centre) could not be measured") != std::string::npos);
  CHECK_FALSE(has(r, AdviceKind::kAllGood));
}

TEST_CASE("with the refusals, advice says why a point failed or a check point kept few samples") {
  CalibrationReport r = makeReport({0.5, 0.6, 0.7, 0.9, 1.2});
  r.points[2] = point(ReportPointKind::kCalibration, 2, 0, false);  // failed
  r.points[9 + 1].samples = 10;                                     // check point 2: 10 kept
  r.points[9 + 1].refused = 30;
  r.points[9 + 3] = point(ReportPointKind::kValidation, 3, 0, false);  // failed
  r.points[9 + 3].refused = 25;
  r.points[9 + 4].refused = 5;  // 20 kept, 5 refused: not weak
  summariseCalibration(r);
  std::vector<PointRefusals> why(r.points.size());
  why[2] = {.moving = 1, .settling = 4, .closed = 2, .notSeen = 30};
  why[9 + 1] = {.moving = 9, .settling = 20, .closed = 1};
  why[9 + 3] = {.settling = 5, .closed = 20};
  why[9 + 4] = {.moving = 1, .settling = 4};
  assessCalibration(r, true, {}, why);
  std::string all;
  for (const auto& a : r.advice)
    all += a.text + "\n";
  INFO(all);
  REQUIRE(has(r, AdviceKind::kPointFailed, 2));
  CHECK(all.find("Point 3 (centre) could not be measured: 37 samples were refused because the "
                 "eyes were not seen. Recalibrate it.") != std::string::npos);
  REQUIRE(has(r, AdviceKind::kCheckPointWeak, 1));
  CHECK(all.find("Check point 2 (centre) kept only 10 samples; 30 samples were refused because "
                 "the eyes' position jumped about") != std::string::npos);
  CHECK(all.find("Its error is less certain.") != std::string::npos);
  REQUIRE(has(r, AdviceKind::kCheckPointWeak, 3));
  CHECK(all.find("Check point 4 (centre) could not be measured: 25 samples were refused because "
                 "the eyes were closed.") != std::string::npos);
  CHECK_FALSE(has(r, AdviceKind::kCheckPointWeak, 4));
  CHECK_FALSE(has(r, AdviceKind::kCheckPointWeak, 0));
  // The grade's own advice stays: the check-point notes come after it.
  CHECK(r.advice.front().kind != AdviceKind::kCheckPointWeak);

  // Without the refusals the advice is as before: no reasons, no check points.
  CalibrationReport plain = r;
  assessCalibration(plain, true);
  CHECK_FALSE(has(plain, AdviceKind::kCheckPointWeak));
  REQUIRE(has(plain, AdviceKind::kPointFailed, 2));
  for (const auto& a : plain.advice)
    CHECK(a.text.find("refused because") == std::string::npos);
}

TEST_CASE("the report picture shows every point and escapes text") {
  CalibrationReport r = makeReport({0.5, 0.6});
  r.points[3] = point(ReportPointKind::kCalibration, 3, 0, false);
  summariseCalibration(r);
  assessCalibration(r, true);
  r.advice.push_back({AdviceKind::kRecalibrate, -1, "a <b> & \"c\""});
  const std::string svg = calibrationReportSvg(r, "Anna & <Ravi>");
  CHECK(svg.rfind("<?xml", 0) == 0);
  CHECK(svg.find("</svg>") != std::string::npos);
  CHECK(svg.find("Anna &amp; &lt;Ravi&gt;") != std::string::npos);
  CHECK(svg.find("a &lt;b&gt; &amp; &quot;c&quot;") != std::string::npos);
  CHECK(svg.find("<b>") == std::string::npos);
  std::size_t groups = 0;
  for (std::size_t at = svg.find("<g>"); at != std::string::npos; at = svg.find("<g>", at + 1))
    ++groups;
  CHECK(groups == r.points.size());
  CHECK(svg.find("4 failed") != std::string::npos);
  CHECK(svg.find("v2 0.6") != std::string::npos);
}

TEST_CASE("the text summary states the grade, figures and advice") {
  CalibrationReport r = makeReport({0.5, 0.6, 0.7});
  assessCalibration(r, true);
  const std::string text = formatCalibrationSummary(r);
  CHECK(text.find("Calibration: good") == 0);
  CHECK(text.find("median 0.60 deg") != std::string::npos);
  CHECK(text.find("- Calibration is good.") != std::string::npos);
}
