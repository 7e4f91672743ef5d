// CalibrationPattern: where the calibration and validation targets appear.
//
// Represents: an ordered list of target positions as fractions of the screen
// (0..1, origin top-left) for a 5-, 9- or 13-point calibration, and a separate
// set of validation points that no calibration pattern uses, so validation
// measures the fit between the points it was made on.
// The order starts at the centre and never jumps to a neighbour of the previous
// point, so the person cannot anticipate the next target by following a row.
// Plain value type.
#pragma once

#include <string>
#include <vector>

namespace drishti::host {

struct PatternPoint {
  double fx = 0.5;  // fraction of the screen width, 0 = left edge
  double fy = 0.5;  // fraction of the screen height, 0 = top edge
};

enum class PatternKind { kFive = 5, kNine = 9, kThirteen = 13 };

struct CalibrationPattern {
  PatternKind kind = PatternKind::kNine;
  std::vector<PatternPoint> points;      // calibration targets, in presentation order
  std::vector<PatternPoint> validation;  // validation targets, in presentation order

  // The standard pattern; `margin` is the fraction of the screen kept free at
  // each edge for the outer targets (0.02..0.3, clamped).
  static CalibrationPattern make(PatternKind kind, double margin = 0.05);
};

// Plain position name for a therapist: "top left", "centre", "middle right",
// "bottom centre"... from a point's screen fractions.
std::string positionName(const PatternPoint& p);

// kFive / kNine / kThirteen from 5, 9 or 13; false for any other count.
bool patternKindFromCount(int count, PatternKind& out);

}  // namespace drishti::host
