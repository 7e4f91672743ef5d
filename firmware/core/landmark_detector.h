// 68-point facial landmarks (dlib / iBUG 300-W layout).
#pragma once

#include <array>
#include <istream>
#include <memory>
#include <opencv2/core.hpp>

#include "firmware/core/face_detector.h"
#include "firmware/core/face_shape.h"

namespace dlib {
class shape_predictor;
}

namespace drishti::core {

// LandmarkDetector: dlib's ensemble-of-regression-trees shape predictor
// (Kazemi & Sullivan 2014) run inside a FaceBox.
// Requires: a serialized dlib shape_predictor with 68 parts, provided by the
//           caller as a stream (e.g. shape_predictor_68_face_landmarks.dat);
//           8-bit grey image; a FaceBox from FaceDetector (any roll).
// Ensures:  68 points in input-image pixels. Rolled faces are processed on an
//           upright resampled crop and mapped back. Thread-safe for const use
//           except for the internal crop buffer: one object per thread.
class LandmarkDetector {
 public:
  explicit LandmarkDetector(std::istream& model);
  ~LandmarkDetector();
  LandmarkDetector(LandmarkDetector&&) noexcept;
  LandmarkDetector& operator=(LandmarkDetector&&) noexcept;

  FaceShape detect(const cv::Mat& grey, const FaceBox& face);

  // The loaded model, for FaceTracker / TrackingPipeline (which share it).
  const dlib::shape_predictor& predictor() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace drishti::core
