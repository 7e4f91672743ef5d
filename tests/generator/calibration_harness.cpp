#include "tests/generator/calibration_harness.h"

#include <cmath>

namespace drishti::gen {

HarnessResult runCalibrationHarness(const FaceGeometry& face, const HarnessParams& params) {
  HarnessResult out;
  GazeScene scene(params.scene);
  TrackerSimulator tracker(face, params.scene, params.noise);
  host::CalibrationProcedure proc(params.scene.screen, params.calibration);
  const auto latencyUs = static_cast<std::uint64_t>(params.latencyMs * 1000.0);
  // The host clock runs `latency` behind capture; both start well above zero.
  const std::uint64_t base = 10'000'000;
  proc.start(base + latencyUs);
  host::CalibrationView view = proc.view(base + latencyUs);
  bool stepped = false;
  while (proc.phase() == host::CalibrationPhase::kCalibrating ||
         proc.phase() == host::CalibrationPhase::kValidating) {
    if (!stepped && proc.phase() == host::CalibrationPhase::kValidating) {
      scene.moveHead(params.headStepMm[0], params.headStepMm[1], params.headStepMm[2]);
      stepped = true;
    }
    const bool shown = true;  // a calibration screen always shows its target
    const FrameTruth& truth = scene.step(shown, view.x, view.y);
    if (truth.tMs > params.limitMs)
      break;
    protocol::EyeSample s = tracker.sample(truth);
    s.captureUs += base;
    s.sendUs += base;
    const std::uint64_t now = s.captureUs + latencyUs;
    proc.addSample(s, now);
    proc.update(now);
    view = proc.view(now);
    ++out.frames;
  }
  out.sessionMs = scene.last().tMs;
  out.finished = proc.phase() == host::CalibrationPhase::kDone ||
                 proc.phase() == host::CalibrationPhase::kFailed;
  if (!proc.result())
    return out;
  out.ok = proc.result()->ok;
  out.report = proc.result()->report;
  out.model = proc.result()->model;
  for (const host::CalibrationReportPoint& p : out.report.points)
    if (p.kind == host::ReportPointKind::kValidation && p.measured)
      out.validationDeg.push_back(p.errorDeg);
  return out;
}

}  // namespace drishti::gen
