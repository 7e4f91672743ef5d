#include "host/core/gaze_model.h"

#include <algorithm>
#include <cmath>

namespace drishti::host {

namespace {

double dot(const GazeRow& a, const GazeRow& b) {
  double s = 0;
  for (std::size_t i = 0; i < kGazeTerms; ++i)
    s += a[i] * b[i];
  return s;
}

// Clamps standardised feature `value` into [lo, hi] widened by margin * span;
// returns how far outside [lo, hi] it was, in spans (0 inside).
double clampToRange(double& value, double lo, double hi, double margin) {
  const double span = std::max(hi - lo, 1e-6);
  const double outside = value < lo ? (lo - value) / span : (value > hi ? (value - hi) / span : 0);
  value = std::clamp(value, lo - margin * span, hi + margin * span);
  return outside;
}

}  // namespace

bool appearanceCellsOf(const std::array<float, protocol::kAppearanceCells>& in,
                       AppearanceCells& out) {
  bool any = false;
  for (std::size_t k = 0; k < in.size(); ++k) {
    if (!std::isfinite(in[k]))
      return false;
    any = any || in[k] != 0.0f;
    out[k] = in[k];
  }
  return any;
}

double appearanceEyeY(const GazeAppearanceY& a, const AppearanceCells& cells) {
  double y = a.coef[0];
  for (std::size_t k = 0; k < cells.size(); ++k)
    y += a.coef[k + 1] * (cells[k] - a.mean[k]) / a.scale;
  return y;
}

bool appearanceOutside(const GazeAppearanceY& a, const AppearanceCells& cells, AppearanceCells& z) {
  if (!(a.spanResidual > 0))
    return false;
  for (std::size_t k = 0; k < z.size(); ++k)
    z[k] = cells[k] - a.mean[k];
  for (const AppearanceCells& d : a.span) {
    double c = 0;
    for (std::size_t k = 0; k < z.size(); ++k)
      c += z[k] * d[k];
    for (std::size_t k = 0; k < z.size(); ++k)
      z[k] -= c * d[k];
  }
  for (double& v : z)
    v /= a.spanResidual;
  return true;
}

double appearanceShare(double pupilHeldOut, double appearanceHeldOut) {
  const double p2 = pupilHeldOut * pupilHeldOut;
  const double a2 = appearanceHeldOut * appearanceHeldOut;
  if (!(a2 > 0) || !std::isfinite(p2 + a2))
    return 0;
  return p2 / (p2 + a2);
}

double appearanceYWeight(const GazeAppearanceY& a) {
  return a.used ? appearanceShare(a.heldOutPupilPx, a.heldOutAppearancePx) : 0.0;
}

GazeModel::GazeModel(const CalibrationGeometry& geometry, const GazeEyeModel& left,
                     const GazeEyeModel& right, const GazeModelParams& params)
    : geometry_(geometry), eyes_{left, right}, params_(params) {}

bool GazeModel::appearanceOutsideOf(const protocol::EyeSample& sample, int index,
                                    AppearanceCells& out) const {
  const GazeAppearanceY& a = eyes_[index & 1].appearanceY;
  AppearanceCells cells;
  return eyes_[index & 1].valid && a.used && sample.eyes[index & 1].valid &&
         appearanceCellsOf(sample.eyes[index & 1].appearance, cells) &&
         appearanceOutside(a, cells, out);
}

GazeEstimate GazeModel::predictEye(const protocol::EyeSample& sample, int index,
                                   bool appearance) const {
  GazeEstimate out;
  const GazeEyeModel& m = eyes_[index & 1];
  const protocol::EyeMeasurement& e = sample.eyes[index & 1];
  if (!m.valid || !e.valid || e.confidence < params_.minEyeConfidence ||
      e.openness < params_.minOpenness || !std::isfinite(e.normX) || !std::isfinite(e.normY))
    return out;
  const bool headValid = sample.head.valid && std::isfinite(sample.head.yawDeg) &&
                         std::isfinite(sample.head.pitchDeg) && std::isfinite(sample.head.xMm) &&
                         std::isfinite(sample.head.yMm) && std::isfinite(sample.head.zMm);
  double nx = e.normX, ny = e.normY;
  derollNorm(m.frame, sample.head.rollDeg, headValid, nx, ny);
  double u = 0, v = 0;
  gazeFeatureUV(m.frame, nx, ny, u, v);
  const double margin = std::max(0.0, params_.extrapolationMargin);
  double outside =
      std::max(clampToRange(u, m.minU, m.maxU, margin), clampToRange(v, m.minV, m.maxV, margin));
  GazeRow row;
  gazeDesignRowUV(m.frame, u, v, headValid, headVectorOf(sample.head), row);
  // Head terms bounded too: a head far from where it was calibrated is a
  // recalibration case, not something to extrapolate a line through.
  for (std::size_t k = kGazeFirstHeadTerm; k < kGazeTerms; ++k)
    row[k] = std::clamp(row[k], -4.0, 4.0);
  out.x = dot(row, m.coefX);
  out.y = dot(row, m.coefY);
  AppearanceCells cells;
  if (appearance && m.appearanceY.used && appearanceCellsOf(e.appearance, cells)) {
    // The appearance's y: its eye part plus the pupil model's head terms;
    // blended with the pupil's y by their held-out errors.
    double eyeY = appearanceEyeY(m.appearanceY, cells);
    const double outsideY = clampToRange(eyeY, m.appearanceY.minY, m.appearanceY.maxY, margin);
    outside = std::max(outside, outsideY);
    for (std::size_t k = kGazeFirstHeadTerm; k < kGazeTerms; ++k)
      eyeY += row[k] * m.coefY[k];
    const double w = appearanceYWeight(m.appearanceY);
    out.y = w * eyeY + (1 - w) * out.y;
  }
  if (!std::isfinite(out.x) || !std::isfinite(out.y))
    return GazeEstimate{};
  double confidence = std::clamp(static_cast<double>(e.confidence), 0.0, 1.0);
  confidence *= 1.0 / (1.0 + 2.0 * outside);  // halves one third of a span outside
  if (m.frame.headTerms && !headValid)
    confidence *= 0.7;
  out.confidence = confidence;
  out.valid = true;
  out.eyesUsed = 1 << (index & 1);
  return out;
}

GazeEstimate GazeModel::predict(const protocol::EyeSample& sample, unsigned appearanceEyes) const {
  const GazeEstimate a = predictEye(sample, 0, (appearanceEyes & 1u) != 0);
  const GazeEstimate b = predictEye(sample, 1, (appearanceEyes & 2u) != 0);
  if (!a.valid || !b.valid)
    return a.valid ? GazeEstimate{a.valid, a.x, a.y, a.confidence * 0.85, a.eyesUsed}
                   : (b.valid ? GazeEstimate{b.valid, b.x, b.y, b.confidence * 0.85, b.eyesUsed}
                              : GazeEstimate{});
  // Inverse-variance weights: the tracker's confidence scales the variance the
  // eye showed during calibration (floored so a perfect fit cannot take all).
  const double floorPx = 0.05 * geometry_.pxPerDegree();
  const double sa = std::max(eyes_[0].residualPx, floorPx);
  const double sb = std::max(eyes_[1].residualPx, floorPx);
  const double wa = std::max(a.confidence, 1e-3) / (sa * sa);
  const double wb = std::max(b.confidence, 1e-3) / (sb * sb);
  GazeEstimate out;
  out.valid = true;
  out.x = (wa * a.x + wb * b.x) / (wa + wb);
  out.y = (wa * a.y + wb * b.y) / (wa + wb);
  out.confidence = std::max(a.confidence, b.confidence);
  out.eyesUsed = a.eyesUsed | b.eyesUsed;
  return out;
}

}  // namespace drishti::host
