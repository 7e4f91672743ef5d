// CalibrationReport: what a calibration achieved, for the therapist.
//
// Represents: every calibration and validation target with where the
// calibrated model put the person's gaze (estimate = median of the point's
// accepted samples), the error vector in px and its size in degrees of visual
// angle, how steady the gaze was there (precision), the tracking conditions of
// the session, the summary statistics, and the grade with plain advice
// (filled by assessCalibration, calibration_quality.h). The UI draws it with
// the DrawList; calibration_report_svg.h writes it as the saved report file.
// Plain value type; std only.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "host/core/calibration_geometry.h"
#include "host/core/calibration_pattern.h"

namespace drishti::host {

enum class ReportPointKind : std::uint8_t { kCalibration, kValidation };

struct CalibrationReportPoint {
  ReportPointKind kind = ReportPointKind::kCalibration;
  int index = 0;                        // 0-based within its kind; shown to people 1-based
  std::string name;                     // "top right"
  double targetX = 0, targetY = 0;      // px
  bool measured = false;                // false: no usable fixation (the point failed)
  double estimateX = 0, estimateY = 0;  // px, when measured
  double errorPx = 0;                   // |estimate - target|
  double errorDeg = 0;                  // visual angle between estimate and target
  double precisionDeg = 0;  // RMS spread of the per-sample estimates around their median
  double heldOutDeg = 0;    // calibration only: error when fitted without this point
  bool rejected = false;    // calibration only: the fit left it out as an outlier
  int samples = 0;          // accepted samples
  int refused = 0;          // samples refused at this point (moving, closed, not seen)

  bool operator==(const CalibrationReportPoint&) const = default;
};

// Why the samples at one point were refused, by the sample gate's verdict
// (CalibrationSampleGate); kept by the collector beside the report point (not
// stored in the calibration file: the advice it leads to is).
struct PointRefusals {
  int moving = 0;    // faster than the saccade threshold
  int settling = 0;  // still, but not yet for long enough (after a movement or a blink)
  int closed = 0;    // eyes closed
  int notSeen = 0;   // no face, or no eye seen with enough confidence
  int dropped = 0;   // kept, then dropped: just before a blink, or before a jump away

  int total() const { return moving + settling + closed + notSeen; }
  bool operator==(const PointRefusals&) const = default;
};

// Tracking conditions during the session (calibration and validation).
struct CalibrationSessionStats {
  int samples = 0;             // samples received while targets were shown
  double eyeSeen[2] = {0, 0};  // fraction of tracked samples with eye i usable
  double trackedFraction = 0;  // fraction with the face tracked
  double closedFraction = 0;   // fraction with the eyes closed
  double movingFraction = 0;   // fraction refused as moving
  double headMotionMm = 0;     // RMS head position deviation from its mean, mm
  double headRotationDeg = 0;  // RMS yaw/pitch deviation from the mean, deg
  double eyeDistancePx = 0;    // median distance between the pupils in the image, px
  int imageWidth = 0;          // px

  bool operator==(const CalibrationSessionStats&) const = default;
};

struct CalibrationSummary {
  int calibrationPoints = 0, calibrationMeasured = 0, calibrationRejected = 0;
  int validationPoints = 0, validationMeasured = 0;
  double calibrationMedianDeg = 0;  // fit error over measured, kept calibration points
  double validationMedianDeg = 0;   // over measured validation points
  double validationP90Deg = 0;      // 90th percentile (linear interpolation)
  double validationMaxDeg = 0;
  double precisionDeg = 0;  // median precision over measured points

  bool operator==(const CalibrationSummary&) const = default;
};

enum class CalibrationGrade : std::uint8_t {
  kGood,    // validation median <= 1 deg and p90 <= 2 deg: fine for small keys
  kFair,    // median <= 2 deg, p90 <= 3.5: use large keys
  kPoor,    // usable only for yes/no or very large targets
  kFailed,  // no usable mapping
};

enum class AdviceKind : std::uint8_t {
  kAllGood,
  kMoveCameraCloser,
  kEyeNotSeen,  // point = eye index (0 image-left, 1 image-right)
  kFaceNotSeen,
  kKeepHeadStill,
  kEyesClosedOften,
  kUnsteadyGaze,
  kPointPoor,      // point = calibration point index
  kPointFailed,    // point = calibration point index
  kValidationOff,  // fit good, validation poor: something changed
  kRecalibrate,
  kCheckPointWeak,  // point = validation point index: failed, or kept under half its samples
};

struct CalibrationAdvice {
  AdviceKind kind = AdviceKind::kAllGood;
  int point = -1;    // see AdviceKind
  std::string text;  // plain English for the therapist

  bool operator==(const CalibrationAdvice&) const = default;
};

// Which cues give one eye's vertical gaze (GazeAppearanceY, gaze_model.h) and
// the leave-one-point-out RMS y errors they are weighed by.
struct CalibrationYCue {
  bool fitted = false;      // the eye has a gaze model
  bool appearance = false;  // y blends the pupil's and the appearance's; else the pupil's
  double pupilHeldOutDeg = 0;
  double appearanceHeldOutDeg = 0;  // 0: the appearance was not fitted (no cells, too few points)

  bool operator==(const CalibrationYCue&) const = default;
};

struct CalibrationReport {
  CalibrationGeometry geometry;
  PatternKind pattern = PatternKind::kNine;
  std::vector<CalibrationReportPoint> points;  // calibration points, then validation points
  CalibrationSessionStats stats;
  CalibrationSummary summary;  // from summariseCalibration()
  CalibrationGrade grade = CalibrationGrade::kFailed;
  std::vector<CalibrationAdvice> advice;  // most important first
  std::array<CalibrationYCue, 2> yCue{};  // per eye (0 = image-left); from the model

  bool operator==(const CalibrationReport&) const = default;
};

// One eye's y cue from its model's held-out errors in px (degrees at the
// centre of `geometry`'s screen).
CalibrationYCue yCueOf(const CalibrationGeometry& geometry, bool fitted, bool appearance,
                       double pupilHeldOutPx, double appearanceHeldOutPx);

// Recomputes report.summary from report.points.
void summariseCalibration(CalibrationReport& report);

// The q-quantile (0..1) of `values`, linearly interpolated between the sorted
// values (so the report's median and p90 are the same numbers the tools print); 0 if empty.
double percentile(std::vector<double> values, double q);

// "good", "fair", "poor", "failed"; and back (false if unknown).
const char* gradeName(CalibrationGrade grade);
bool gradeFromName(const std::string& name, CalibrationGrade& out);

// A few lines of plain text: grade, validation figures, which cue gives each
// eye's vertical gaze, advice.
std::string formatCalibrationSummary(const CalibrationReport& report);

}  // namespace drishti::host
