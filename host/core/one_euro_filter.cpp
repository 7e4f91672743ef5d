#include "host/core/one_euro_filter.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace drishti::host {

namespace {

// Smoothing factor of an exponential low-pass with cutoff `hz` over `dt` s.
double alpha(double hz, double dt) {
  const double tau = 1.0 / (2.0 * std::numbers::pi * std::max(hz, 1e-6));
  return 1.0 / (1.0 + tau / dt);
}

}  // namespace

OneEuroFilter::OneEuroFilter(const OneEuroParams& params, double pxPerDegree)
    : params_(params),
      pxPerDegree_(std::isfinite(pxPerDegree) && pxPerDegree > 0 ? pxPerDegree : 1.0),
      cutoff_(params.minCutoffHz) {}

bool OneEuroFilter::filter(std::uint64_t tUs, double x, double y, double& outX, double& outY) {
  if (!std::isfinite(x) || !std::isfinite(y))
    return false;
  const bool gap =
      started_ && tUs > lastUs_ && static_cast<double>(tUs - lastUs_) > params_.maxGapMs * 1000.0;
  if (!started_ || gap) {
    restart(tUs, x, y);
    outX = x;
    outY = y;
    return true;
  }
  if (tUs <= lastUs_) {
    outX = x_;
    outY = y_;
    return true;
  }
  const double dt = static_cast<double>(tUs - lastUs_) * 1e-6;
  lastUs_ = tUs;
  const double ad = alpha(params_.dCutoffHz, dt);
  dx_ += ad * ((x - x_) / dt - dx_);
  dy_ += ad * ((y - y_) / dt - dy_);
  const double speedDeg = std::hypot(dx_, dy_) / pxPerDegree_;
  cutoff_ = params_.minCutoffHz + std::max(0.0, params_.betaPerDeg) * speedDeg;
  const double a = alpha(cutoff_, dt);
  x_ += a * (x - x_);
  y_ += a * (y - y_);
  outX = x_;
  outY = y_;
  return true;
}

void OneEuroFilter::restart(std::uint64_t tUs, double x, double y) {
  started_ = true;
  lastUs_ = tUs;
  x_ = x;
  y_ = y;
  dx_ = dy_ = 0;
  cutoff_ = params_.minCutoffHz;
}

}  // namespace drishti::host
