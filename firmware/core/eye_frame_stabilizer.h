// EyeFrameStabilizer: the eye corners the pupil is measured against, held in
// the face's own frame so that they do not lean with the gaze.
#pragma once

#include <array>
#include <cstdint>

#include "firmware/core/face_shape.h"

namespace drishti::core {

// EyeFrameStabilizer
// Represents: the two corners of one eye as a per-session estimate in the
//   frame of the nose. Each frame a similarity fitted to the nose landmarks
//   (27-35: bridge, tip and nostrils, which neither the eyes nor the lids
//   move) maps the landmark corners into the frame of the first face seen;
//   there they are averaged over a long time (holdMs), and the average is
//   mapped back into this frame's pixels by the similarity with its scale
//   averaged over scaleMs and its rotation through a One Euro filter (Casiez
//   et al. 2012: a low-pass whose cutoff rises with the speed of the roll, so
//   that it smooths a still head and does not trail a rolling one).
//   Why: across a whole screen the pupil moves only about a quarter of an eye
//   width, and the landmark model places the eye corners partly by the iris,
//   so they lean with the gaze (on rendered video by 0.01-0.03 eye widths
//   horizontally and vertically, a fifth of the pupil's travel) and jitter by
//   a pixel or so. A filter in the image frame cannot remove the lean (a
//   fixation lasts longer than any cutoff that still follows the head) and
//   lags behind the head's motion, which the pupil does not; in the nose's
//   frame the corners move only with expression and out-of-plane head turns,
//   so a long average is right, and the head's motion is carried by the nose.
//   When the corners in the nose's frame settle somewhere else for longer
//   than a moment (a head turn the similarity cannot model, a new person),
//   the average starts over from there: that is when a short average
//   (followMs) moves more than relocateEyeWidths from the long one. Both are
//   plain means of the frames seen until they span their time constants.
//   The nose's own jitter reaches the corners through the similarity (in the
//   unit test 0.25 px rms is left, against 1.4 px of lean and jitter raw),
//   multiplied by the corners' distance from the nose: hence the filters.
//   A plain average of the rotation (100 ms) trailed the generator's rolling
//   head (up to 11 degrees/s) by a degree, which turned the corners about
//   the nose by 0.03 eye widths (docs/BENCHMARKS.md, "Head roll").
// Requires: tMs non-decreasing; the eye contour and face shape in one pixel
//   frame (the face shape the contour came from).
// Ensures: corners 0 and 3 of `eye` replaced by the held estimate (the lid
//   points are left alone); the first call after reset(), and the first after
//   a gap of more than maxGapMs, pass the corners through and start over; a
//   degenerate face (nose landmarks collapsed, eye narrower than 2 px) passes
//   through without changing the state; no allocation; not thread-safe.
class EyeFrameStabilizer {
 public:
  struct Params {
    float holdMs = 30000.f;  // time constant of the long average (ms)
    float followMs = 500.f;  // time constant of the short average (ms)
    // Short and long averages further apart than this (eye widths): start over.
    float relocateEyeWidths = 0.06f;
    float maxGapMs = 500.f;  // a longer gap between frames starts over (ms)
    // Time constant (ms) of the average of the similarity's scale; its
    // translation (the noses' centroids) is taken every frame. 0: the
    // frame's own scale.
    float scaleMs = 300.f;
    // The One Euro filter of the similarity's rotation: cutoff (Hz) while
    // the head is still, its rise per degree/second of roll, and the cutoff
    // of the roll's speed estimate (Hz). rollMinCutoffHz 0: the frame's own
    // rotation.
    float rollMinCutoffHz = 1.f;
    float rollBetaHzPerDegS = 1.f;
    float rollSpeedCutoffHz = 1.f;
  };

  EyeFrameStabilizer() = default;
  explicit EyeFrameStabilizer(const Params& p) : params_(p) {}

  void apply(double tMs, const FaceShape& face, EyeContour& eye);
  void reset() { primed_ = false; }

 private:
  static constexpr std::size_t kAnchors = 9;  // nose landmarks 27-35
  using Anchors = std::array<cv::Point2f, kAnchors>;
  static Anchors anchorsOf(const FaceShape& face);

  Params params_;
  bool primed_ = false;
  double lastMs_ = 0;
  Anchors reference_{};                  // the nose of the first face, pixels
  std::array<cv::Point2f, 2> held_{};    // corners 0 and 3, long average, reference frame
  std::array<cv::Point2f, 2> recent_{};  // the same, short average
  std::uint32_t frames_ = 0;             // frames in the averages since they started
  float scale_ = 1.f;                    // averaged scale into the reference frame
  float rollDeg_ = 0.f;                  // filtered rotation into it (degrees)
  float rollSpeed_ = 0.f;                // filtered speed of that rotation (degrees/s)
};

}  // namespace drishti::core
