// EyeFrameStabilizer: steadies the eye corners that the pupil is measured
// against.
#pragma once

#include <array>

#include "firmware/core/face_shape.h"

namespace drishti::core {

// EyeFrameStabilizer
// Represents: an adaptive low-pass filter (the One Euro filter of Casiez,
//   Roussel & Vogel, CHI 2012) on the two corners of one eye, in eye widths.
//   Why: across a whole screen the iris moves only about a quarter of an eye
//   width, so landmark jitter of a pixel at the corners is several degrees of
//   gaze; the corners move only with the head, so they may be smoothed hard
//   while still and followed at once when the head moves.
// Requires: tMs non-decreasing; corners in one pixel frame.
// Ensures: corners 0 and 3 of `eye` replaced by their filtered positions
//   (the lid points are left alone); the first call after reset() passes
//   through; no allocation; not thread-safe.
class EyeFrameStabilizer {
 public:
  struct Params {
    float minCutoffHz = 1.0f;  // cutoff while the head is still
    float beta = 4.0f;         // cutoff gain, Hz per (eye width / s) of corner speed
    float derivCutoffHz = 1.0f;
  };

  EyeFrameStabilizer() = default;
  explicit EyeFrameStabilizer(const Params& p) : params_(p) {}

  void apply(double tMs, EyeContour& eye);
  void reset() { primed_ = false; }

 private:
  Params params_;
  bool primed_ = false;
  double lastMs_ = 0;
  std::array<float, 4> value_{};  // x0, y0, x3, y3
  std::array<float, 4> deriv_{};
};

}  // namespace drishti::core
