// SimulatedEyes: a person's eyes on the screen, as the tracker would see them.
//
// Represents: the eye movements of a simulated user (UserParams), frame by
// frame at the tracker's rate: saccades with a latency and main-sequence
// duration (undershooting long ones, then correcting), fixations that land
// a little off the aimed point, spontaneous blinks at a rate that depends on
// the task, and deliberate blinks. Each frame goes to an EyeListener as the
// tracker would report it once mapped to the screen: the gaze point with the
// tracker's error (a smooth calibration error field over the screen plus
// white jitter, TrackerErrorParams) or "no gaze" while the lids are closed;
// a completed blink is reported when the eyes open again, with its duration.
// Time is µs of the simulation's clock, starting at startUs. Deterministic
// for a seed. Not thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <random>

#include "host/core/calibration_geometry.h"
#include "host/sim/user_params.h"

namespace drishti::sim {

class EyeListener {
 public:
  virtual ~EyeListener() = default;
  // One tracker frame at tUs: the mapped gaze point (px) or valid = false.
  virtual void onFrame(std::int64_t tUs, bool valid, double x, double y) = 0;
  // A blink that ended at tUs after durationMs.
  virtual void onBlink(std::int64_t tUs, std::uint32_t durationMs) = 0;
};

enum class EyeTask : std::uint8_t { kRest, kSpelling, kReading };

class SimulatedEyes {
 public:
  SimulatedEyes(const UserParams& user, const TrackerErrorParams& tracker,
                const host::CalibrationGeometry& screen, std::uint64_t seed, EyeListener& listener,
                std::int64_t startUs);

  std::int64_t now() const { return nowUs_; }
  void setTask(EyeTask task) { task_ = task; }
  double pxPerDegree() const { return pxPerDeg_; }

  // Looks at (x, y) px: reaction latency, then the saccade(s); returns when
  // the eyes have landed. Landing adds the human aim scatter.
  void lookAt(double x, double y);
  // A quick shift of the aim by (dx, dy) px within the current fixation
  // (a small corrective saccade, no latency beyond the main sequence).
  void nudge(double dx, double dy);
  // Holds the fixation for ms (spontaneous blinks may happen).
  void hold(double ms);
  // Holds until done() (checked every frame) or maxMs; returns done().
  bool holdUntil(const std::function<bool()>& done, double maxMs);
  // A deliberate blink of durationMs.
  void blink(double durationMs);

  double aimX() const { return aimX_; }
  double aimY() const { return aimY_; }

  // Random draws in the user's habits.
  double logNormal(double median, double sdLog);
  double normal(double mean, double sd);
  bool chance(double p);

 private:
  void frame(double x, double y, bool canBlinkSpontaneously);
  void closedFrames(double durationMs);
  void fieldError(double x, double y, double& ex, double& ey) const;
  double blinkRate() const;

  UserParams user_;
  TrackerErrorParams tracker_;
  host::CalibrationGeometry screen_;
  double pxPerDeg_;
  std::mt19937_64 rng_;
  EyeListener& listener_;
  std::int64_t nowUs_;
  std::int64_t frameUs_;
  EyeTask task_ = EyeTask::kSpelling;
  double eyeX_, eyeY_;  // where the eye points now, px
  double aimX_, aimY_;  // where the current fixation rests
  // The smooth error field: constant + linear terms, px.
  double field_[6] = {};
  double jitterPx_ = 0;
};

}  // namespace drishti::sim
