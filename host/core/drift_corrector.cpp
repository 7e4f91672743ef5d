#include "host/core/drift_corrector.h"

#include <algorithm>
#include <cmath>

namespace drishti::host {

namespace {

double medianOf(std::vector<double>& v, std::size_t n) {
  const auto mid = v.begin() + static_cast<std::ptrdiff_t>(n / 2);
  std::nth_element(v.begin(), mid, v.begin() + static_cast<std::ptrdiff_t>(n));
  double m = *mid;
  if (n % 2 == 0)
    m = 0.5 * (m + *std::max_element(v.begin(), mid));
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
      gaps_(static_cast<std::size_t>(std::clamp(params.window, 1, 32))),
      scratch_(gaps_.size()) {}

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

void DriftCorrector::apply(std::uint64_t tUs, double& x, double& y) const {
  double dx, dy;
  offset(tUs, dx, dy);
  x += dx;
  y += dy;
}

bool DriftCorrector::observeCorrected(std::uint64_t tUs, double fixX, double fixY, double keyX,
                                      double keyY) {
  double dx, dy;
  offset(tUs, dx, dy);
  return observe(tUs, fixX - dx, fixY - dy, keyX, keyY);
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
  gaps_[next_] = {tUs, gx, gy};
  next_ = (next_ + 1) % gaps_.size();
  count_ = std::min(count_ + 1, gaps_.size());

  const double maxAgeUs = params_.maxAgeS * 1e6;
  std::size_t n = 0;
  for (std::size_t i = 0; i < count_; ++i)
    if (tUs < gaps_[i].t || static_cast<double>(tUs - gaps_[i].t) <= maxAgeUs)
      scratch_[n++] = gaps_[i].dx;
  const std::size_t used = n;
  const double tx = medianOf(scratch_, used);
  n = 0;
  for (std::size_t i = 0; i < count_; ++i)
    if (tUs < gaps_[i].t || static_cast<double>(tUs - gaps_[i].t) <= maxAgeUs)
      scratch_[n++] = gaps_[i].dy;
  double ty = medianOf(scratch_, n);
  double targetX = tx;
  clampToDisc(targetX, ty, capPx_);
  const double g = std::clamp(std::isfinite(params_.gain) ? params_.gain : 0.0, 0.0, 1.0);
  dx_ += g * (targetX - dx_);
  dy_ += g * (ty - dy_);
  clampToDisc(dx_, dy_, capPx_);
  return true;
}

}  // namespace drishti::host
