#include "host/core/calibration_report.h"

#include <algorithm>
#include <cstdio>

#include "host/core/gaze_model.h"

namespace drishti::host {

double percentile(std::vector<double> v, double q) {
  if (v.empty())
    return 0;
  std::sort(v.begin(), v.end());
  const double pos = q * static_cast<double>(v.size() - 1);
  const auto lo = static_cast<std::size_t>(pos);
  const std::size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (pos - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

void summariseCalibration(CalibrationReport& report) {
  CalibrationSummary s;
  std::vector<double> cal, val, precision;
  for (const CalibrationReportPoint& p : report.points) {
    const bool isCal = p.kind == ReportPointKind::kCalibration;
    (isCal ? s.calibrationPoints : s.validationPoints) += 1;
    if (!p.measured)
      continue;
    (isCal ? s.calibrationMeasured : s.validationMeasured) += 1;
    precision.push_back(p.precisionDeg);
    if (isCal && p.rejected)
      s.calibrationRejected += 1;
    else
      (isCal ? cal : val).push_back(p.errorDeg);
  }
  s.calibrationMedianDeg = percentile(cal, 0.5);
  s.validationMedianDeg = percentile(val, 0.5);
  s.validationP90Deg = percentile(val, 0.9);
  s.validationMaxDeg = val.empty() ? 0 : *std::max_element(val.begin(), val.end());
  s.precisionDeg = percentile(precision, 0.5);
  report.summary = s;
}

const char* gradeName(CalibrationGrade grade) {
  switch (grade) {
    case CalibrationGrade::kGood:
      return "good";
    case CalibrationGrade::kFair:
      return "fair";
    case CalibrationGrade::kPoor:
      return "poor";
    case CalibrationGrade::kFailed:
      return "failed";
  }
  return "failed";
}

bool gradeFromName(const std::string& name, CalibrationGrade& out) {
  for (CalibrationGrade g : {CalibrationGrade::kGood, CalibrationGrade::kFair,
                             CalibrationGrade::kPoor, CalibrationGrade::kFailed}) {
    if (name == gradeName(g)) {
      out = g;
      return true;
    }
  }
  return false;
}

CalibrationYCue yCueOf(const CalibrationGeometry& geometry, bool fitted, bool appearance,
                       double pupilHeldOutPx, double appearanceHeldOutPx) {
  CalibrationYCue c;
  if (!fitted)
    return c;
  const double pxPerDeg = geometry.pxPerDegree();
  c.fitted = true;
  c.appearance = appearance;
  c.pupilHeldOutDeg = pupilHeldOutPx / pxPerDeg;
  c.appearanceHeldOutDeg = appearanceHeldOutPx / pxPerDeg;
  return c;
}

namespace {

// "Vertical gaze: right eye from its appearance (held-out 0.40 deg, pupil
// 1.20 deg); left eye from its pupil (...)", or nothing when no eye was fitted.
std::string formatYCues(const std::array<CalibrationYCue, 2>& cues) {
  std::string out;
  for (std::size_t e = 0; e < cues.size(); ++e) {
    const CalibrationYCue& c = cues[e];
    if (!c.fitted)
      continue;
    char part[160];
    // The image-left eye is the person's right eye (calibration_quality.h).
    const char* eye = e == 0 ? "right" : "left";
    if (c.appearanceHeldOutDeg <= 0)
      std::snprintf(part, sizeof part, "%s eye from its pupil (held-out %.2f deg; no appearance)",
                    eye, c.pupilHeldOutDeg);
    else if (c.appearance)
      std::snprintf(part, sizeof part,
                    "%s eye %.0f%% from its appearance (held-out %.2f deg, pupil %.2f deg)", eye,
                    100 * appearanceShare(c.pupilHeldOutDeg, c.appearanceHeldOutDeg),
                    c.appearanceHeldOutDeg, c.pupilHeldOutDeg);
    else
      std::snprintf(part, sizeof part,
                    "%s eye from its pupil (held-out %.2f deg, appearance %.2f deg)", eye,
                    c.pupilHeldOutDeg, c.appearanceHeldOutDeg);
    out += out.empty() ? "Vertical gaze: " : "; ";
    out += part;
  }
  return out.empty() ? out : out + "\n";
}

}  // namespace

std::string formatCalibrationSummary(const CalibrationReport& report) {
  const CalibrationSummary& s = report.summary;
  char line[256];
  std::string out = "Calibration: ";
  out += gradeName(report.grade);
  out += "\n";
  std::snprintf(line, sizeof line,
                "Validation error: median %.2f deg, 90%% under %.2f deg, worst %.2f deg "
                "(%d of %d points measured)\n",
                s.validationMedianDeg, s.validationP90Deg, s.validationMaxDeg, s.validationMeasured,
                s.validationPoints);
  out += line;
  std::snprintf(line, sizeof line,
                "Calibration points: %d of %d measured, %d left out; precision %.2f deg\n",
                s.calibrationMeasured, s.calibrationPoints, s.calibrationRejected, s.precisionDeg);
  out += line;
  out += formatYCues(report.yCue);
  for (const CalibrationAdvice& a : report.advice)
    out += "- " + a.text + "\n";
  return out;
}

}  // namespace drishti::host
