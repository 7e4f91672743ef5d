// AppearanceDriftMonitor: holds an eye's appearance y off while its cells are
// not what calibration saw.
//
// Represents: per eye, the mean over the last `window` samples of the part of
// the cells outside the span of the calibration points' cells
// (GazeModel::appearanceOutsideOf, in units of the calibration's own
// leave-one-point-out distance from that span); its length is the eye's
// drift. A mean, so that the samples' noise averages out as it did in the
// points' mean cells while a steady change of the cells stays. When the
// drift exceeds `limit` the eye is held off: the gaze model takes its y from
// the pupil alone (GazeModel::predict's appearanceEyes) until the drift falls
// below `resume` x limit. A lamp to one side after calibration moves the
// cells out of that span and the blend's y off (docs/BENCHMARKS.md, "Eye
// cells under a light gradient"); the pupil's y is then the safer cue, and
// the change is the therapist's cue to calibrate again.
// Ensures: observe() allocates nothing and never throws. Not thread-safe.
#pragma once

#include <array>

#include "host/core/gaze_model.h"

namespace drishti::host {

class AppearanceDriftMonitor {
 public:
  static constexpr int kMaxWindow = 64;
  struct Params {
    int window = 30;      // samples (1 s at 30 Hz), 1..kMaxWindow
    double limit = 1.0;   // drift above this: held off
    double resume = 0.8;  // ... until the drift is below resume x limit
  };

  AppearanceDriftMonitor() = default;
  explicit AppearanceDriftMonitor(const Params& params);

  // One sample's part outside the span for eye 0 (image-left) or 1; returns
  // whether that eye's appearance is held off after it. Non-finite parts are
  // skipped.
  bool observe(int eye, const AppearanceCells& outside);
  // Bit e set: eye e's appearance may be blended (not held off).
  unsigned appearanceEyes() const { return (held_[0] ? 0u : 1u) | (held_[1] ? 0u : 2u); }
  bool heldOff(int eye) const { return held_[static_cast<std::size_t>(eye & 1)]; }
  // The eye's drift over the last full window (-1 before one).
  double drift(int eye) const { return drift_[static_cast<std::size_t>(eye & 1)]; }
  // Forgets everything (a new calibration).
  void reset();

 private:
  Params params_;
  std::array<std::array<AppearanceCells, kMaxWindow>, 2> ring_{};
  std::array<int, 2> count_{}, next_{};
  std::array<bool, 2> held_{};
  std::array<double, 2> drift_{-1, -1};
};

}  // namespace drishti::host
