// The naive baseline of `drishti-lab bench`: the common open-source pattern
// the tracking core exists to beat, built into the same binary and run on the
// same frames.
#pragma once

#include <dlib/image_processing/frontal_face_detector.h>
#include <dlib/image_processing/shape_predictor.h>

#include <opencv2/core.hpp>
#include <vector>

namespace drishti::lab {

// NaiveTracker: per frame, grey conversion, dlib's HOG frontal face detector on
// the whole frame (no upsampling), 68 landmarks in the largest face, and per
// eye an Otsu-thresholded bounding box of the eye landmarks whose dark-pixel
// centroid is the pupil.
// Requires: the predictor outlives the tracker; BGR or grey 8-bit frames.
// Ensures: process() returns whether a face was found; pupils() the last
//   centres. Not thread-safe.
class NaiveTracker {
 public:
  explicit NaiveTracker(const dlib::shape_predictor& predictor);
  bool process(const cv::Mat& frame);
  const cv::Point2f* pupils() const { return pupils_; }

 private:
  const dlib::shape_predictor& predictor_;
  dlib::frontal_face_detector detector_;
  cv::Mat grey_, binary_;
  cv::Point2f pupils_[2];
};

}  // namespace drishti::lab
