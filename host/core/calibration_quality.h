// assessCalibration: the grade and plain advice for the therapist.
//
// Grades a CalibrationReport from its validation errors (the points the fit
// never saw) and turns what went wrong into advice a therapist can act on at
// the bedside, most important first: a face or eye the camera does not see,
// eyes too small in the image ("move the camera closer"), a moving head,
// closed eyes, unsteady gaze, and single calibration points that failed or fit
// poorly ("point 4 (top right) is poor: recalibrate it"); given the points'
// refusals, why a point failed and which check points rest on few samples.
// Eye names follow the person: the image-left eye is the person's right eye.
// Thresholds are in degrees, px and mm in CalibrationQualityParams. Pure
// function.
#pragma once

#include "host/core/calibration_report.h"

namespace drishti::host {

struct CalibrationQualityParams {
  double goodMedianDeg = 1.0;  // grade kGood: validation median and p90 within these
  double goodP90Deg = 2.0;
  double fairMedianDeg = 2.0;  // grade kFair
  double fairP90Deg = 3.5;
  double poorPointDeg = 2.5;     // a calibration point further off than this is poor
  double minEyeDistancePx = 60;  // pupils closer than this in the image: camera too far
  double minEyeSeen = 0.8;       // fraction of tracked samples an eye should be usable
  double minTracked = 0.7;       // fraction of samples with the face tracked
  double maxHeadMotionMm = 15;   // RMS head movement during calibration
  double maxHeadRotationDeg = 5;
  double maxClosedFraction = 0.25;
  double maxPrecisionDeg = 1.5;  // median spread of samples at a target
};

// Sets report.grade and report.advice from report.summary, points and stats
// (call summariseCalibration first). `modelValid`: a gaze model was fitted.
// `refusals`, when given, holds one entry per report point (same order): the
// advice for a failed point, or a check point that kept fewer samples than it
// refused, then says why in plain words (eyes not seen, closed, or their
// position jumping about).
void assessCalibration(CalibrationReport& report, bool modelValid,
                       const CalibrationQualityParams& params = {},
                       const std::vector<PointRefusals>& refusals = {});

}  // namespace drishti::host
