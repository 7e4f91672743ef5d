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
// With saccadeRestart (on by default, see below), saccades restart the
// chain (as I-VT/I-DT based devices do): when the last few raw points all
// sit beyond what the tracker's noise explains from the filtered point
// before them, the eyes have moved; the filter and the fixation start again
// from those points (the mean of those near their median), so the refined
// point is on the new key about 100 ms after landing instead of gliding
// there for half a second, and a held key stays as steady as before.
// setPrecision() (the calibration's measured precision) scales the jump
// threshold and the fixation radius to the tracker's noise.
// Both the app (through CalibratedGazeMapper) and the simulated user
// (host/sim) use this, so what the simulation measures is what the device does.
// holdSelection() and settleSelections() teach the drift correction from the
// fixation that selected a key (its centroid against the key's centre), once
// the person has kept the character the key typed (HeldSelections) and only
// if the uncorrected gaze was on the key: the one way the device learns.
// Ensures: refine() allocates nothing and never throws; every output is
// finite. Not thread-safe.
#pragma once

#include <cstdint>

#include "host/core/drift_corrector.h"
#include "host/core/fixation_detector.h"
#include "host/core/held_selections.h"
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
  // Saccade restart (above): the mean of the last saccadeSamples raw points
  // must lie further than max(saccadeMinDeg, saccadeNoiseSigmas x the RMS
  // error of such a mean) from the filtered point before them, and each point
  // further than half that. 3 points is 100 ms at 30 Hz; with 1 degree of
  // precision the threshold is 2.3 degrees (a key is about 3.4), and noise
  // alone passes it about exp(-16) of the frames: a false restart would put
  // the point that far off the key the eyes hold.
  // On by default (profile: gaze.saccade_restart): drishti-simulate measured
  // it about 0.4 s a key faster than the glide, with the dwell reading guard
  // keeping reading false selections at 0-0.1 a minute (docs/BENCHMARKS.md,
  // "Simulated user").
  bool saccadeRestart = true;
  int saccadeSamples = 3;  // 1..kMaxSaccadeSamples
  double saccadeMinDeg = 1.5;
  double saccadeNoiseSigmas = 4.0;
  // After a restart the point is the plain mean of the samples since the
  // saccade (its noise falls as 1/sqrt(n)) for this long, then the filter
  // goes on from it.
  double landingMeanMs = 500;
  // The fixation radius is at least this times the measured precision
  // (degrees RMS): a 2-3 degree tracker's fixations must not break on its noise.
  double fixationRadiusPerPrecision = 1.0;

  bool operator==(const GazeRefinerParams&) const = default;
};

class GazeRefiner {
 public:
  static constexpr int kMaxSaccadeSamples = 8;

  GazeRefiner(const GazeRefinerParams& params, double pxPerDegree);

  // The precision the calibration measured (RMS radial spread of single
  // samples, degrees; 0 = unknown): scales the saccade threshold and the
  // fixation radius. Ignored unless finite and >= 0.
  void setPrecision(double deg);
  double precisionDeg() const { return precisionDeg_; }
  // Saccade restarts so far (for tests and benchmarks).
  std::uint64_t saccadeRestarts() const { return restarts_; }

  // A raw point (px) measured at tUs; false for non-finite input.
  bool refine(std::uint64_t tUs, double x, double y, double& outX, double& outY);
  // No gaze at tUs (eyes closed, unsure): lets the fixation end after its gap.
  void noGaze(std::uint64_t tUs);
  // A key (centre keyX, keyY; half sizes halfW, halfH; px) that typed a
  // character (or a space) was selected at tUs; the text is then `textSize`
  // bytes long. What the fixation that chose it says is held until its word
  // is finished with it still typed (HeldSelections), and only if that
  // fixation lies on the key without the correction: a key the correction
  // moved the gaze onto teaches nothing.
  void holdSelection(std::uint64_t tUs, double keyX, double keyY, double halfW, double halfH,
                     std::size_t textSize);
  // After any selection (which did `boundary` to the text; the text is then
  // `textSize` bytes long): the held selections it confirms teach the drift
  // correction (at tUs), those it removed are dropped (HeldSelections::settle).
  // Returns how many the correction used.
  int settleSelections(std::uint64_t tUs, std::size_t textSize, TextBoundary boundary);
  std::size_t heldSelections() const { return held_.size(); }
  void reset();

  const Fixation& fixation() const { return fixations_.current(); }
  // The fixation the last refined point belongs to, as InputEvent::fixation:
  // its id (> 0) while one is going on, else 0.
  std::int32_t fixationId() const;

  // The drift correction for the whole screen (px); the gaze at a point
  // also gets the local part (DriftCorrector::offsetAt).
  void driftOffset(std::uint64_t tUs, double& dx, double& dy) const { drift_.offset(tUs, dx, dy); }
  const GazeRefinerParams& params() const { return params_; }

 private:
  struct Raw {
    std::uint64_t t;
    double x, y;
    double fx, fy;  // the filtered point before this sample
  };
  // Whether the raw points ending with the newest show a saccade; if so where
  // the eyes landed in (mx, my) and how many points that averages.
  bool saccade(double& mx, double& my, int& count) const;
  double jumpPx() const;

  GazeRefinerParams params_;
  double pxPerDegree_;
  double precisionDeg_ = 0;
  Raw raw_[kMaxSaccadeSamples] = {};
  int rawHead_ = 0, rawSize_ = 0;
  bool haveFiltered_ = false;
  double lastFx_ = 0, lastFy_ = 0;  // filtered point (before drift) of the last sample
  std::uint64_t restarts_ = 0;
  // Since the last restart: its time and the sum of the points.
  std::uint64_t landedUs_ = 0;
  double landSumX_ = 0, landSumY_ = 0;
  int landCount_ = 0;  // 0: not averaging
  OneEuroFilter filter_;
  DriftCorrector drift_;
  HeldSelections held_;
  FixationDetector fixations_;
};

}  // namespace drishti::host
