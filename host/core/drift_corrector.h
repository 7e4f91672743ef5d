// DriftCorrector: a small, bounded shift of the gaze learned from selections.
//
// Calibration drifts: the head settles, the camera is nudged, the lids droop
// over a long day. Every confirmed selection (the person dwelt on a key and
// did not undo it) says where they meant to look: the key's centre. The gap
// between that centre and the centroid of the fixation that selected it
// (measured on the uncorrected gaze) is evidence of drift. The correction is
// the component-wise median of the last `window` such gaps (so one careless
// selection cannot steer it), approached by `gain` per selection, and always
// clamped to capDeg: it can shift the gaze a little, never run away, and a
// selection whose gap (after the current correction) is over outlierDeg is
// ignored (the person looked elsewhere on the key, or chose by mistake).
// Without new evidence the correction fades with halfLifeS and gaps older
// than maxAgeS are forgotten. Large drift is a recalibration, not this.
//
// That offset is one for the whole screen, but a calibration's error is not
// the same everywhere: right for the letters, it can be wrong at the text
// bar or a far corner (docs/BENCHMARKS.md, "A drift correction that is
// local"). So the correction at a gaze point adds to it what the kept gaps
// seen near that point say beyond it: G + sum w_i (gap_i - G) / (p + sum w_i)
// over the last kLocalGaps accepted gaps, w_i Gaussian in the screen
// distance between the point and where gap i was seen (sd localRadiusDeg)
// times the same fading with age (Nadaraya-Watson kernel regression,
// Nadaraya 1964, Watson 1964, with one pseudo-observation at G of weight
// p = priorWeight). Where no gap was seen nearby it is the global offset;
// the cap holds for the sum.
// Ensures: |offset| <= capDeg (in px: capDeg * pxPerDegree) at all times,
// whatever the inputs (non-finite inputs are ignored); no allocation after
// construction. Not thread-safe.
#pragma once

#include <array>
#include <cstdint>

namespace drishti::host {

struct DriftParams {
  double capDeg = 1.5;      // the correction never exceeds this
  double outlierDeg = 2.5;  // a selection further off than this teaches nothing
  double gain = 0.5;        // fraction of the way to the new estimate per selection
  int window = 5;           // median of the last this many gaps (1..32)
  double halfLifeS = 600;   // fading of the correction without new selections
  double maxAgeS = 900;     // gaps older than this are forgotten
  // Spread of the local part (degrees, Gaussian sd); 0 = one offset for the
  // whole screen.
  double localRadiusDeg = 5;
  // Weight of the local part's one pseudo-observation at the global offset
  // (the "1 +" in the denominator): how many nearby kept gaps it takes to
  // move the correction halfway from the global offset toward their mean.
  // Not finite or below 0 counts as 0.
  double priorWeight = 1;

  bool operator==(const DriftParams&) const = default;
};

class DriftCorrector {
 public:
  DriftCorrector(const DriftParams& params, double pxPerDegree);

  // A confirmed selection at tUs: the uncorrected fixation centroid (px) and
  // the selected key's centre (px). Returns whether it changed the correction.
  bool observe(std::uint64_t tUs, double rawFixX, double rawFixY, double keyX, double keyY);
  // The same for a centroid measured on the corrected gaze (the usual case
  // when fixations are detected after apply()): removes the correction first.
  bool observeCorrected(std::uint64_t tUs, double fixX, double fixY, double keyX, double keyY);
  // The correction for the whole screen at tUs (px), before the local part.
  void offset(std::uint64_t tUs, double& dx, double& dy) const;
  // The correction at tUs (px) to add to the uncorrected gaze point (x, y).
  void offsetAt(std::uint64_t tUs, double x, double y, double& dx, double& dy) const;
  // (x, y) += offsetAt(tUs, x, y).
  void apply(std::uint64_t tUs, double& x, double& y) const;
  // The uncorrected point that apply() moved to the corrected (x, y).
  void uncorrect(std::uint64_t tUs, double x, double y, double& rawX, double& rawY) const;
  void reset();

  double capPx() const { return capPx_; }
  static constexpr std::size_t kLocalGaps = 32;

 private:
  struct Gap {  // an accepted gap and where (uncorrected, px) it was seen
    std::uint64_t t;
    double x, y, dx, dy;
  };
  double decay(std::uint64_t tUs) const;
  // The median over the newest `window_` gaps not older than maxAgeS at tUs
  // of the member `Gap::*c`.
  double recentMedian(std::uint64_t tUs, double Gap::*c);

  DriftParams params_;
  double pxPerDegree_;
  double capPx_;
  std::size_t window_;  // the median reads this many of the newest gaps
  // One ring of the last kLocalGaps accepted gaps: the median reads its
  // newest window_ entries, the local part all of them.
  std::array<Gap, kLocalGaps> gaps_{};
  std::size_t next_ = 0, count_ = 0;
  std::array<double, kLocalGaps> scratch_{};
  double dx_ = 0, dy_ = 0;  // correction at lastUs_
  std::uint64_t lastUs_ = 0;
};

}  // namespace drishti::host
