// CalibrationGeometry: the screen and where the person's eyes are, in mm.
//
// Represents: a screen of widthPx x heightPx pixels that measures widthMm x
// heightMm, watched from distanceMm straight in front of its centre (the
// therapist enters these in the profile). Everything calibration reports in
// degrees of visual angle is converted here, once, from these numbers.
// Coordinates: screen px, origin top-left, y down.
// Ensures: when valid(), every conversion is finite. Plain value type.
#pragma once

namespace drishti::host {

struct CalibrationGeometry {
  int widthPx = 1920;
  int heightPx = 1080;
  double widthMm = 527;  // a 24" 16:9 monitor
  double heightMm = 296;
  double distanceMm = 600;  // eyes to screen, along the screen's normal

  // All sizes positive and finite, distance at least 100 mm.
  bool valid() const;

  double pxPerMmX() const { return widthPx / widthMm; }
  double pxPerMmY() const { return heightPx / heightMm; }

  // Pixels per degree of visual angle at the screen centre (mean of x and y).
  double pxPerDegree() const;

  // Visual angle, in degrees, between two screen points seen from the eye
  // position (distanceMm in front of the screen centre). Exact, not linearised.
  double angleDeg(double ax, double ay, double bx, double by) const;

  // Offset of the eye-screen direction from straight ahead, in degrees, for a
  // screen point: positive x right, positive y down (as the person sees it).
  void directionDeg(double x, double y, double& xDeg, double& yDeg) const;

  bool operator==(const CalibrationGeometry&) const = default;
};

}  // namespace drishti::host
