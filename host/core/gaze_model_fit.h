// fitGazeEyeModel: the robust, regularised fit of one eye's gaze mapping.
//
// Fits screen x and y as second-order polynomials (with cross term) of the
// eye's normalised pupil position plus linear head-pose terms (see
// gaze_model_features.h), by generalised ridge regression over one row per
// calibration point:
//   minimise  sum_p w_p |target_p - row_p . b|^2 + lambda * W * sum_k d_k (b_k - b0_k)^2
// - row_p is built from the point's weighted mean features (normX, normY,
//   head pose) over its inlier samples. Fitting every noisy sample as a row
//   instead would shrink the slopes (regression dilution: the noise in the
//   regressors); averaging first removes it. Each point counts once however
//   many samples it has.
// - d_k: 0 for the intercept, 1e-3 for the linear terms (the mapping is mostly
//   linear; a 5-point pattern determines little else), 1 for the curvature
//   terms, headPenalty for the head terms.
// - b0 is the prior: zero for the eye terms and, with geometricHeadPrior,
//   what geometry says the head does to the gaze point (yaw and pitch move it
//   by distance x angle, x and y translate it, mirrored for the camera image;
//   protocol conventions in messages.h). A still head during calibration
//   cannot teach those terms, and noisy head poses would teach them wrongly,
//   so they stay near geometry unless the data insist.
// - lambda is chosen by leave-one-point-out cross-validation over a log grid
//   (1e-8..100): the largest lambda whose held-out error is within 2% of the
//   best.
// - Outliers, iteratively: samples get Tukey biweights on their residual
//   (scale from the median, cut-off 4.685 sigma; the first weights come from
//   each sample's distance to its point's median feature), and whole points
//   are eliminated backwards: each round the point with the largest held-out
//   error is dropped if that error exceeds max(outlierPointFactor x the
//   median held-out error, outlierPointDeg), and a dropped point returns when
//   the others predict it within that bound; at least minPoints are kept.
// - Head roll: every sample's (normX, normY) is first turned back by its roll
//   relative to the calibration's mean roll (derollNorm), when at least half
//   the samples have a head pose.
// - z (distance) enters linearly only; a person who moves much closer or
//   further than at calibration needs a new calibration.
// y from the appearance: after the fit, an appearance y model is fitted
// (gaze_model_appearance_fit.h: ridge on the points' mean cells, weighted by
// the fit's sample weights, explaining y minus the pupil model's head terms)
// and both cues' leave-one-point-out RMS y errors are measured over every
// point with samples. Points the pupil fit rejected count too (for them the
// pupil's held-out error is the kept points' fit): where the lower lid clips
// the iris the pupil's y bends and the robust fit drops that point, which is
// just where the appearance may do better; a real look-away point then enters
// the appearance's fit, and both cues are wrong there alike. The eye's y then
// blends the two by inverse variance (appearanceYWeight, gaze_model.h): a
// person whose lids do not follow their gaze gets a small appearance share,
// and a tracker that sends no cells (every such point needs some) keeps the
// pupil's y (model.appearanceY.used false). Blending rather than choosing one
// cue per eye: replayed on eight real-tracker recordings the blend's
// validation median and p90 were each no worse than the pupil's on seven of
// them, the per-eye choice's median worse on four (docs/BENCHMARKS.md, "The
// host's appearance y blended"). x always comes from the
// pupil. (The head terms removed from the appearance's targets come from the
// full pupil fit: a small leak into its held-out error.)
// residualPx of the model is the robust spread of single samples around the
// fit (it weights the eyes when both are seen).
//
// Requires: samples of at least 3 distinct points, finite values; geometry valid.
// Ensures: on ok, a valid model whose coefficients are finite.
// Pure function, no I/O; allocates (called once per calibration).
#pragma once

#include <array>
#include <span>
#include <string>
#include <vector>

#include "host/core/calibration_geometry.h"
#include "host/core/gaze_model.h"

namespace drishti::host {

// One eye in one accepted calibration sample.
struct GazeFitSample {
  int point = 0;  // calibration point index (any integers; equal = same point)
  double normX = 0, normY = 0;
  bool headValid = false;
  HeadVector head{};
  double targetX = 0, targetY = 0;  // screen px of the target being looked at
  double rollDeg = 0;               // head roll (messages.h), used when headValid
  std::array<float, protocol::kAppearanceCells> appearance{};  // all zero: not measured
};

struct GazeFitParams {
  bool headTerms = true;            // fit head-pose terms (else head pose is ignored)
  bool rollTerm = true;             // turn the pupil back by the head's roll (features.h)
  bool geometricHeadPrior = true;   // regularise head terms toward geometry, not zero
  bool robust = true;               // false: plain ridge, no reweighting (for comparison)
  double sphereRatio = 0.4;         // eyeball radius / eye width (gaze_model_features.h); 0 = off
  double headPenalty = 100;         // head terms' ridge penalty, relative to the eye terms'
  double outlierPointDeg = 3.0;     // held-out error never called an outlier below this
  double outlierPointFactor = 3.0;  // ... nor below this multiple of the median held-out error
  int minPoints = 4;                // never reject below this many points
  int maxIterations = 12;
  bool appearanceY = true;  // offer y from the eye's appearance (below); false: pupil only
};

// How one calibration point came out of the fit.
struct GazeFitPoint {
  int point = 0;
  double targetX = 0, targetY = 0;  // px
  double fitX = 0, fitY = 0;        // model's estimate at the point's mean features, px
  double errorPx = 0;               // |fit - target|
  double heldOutErrorPx = 0;        // same, fitted without this point
  double weight = 1;                // 0..1 robust point weight (0 = rejected)
  int samples = 0;
  int inliers = 0;  // samples with non-zero weight
};

struct GazeFitResult {
  bool ok = false;
  std::string message;  // why not, when !ok
  GazeEyeModel model;
  std::vector<GazeFitPoint> points;  // in order of first appearance
  int iterations = 0;
};

GazeFitResult fitGazeEyeModel(std::span<const GazeFitSample> samples,
                              const CalibrationGeometry& geometry,
                              const GazeFitParams& params = {});

}  // namespace drishti::host
