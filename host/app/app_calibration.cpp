// DrishtiApp: calibration (screens, tracker commands, storage) and the
// gaze mapper's drift correction from confirmed selections.
#include <SDL2/SDL.h>

#include <chrono>
#include <ctime>
#include <sstream>

#include "firmware/protocol/frame_codec.h"
#include "host/app/app_log.h"
#include "host/app/calibration_controller.h"
#include "host/app/drishti_app.h"
#include "host/app/udp_receiver.h"
#include "host/app/unix_socket_receiver.h"
#include "host/core/calibration_report_svg.h"
#include "host/core/calibration_store.h"
#include "host/core/gaze_model_mapper.h"
#include "host/core/host_session.h"
#include "host/core/wire_input.h"

namespace drishti::app {
namespace {

std::string isoNow() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm local{};
  localtime_r(&now, &local);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &local);
  return buf;
}

void logSummary(const host::CalibrationReport& report) {
  std::istringstream lines(host::formatCalibrationSummary(report));
  for (std::string line; std::getline(lines, line);)
    if (!line.empty())
      logLine("calibration: " + line);
}

}  // namespace

host::CalibrationGeometry DrishtiApp::screenGeometry() const {
  const host::Profile& p = session_->profile();
  host::CalibrationGeometry g;
  g.widthPx = options_.width;
  g.heightPx = options_.height;
  g.widthMm = p.screenWidthMm;
  g.heightMm = p.screenHeightMm;
  g.distanceMm = p.viewingDistanceMm;
  return g;
}

void DrishtiApp::loadCalibration() {
  if (options_.stateDir.empty())
    return;
  const host::CalibrationStore store(options_.stateDir / "calibrations");
  const host::LoadedCalibration loaded = store.loadLatest(session_->profileName());
  for (const host::CalibrationProblem& p : loaded.problems)
    logLine(p.describe());
  for (const host::CalibrationProblem& p : loaded.warnings)
    logLine(p.describe());
  // The therapist sees it too, in plain words, on the status line (and the
  // session logs it as a problem).
  if (const std::string notice = host::calibrationLoadNotice(loaded); !notice.empty())
    session_->notice(notice);
  if (!loaded.record)
    return;
  const host::CalibrationGeometry& g = loaded.record->model.geometry();
  if (g.widthPx != options_.width || g.heightPx != options_.height) {
    logLine(loaded.path.string() + ": made for a " + std::to_string(g.widthPx) + "x" +
            std::to_string(g.heightPx) + " screen, not " + std::to_string(options_.width) + "x" +
            std::to_string(options_.height) + "; calibrate again (F9)");
    session_->notice("The calibration of this profile was made for a " + std::to_string(g.widthPx) +
                     "x" + std::to_string(g.heightPx) +
                     " screen and is not used on this one: please calibrate (F9).");
    return;
  }
  gazeMapper_->setModel(loaded.record->model);
  gazeMapper_->setPrecision(loaded.record->report.summary.precisionDeg);
  session_->setGazePrecision(static_cast<float>(loaded.record->report.summary.precisionDeg),
                             static_cast<float>(g.pxPerDegree()));
  logLine("calibration loaded from " + loaded.path.string() + " (" +
          host::gradeName(loaded.record->report.grade) + ")");
}

bool DrishtiApp::sendCommand(protocol::CommandKind kind) {
  protocol::Command c;
  c.seq = ++commandSeq_;
  c.sendUs = static_cast<std::uint64_t>(std::max<std::int64_t>(0, lastEventUs_));
  c.kind = kind;
  std::vector<std::uint8_t> frame(protocol::kMaxFrameSize);
  frame.resize(protocol::encodeFrame(protocol::Message{c}, frame));
  bool sent = false;
  std::string why;
  for (WireReceiver* r :
       {static_cast<WireReceiver*>(udp_.get()), static_cast<WireReceiver*>(unix_.get())}) {
    std::string error;
    if (r != nullptr && r->sendToTracker(frame, error))
      sent = true;
    else if (r != nullptr)
      why += (why.empty() ? "" : "; ") + error;
  }
  const char* what = kind == protocol::CommandKind::kEnterCalibration ? "enter" : "leave";
  // Until the tracker has been heard there is nowhere to send to: the enter
  // command is sent again when it is (frame()).
  enterPending_ = kind == protocol::CommandKind::kEnterCalibration && !sent;
  if (sent)
    logLine(std::string("told drishti-tracker to ") + what + " calibration mode");
  else if (!enterPending_ || wireInput_->heard())
    logLine(std::string("could not tell drishti-tracker to ") + what + " calibration mode" +
            (why.empty() ? "" : ": " + why));
  return sent;
}

void DrishtiApp::startCalibration(std::int64_t nowUs, int points) {
  CalibrationRunOptions run;
  run.points = points > 0 ? points : static_cast<int>(session_->profile().calibrationPoints);
  run.followSampleClock = options_.followSampleClock;
  run.appearanceY = session_->profile().calibrationAppearanceY;
  calibration_ = std::make_unique<CalibrationController>(
      screenGeometry(), run, [this](protocol::CommandKind k) { sendCommand(k); });
  calibrationNote_.clear();
  ++calibrationSerial_;
  logLine("calibration: " + std::to_string(run.points) + " points" +
          (run.followSampleClock ? ", on the tracker's clock" : ""));
  calibration_->start(nowUs);
}

bool DrishtiApp::calibrationKey(const SDL_Event& e, std::int64_t nowUs) {
  if (calibration_ == nullptr || !calibration_->active() || e.type != SDL_KEYDOWN ||
      e.key.repeat != 0)
    return false;
  const SDL_Scancode key = e.key.keysym.scancode;
  if (key == SDL_SCANCODE_ESCAPE) {
    calibration_->cancel();
  } else if (key == SDL_SCANCODE_RETURN || key == SDL_SCANCODE_KP_ENTER) {
    calibration_->accept();
  } else if (key == SDL_SCANCODE_R) {
    ++calibrationSerial_;
    calibration_->restart(nowUs);
  } else if (key >= SDL_SCANCODE_1 && key <= SDL_SCANCODE_9) {
    if (calibration_->redoPoint(key - SDL_SCANCODE_1, nowUs))
      ++calibrationSerial_;
  } else {
    return false;
  }
  return true;
}

void DrishtiApp::calibrationFinished(const std::optional<host::CalibrationResult>& result) {
  if (!result) {
    logLine("calibration: not used; the gaze keeps its previous calibration" +
            std::string(gazeMapper_->calibrated() ? "" : " (none)"));
    return;
  }
  logSummary(result->report);
  gazeMapper_->setModel(result->model);
  gazeMapper_->setPrecision(result->report.summary.precisionDeg);
  session_->setGazePrecision(static_cast<float>(result->report.summary.precisionDeg),
                             static_cast<float>(result->model.geometry().pxPerDegree()));
  host::CalibrationRecord record;
  record.profile = session_->profileName();
  record.created = isoNow();
  record.model = result->model;
  record.report = result->report;
  const std::string svg = host::calibrationReportSvg(
      record.report, "Calibration of " + record.profile + ", " + record.created);
  if (!options_.calibrationReport.empty()) {
    const std::string error = host::writeCalibrationFileAtomically(options_.calibrationReport, svg);
    logLine(error.empty() ? "calibration report: " + options_.calibrationReport.string() : error);
  }
  if (options_.stateDir.empty()) {
    logLine("calibration: used for this run only (nothing is kept: --no-state)");
    return;
  }
  host::CalibrationStore store(options_.stateDir / "calibrations");
  std::filesystem::path saved;
  const std::string error = store.save(record, svg, &saved);
  logLine(error.empty() ? "calibration saved: " + saved.string() : error);
}

void DrishtiApp::learnFromSelection(const host::SessionEvent& selected) {
  // A key chosen by pointing says where the person looked: its centre. It
  // teaches the drift correction once the person has kept what it typed
  // (HeldSelections); every selection (Delete, Clear, Space...) settles what
  // is held. The session has applied the selection by now: the text is the
  // text after it.
  if (!gazeMapper_->calibrated())
    return;
  const std::size_t textSize = session_->text().size();
  gazeMapper_->settleSelections(lastCaptureUs_, textSize, host::boundaryOf(selected));
  if (!host::methodNeedsGaze(session_->method()) || mouseIsGaze(lastEventUs_) ||
      !host::selectionShowsGaze(selected))
    return;
  const host::Rect& r = selected.keyRect;
  gazeMapper_->holdSelection(lastCaptureUs_, r.x + 0.5 * r.w, r.y + 0.5 * r.h, 0.5 * r.w, 0.5 * r.h,
                             textSize);
}

}  // namespace drishti::app
