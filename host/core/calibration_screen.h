// renderCalibrationScreen: the calibration and its result, as a DrawList.
//
// Represents: what the screen shows while CalibrationProcedure runs (the
// target: a white disc that glides, then shrinks onto a red centre, with a
// ring filling as samples are kept; "point 3 of 9"; a plain hint when the
// eyes are not seen, closed or moving) and afterwards the result for the
// therapist (grade, validation figures, advice, each target with where the
// gaze was measured, and what the keys do). Screen names "calibration" and
// "calibration-result". Pure function; allocates only as the DrawList grows.
#pragma once

#include <string>

#include "host/core/calibration_procedure.h"
#include "host/core/draw_list.h"

namespace drishti::host {

struct CalibrationScreenInput {
  CalibrationView view;                       // while running
  const CalibrationResult* result = nullptr;  // when finished (phase kDone / kFailed)
  int width = 1280;                           // logical px
  int height = 800;
  std::string note;  // e.g. where the calibration was saved, or what went wrong
  std::uint32_t serial = 0;
};

void renderCalibrationScreen(const CalibrationScreenInput& in, DrawList& out);

}  // namespace drishti::host
