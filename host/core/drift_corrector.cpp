#include "host/core/drift_corrector.h"

#include <algorithm>
#include <cmath>

namespace drishti::host {

namespace {

// The median of v[0, n), n >= 1 (reorders them).
double medianOf(double* v, std::size_t n) {
  double* mid = v + n / 2;
  std::nth_element(v, mid, v + n);
  double m = *mid;
  if (n % 2 == 0)
    m = 0.5 * (m + *std::max_element(v, mid));
  return m;
}

// Scales (x, y) into the disc of radius r.
void clampToDisc(double& x, double& y, double r) {
  const double len = std::hypot(x, y);
  if (!(len <= r)) {  // also catches NaN
    const double k = len > 0 && std::isfinite(len) ? r / len : 0.0;
    x *= k;
    y *= k;
  }
}

}  // namespace

DriftCorrector::DriftCorrector(const DriftParams& params, double pxPerDegree)
    : params_(params),
      pxPerDegree_(std::isfinite(pxPerDegree) && pxPerDegree > 0 ? pxPerDegree : 1.0),
      capPx_(std::max(0.0, std::isfinite(params.capDeg) ? params.capDeg : 0.0) * pxPerDegree_),
      window_(
          static_cast<std::size_t>(std::clamp(params.window, 1, static_cast<int>(kLocalGaps)))) {}

void DriftCorrector::reset() {
  next_ = count_ = 0;
  dx_ = dy_ = 0;
  lastUs_ = 0;
}

double DriftCorrector::decay(std::uint64_t tUs) const {
  if (tUs <= lastUs_ || !(params_.halfLifeS > 0))
    return 1.0;
  const double s = static_cast<double>(tUs - lastUs_) * 1e-6;
  return std::exp2(-s / params_.halfLifeS);
}

void DriftCorrector::offset(std::uint64_t tUs, double& dx, double& dy) const {
  const double k = decay(tUs);
  dx = dx_ * k;
  dy = dy_ * k;
  clampToDisc(dx, dy, capPx_);
}

void DriftCorrector::offsetAt(std::uint64_t tUs, double x, double y, double& dx, double& dy) const {
  offset(tUs, dx, dy);
  const double r = params_.localRadiusDeg * pxPerDegree_;
  if (count_ == 0 || !(r > 0) || !std::isfinite(x) || !std::isfinite(y))
    return;
  const double inv2r2 = 0.5 / (r * r);
  const double maxAgeUs = params_.maxAgeS * 1e6;
  double sw = 0, sx = 0, sy = 0;
  for (std::size_t i = 0; i < count_; ++i) {
    const Gap& g = gaps_[i];
    const double ageUs = tUs > g.t ? static_cast<double>(tUs - g.t) : 0.0;
    if (ageUs > maxAgeUs)
      continue;
    const double ex = x - g.x, ey = y - g.y;
    double w = std::exp(-(ex * ex + ey * ey) * inv2r2);
    if (params_.halfLifeS > 0)
      w *= std::exp2(-ageUs * 1e-6 / params_.halfLifeS);
    sw += w;
    sx += w * (g.dx - dx);
    sy += w * (g.dy - dy);
  }
  const double p =
      params_.priorWeight > 0 && std::isfinite(params_.priorWeight) ? params_.priorWeight : 0.0;
  if (!(p + sw > 0))
    return;
  dx += sx / (p + sw);
  dy += sy / (p + sw);
  clampToDisc(dx, dy, capPx_);
}

void DriftCorrector::apply(std::uint64_t tUs, double& x, double& y) const {
  double dx, dy;
  offsetAt(tUs, x, y, dx, dy);
  x += dx;
  y += dy;
}

void DriftCorrector::uncorrect(std::uint64_t tUs, double x, double y, double& rawX,
                               double& rawY) const {
  // raw = corrected - offsetAt(raw): one fixed-point step from the corrected
  // point (the offset changes slowly over the screen: its spread is degrees,
  // its size at most capDeg).
  double dx, dy;
  offsetAt(tUs, x, y, dx, dy);
  offsetAt(tUs, x - dx, y - dy, dx, dy);
  rawX = x - dx;
  rawY = y - dy;
}

bool DriftCorrector::observeCorrected(std::uint64_t tUs, double fixX, double fixY, double keyX,
                                      double keyY) {
  double rawX, rawY;
  uncorrect(tUs, fixX, fixY, rawX, rawY);
  return observe(tUs, rawX, rawY, keyX, keyY);
}

bool DriftCorrector::observe(std::uint64_t tUs, double rawFixX, double rawFixY, double keyX,
                             double keyY) {
  const double gx = keyX - rawFixX, gy = keyY - rawFixY;
  if (!std::isfinite(gx) || !std::isfinite(gy))
    return false;
  double cx, cy;
  offset(tUs, cx, cy);
  // What is left after the current correction decides whether this is drift.
  if (std::hypot(gx - cx, gy - cy) > params_.outlierDeg * pxPerDegree_)
    return false;
  dx_ = cx;
  dy_ = cy;
  lastUs_ = std::max(lastUs_, tUs);
  gaps_[next_] = {tUs, rawFixX, rawFixY, gx, gy};
  next_ = (next_ + 1) % gaps_.size();
  count_ = std::min(count_ + 1, gaps_.size());

  double tx = recentMedian(tUs, &Gap::dx);
  double ty = recentMedian(tUs, &Gap::dy);
  clampToDisc(tx, ty, capPx_);
  const double g = std::clamp(std::isfinite(params_.gain) ? params_.gain : 0.0, 0.0, 1.0);
  dx_ += g * (tx - dx_);
  dy_ += g * (ty - dy_);
  clampToDisc(dx_, dy_, capPx_);
  return true;
}

double DriftCorrector::recentMedian(std::uint64_t tUs, double Gap::*c) {
  const double maxAgeUs = params_.maxAgeS * 1e6;
  const std::size_t newest = std::min(window_, count_);
  std::size_t n = 0;
  for (std::size_t k = 1; k <= newest; ++k) {
    const Gap& g = gaps_[(next_ + gaps_.size() - k) % gaps_.size()];
    if (tUs < g.t || static_cast<double>(tUs - g.t) <= maxAgeUs)
      scratch_[n++] = g.*c;
  }
  return medianOf(scratch_.data(), n);  // n >= 1: the gap just stored is new
}

}  // namespace drishti::host
