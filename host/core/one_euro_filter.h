// OneEuroFilter: speed-adaptive low-pass for the gaze point.
//
// The 1 Euro filter of Casiez, Roussel and Vogel (CHI 2012): an exponential
// low-pass whose cutoff frequency rises with the signal's speed,
//   cutoff = minCutoffHz + betaPerDeg * |speed in deg/s|,
// so a still gaze is smoothed hard (little jitter on a key) while a saccade
// passes almost at once (little lag when the eyes move). The speed itself is
// low-passed at dCutoffHz. Here both coordinates share one cutoff driven by
// the 2-D speed, and the parameters are in degrees of visual angle (converted
// to px once, with pxPerDegree). Time comes from the samples (µs), so uneven
// frame intervals are handled; a gap longer than maxGapMs (blink, lost face)
// restarts the filter at the next sample instead of gliding across the gap.
// The defaults suit the tracker noise assumed in docs/BENCHMARKS.md (about 3
// degrees per frame at 30 fps): drishti-filter-eval measured 0.39 degrees of
// jitter and 200 ms to cover 90% of a saccade with them, against 433 ms for a
// fixed low-pass of similar jitter. A steadier tracker wants a higher cutoff.
// Ensures: no allocation, no exceptions; outputs finite for finite inputs.
// Not thread-safe.
#pragma once

#include <cstdint>

namespace drishti::host {

struct OneEuroParams {
  double minCutoffHz = 0.3;  // cutoff when still: lower = steadier, slower to follow drift
  double betaPerDeg = 0.02;  // Hz of cutoff added per deg/s of gaze speed
  double dCutoffHz = 1.0;    // cutoff of the speed estimate
  double maxGapMs = 200;     // longer gaps restart the filter

  bool operator==(const OneEuroParams&) const = default;
};

class OneEuroFilter {
 public:
  OneEuroFilter(const OneEuroParams& params, double pxPerDegree);

  // Filters the point (x, y) px measured at tUs into (outX, outY). Returns
  // false, leaving the outputs untouched, for non-finite input; a sample not
  // newer than the previous one is passed through the state without a time step.
  bool filter(std::uint64_t tUs, double x, double y, double& outX, double& outY);
  void reset() { started_ = false; }
  // Starts again at (x, y) px at tUs, at rest: the eyes have just landed
  // there (a saccade found by the caller), so there is nothing to glide from.
  void restart(std::uint64_t tUs, double x, double y);

  const OneEuroParams& params() const { return params_; }
  double cutoffHz() const { return cutoff_; }  // last cutoff used

 private:
  OneEuroParams params_;
  double pxPerDegree_;
  bool started_ = false;
  std::uint64_t lastUs_ = 0;
  double x_ = 0, y_ = 0;    // filtered position, px
  double dx_ = 0, dy_ = 0;  // filtered velocity, px/s
  double cutoff_ = 0;
};

}  // namespace drishti::host
