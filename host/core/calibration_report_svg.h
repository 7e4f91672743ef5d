// calibrationReportSvg: the saved picture of a calibration, for the session file.
//
// Writes a standalone SVG (std only, no fonts embedded) of a CalibrationReport:
// the screen to scale, and for each target the estimate of the person's gaze
// as a dot at the end of the error vector from the target, exaggerated
// errorScale times (on a whole screen a one-degree error is a few pixels),
// with a dashed ring showing one degree at that same scale, so an error line
// that leaves its ring is more than a degree off (the legend says so);
// failed points crossed out, points the fit left out in grey, and under it the
// grade, the validation figures and the advice. Calibration points are blue,
// validation points orange. Text is XML-escaped. Pure function.
// The live screen draws the same data through the host's DrawList instead.
#pragma once

#include <string>
#include <string_view>

#include "host/core/calibration_report.h"

namespace drishti::host {

struct CalibrationSvgOptions {
  double widthPx = 960;   // drawing width; height follows the screen's aspect
  double errorScale = 3;  // error vectors drawn this many times longer
};

std::string calibrationReportSvg(const CalibrationReport& report, std::string_view title,
                                 const CalibrationSvgOptions& options = {});

}  // namespace drishti::host
