// planScript: a generator script that follows the host's calibration plan.
//
// `drishti --calibration-plan N --screen WxH` prints when and where the host
// will show each calibration target when it runs with --follow-sample-clock
// (t_ms,x_px,y_px,phase; host/core/calibration_plan.h). This turns it into
// the targets the GazeScene person looks at: each row's point from its time
// to the next row's (a "move" row's point is where the target glides to:
// the person's eyes go ahead to it), after `delayMs` at the screen centre;
// then, optionally, "x_px,y_px,duration_ms[,closed_ms]" rows (e.g. the keys
// of a word; closed_ms > 0 holds the eyes shut that long from the row's start,
// a deliberate long blink, see GazeScene::closeEyesAt).
// Errors name the file and line. Pure std.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace drishti::gen {

struct PlannedTarget {
  double x = 0, y = 0;  // screen px
  double durationMs = 0;
  double closedMs = 0;  // eyes held shut this long from the start (0: open)
};

// A scripted closure's lids take this long to close (70 ms) and reopen (150 ms).
inline constexpr double kLidMovesMs = 220;

// Parses a plan CSV (text) and the optional follow-on rows; false with `error`.
bool planScript(std::string_view planCsv, std::string_view planName, std::string_view thenCsv,
                std::string_view thenName, double delayMs, double centreX, double centreY,
                std::vector<PlannedTarget>& out, std::string& error);

}  // namespace drishti::gen
