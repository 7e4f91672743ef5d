#include "tests/generator/face_geometry.h"

namespace drishti::gen {

FaceGeometry canonicalFace(int width, int height, double interocularPx, double interocularMm) {
  FaceGeometry f;
  f.imageWidth = width;
  f.imageHeight = height;
  f.pxPerMm = interocularPx / interocularMm;
  f.centre = {0.5 * width, 0.42 * height};
  const double w = 30 * f.pxPerMm, h = 11 * f.pxPerMm;
  for (int e = 0; e < 2; ++e) {
    EyeGeometry& g = f.eyes[static_cast<std::size_t>(e)];
    const double cx = f.centre.x + (e == 0 ? -0.5 : 0.5) * interocularPx;
    const double cy = f.centre.y;
    g.cornerLeft = {cx - 0.5 * w, cy + 0.05 * h};
    g.cornerRight = {cx + 0.5 * w, cy + 0.05 * h};
    // dlib order: outer/left corner, two upper lid points, right corner, two lower.
    g.polygon = {{{cx - 0.5 * w, cy + 0.05 * h},
                  {cx - 0.2 * w, cy - 0.45 * h},
                  {cx + 0.2 * w, cy - 0.45 * h},
                  {cx + 0.5 * w, cy + 0.05 * h},
                  {cx + 0.2 * w, cy + 0.5 * h},
                  {cx - 0.2 * w, cy + 0.5 * h}}};
    g.iris = {cx, cy};
    g.irisRadiusPx = 6 * f.pxPerMm;
  }
  return f;
}

}  // namespace drishti::gen

#include <cmath>

#include "tests/generator/gaze_scene.h"

namespace drishti::gen {

FaceInFrame placeFace(const FaceGeometry& face, const FrameTruth& truth, double distanceMm) {
  FaceInFrame f;
  f.scale = distanceMm / (distanceMm + truth.headZMm);
  f.rollDeg = truth.headRollDeg;
  f.shiftX = face.pxPerMm * f.scale * truth.headXMm;
  f.shiftY = face.pxPerMm * f.scale * truth.headYMm;
  for (std::size_t e = 0; e < 2; ++e) {
    const EyeGeometry& g = face.eyes[e];
    const Point2 iris = {g.iris.x + face.pxPerMm * truth.eyes[e].irisDxMm,
                         g.iris.y + face.pxPerMm * truth.eyes[e].irisDyMm};
    f.iris[e] = f.map(face, iris);
    f.cornerLeft[e] = f.map(face, g.cornerLeft);
    f.cornerRight[e] = f.map(face, g.cornerRight);
  }
  f.interocularPx = f.scale * std::hypot(face.eyes[1].iris.x - face.eyes[0].iris.x,
                                         face.eyes[1].iris.y - face.eyes[0].iris.y);
  return f;
}

}  // namespace drishti::gen
