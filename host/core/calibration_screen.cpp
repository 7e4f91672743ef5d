#include "host/core/calibration_screen.h"

#include <algorithm>
#include <cstdio>

#include "host/core/calibration_report.h"
#include "host/core/theme.h"

namespace drishti::host {
namespace {

using namespace theme;

constexpr Color kCalibBackground{70, 70, 70, 255};  // mid grey: the pupils neither tiny nor huge
constexpr Color kTargetDisc{245, 245, 245, 255};
constexpr Color kTargetCentre{200, 20, 20, 255};
constexpr Color kGood{60, 190, 90, 255};
constexpr Color kFair{230, 180, 40, 255};
constexpr Color kPoor{220, 70, 50, 255};

Rect around(double x, double y, double r) {
  return {static_cast<float>(x - r), static_cast<float>(y - r), static_cast<float>(2 * r),
          static_cast<float>(2 * r)};
}

const char* hintText(CalibrationHint h) {
  switch (h) {
    case CalibrationHint::kEyesNotSeen:
      return "I can't see your eyes. Look at the screen.";
    case CalibrationHint::kEyesClosed:
      return "Keep your eyes open on the dot.";
    case CalibrationHint::kEyesMoving:
      return "Hold your eyes still on the red centre.";
    case CalibrationHint::kNone:
      break;
  }
  return "";
}

Color errorColour(double deg) {
  return deg <= 1.0 ? kGood : deg <= 2.0 ? kFair : kPoor;
}

void running(const CalibrationScreenInput& in, DrawList& out) {
  const CalibrationView& v = in.view;
  const float w = static_cast<float>(in.width);
  char line[128];
  std::snprintf(line, sizeof line, "%s: look at the dot. Point %d of %d",
                v.kind == ReportPointKind::kCalibration ? "Calibration" : "Checking", v.number,
                v.count);
  out.text({0, 8, w, 36}, line, 24, kStatusText, Script::kLatin);
  const char* hint = hintText(v.hint);
  if (*hint != '\0')
    out.text({0, 48, w, 40}, hint, 30, kFocus, Script::kLatin);
  const double r = std::max(v.radiusPx, 4.0);
  out.fillRect(around(v.x, v.y, r), kTargetDisc, static_cast<float>(r));
  const double c = std::max(3.0, 0.3 * r);
  out.fillRect(around(v.x, v.y, c), kTargetCentre, static_cast<float>(c));
  if (v.step == TargetStep::kCollecting && v.progress > 0)
    out.progressRing(around(v.x, v.y, r + 6), static_cast<float>(v.progress), kDwellRing, 4);
}

void finished(const CalibrationScreenInput& in, DrawList& out) {
  const CalibrationReport& rep = in.result->report;
  const float w = static_cast<float>(in.width), h = static_cast<float>(in.height);
  const Color gradeColour = rep.grade == CalibrationGrade::kGood   ? kGood
                            : rep.grade == CalibrationGrade::kFair ? kFair
                                                                   : kPoor;
  char line[200];
  std::snprintf(line, sizeof line, "Calibration %s", gradeName(rep.grade));
  out.text({0, 10, w, 50}, line, 40, gradeColour, Script::kLatin);
  const CalibrationSummary& s = rep.summary;
  if (s.validationMeasured > 0)
    std::snprintf(line, sizeof line,
                  "Checked on %d points: typical error %.1f degrees, 9 in 10 within %.1f",
                  s.validationMeasured, s.validationMedianDeg, s.validationP90Deg);
  else
    std::snprintf(line, sizeof line, "Calibration points measured: %d of %d", s.calibrationMeasured,
                  s.calibrationPoints);
  out.text({0, 64, w, 30}, line, 24, kStatusText, Script::kLatin);
  float y = 98;
  for (std::size_t i = 0; i < rep.advice.size() && i < 3; ++i, y += 30)
    out.text({0.05F * w, y, 0.9F * w, 28}, rep.advice[i].text, 22, kStatusText, Script::kLatin);
  // Each target, and a dot where the gaze was measured (coloured by its error).
  for (const CalibrationReportPoint& p : rep.points) {
    const Color ring = p.kind == ReportPointKind::kCalibration ? kNavKey : kOpenKey;
    out.frameRect(around(p.targetX, p.targetY, 14), ring, 3, 14);
    char number[16];
    std::snprintf(number, sizeof number, "%s%d", p.kind == ReportPointKind::kCalibration ? "" : "v",
                  p.index + 1);
    out.text(around(p.targetX, p.targetY + 30, 16), number, 18, kStatusText, Script::kLatin);
    if (p.measured)
      out.fillRect(around(p.estimateX, p.estimateY, 6), errorColour(p.errorDeg), 6);
    else
      out.text(around(p.targetX, p.targetY, 14), "x", 28, kPoor, Script::kLatin);
  }
  out.text({0, h - 70, w, 30},
           "Enter: use it    R: calibrate again    1-9: redo that point    Esc: cancel", 22,
           kStatusText, Script::kLatin);
  if (!in.note.empty())
    out.text({0, h - 36, w, 30}, in.note, 20, kStatusText, Script::kLatin);
}

}  // namespace

void renderCalibrationScreen(const CalibrationScreenInput& in, DrawList& out) {
  const bool done = in.result != nullptr;
  out.reset(in.width, in.height, kCalibBackground);
  out.setScreen(done ? "calibration-result" : "calibration", in.serial);
  if (done)
    finished(in, out);
  else
    running(in, out);
}

}  // namespace drishti::host
