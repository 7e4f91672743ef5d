// calibrationPlan: when and where a fixed-schedule calibration shows its targets.
//
// Represents: the schedule CalibrationProcedure follows with
// params.fixedSchedule, as rows a video generator can render from (the
// eyes of a generated face look where the host will show the targets):
//   t_ms   time from the start of the calibration (the first sample)
//   x_px, y_px   the target (screen px, origin top-left)
//   phase  "move": the target starts gliding to (x, y), arriving moveMs later;
//          "calibration" / "validation": it rests at (x, y) until the next row;
//          "end": the last target goes away.
// Validation rows are listed although the procedure shows them only when the
// fit succeeded. Pure functions.
#pragma once

#include <string>
#include <vector>

#include "host/core/calibration_procedure.h"

namespace drishti::host {

struct CalibrationPlanRow {
  double tMs = 0;
  double x = 0, y = 0;
  std::string phase;
};

std::vector<CalibrationPlanRow> calibrationPlan(const CalibrationGeometry& geometry,
                                                const CalibrationParams& params);

// "t_ms,x_px,y_px,phase" and one line per row.
std::string formatCalibrationPlan(const std::vector<CalibrationPlanRow>& rows);

}  // namespace drishti::host
