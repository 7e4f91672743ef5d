#include "tests/generator/truth_csv.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace drishti::gen {

namespace {

// Files written before head roll have 29 columns (no head_roll_deg); they
// read as roll 0.
constexpr int kOldColumns = 29;
constexpr int kColumns = 30;

std::string oldHeader() {
  std::string h = truthCsvHeader();
  return h.substr(0, h.rfind(',')) + "\n";
}

}  // namespace

std::string truthCsvHeader() {
  return "frame,t_ms,target_shown,target_index,target_x,target_y,gaze_x,gaze_y,saccade,closure,"
         "l_iris_x,l_iris_y,l_corner_l_x,l_corner_l_y,l_corner_r_x,l_corner_r_y,"
         "r_iris_x,r_iris_y,r_corner_l_x,r_corner_l_y,r_corner_r_x,r_corner_r_y,"
         "head_x_mm,head_y_mm,head_z_mm,head_dx_px,head_dy_px,head_scale,iod_px,head_roll_deg\n";
}

std::string truthCsvRow(const TruthRow& r) {
  const FrameTruth& t = r.truth;
  const FaceInFrame& f = r.face;
  char buf[1024];
  std::snprintf(buf, sizeof buf,
                "%d,%.4f,%d,%d,%.4f,%.4f,%.4f,%.4f,%d,%.4f,"
                "%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,"
                "%.4f,%.4f,%.4f,%.4f,%.4f,%.6f,%.4f,%.4f\n",
                t.frame, t.tMs, t.targetShown ? 1 : 0, r.targetIndex, t.targetX, t.targetY, t.gazeX,
                t.gazeY, t.saccade ? 1 : 0, t.eyes[0].closure, f.iris[0].x, f.iris[0].y,
                f.cornerLeft[0].x, f.cornerLeft[0].y, f.cornerRight[0].x, f.cornerRight[0].y,
                f.iris[1].x, f.iris[1].y, f.cornerLeft[1].x, f.cornerLeft[1].y, f.cornerRight[1].x,
                f.cornerRight[1].y, t.headXMm, t.headYMm, t.headZMm, f.shiftX, f.shiftY, f.scale,
                f.interocularPx, t.headRollDeg);
  return buf;
}

std::optional<std::vector<TruthRow>> readTruthCsv(std::string_view text, const std::string& file,
                                                  std::string& error) {
  std::vector<TruthRow> rows;
  int line = 0;
  std::size_t pos = 0;
  const std::string header = truthCsvHeader();
  int columns = kColumns;
  while (pos < text.size()) {
    const std::size_t end = text.find('\n', pos);
    const std::string_view l =
        text.substr(pos, end == std::string_view::npos ? text.size() - pos : end - pos);
    pos = end == std::string_view::npos ? text.size() : end + 1;
    ++line;
    if (line == 1) {
      if (std::string(l) + "\n" == oldHeader()) {
        columns = kOldColumns;
      } else if (std::string(l) + "\n" != header) {
        error = file + ":1: not a truth CSV header";
        return std::nullopt;
      }
      continue;
    }
    if (l.empty())
      continue;
    double v[kColumns];
    int n = 0;
    std::size_t p = 0;
    while (p <= l.size()) {
      if (n == columns) {
        error = file + ":" + std::to_string(line) + ": more than " + std::to_string(columns) +
                " columns";
        return std::nullopt;
      }
      const std::size_t comma = l.find(',', p);
      const std::string_view field =
          l.substr(p, comma == std::string_view::npos ? l.size() - p : comma - p);
      const auto r = std::from_chars(field.data(), field.data() + field.size(), v[n]);
      if (r.ec != std::errc() || r.ptr != field.data() + field.size() || !std::isfinite(v[n])) {
        error = file + ":" + std::to_string(line) + ": column " + std::to_string(n + 1) +
                " is not a number";
        return std::nullopt;
      }
      ++n;
      if (comma == std::string_view::npos)
        break;
      p = comma + 1;
    }
    if (n != columns) {
      error = file + ":" + std::to_string(line) + ": expected " + std::to_string(columns) +
              " columns, found " + std::to_string(n);
      return std::nullopt;
    }
    TruthRow r;
    FrameTruth& t = r.truth;
    t.frame = static_cast<int>(v[0]);
    t.tMs = v[1];
    t.targetShown = v[2] != 0;
    r.targetIndex = static_cast<int>(v[3]);
    t.targetX = v[4];
    t.targetY = v[5];
    t.gazeX = v[6];
    t.gazeY = v[7];
    t.saccade = v[8] != 0;
    t.eyes[0].closure = t.eyes[1].closure = v[9];
    FaceInFrame& f = r.face;
    for (int e = 0; e < 2; ++e) {
      const int b = 10 + 6 * e;
      f.iris[static_cast<std::size_t>(e)] = {v[b], v[b + 1]};
      f.cornerLeft[static_cast<std::size_t>(e)] = {v[b + 2], v[b + 3]};
      f.cornerRight[static_cast<std::size_t>(e)] = {v[b + 4], v[b + 5]};
    }
    t.headXMm = v[22];
    t.headYMm = v[23];
    t.headZMm = v[24];
    f.shiftX = v[25];
    f.shiftY = v[26];
    f.scale = v[27];
    f.interocularPx = v[28];
    t.headRollDeg = f.rollDeg = columns > kOldColumns ? v[29] : 0;
    rows.push_back(r);
  }
  if (line == 0) {
    error = file + ": empty";
    return std::nullopt;
  }
  return rows;
}

}  // namespace drishti::gen
