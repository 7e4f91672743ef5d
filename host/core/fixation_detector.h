// FixationDetector: where the eyes rest, and for how long.
//
// A dispersion-based detector (the I-DT family of Salvucci & Goldberg, 2000)
// that runs sample by sample: a fixation starts when the samples of the last
// minDurationMs all lie within radiusDeg of their centroid, grows while new
// samples stay within radiusDeg of the (running) centroid, and ends when the
// gaze has stayed outside for exitMs (so one noisy sample does not break it)
// or no valid gaze arrived for maxGapMs (a blink shorter than that does not).
// The centroid is the mean of the fixation's samples: a steadier point for
// dwell and for drift correction than any single sample. Thresholds are in
// degrees and ms, converted to px once with pxPerDegree.
// Ensures: no allocation after construction (fixed ring of recent samples),
// no exceptions. Not thread-safe.
#pragma once

#include <cstdint>
#include <vector>

namespace drishti::host {

struct FixationParams {
  double radiusDeg = 1.0;      // samples within this of the centroid belong to it
  double minDurationMs = 100;  // shorter stays are not fixations
  double exitMs = 60;          // outside the radius this long ends a fixation
  double maxGapMs = 150;       // no valid gaze this long ends it
};

struct Fixation {
  bool active = false;        // a fixation is going on now
  std::uint32_t id = 0;       // +1 per fixation
  double x = 0, y = 0;        // centroid, px
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

 private:
  struct Sample {
    std::uint64_t t;
    double x, y;
  };
  bool candidateCompact() const;
  void dropOldestCandidate();

  FixationParams params_;
  double radiusPx_;
  std::vector<Sample> ring_;  // candidate (not fixating) or outside samples (fixating)
  std::size_t head_ = 0, size_ = 0;
  Fixation fixation_;
  double sumX_ = 0, sumY_ = 0;
  std::uint64_t lastValidUs_ = 0;
  std::uint64_t lastUs_ = 0;
  bool any_ = false;
};

}  // namespace drishti::host
