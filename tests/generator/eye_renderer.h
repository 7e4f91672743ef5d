// EyeRenderer: frames of a real face whose irises look where the truth says.
//
// Draws each frame from a FacePhoto: the photo with its irises painted out,
// each iris texture drawn at its displaced position (sub-pixel, bilinear)
// and clipped by the eye opening, the upper lid lowered by the blink's
// closure (skin from above the eye, a dark lash line on its edge), then the
// whole image moved and scaled by the head's motion, lit by a slowly varying
// brightness with a side-light gradient, and given Gaussian sensor noise.
// Returns where everything landed (FaceInFrame), which is the truth written
// next to the video. Buffers are allocated on the first frame and reused.
// Not thread-safe; deterministic for a given seed.
#pragma once

#include <array>
#include <cstdint>
#include <opencv2/core.hpp>

#include "tests/generator/face_photo.h"
#include "tests/generator/gaze_scene.h"

namespace drishti::gen {

struct RenderParams {
  double sensorNoise = 3.0;         // 1 sigma per channel, grey levels
  double lightingAmplitude = 0.12;  // slow brightness change, fraction of the photo's
  double lightingPeriodMs = 9000;
  double sideLight = 0.08;  // slow left-right gradient, fraction
  std::uint64_t seed = 3;
};

class EyeRenderer {
 public:
  EyeRenderer(const FacePhoto& photo, const SceneParams& scene, const RenderParams& params);

  // Renders `truth` into `frame` (BGR, the photo's size).
  FaceInFrame render(const FrameTruth& truth, cv::Mat& frame);

 private:
  void drawEye(int e, const FrameTruth& truth);

  const FacePhoto& photo_;
  SceneParams scene_;
  RenderParams params_;
  cv::RNG rng_;
  cv::Mat canvas_, warped_, noise_, gainRow_, gainMap_, lit_;
  std::array<cv::Mat, 2> masks_;  // eye openings in the photo, computed once
};

}  // namespace drishti::gen
