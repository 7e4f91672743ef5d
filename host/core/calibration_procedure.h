// CalibrationProcedure: the calibration screen as a state machine.
//
// Represents: one calibration session. It shows the targets of a 5-, 9- or
// 13-point pattern one after another (the target glides from the previous
// point, then shrinks to draw the eye to its centre), keeps the samples in
// which the eye holds still on the target (CalibrationSampleGate: no saccade,
// no blink, eye seen), fits the gaze model, then shows separate validation
// targets and reports the error at each (CalibrationCollector). A point
// without a steady fixation by pointTimeoutMs is retried once at the end, and
// reported as failed if it fails again. When the eyes jump by more than
// relocateDeg in the middle of collecting (the person arrived late from the
// previous target, having rested on it), the samples before the jump are
// dropped: the later fixation is the one drawn by the target. If the later
// fixation then ends too short to count (a replayed video's fixed schedule,
// or a timeout) while the earlier one was long enough, the earlier one is
// put back instead of failing the point. After a
// session, recalibratePoint()
// redoes one point and refits, keeping the rest.
//
// Time: `nowUs` is the caller's monotonic clock (the same for update and
// addSample), used for animation and timeouts; the samples' captureUs is used
// only for intervals between samples (speeds, blink guard). A caller that
// follows recorded input passes the samples' captureUs as nowUs and sets
// params.fixedSchedule, so the targets appear exactly when a plan said.
// The UI calls update() every frame and draws view(); the input thread's
// samples arrive through addSample() on the same thread (not thread-safe).
// Allocates per point, not per sample once a point's buffer has grown.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "firmware/protocol/messages.h"
#include "host/core/calibration_collector.h"

namespace drishti::host {

struct CalibrationParams {
  PatternKind pattern = PatternKind::kNine;
  // Screen fraction kept free at each edge. The targets must reach the keys
  // the person will use: on a board of up to 10 keys per row (and the
  // 1/16-of-the-height navigation row) the outer key centres lie 5-7% from the
  // edges, so at 10% the corner keys were outside the calibrated area and
  // their gaze an extrapolation (docs/BENCHMARKS.md, "The whole chain").
  double marginFraction = 0.05;
  bool validate = true;          // show validation targets after the fit
  double moveMs = 600;           // target glides from the previous point
  double shrinkMs = 800;         // then shrinks from outer to inner radius
  double targetOuterDeg = 1.2;   // target radius while moving, degrees
  double targetInnerDeg = 0.3;   // after shrinking
  double settleMs = 250;         // samples ignored after arrival (reaction + saccade)
  double relocateDeg = 2.5;      // a saccade this large during collection: start again
  int minSamples = 10;           // a point needs this many steady samples
  int maxSamples = 40;           // and stops at this many
  double collectMs = 1000;       // or this long after its first steady sample
  double pointTimeoutMs = 5000;  // without minSamples by then: point failed
  int retries = 1;               // times a failed point is shown again at the end
  // A fixed schedule: every target glides for moveMs, then stays exactly
  // pointMs, whatever was collected; no retries. For recorded input (a
  // replayed video cannot look again), with time from the samples' clock;
  // calibrationPlan() (calibration_plan.h) lists the schedule in advance.
  bool fixedSchedule = false;
  double pointMs = 1600;
  CalibrationGateParams gate;
  GazeFitParams fit;
  GazeModelParams model;
  CalibrationQualityParams quality;
};

enum class CalibrationPhase : std::uint8_t {
  kIdle,         // not started
  kCalibrating,  // showing calibration targets
  kValidating,   // showing validation targets
  kDone,         // result() holds a model and report
  kFailed,       // result() holds the report saying why; no usable model
  kCancelled,
};

enum class TargetStep : std::uint8_t { kMoving, kCollecting };

// What the user is doing wrong right now, for a live hint on the screen.
enum class CalibrationHint : std::uint8_t { kNone, kEyesNotSeen, kEyesClosed, kEyesMoving };

// Everything a UI needs to draw the current frame.
struct CalibrationView {
  CalibrationPhase phase = CalibrationPhase::kIdle;
  TargetStep step = TargetStep::kMoving;
  ReportPointKind kind = ReportPointKind::kCalibration;
  int index = 0;         // target index within its kind
  int number = 0;        // 1-based position in this run's sequence
  int count = 0;         // targets in this run's sequence
  double x = 0, y = 0;   // target centre, px
  double radiusPx = 0;   // target radius, px
  double animation = 0;  // 0..1 within the step (glide, then shrink)
  double progress = 0;   // 0..1 samples collected at this target
  CalibrationHint hint = CalibrationHint::kNone;
};

struct CalibrationResult {
  bool ok = false;  // a model was fitted (see report.grade for how good)
  GazeModel model;
  CalibrationReport report;
};

class CalibrationProcedure {
 public:
  CalibrationProcedure(const CalibrationGeometry& geometry, const CalibrationParams& params = {});

  void start(std::uint64_t nowUs);
  // Redoes calibration point `index` (0-based) after a finished session and
  // refits; false if there is no finished session or no such point.
  bool recalibratePoint(int index, std::uint64_t nowUs);
  // Stops the session (kCancelled). Cancelling a single-point recalibration
  // instead puts the point's earlier samples back and returns to the finished
  // session's result (kDone or kFailed).
  void cancel();

  void update(std::uint64_t nowUs);
  void addSample(const protocol::EyeSample& sample, std::uint64_t nowUs);

  CalibrationPhase phase() const { return phase_; }
  CalibrationView view(std::uint64_t nowUs) const;
  // The outcome, once phase() is kDone or kFailed.
  const std::optional<CalibrationResult>& result() const { return result_; }
  const CalibrationCollector& collector() const { return collector_; }

 private:
  struct Step {
    ReportPointKind kind;
    int index;
  };
  void beginSequence(std::vector<Step> steps, CalibrationPhase phase, std::uint64_t nowUs);
  void beginTarget(std::uint64_t nowUs);
  void finishTarget(bool success, std::uint64_t nowUs);
  void endSequence(std::uint64_t nowUs);
  void finish();
  bool relocated(const Step& st, const protocol::EyeSample& sample) const;
  double elapsedMs(std::uint64_t fromUs, std::uint64_t nowUs) const;

  CalibrationGeometry geometry_;
  CalibrationParams params_;
  CalibrationCollector collector_;
  CalibrationSampleGate gate_;
  CalibrationPhase phase_ = CalibrationPhase::kIdle;
  std::vector<Step> steps_;
  std::size_t current_ = 0;
  std::vector<int> failed_;  // calibration points that failed in this sequence
  int retriesLeft_ = 0;
  bool singlePoint_ = false;  // recalibrating one point
  TargetStep step_ = TargetStep::kMoving;
  std::uint64_t stepStartUs_ = 0;
  std::uint64_t firstSteadyUs_ = 0;  // now of the point's first steady sample (0: none)
  std::uint64_t lastSteadyUs_ = 0;
  GateVerdict lastVerdict_ = GateVerdict::kSettling;
  bool movedSinceSteady_ = false;  // a saccade since the last steady sample
  // The samples a relocation dropped at this target (put back if the later
  // fixation falls short of minSamples).
  std::vector<protocol::EyeSample> beforeJump_;
  double fromX_ = 0, fromY_ = 0;  // where the target glides from
  // Recalibrating one point: its previous samples, restored if the retry fails.
  std::vector<protocol::EyeSample> backup_;
  PointRefusals backupRefused_;
  std::optional<CalibrationResult> result_;
};

}  // namespace drishti::host
