// Truth CSV: what the generator drew in each frame, one row per frame.
//
// Columns (px are frame pixels, origin top-left; "l" = image-left eye, the
// person's right; "r" = image-right eye; corners are the eye's image-left and
// image-right corners from the photo's landmarks, moved with the head):
//   frame, t_ms, target_shown, target_index, target_x, target_y (screen px),
//   gaze_x, gaze_y (screen px, where the eyes point, with fixational drift),
//   saccade (0/1), closure (0 open .. 1 lids closed),
//   l_iris_x, l_iris_y, l_corner_l_x, l_corner_l_y, l_corner_r_x, l_corner_r_y,
//   r_iris_x, r_iris_y, r_corner_l_x, r_corner_l_y, r_corner_r_x, r_corner_r_y,
//   head_x_mm, head_y_mm, head_z_mm (camera coordinates: x image right, y down,
//   z away from the camera), head_dx_px, head_dy_px, head_scale, iod_px,
//   head_roll_deg (in-plane, + = clockwise in the image; the face turns about
//   the point between the eyes, then shifts by head_dx/dy_px)
// Files from before head roll (29 columns, no head_roll_deg) still read, as roll 0.
// A header line names the columns; numbers have 4 decimals (0.0001 px).
// readTruthCsv rejects malformed input with "file:line: problem". std only.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tests/generator/face_geometry.h"
#include "tests/generator/gaze_scene.h"

namespace drishti::gen {

struct TruthRow {
  FrameTruth truth;
  int targetIndex = -1;  // position in the script, -1 when no target
  FaceInFrame face;      // where the irises and corners were drawn
};

std::string truthCsvHeader();
std::string truthCsvRow(const TruthRow& row);

// Parses a whole truth CSV; nullopt and `error` ("file:line: problem") if malformed.
std::optional<std::vector<TruthRow>> readTruthCsv(std::string_view text, const std::string& file,
                                                  std::string& error);

}  // namespace drishti::gen
