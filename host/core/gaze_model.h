// GazeModel: a person's calibration, turning tracked eye samples into screen points.
//
// Represents: one fitted polynomial per eye (GazeEyeModel: normalised pupil
// position and head pose -> screen px, see gaze_model_features.h) made by
// fitGazeEyeModel() (gaze_model_fit.h). predict() maps each usable eye on its
// own and combines the two estimates weighted by the tracker's confidence and
// by how well that eye fitted during calibration (inverse variance), so when
// one eye is lost (closed, glare, turned away) the other carries on alone with
// a lower confidence instead of the point jumping or vanishing.
// Eye features outside the calibrated range are clamped to that range widened
// by `extrapolationMargin` of its span, so a stray sample cannot send the
// quadratic terms off the screen; such samples get a lower confidence.
// y may also come from the eye's appearance (GazeAppearanceY, fitted per
// calibration by fitGazeEyeModel): then the eye's y blends the pupil's y with
// the appearance's (its eye part + the pupil model's head terms), each
// weighted by the inverse of its squared held-out y error
// (appearanceYWeight), and a sample without appearance cells falls back to
// the pupil's y. x always comes from the pupil.
// Ensures: predict() allocates nothing and never throws; a valid estimate is
// finite. Thread safety: const methods may run concurrently.
#pragma once

#include <array>

#include "firmware/protocol/messages.h"
#include "host/core/calibration_geometry.h"
#include "host/core/gaze_model_features.h"

namespace drishti::host {

inline constexpr std::size_t kAppearanceTerms = protocol::kAppearanceCells + 1;
using AppearanceCells = std::array<double, protocol::kAppearanceCells>;
using AppearanceRow = std::array<double, kAppearanceTerms>;

// Directions of the cells' span kept for the drift check (GazeAppearanceY).
inline constexpr std::size_t kAppearanceSpanDims = 4;

// The y mapping from the eye's appearance (3 x 5 cells, messages.h; Lu et al.
// 2014): eye part of y px = coef . (1, (cells - mean) / scale), plus the pupil
// model's head terms. See gaze_model_fit.h for how it is fitted and weighed.
// The drift check: `span` holds the kAppearanceSpanDims principal directions
// of the calibration points' cells around `mean` (orthonormal; fewer when the
// points span fewer, the rest zero) and `spanResidual` how far a point's
// cells lie outside the span of the other points' (leave-one-point-out RMS).
// Cells whose mean over a second leaves that span by more than it
// (AppearanceDriftMonitor) are not the looks the calibration saw, e.g. a lamp
// to one side after calibration (docs/BENCHMARKS.md, "Eye cells under a light
// gradient").
struct GazeAppearanceY {
  bool used = false;       // blended into this eye's y (appearanceYWeight)
  AppearanceCells mean{};  // cells' mean over the calibration points
  double scale = 1;        // RMS spread of the cells around it over the points (> 0)
  AppearanceRow coef{};
  double minY = 0, maxY = 0;  // eye part at the calibration points, px
  double lambda = 0;          // ridge strength chosen by leave-one-point-out
  // Leave-one-point-out RMS y error over the kept points, px, of the pupil's
  // y and of the appearance's y (0 = the appearance could not be fitted).
  double heldOutPupilPx = 0, heldOutAppearancePx = 0;
  std::array<AppearanceCells, kAppearanceSpanDims> span{};
  double spanResidual = 0;  // 0: no drift check (e.g. a file written without it)

  bool operator==(const GazeAppearanceY&) const = default;
};

// The cells of a measurement as doubles; false when not measured (all zero)
// or not finite.
bool appearanceCellsOf(const std::array<float, protocol::kAppearanceCells>& in,
                       AppearanceCells& out);
// The appearance's eye part of y at `cells`, px (not clamped).
double appearanceEyeY(const GazeAppearanceY& a, const AppearanceCells& cells);
// The part of `cells` outside the calibration points' span (mean + span), in
// units of a.spanResidual (linear in the cells, so its mean over samples is
// the part outside of their mean); false when there is no check
// (spanResidual not > 0).
bool appearanceOutside(const GazeAppearanceY& a, const AppearanceCells& cells,
                       AppearanceCells& out);
// The appearance's share of the eye's y, 0..1: the inverse-variance weight
// of two estimates from their held-out RMS errors (any one unit),
// pupil^2 / (pupil^2 + appearance^2); 0 when the appearance's error is not > 0.
double appearanceShare(double pupilHeldOut, double appearanceHeldOut);
// appearanceShare of the eye's held-out errors; 0 when not used.
double appearanceYWeight(const GazeAppearanceY& a);

// One eye's fitted mapping.
struct GazeEyeModel {
  bool valid = false;
  GazeFeatureFrame frame;
  GazeRow coefX{};  // screen x px = row . coefX
  GazeRow coefY{};
  double minU = 0, maxU = 0, minV = 0, maxV = 0;  // standardised feature range of the points
  double residualPx = 0;        // robust per-sample residual spread (1 sigma per axis), px
  int points = 0;               // calibration points that carried weight in the fit
  double lambda = 0;            // ridge strength chosen by leave-one-point-out
  GazeAppearanceY appearanceY;  // y from the appearance when appearanceY.used

  bool operator==(const GazeEyeModel&) const = default;
};

struct GazeModelParams {
  float minEyeConfidence = 0.2f;     // tracker confidence below this: eye not used
  float minOpenness = 0.3f;          // openness below this: eye (nearly) closed, not used
  double extrapolationMargin = 0.5;  // fraction of the calibrated span allowed beyond it

  bool operator==(const GazeModelParams&) const = default;
};

struct GazeEstimate {
  bool valid = false;
  double x = 0, y = 0;    // screen px (may lie off screen)
  double confidence = 0;  // 0..1
  int eyesUsed = 0;       // bit 0: image-left eye, bit 1: image-right eye
};

class GazeModel {
 public:
  GazeModel() = default;  // uncalibrated: predict() is never valid
  GazeModel(const CalibrationGeometry& geometry, const GazeEyeModel& left,
            const GazeEyeModel& right, const GazeModelParams& params = {});

  // At least one eye has a fitted mapping.
  bool calibrated() const { return eyes_[0].valid || eyes_[1].valid; }

  // The gaze point of a sample; invalid when no usable eye has a fitted mapping.
  // appearanceEyes: the eyes (bit 0 image-left, bit 1 image-right) whose
  // appearance y may be blended in; the others take the pupil's y alone
  // (AppearanceDriftMonitor).
  GazeEstimate predict(const protocol::EyeSample& sample, unsigned appearanceEyes = 3) const;
  // One eye alone (0 = image-left, 1 = image-right), ignoring the other.
  GazeEstimate predictEye(const protocol::EyeSample& sample, int eye, bool appearance = true) const;
  // appearanceOutside of this eye's cells in `sample`; false when the eye
  // blends no appearance, has no drift check or the sample carries no cells.
  bool appearanceOutsideOf(const protocol::EyeSample& sample, int eye, AppearanceCells& out) const;

  const GazeEyeModel& eye(int index) const { return eyes_[index & 1]; }
  const CalibrationGeometry& geometry() const { return geometry_; }
  const GazeModelParams& params() const { return params_; }
  void setParams(const GazeModelParams& params) { params_ = params; }

  bool operator==(const GazeModel&) const = default;

 private:
  CalibrationGeometry geometry_;
  std::array<GazeEyeModel, 2> eyes_{};
  GazeModelParams params_;
};

}  // namespace drishti::host
