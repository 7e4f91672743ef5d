#include "host/core/calibration_quality.h"

#include <cmath>
#include <cstdio>
#include <string>

namespace drishti::host {

namespace {

std::string phrase(const char* fmt, double a, double b = 0) {
  char buf[256];
  std::snprintf(buf, sizeof buf, fmt, a, b);
  return buf;
}

const char* personEye(int i) {
  return i == 0 ? "The person's right eye (on the left of the camera image)"
                : "The person's left eye (on the right of the camera image)";
}

std::string pointLabel(const CalibrationReportPoint& p) {
  return "Point " + std::to_string(p.index + 1) + " (" + p.name + ")";
}

}  // namespace

void assessCalibration(CalibrationReport& report, bool modelValid,
                       const CalibrationQualityParams& params) {
  const CalibrationSummary& s = report.summary;
  const CalibrationSessionStats& st = report.stats;
  std::vector<CalibrationAdvice>& advice = report.advice;
  advice.clear();

  if (!modelValid) {
    report.grade = CalibrationGrade::kFailed;
  } else if (s.validationMeasured == 0) {
    report.grade = CalibrationGrade::kPoor;  // fitted, but nothing confirms it
  } else if (s.validationMedianDeg <= params.goodMedianDeg &&
             s.validationP90Deg <= params.goodP90Deg) {
    report.grade = CalibrationGrade::kGood;
  } else if (s.validationMedianDeg <= params.fairMedianDeg &&
             s.validationP90Deg <= params.fairP90Deg) {
    report.grade = CalibrationGrade::kFair;
  } else {
    report.grade = CalibrationGrade::kPoor;
  }

  // Conditions first: fixing them helps every point.
  if (st.samples > 0 && st.trackedFraction < params.minTracked) {
    advice.push_back({AdviceKind::kFaceNotSeen, -1,
                      phrase("The face was found in only %.0f%% of the time: point the camera "
                             "at the face and light the face from the front.",
                             100 * st.trackedFraction)});
  }
  for (int i = 0; i < 2; ++i) {
    if (st.samples > 0 && st.trackedFraction > 0 && st.eyeSeen[i] < params.minEyeSeen &&
        st.eyeSeen[1 - i] >= params.minEyeSeen) {
      advice.push_back({AdviceKind::kEyeNotSeen, i,
                        std::string(personEye(i)) +
                            phrase(" was seen only %.0f%% of the time: check for glare on "
                                   "glasses, hair or a pillow over it, and the camera angle.",
                                   100 * st.eyeSeen[i])});
    }
  }
  if (st.eyeDistancePx > 0 && st.eyeDistancePx < params.minEyeDistancePx) {
    advice.push_back({AdviceKind::kMoveCameraCloser, -1,
                      phrase("Move the camera closer to the face: the eyes are only %.0f px "
                             "apart in the camera image (%.0f px or more works best).",
                             st.eyeDistancePx, params.minEyeDistancePx)});
  }
  if (st.headMotionMm > params.maxHeadMotionMm || st.headRotationDeg > params.maxHeadRotationDeg) {
    advice.push_back({AdviceKind::kKeepHeadStill, -1,
                      phrase("Keep the head still during calibration (it moved about %.0f mm "
                             "and %.0f degrees); a pillow or head support helps.",
                             st.headMotionMm, st.headRotationDeg)});
  }
  if (st.closedFraction > params.maxClosedFraction) {
    advice.push_back({AdviceKind::kEyesClosedOften, -1,
                      phrase("The eyes were closed %.0f%% of the time: let the person rest, "
                             "then calibrate again.",
                             100 * st.closedFraction)});
  }
  if (s.precisionDeg > params.maxPrecisionDeg) {
    advice.push_back({AdviceKind::kUnsteadyGaze, -1,
                      phrase("The gaze was unsteady at the targets (%.1f degrees): light the "
                             "face evenly, avoid light behind the person, or move the camera "
                             "closer.",
                             s.precisionDeg)});
  }

  // Then single points, which a recalibration of that point fixes.
  for (const CalibrationReportPoint& p : report.points) {
    if (p.kind != ReportPointKind::kCalibration)
      continue;
    if (!p.measured) {
      advice.push_back({AdviceKind::kPointFailed, p.index,
                        pointLabel(p) + " could not be measured (eyes closed, moving or not "
                                        "seen): recalibrate it."});
    } else if (p.rejected || p.errorDeg > params.poorPointDeg) {
      const double off = std::max(p.errorDeg, p.heldOutDeg);
      advice.push_back(
          {AdviceKind::kPointPoor, p.index,
           pointLabel(p) + phrase(" is poor (%.1f degrees off): recalibrate it.", off)});
    }
  }

  if (modelValid && s.validationMeasured > 0 && report.grade == CalibrationGrade::kPoor &&
      s.calibrationMedianDeg <= params.goodMedianDeg && advice.empty()) {
    advice.push_back({AdviceKind::kValidationOff, -1,
                      "The calibration points fit well but the check points are off: the "
                      "person or the camera may have moved. Recalibrate."});
  }
  if (!modelValid) {
    advice.push_back({AdviceKind::kRecalibrate, -1,
                      "Calibration failed: too few points could be measured. Check the "
                      "advice above, then calibrate again."});
  } else if (s.validationMeasured == 0) {
    advice.push_back({AdviceKind::kRecalibrate, -1,
                      "The check points could not be measured, so the calibration is "
                      "unconfirmed: calibrate again."});
  } else if (advice.empty()) {
    if (report.grade == CalibrationGrade::kGood) {
      advice.push_back({AdviceKind::kAllGood, -1, "Calibration is good."});
    } else {
      advice.push_back({AdviceKind::kRecalibrate, -1,
                        report.grade == CalibrationGrade::kFair
                            ? "Calibration is usable with large keys; recalibrate for small "
                              "keys."
                            : "Calibration is poor: use yes/no or very large keys, or "
                              "calibrate again."});
    }
  }
}

}  // namespace drishti::host
