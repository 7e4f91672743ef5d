// fitAppearanceY: the ridge fit of one eye's y from its appearance cells.
//
// Represents the second y cue of the gaze fit (gaze_model_fit.h): screen y as
// a linear function of the eye's 3 x 5 appearance cells (grey-level sums
// between the eye corners normalised to sum 1; Lu, Sugano, Okabe & Sato,
// "Adaptive linear regression for appearance-based gaze estimation", TPAMI
// 2014). The pupil's y bends where the lower lid clips the iris; the cells
// see the iris and the lids move with the gaze, so they can carry y there.
// One row per kept calibration point (its mean cells); with 9 points and 15
// cells the fit is underdetermined, so it is ridge-regularised:
//   minimise  sum_p |y_p - b0 - z_p . b|^2 + lambda * P * |b|^2,
//   z_p = (cells_p - mean) / scale
// with `mean` the cells' mean over the points and `scale` one common RMS
// spread (so lambda means the same for every person), the intercept b0 free,
// P the number of points; lambda is chosen by leave-one-point-out over a log
// grid (1e-4..1e4): the largest lambda within 2% of the best held-out RMS.
// Requires at least kMinAppearancePoints points with finite cells.
// Pure function; allocates (called once per calibration).
#pragma once

#include <span>

#include "host/core/gaze_model.h"

namespace drishti::host {

// Fewer points than this leave one-point-out too little to judge the cue by.
inline constexpr int kMinAppearancePoints = 5;

struct AppearanceFitPoint {
  AppearanceCells cells{};  // the point's mean cells
  double targetY = 0;       // px, what the cells must explain (head part removed)
};

// Fills out's mean, scale, coef, minY, maxY, lambda and heldOutAppearancePx
// (RMS over the points, px) and returns true; false (out untouched) when the
// points are too few or the cells do not vary.
bool fitAppearanceY(std::span<const AppearanceFitPoint> points, GazeAppearanceY& out);

}  // namespace drishti::host
