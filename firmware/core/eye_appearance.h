// The eye's appearance as a coarse grid of intensity sums: a second,
// image-based gaze cue next to the pupil's position.
#pragma once

#include <array>
#include <opencv2/core.hpp>

namespace drishti::core {

// EyeAppearance
// Represents: the eye region between its two corners as kRows x kCols sums of
//   grey levels, normalised to sum 1 (row-major, top row first, image-left
//   column first; "top" is the side of the upper lid for an upright face).
//   The feature of Lu, Sugano, Okabe and Sato, "Adaptive Linear Regression for
//   Appearance-Based Gaze Estimation", IEEE TPAMI 36(10):2033, 2014 (3 x 5
//   sums of the eye image cropped at the corners, normalised to sum 1); after
//   Tan, Kriegman and Ahuja, WACV 2002. It sees the iris and the lids, both
//   of which move with a vertical look, where the pupil's centre alone is
//   clipped by the lids (docs/BENCHMARKS.md, "An appearance feature for the
//   vertical gaze").
// Ensures: valid == false and all cells 0 when the corners are less than
//   2 px apart or not finite.
struct EyeAppearance {
  static constexpr int kRows = 3;
  static constexpr int kCols = 5;
  static constexpr int kSize = kRows * kCols;
  bool valid = false;
  std::array<float, kSize> cells{};
};

// EyeAppearanceSampler: measures EyeAppearance of one eye per call.
// The region spans spanWidth eye widths along the corner axis and spanHeight
// across it, centred on the corners' midpoint, axis along the corner line (so
// head roll and scale are normalised by the corners given, e.g. the held
// corners of EyeFrameStabilizer); it is resampled to samplesPerEye samples
// per eye width (area-averaged when the eye is larger, image_sampling.h) and
// the samples summed per cell.
// Requires: grey CV_8UC1, corners in its pixels; the region may leave the
//   image (clamped to the border).
// Ensures: no heap allocation per call once constructed; not thread-safe.
class EyeAppearanceSampler {
 public:
  struct Options {
    float spanWidth = 1.0f;   // eye widths: the corners themselves
    float spanHeight = 0.6f;  // eye widths: both lids and the skin next to them
    int samplesPerEye = 30;   // grid samples per eye width
  };

  EyeAppearanceSampler();
  explicit EyeAppearanceSampler(const Options& opt);

  EyeAppearance measure(const cv::Mat& grey, cv::Point2f leftCorner, cv::Point2f rightCorner);

  const Options& options() const { return opt_; }

 private:
  Options opt_;
  cv::Mat patch_;  // CV_32F, rows x cols of samples, sized at construction
};

}  // namespace drishti::core
