// FixationDetector: where the eyes rest, and for how long.
//
// A dispersion-based detector (the I-DT family of Salvucci & Goldberg, 2000)
// that runs sample by sample: a fixation starts when the samples of the last
// minDurationMs all lie within radiusDeg of their centroid; it goes on while
// new samples stay within radiusDeg of the mean of the fixation's last
// anchorMs (not of the whole fixation: a filtered gaze point still settles
// for a few hundred ms after a saccade, and measuring it against a stale
// early centroid breaks one fixation into several); it ends when the gaze has
// stayed outside for exitMs (one noisy sample does not end it), when the
// recent mean has wandered more than maxDriftDeg from where the fixation
// settled (its centroid once it was centroidMs old: a slow glide across the
// screen must not count as one long fixation, or dwell would select while the
// eyes move), or when no valid gaze arrived for maxGapMs (a blink shorter
// than that does not end it).
// The reported centroid is the mean of the fixation's last centroidMs: where
// the eyes settled, the point dwell and drift correction want. Thresholds are
// in degrees and ms, converted to px once with pxPerDegree.
// Ensures: no allocation after construction (fixed rings), no exceptions.
// Not thread-safe.
#pragma once

#include <cstdint>
#include <vector>

namespace drishti::host {

struct FixationParams {
  double radiusDeg = 1.5;      // new samples within this of the recent mean belong to it
  double minDurationMs = 100;  // shorter stays are not fixations
  double exitMs = 100;         // outside the radius this long ends a fixation
  double maxGapMs = 150;       // no valid gaze this long ends it
  double anchorMs = 150;       // the recent mean new samples are compared with
  double centroidMs = 400;     // the reported centroid averages this much
  double maxDriftDeg = 3.0;    // drift from the settled centroid that ends a fixation

  bool operator==(const FixationParams&) const = default;
};

struct Fixation {
  bool active = false;        // a fixation is going on now
  std::uint32_t id = 0;       // +1 per fixation
  double x = 0, y = 0;        // centroid of the last centroidMs, px
  std::uint64_t startUs = 0;  // first sample
  std::uint64_t lastUs = 0;   // latest sample inside it
  int samples = 0;
  double durationMs() const { return static_cast<double>(lastUs - startUs) / 1000.0; }
};

enum class FixationEvent : std::uint8_t { kNone, kStarted, kEnded };

class FixationDetector {
 public:
  FixationDetector(const FixationParams& params, double pxPerDegree);

  // One gaze sample (px) at tUs; `valid` false for a blink or no gaze.
  // Returns kStarted when a fixation begins with this sample, kEnded when the
  // current one ended (current() then describes the ended fixation until the
  // next one starts). Samples older than the previous one are ignored.
  FixationEvent add(std::uint64_t tUs, double x, double y, bool valid);
  const Fixation& current() const { return fixation_; }
  void reset();
  // The eyes just made a saccade (found by the caller): the fixation going on
  // ends now and the samples gathered for the next are dropped, so the next
  // fixation is made only of samples after the saccade. Returns kEnded when
  // one was going on. Ids keep counting.
  FixationEvent restart();
  // Scales the radius (and with it maxDriftDeg) to radiusDeg; values not
  // above zero or not finite are ignored.
  void setRadiusDeg(double radiusDeg);
  double radiusPx() const { return radiusPx_; }

 private:
  struct Sample {
    std::uint64_t t;
    double x, y;
  };
  bool candidateCompact() const;
  void dropOldestCandidate();
  void pushRecent(const Sample& s);
  // Mean of the fixation's samples no older than `ms` before its newest.
  void recentMean(double ms, double& x, double& y) const;

  FixationParams params_;
  double pxPerDegree_;
  double radiusPx_;
  std::vector<Sample> ring_;  // candidate (not fixating) or outside samples (fixating)
  std::size_t head_ = 0, size_ = 0;
  std::vector<Sample> recent_;  // the fixation's latest samples
  std::size_t recentHead_ = 0, recentSize_ = 0;
  Fixation fixation_;
  bool settled_ = false;
  double settledX_ = 0, settledY_ = 0;
  std::uint64_t lastValidUs_ = 0;
  std::uint64_t lastUs_ = 0;
  bool any_ = false;
};

}  // namespace drishti::host
