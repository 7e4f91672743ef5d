#include "host/core/calibration_geometry.h"

#include <cmath>
#include <numbers>

namespace drishti::host {

namespace {

constexpr double kDegPerRad = 180.0 / std::numbers::pi;

bool positiveFinite(double v) {
  return std::isfinite(v) && v > 0;
}

}  // namespace

bool CalibrationGeometry::valid() const {
  return widthPx > 0 && heightPx > 0 && positiveFinite(widthMm) && positiveFinite(heightMm) &&
         positiveFinite(distanceMm) && distanceMm >= 100;
}

double CalibrationGeometry::pxPerDegree() const {
  const double mmPerDegree = distanceMm * std::tan(1.0 / kDegPerRad);
  return mmPerDegree * 0.5 * (pxPerMmX() + pxPerMmY());
}

double CalibrationGeometry::angleDeg(double ax, double ay, double bx, double by) const {
  // Vectors from the eye to each point, in mm, eye on the normal through the centre.
  const double axm = (ax - 0.5 * widthPx) / pxPerMmX();
  const double aym = (ay - 0.5 * heightPx) / pxPerMmY();
  const double bxm = (bx - 0.5 * widthPx) / pxPerMmX();
  const double bym = (by - 0.5 * heightPx) / pxPerMmY();
  const double d = distanceMm;
  // atan2(|a x b|, a.b) stays accurate for tiny angles, unlike acos.
  const double cx = aym * d - d * bym;
  const double cy = d * bxm - axm * d;
  const double cz = axm * bym - aym * bxm;
  const double cross = std::sqrt(cx * cx + cy * cy + cz * cz);
  const double dot = axm * bxm + aym * bym + d * d;
  return std::atan2(cross, dot) * kDegPerRad;
}

void CalibrationGeometry::directionDeg(double x, double y, double& xDeg, double& yDeg) const {
  xDeg = std::atan2((x - 0.5 * widthPx) / pxPerMmX(), distanceMm) * kDegPerRad;
  yDeg = std::atan2((y - 0.5 * heightPx) / pxPerMmY(), distanceMm) * kDegPerRad;
}

}  // namespace drishti::host
