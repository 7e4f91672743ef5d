#include "host/core/calibration_pattern.h"

#include <algorithm>

namespace drishti::host {

CalibrationPattern CalibrationPattern::make(PatternKind kind, double margin) {
  const double m = std::clamp(margin, 0.02, 0.3);
  const double lo = m, mid = 0.5, hi = 1.0 - m;
  const double qlo = 0.5 * (lo + mid), qhi = 0.5 * (mid + hi);  // quadrant centres
  CalibrationPattern p;
  p.kind = kind;
  switch (kind) {
    case PatternKind::kFive:
      p.points = {{mid, mid}, {lo, lo}, {hi, hi}, {hi, lo}, {lo, hi}};
      break;
    case PatternKind::kNine:
      p.points = {{mid, mid}, {lo, lo}, {hi, mid}, {mid, hi}, {hi, lo},
                  {lo, mid},  {hi, hi}, {mid, lo}, {lo, hi}};
      break;
    case PatternKind::kThirteen:
      p.points = {{mid, mid}, {lo, lo}, {hi, mid},  {mid, hi},  {hi, lo},   {lo, mid}, {hi, hi},
                  {mid, lo},  {lo, hi}, {qhi, qhi}, {qlo, qlo}, {qhi, qlo}, {qlo, qhi}};
      break;
  }
  // Validation points lie between the calibration points of every pattern.
  const double v1 = lo + 0.3 * (mid - lo), v2 = hi - 0.3 * (hi - mid);
  p.validation = {{v1, 0.5 * (lo + v1)},
                  {v2, 0.5 * (lo + v1)},
                  {0.42, 0.58},
                  {0.5 * (lo + v1), v2},
                  {v2, v2 + 0.3 * (hi - v2)}};
  return p;
}

std::string positionName(const PatternPoint& p) {
  const char* row = p.fy < 1.0 / 3 ? "top" : (p.fy > 2.0 / 3 ? "bottom" : "middle");
  const char* col = p.fx < 1.0 / 3 ? "left" : (p.fx > 2.0 / 3 ? "right" : "centre");
  const std::string r(row), c(col);
  if (r == "middle" && c == "centre")
    return "centre";
  return r + " " + c;
}

bool patternKindFromCount(int count, PatternKind& out) {
  switch (count) {
    case 5:
      out = PatternKind::kFive;
      return true;
    case 9:
      out = PatternKind::kNine;
      return true;
    case 13:
      out = PatternKind::kThirteen;
      return true;
    default:
      return false;
  }
}

}  // namespace drishti::host
