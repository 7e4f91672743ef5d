// CalibrationSampleGate: is the eye holding still on a target in this sample?
//
// Represents: the per-sample check the calibration runs before it keeps a
// sample: the face must be tracked with a usable eye (validity and tracker
// confidence), the eyes must be open (openness), and the eye feature must be
// still: its speed (least-squares slope of normX/normY over velocityWindowMs,
// converted to degrees of eye rotation with the eyeball model:
// 1 degree ~ eyeballRadiusMm * pi/180 / eyeWidthMm in normalised units) must
// stay below the saccade threshold for stableMs in a row. The threshold adapts
// to the tracker's noise: it is max(saccadeDegPerS, noiseFactor x the median
// speed of the last 256 samples: 2 s at 120 fps, 8.5 s at 30), after the
// adaptive velocity threshold of Nystrom & Holmqvist (2010), so a noisy webcam
// does not turn every sample into a "saccade". After the eyes reopen from a
// closure, blinkGuardMs more samples are refused (the lids and the tracker
// settle).
// Requires: samples in capture order (captureUs not decreasing; an older
// sample resets the history). Allocates only in the constructor.
// Not thread-safe.
#pragma once

#include <cstdint>
#include <vector>

#include "firmware/protocol/messages.h"

namespace drishti::host {

struct CalibrationGateParams {
  float minConfidence = 0.3f;     // tracker eye confidence below this: eye not seen
  float minOpenness = 0.35f;      // openness below this: eye closed
  double saccadeDegPerS = 30;     // eye rotation speed above this: moving
  double noiseFactor = 3;         // adaptive part of the threshold (see above)
  double velocityWindowMs = 150;  // slope window
  double stableMs = 200;          // below threshold this long before samples count
  double blinkGuardMs = 100;      // refuse samples this long after the eyes reopen
  double eyeballRadiusMm = 12;    // eye model for speeds in degrees
  double eyeWidthMm = 30;         // corner-to-corner eye width
};

enum class GateVerdict : std::uint8_t {
  kSteady,      // use it
  kSettling,    // still, but not yet for stableMs (or just after a blink)
  kMoving,      // faster than the threshold: a saccade or drift
  kClosed,      // eyes closed (blink) or every tracked eye is shut
  kNotTracked,  // no face, or no eye seen with enough confidence
};

class CalibrationSampleGate {
 public:
  explicit CalibrationSampleGate(const CalibrationGateParams& params = {});

  GateVerdict classify(const protocol::EyeSample& sample);
  // Forgets the stability run (call when a new target appears); keeps the
  // noise estimate, which belongs to the tracker, not to the target.
  void restartStability();
  void reset();

  // Whether eye `i` of the last classified sample was usable (seen and open).
  bool eyeUsable(int i) const { return usable_[static_cast<std::size_t>(i & 1)]; }
  double speedDegPerS() const { return speed_; }  // last measured speed
  double thresholdDegPerS() const;
  // Capture time of the latest closed sample (0 if none yet), for callers that
  // drop what they kept just before a blink.
  std::uint64_t lastClosedUs() const { return lastClosedUs_; }

 private:
  struct Point {
    std::uint64_t t = 0;
    float x[2] = {0, 0};
    float y[2] = {0, 0};
    bool valid[2] = {false, false};
  };
  double measureSpeed() const;

  CalibrationGateParams params_;
  double normPerDegree_;
  std::vector<Point> history_;  // ring, capacity fixed at construction
  std::size_t head_ = 0, size_ = 0;
  std::vector<float> speeds_;  // ring of recent speeds for the noise estimate
  std::size_t speedHead_ = 0, speedSize_ = 0;
  mutable std::vector<float> scratch_;
  std::uint64_t stableSinceUs_ = 0;
  bool stableRun_ = false;
  std::uint64_t lastClosedUs_ = 0;
  std::uint64_t lastUs_ = 0;
  double speed_ = 0;
  bool usable_[2] = {false, false};
};

}  // namespace drishti::host
