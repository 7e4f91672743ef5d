// Synthetic eyes with known geometry for the tracking-core unit tests: a grey
// image of one eye (skin, lids, sclera, iris, pupil, optional glint) and the
// six landmarks a perfect landmark detector would give for it.
#pragma once

#include <opencv2/core.hpp>

#include "firmware/core/face_shape.h"

namespace drishti::test {

struct EyeDrawing {
  cv::Size image{200, 120};
  cv::Point2f centre{100.f, 60.f};   // midpoint of the corners, px
  float width = 60.f;                // corner to corner, px
  float opening = 1.f;               // lid opening: 1 = a typical open eye, 0 = closed
  cv::Point2f irisOffset{0.f, 0.f};  // iris centre - eye centre, in eye widths
  float irisRadius = 0.2f;           // eye widths
  float pupilRatio = 0.4f;           // pupil radius / iris radius
  bool glint = false;                // a small specular reflection beside the pupil
  bool infrared = false;             // IR look: bright skin and iris, dark pupil
  double noiseSigma = 3.0;           // grey levels
};

struct RenderedEye {
  cv::Mat grey;              // CV_8UC1
  core::EyeContour contour;  // dlib order, on the drawn lids
  cv::Point2f pupil;         // true pupil centre, px
};

RenderedEye renderEye(const EyeDrawing& d);

}  // namespace drishti::test
