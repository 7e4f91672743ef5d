// A finished calibration of a synthetic viewer, for tests of what comes after
// (files, store, report). Test helper.
#pragma once

#include <cstdio>
#include <span>
#include <string>

#include "firmware/protocol/checksum.h"
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

// A calibration file's `text` up to its crc32 line (all of it if none), then
// `extra`, sealed with a correct checksum: as if the device had written it,
// so tests reach the checks below the checksum.
inline std::string resealCalibration(const std::string& text, const std::string& extra = {}) {
  std::string out = text.substr(0, text.rfind("crc32 = ")) + extra;
  char crc[16];
  std::snprintf(crc, sizeof crc, "%08x",
                static_cast<unsigned>(protocol::crc32(std::span<const std::uint8_t>(
                    reinterpret_cast<const std::uint8_t*>(out.data()), out.size()))));
  return out + "crc32 = " + crc + "\n";
}

}  // namespace drishti::test
