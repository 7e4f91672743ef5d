#include "firmware/core/running_percentile.h"

#include <algorithm>
#include <cmath>

namespace drishti::core {

RunningPercentile::RunningPercentile(float lo, float hi, float tauMs)
    : lo_(lo), hi_(hi > lo ? hi : lo + 1.f), tau_(tauMs > 0 ? tauMs : 1.f) {}

void RunningPercentile::reset() {
  bins_.fill(0.f);
  mass_ = 0.f;
}

void RunningPercentile::add(float x, float weightMs) {
  if (!(weightMs > 0.f) || !std::isfinite(x))
    return;
  const float keep = std::exp(-weightMs / tau_);
  for (float& b : bins_)
    b *= keep;
  const float pos = (std::clamp(x, lo_, hi_) - lo_) / (hi_ - lo_) * kBins;
  const int i = std::min(kBins - 1, static_cast<int>(pos));
  bins_[i] += weightMs;
  mass_ = mass_ * keep + weightMs;
}

float RunningPercentile::quantile(float q, float fallback) const {
  if (mass_ <= 0.f)
    return fallback;
  const float target = std::clamp(q, 0.f, 1.f) * mass_;
  float acc = 0.f;
  const float width = (hi_ - lo_) / kBins;
  for (int i = 0; i < kBins; ++i) {
    const float next = acc + bins_[i];
    if (next >= target && bins_[i] > 0.f) {
      const float f = (target - acc) / bins_[i];
      return lo_ + (i + std::clamp(f, 0.f, 1.f)) * width;
    }
    acc = next;
  }
  return hi_;
}

}  // namespace drishti::core
