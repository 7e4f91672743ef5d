// Robust running statistics with exponential
// forgetting in time (not in samples), so irregular frame timing does not
// bias them. Fixed-size storage; no allocation.
#pragma once

#include <array>

namespace drishti::core {

// RunningPercentile
// Represents: a time-weighted histogram of a scalar over [lo, hi] whose old
//   content fades with time constant tauMs; quantile(q) interpolates inside
//   the bin.
// Requires: lo < hi, tauMs > 0. Values outside [lo, hi] are clamped.
// Ensures: add() and quantile() are O(kBins), allocation free; massMs() is
//   the effective amount of remembered history in ms (saturates at tauMs).
class RunningPercentile {
 public:
  static constexpr int kBins = 128;
  RunningPercentile(float lo, float hi, float tauMs);
  void reset();
  // Adds x observed for weightMs of time (e.g. the sample's frame interval).
  void add(float x, float weightMs);
  // Quantile q in 0..1; returns `fallback` while empty.
  float quantile(float q, float fallback) const;
  float massMs() const { return mass_; }

 private:
  float lo_, hi_, tau_;
  std::array<float, kBins> bins_{};
  float mass_ = 0.f;
};

}  // namespace drishti::core
