// CalibrationController: a calibration run inside the app.
//
// Represents: one calibration from the moment it is asked for (--calibrate,
// or F9, the caregiver/therapist key) until its result is used or dropped.
// It tells the tracker to enter calibration mode (Command over the wire) and
// to leave it at the end, feeds the tracker's EyeSamples to the
// CalibrationProcedure, and shows the targets and then the result
// (calibration_screen.h). On the result screen the therapist uses it
// (Enter), calibrates again (R), redoes one point (1-9) or cancels (Esc);
// without a key, a result with a model is used after resultMs and one
// without is dropped.
// Clocks: normally the procedure runs on the host's monotonic clock; with
// followSampleClock it runs a fixed schedule (calibration_plan.h) on the
// tracker's capture clock, starting at the first sample that arrives after
// start(), so recorded video can be made to look where the targets will be.
// Not thread-safe: the app's main thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "firmware/protocol/messages.h"
#include "host/core/calibration_procedure.h"
#include "host/core/draw_list.h"

namespace drishti::app {

struct CalibrationRunOptions {
  int points = 9;                  // 5, 9 or 13
  bool followSampleClock = false;  // fixed schedule on the samples' capture clock
  double resultMs = 5000;          // result shown this long before it is used or dropped
  bool appearanceY = false;        // the profile's calibration.appearance_y
};

// How the calibration parameters follow from the run options.
host::CalibrationParams calibrationParamsFor(const CalibrationRunOptions& options);

class CalibrationController {
 public:
  using SendCommand = std::function<void(protocol::CommandKind)>;

  CalibrationController(const host::CalibrationGeometry& geometry, CalibrationRunOptions options,
                        SendCommand send);
  ~CalibrationController();

  void start(std::int64_t hostNowUs);
  bool active() const { return active_; }
  bool showingResult() const;

  void onSample(const protocol::EyeSample& sample, std::int64_t hostNowUs);
  void update(std::int64_t hostNowUs);

  // Therapist keys on the result screen (and Esc at any time).
  void accept();
  void restart(std::int64_t hostNowUs);
  bool redoPoint(int index, std::int64_t hostNowUs);
  void cancel();

  // Once the run is over: the result to use (with a model), or nullopt if
  // it was dropped or cancelled. Returns false while the run goes on or
  // after the outcome was taken.
  bool takeOutcome(std::optional<host::CalibrationResult>& out);

  void render(host::DrawList& out, std::uint32_t serial, const std::string& note) const;
  const host::CalibrationGeometry& geometry() const { return geometry_; }

 private:
  std::uint64_t clock(std::int64_t hostNowUs) const;
  void finish(bool use);

  host::CalibrationGeometry geometry_;
  CalibrationRunOptions options_;
  SendCommand send_;
  std::unique_ptr<host::CalibrationProcedure> procedure_;
  bool active_ = false;
  bool waitingForSample_ = false;  // followSampleClock: the schedule starts at the next sample
  std::uint64_t lastSampleUs_ = 0;
  std::int64_t lastHostUs_ = 0;
  std::uint64_t resultSinceUs_ = 0;  // procedure clock; 0 = no result shown yet
  bool outcomeReady_ = false;
  std::optional<host::CalibrationResult> outcome_;
};

}  // namespace drishti::app
