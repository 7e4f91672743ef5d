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
  return std::string(p.kind == ReportPointKind::kCalibration ? "Point " : "Check point ") +
         std::to_string(p.index + 1) + " (" + p.name + ")";
}

// Why a point's samples were refused, in plain words, by the largest group:
// not seen, closed, or moving (a "moving" sample restarts the wait for a
// still eye, so the "settling" ones after it count with it). Empty if none
// were refused.
std::string refusalReason(const PointRefusals& r) {
  const int movement = r.moving + r.settling;
  if (r.total() == 0)
    return "";
  if (r.notSeen >= movement && r.notSeen >= r.closed)
    return "the eyes were not seen";
  if (r.closed >= movement)
    return "the eyes were closed";
  return "the eyes' position jumped about: the eyes wandered, or the camera saw the pupil "
         "poorly there (an eyelid over it when looking down, or poor light)";
}

}  // namespace

void assessCalibration(CalibrationReport& report, bool modelValid,
                       const CalibrationQualityParams& params,
                       const std::vector<PointRefusals>& refusals) {
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

  const bool withReasons = refusals.size() == report.points.size();
  const auto reasonOf = [&](std::size_t i) {
    if (!withReasons || refusals[i].total() == 0)
      return std::string();
    return std::to_string(refusals[i].total()) + " samples were refused because " +
           refusalReason(refusals[i]);
  };

  // Then single points, which a recalibration of that point fixes.
  for (std::size_t i = 0; i < report.points.size(); ++i) {
    const CalibrationReportPoint& p = report.points[i];
    if (p.kind != ReportPointKind::kCalibration)
      continue;
    if (!p.measured) {
      const std::string why = reasonOf(i);
      advice.push_back(
          {AdviceKind::kPointFailed, p.index,
           pointLabel(p) + (why.empty() ? " could not be measured (eyes closed, moving or not "
                                          "seen): recalibrate it."
                                        : " could not be measured: " + why + ". Recalibrate it.")});
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

  // Last, check points whose figure rests on few samples, and why: the
  // therapist should know whether the person or the camera was the problem.
  for (std::size_t i = 0; i < report.points.size() && withReasons; ++i) {
    const CalibrationReportPoint& p = report.points[i];
    if (p.kind != ReportPointKind::kValidation || (p.measured && p.refused <= p.samples))
      continue;
    const std::string why = reasonOf(i);
    if (why.empty())
      continue;
    advice.push_back(
        {AdviceKind::kCheckPointWeak, p.index,
         pointLabel(p) + (p.measured ? " kept only " + std::to_string(p.samples) + " samples; " +
                                           why + ". Its error is less certain."
                                     : " could not be measured: " + why + ".")});
  }
}

}  // namespace drishti::host
