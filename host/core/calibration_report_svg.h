// calibrationReportSvg: the saved picture of a calibration, for the session file.
//
// Writes a standalone SVG (std only, no fonts embedded) of a CalibrationReport:
// the screen to scale, each target with a ring of one degree of visual angle
// around it for scale, the estimate of the person's gaze as a dot with the
// error vector from target to estimate (exaggerated errorScale times, said in
// the legend, because on a whole screen a one-degree error is a few pixels),
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
