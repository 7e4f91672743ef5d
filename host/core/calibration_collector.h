// CalibrationCollector: the samples of one calibration session and what they yield.
//
// Represents: the screen targets of a session (calibration, then validation,
// in px), the accepted samples of each (those CalibrationSampleGate called
// steady), the refusals by reason, and the tracking conditions of the whole session. It
// fits the gaze model from the calibration points (one robust fit per eye,
// gaze_model_fit.h) and builds the report: per point the median estimate of
// the fitted model over its samples, the error in px and degrees, the
// precision (RMS spread of the per-sample estimates), and then the summary,
// grade and advice. Replacing one point's samples and refitting is how a
// single bad point is recalibrated; validation samples are kept, so the new
// model is validated again without showing the validation targets.
// Bounded: at most kMaxSamplesPerPoint samples per point are kept.
// Not thread-safe; allocates (once per session, not per frame).
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "firmware/protocol/messages.h"
#include "host/core/calibration_quality.h"
#include "host/core/calibration_report.h"
#include "host/core/calibration_sample_gate.h"
#include "host/core/gaze_model.h"
#include "host/core/gaze_model_fit.h"

namespace drishti::host {

struct CalibrationTarget {
  ReportPointKind kind = ReportPointKind::kCalibration;
  int index = 0;
  double x = 0, y = 0;  // px
  std::string name;     // "top right"
};

class CalibrationCollector {
 public:
  static constexpr int kMaxSamplesPerPoint = 240;

  CalibrationCollector(const CalibrationGeometry& geometry, const CalibrationPattern& pattern);

  const std::vector<CalibrationTarget>& calibrationTargets() const { return cal_.targets; }
  const std::vector<CalibrationTarget>& validationTargets() const { return val_.targets; }
  const CalibrationTarget& target(ReportPointKind kind, int index) const;

  // Session bookkeeping, for every sample received while a target is shown.
  // `gate` has just classified `sample` as `verdict`.
  void noteSample(const protocol::EyeSample& sample, GateVerdict verdict,
                  const CalibrationSampleGate& gate);
  // A steady sample at a target; eyes the gate found unusable are marked invalid.
  void accept(ReportPointKind kind, int index, const protocol::EyeSample& sample,
              const CalibrationSampleGate& gate);
  // A sample at a target that the gate did not call steady, counted by its verdict.
  void refuse(ReportPointKind kind, int index, GateVerdict verdict);
  // Drops the samples of a point captured at or after `sinceUs` (just before a
  // blink, or all of them before a jump away); counted as dropped.
  void dropSince(ReportPointKind kind, int index, std::uint64_t sinceUs);
  // Forgets a point's samples (before presenting it again).
  void clearPoint(ReportPointKind kind, int index);
  int accepted(ReportPointKind kind, int index) const;
  // A point's kept samples, and putting them back (undoing a failed retry).
  const std::vector<protocol::EyeSample>& samples(ReportPointKind kind, int index) const {
    return points(kind)[static_cast<std::size_t>(index)].samples;
  }
  void restore(ReportPointKind kind, int index, std::vector<protocol::EyeSample> samples,
               const PointRefusals& refusals);
  int refused(ReportPointKind kind, int index) const { return refusals(kind, index).total(); }
  // Why the point's samples were refused (and how many kept ones were dropped).
  const PointRefusals& refusals(ReportPointKind kind, int index) const {
    return points(kind)[static_cast<std::size_t>(index)].refusals;
  }

  // Fits one model per eye from the calibration points' samples. False (and
  // model() uncalibrated) when neither eye could be fitted.
  bool fit(const GazeFitParams& fitParams, const GazeModelParams& modelParams);
  const GazeModel& model() const { return model_; }
  const GazeFitResult& eyeFit(int eye) const { return fits_[static_cast<std::size_t>(eye & 1)]; }

  // The report of the current model over every point, with summary, grade and advice.
  CalibrationReport report(const CalibrationQualityParams& params) const;

 private:
  struct PointData {
    std::vector<protocol::EyeSample> samples;
    PointRefusals refusals;
  };
  struct TargetSet {
    std::vector<CalibrationTarget> targets;
    std::vector<PointData> data;
  };
  std::vector<PointData>& points(ReportPointKind kind) {
    return kind == ReportPointKind::kCalibration ? cal_.data : val_.data;
  }
  const std::vector<PointData>& points(ReportPointKind kind) const {
    return kind == ReportPointKind::kCalibration ? cal_.data : val_.data;
  }
  void fillPoint(const CalibrationTarget& t, const PointData& d, CalibrationReportPoint& out) const;
  CalibrationSessionStats stats() const;

  CalibrationGeometry geometry_;
  PatternKind pattern_;
  TargetSet cal_, val_;
  GazeModel model_;
  std::array<GazeFitResult, 2> fits_{};
  // Session statistics.
  int samples_ = 0, tracked_ = 0, closed_ = 0, moving_ = 0;
  int eyeSeen_[2] = {0, 0};
  int headCount_ = 0;
  double headSum_[5] = {0, 0, 0, 0, 0}, headSq_[5] = {0, 0, 0, 0, 0};
  std::vector<float> eyeDistances_;
  int imageWidth_ = 0;
};

}  // namespace drishti::host
