#include "host/core/calibration_plan.h"

#include <cstdio>

#include "host/core/calibration_collector.h"

namespace drishti::host {

std::vector<CalibrationPlanRow> calibrationPlan(const CalibrationGeometry& geometry,
                                                const CalibrationParams& params) {
  const CalibrationCollector targets(
      geometry, CalibrationPattern::make(params.pattern, params.marginFraction));
  std::vector<CalibrationPlanRow> rows;
  double t = 0;
  double lastX = 0.5 * geometry.widthPx, lastY = 0.5 * geometry.heightPx;
  const auto show = [&](const std::vector<CalibrationTarget>& list, const char* phase) {
    for (const CalibrationTarget& c : list) {
      rows.push_back({t, c.x, c.y, "move"});
      t += params.moveMs;
      rows.push_back({t, c.x, c.y, phase});
      t += params.pointMs;
      lastX = c.x;
      lastY = c.y;
    }
  };
  show(targets.calibrationTargets(), "calibration");
  if (params.validate)
    show(targets.validationTargets(), "validation");
  rows.push_back({t, lastX, lastY, "end"});
  return rows;
}

std::string formatCalibrationPlan(const std::vector<CalibrationPlanRow>& rows) {
  std::string out = "t_ms,x_px,y_px,phase\n";
  char line[128];
  for (const CalibrationPlanRow& r : rows) {
    std::snprintf(line, sizeof line, "%.0f,%.1f,%.1f,%s\n", r.tMs, r.x, r.y, r.phase.c_str());
    out += line;
  }
  return out;
}

}  // namespace drishti::host
