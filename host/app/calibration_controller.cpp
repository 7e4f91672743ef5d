#include "host/app/calibration_controller.h"

#include "host/core/calibration_screen.h"

namespace drishti::app {

host::CalibrationParams calibrationParamsFor(const CalibrationRunOptions& options) {
  host::CalibrationParams p;
  host::PatternKind kind = host::PatternKind::kNine;
  if (host::patternKindFromCount(options.points, kind))
    p.pattern = kind;
  p.fixedSchedule = options.followSampleClock;
  p.fit.appearanceY = options.appearanceY;
  return p;
}

CalibrationController::CalibrationController(const host::CalibrationGeometry& geometry,
                                             CalibrationRunOptions options, SendCommand send)
    : geometry_(geometry), options_(options), send_(std::move(send)) {}

CalibrationController::~CalibrationController() = default;

std::uint64_t CalibrationController::clock(std::int64_t hostNowUs) const {
  if (options_.followSampleClock)
    return lastSampleUs_;
  return hostNowUs > 0 ? static_cast<std::uint64_t>(hostNowUs) : 0;
}

bool CalibrationController::showingResult() const {
  return active_ && procedure_ &&
         (procedure_->phase() == host::CalibrationPhase::kDone ||
          procedure_->phase() == host::CalibrationPhase::kFailed);
}

void CalibrationController::start(std::int64_t hostNowUs) {
  procedure_ =
      std::make_unique<host::CalibrationProcedure>(geometry_, calibrationParamsFor(options_));
  active_ = true;
  outcomeReady_ = false;
  outcome_.reset();
  resultSinceUs_ = 0;
  lastHostUs_ = hostNowUs;
  send_(protocol::CommandKind::kEnterCalibration);
  if (options_.followSampleClock)
    waitingForSample_ = true;  // procedure_->start() with the first sample's stamp
  else
    procedure_->start(clock(hostNowUs));
}

void CalibrationController::restart(std::int64_t hostNowUs) {
  if (active_)
    start(hostNowUs);
}

bool CalibrationController::redoPoint(int index, std::int64_t hostNowUs) {
  if (!showingResult() || !procedure_->recalibratePoint(index, clock(hostNowUs)))
    return false;
  resultSinceUs_ = 0;
  send_(protocol::CommandKind::kEnterCalibration);
  return true;
}

void CalibrationController::onSample(const protocol::EyeSample& sample, std::int64_t hostNowUs) {
  if (!active_)
    return;
  lastHostUs_ = hostNowUs;
  if (options_.followSampleClock) {
    if (sample.captureUs < lastSampleUs_)
      return;  // stamps never go back; an old sample is dropped
    lastSampleUs_ = sample.captureUs;
    if (waitingForSample_) {
      waitingForSample_ = false;
      procedure_->start(lastSampleUs_);
    }
  }
  procedure_->addSample(sample, clock(hostNowUs));
  update(hostNowUs);
}

void CalibrationController::update(std::int64_t hostNowUs) {
  if (!active_ || waitingForSample_)
    return;
  lastHostUs_ = hostNowUs;
  const std::uint64_t now = clock(hostNowUs);
  procedure_->update(now);
  switch (procedure_->phase()) {
    case host::CalibrationPhase::kDone:
    case host::CalibrationPhase::kFailed:
      if (resultSinceUs_ == 0) {
        resultSinceUs_ = now > 0 ? now : 1;
        send_(protocol::CommandKind::kLeaveCalibration);
      } else if (static_cast<double>(now - resultSinceUs_) >= options_.resultMs * 1000.0) {
        finish(procedure_->phase() == host::CalibrationPhase::kDone);
      }
      return;
    case host::CalibrationPhase::kCancelled:
      finish(false);
      return;
    default:
      return;
  }
}

void CalibrationController::accept() {
  if (showingResult())
    finish(procedure_->phase() == host::CalibrationPhase::kDone);
}

void CalibrationController::cancel() {
  if (!active_)
    return;
  if (procedure_ && !waitingForSample_ &&
      (procedure_->phase() == host::CalibrationPhase::kCalibrating ||
       procedure_->phase() == host::CalibrationPhase::kValidating)) {
    procedure_->cancel();  // a single-point redo returns to the finished result
    if (procedure_->phase() != host::CalibrationPhase::kCancelled) {
      resultSinceUs_ = 0;
      update(lastHostUs_);
      return;
    }
  }
  finish(false);
}

void CalibrationController::finish(bool use) {
  if (resultSinceUs_ == 0)
    send_(protocol::CommandKind::kLeaveCalibration);
  if (use && procedure_->result() && procedure_->result()->ok)
    outcome_ = *procedure_->result();
  active_ = false;
  outcomeReady_ = true;
}

bool CalibrationController::takeOutcome(std::optional<host::CalibrationResult>& out) {
  if (!outcomeReady_)
    return false;
  outcomeReady_ = false;
  out = std::move(outcome_);
  outcome_.reset();
  return true;
}

void CalibrationController::render(host::DrawList& out, std::uint32_t serial,
                                   const std::string& note) const {
  host::CalibrationScreenInput in;
  in.width = geometry_.widthPx;
  in.height = geometry_.heightPx;
  in.serial = serial;
  in.note = note;
  if (waitingForSample_ || !procedure_) {
    in.view.phase = host::CalibrationPhase::kCalibrating;
    in.view.x = 0.5 * geometry_.widthPx;
    in.view.y = 0.5 * geometry_.heightPx;
    in.view.radiusPx = 1.2 * geometry_.pxPerDegree();
    in.view.hint = host::CalibrationHint::kEyesNotSeen;
  } else if (showingResult()) {
    in.result = &*procedure_->result();
  } else {
    in.view = procedure_->view(clock(lastHostUs_));
  }
  host::renderCalibrationScreen(in, out);
}

}  // namespace drishti::app
