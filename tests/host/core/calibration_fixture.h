// A finished calibration of a synthetic viewer, for tests of what comes after
// (files, store, report). Test helper.
#pragma once

#include "host/core/calibration_format.h"
#include "host/core/calibration_procedure.h"
#include "tests/host/core/synthetic_viewer.h"

namespace drishti::test {

// Runs a whole calibration at 30 fps with a viewer who looks at the target
// as it is drawn (no latency) and returns its record.
inline host::CalibrationRecord makeCalibrationRecord(
    const std::string& profile = "Anna", host::PatternKind kind = host::PatternKind::kNine,
    double noiseNorm = 0.004) {
  SyntheticViewer viewer;
  viewer.noiseNorm = noiseNorm;
  host::CalibrationParams params;
  params.pattern = kind;
  host::CalibrationProcedure proc(viewer.geometry, params);
  std::uint64_t now = 1'000'000;
  proc.start(now);
  while (proc.phase() == host::CalibrationPhase::kCalibrating ||
         proc.phase() == host::CalibrationPhase::kValidating) {
    const host::CalibrationView v = proc.view(now);
    protocol::EyeSample s = viewer.look(v.x, v.y);
    s.captureUs = now;
    proc.addSample(s, now);
    now += 33'333;
    proc.update(now);
  }
  host::CalibrationRecord rec;
  rec.profile = profile;
  rec.created = "2025-03-01T10:15:00";
  rec.model = proc.result()->model;
  rec.report = proc.result()->report;
  return rec;
}

}  // namespace drishti::test
