// runCalibrationHarness: the whole calibration, on generated truth, without a tracker.
//
// A GazeScene person follows the targets the real CalibrationProcedure draws
// (the scene is stepped with view().x/y each frame), a TrackerSimulator turns
// each frame's truth into the EyeSample the tracker would send, and the
// procedure calibrates and validates on it exactly as on the device. The
// result is the procedure's own report: per validation point the error of the
// median estimate, in degrees. This measures the fit and the procedure under
// a stated tracker noise; the full chain (rendered video -> real tracker ->
// host) replaces the simulator with the tracker when it exists.
#pragma once

#include <vector>

#include "host/core/calibration_procedure.h"
#include "tests/generator/face_geometry.h"
#include "tests/generator/gaze_scene.h"
#include "tests/generator/tracker_simulator.h"

namespace drishti::gen {

struct HarnessParams {
  SceneParams scene;
  TrackerNoise noise;
  host::CalibrationParams calibration;
  double latencyMs = 40;  // capture to arrival at the host
  // The head moves by this much (camera mm: x, y, z) when validation starts,
  // to measure head-pose compensation.
  double headStepMm[3] = {0, 0, 0};
  double limitMs = 180000;
};

struct HarnessResult {
  bool finished = false;  // the procedure reached kDone or kFailed
  bool ok = false;        // a model was fitted
  host::CalibrationReport report;
  host::GazeModel model;              // the fitted model (uncalibrated if !ok)
  std::vector<double> validationDeg;  // error per measured validation point
  int frames = 0;
  double sessionMs = 0;  // length of the calibration session
};

HarnessResult runCalibrationHarness(const FaceGeometry& face, const HarnessParams& params);

}  // namespace drishti::gen
