// FaceGeometry: where the eyes are in a face photo, as the generator needs it.
//
// Represents: for each eye of one still face image (index 0 = image-left eye,
// the person's right eye, dlib landmarks 36-41; index 1 = image-right eye,
// landmarks 42-47) its two corners and the eye opening polygon (the six
// landmarks), the centre and radius of the iris as the photo shows it (the
// "rest" position: the person is assumed to look at the camera), and the
// image scale in px per mm derived from the distance between the two iris
// centres taken as interocularMm. Units: image px, origin top-left.
// canonicalFace() gives a plausible face without any photo, for unit tests
// and the fit harness. Plain value type; std only.
#pragma once

#include <array>
#include <cmath>

namespace drishti::gen {

struct Point2 {
  double x = 0, y = 0;
};

struct EyeGeometry {
  Point2 cornerLeft;                // image-left corner (landmark 36 or 42)
  Point2 cornerRight;               // image-right corner (landmark 39 or 45)
  std::array<Point2, 6> polygon{};  // eye opening, landmarks in dlib order
  Point2 iris;                      // iris centre at rest, px
  double irisRadiusPx = 0;
};

struct FaceGeometry {
  int imageWidth = 0, imageHeight = 0;
  std::array<EyeGeometry, 2> eyes{};
  double pxPerMm = 0;  // image scale at the eyes
  Point2 centre;       // between the eyes, px (head motion scales about it)
};

// A frontal face with irises `interocularPx` apart in a width x height image,
// average adult proportions (eye opening 30 mm x 11 mm, iris radius 6 mm).
FaceGeometry canonicalFace(int width = 1280, int height = 720, double interocularPx = 110,
                           double interocularMm = 63);

}  // namespace drishti::gen

namespace drishti::gen {

struct FrameTruth;

// The face as it appears in one generated frame: the photo's geometry moved
// by the head (rotation by the roll and scale distance / (distance + z), both
// about the face centre, then translation pxPerMm * (x, y)) and each iris
// displaced by the eye's rotation.
struct FaceInFrame {
  double scale = 1;               // head-distance scale
  double shiftX = 0, shiftY = 0;  // px
  double rollDeg = 0;             // + = clockwise in the image
  std::array<Point2, 2> iris{};
  std::array<Point2, 2> cornerLeft{}, cornerRight{};
  double interocularPx = 0;  // between the iris centres at rest, after scaling
  // Maps a photo point into the frame.
  Point2 map(const FaceGeometry& face, Point2 p) const {
    const double a = rollDeg * (3.14159265358979323846 / 180);
    const double c = scale * std::cos(a), s = scale * std::sin(a);
    const double dx = p.x - face.centre.x, dy = p.y - face.centre.y;
    return {face.centre.x + c * dx - s * dy + shiftX, face.centre.y + s * dx + c * dy + shiftY};
  }
};

FaceInFrame placeFace(const FaceGeometry& face, const FrameTruth& truth, double distanceMm);

}  // namespace drishti::gen
