// GazeRefiner: from a raw gaze point on the screen to the point selection uses.
//
// Represents: the steps between the calibrated gaze model and the access
// methods, all in screen px on the tracker's capture clock:
//   raw point -> One Euro filter (steady on a key, quick on a saccade)
//             -> bounded drift correction (learned from confirmed selections)
//             -> fixation detection: while the eyes hold a fixation, the point
//                given out is the fixation's centroid (the mean of its last
//                centroidMs), so dwell sees one steady point instead of every
//                sample's jitter; between fixations, the filtered point.
// Both the app (through CalibratedGazeMapper) and the simulated user
// (host/sim) use this, so what the simulation measures is what the device does.
// observeSelection() teaches the drift correction from the fixation that
// selected a key (its centroid against the key's centre).
// Ensures: refine() allocates nothing and never throws; every output is
// finite. Not thread-safe.
#pragma once

#include <cstdint>

#include "host/core/drift_corrector.h"
#include "host/core/fixation_detector.h"
#include "host/core/one_euro_filter.h"

namespace drishti::host {

struct GazeRefinerParams {
  // drishti-simulate (dwell 600 ms, 1 degree) types faster with a lighter
  // filter (1.0 Hz, 0.1 per deg/s: 5.8-6.9 wpm against 4.6-6.5), but with
  // fixation-gated dwell it fails the noisy (3.2 degree) e2e calibration
  // test: kept at OneEuroParams' defaults until that is understood.
  OneEuroParams filter;
  DriftParams drift;
  bool driftCorrection = true;
  FixationParams fixation;
  bool fixationGaze = true;  // give the fixation centroid while fixating
};

class GazeRefiner {
 public:
  GazeRefiner(const GazeRefinerParams& params, double pxPerDegree);

  // A raw point (px) measured at tUs; false for non-finite input.
  bool refine(std::uint64_t tUs, double x, double y, double& outX, double& outY);
  // No gaze at tUs (eyes closed, unsure): lets the fixation end after its gap.
  void noGaze(std::uint64_t tUs);
  // A confirmed selection of a key centred at (keyX, keyY) px, at tUs: the
  // current (or just ended) fixation's centroid is where the person looked.
  // Returns whether the drift correction used it.
  bool observeSelection(std::uint64_t tUs, double keyX, double keyY);
  // The same with a centroid measured on the refined gaze.
  bool observeSelection(std::uint64_t tUs, double fixX, double fixY, double keyX, double keyY);
  void reset();

  const Fixation& fixation() const { return fixations_.current(); }
  // The fixation the last refined point belongs to, as InputEvent::fixation:
  // its id (> 0) while one is going on, else 0.
  std::int32_t fixationId() const;

  void driftOffset(std::uint64_t tUs, double& dx, double& dy) const { drift_.offset(tUs, dx, dy); }
  const GazeRefinerParams& params() const { return params_; }

 private:
  GazeRefinerParams params_;
  OneEuroFilter filter_;
  DriftCorrector drift_;
  FixationDetector fixations_;
};

}  // namespace drishti::host
