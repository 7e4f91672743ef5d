// EyeRenderer: frames of a real face whose irises look where the truth says.
//
// Draws each frame from a FacePhoto: the photo with its irises painted out,
// each iris texture drawn at its displaced position (sub-pixel, bilinear)
// and clipped by the eye opening, which moves with the gaze (the lids follow
// the iris vertically, the skin around them stretching), the upper lid lowered
// by the blink's closure (skin from above the eye, a dark lash line on its edge), then the
// whole image moved, rolled and scaled by the head's motion, lit by a slowly varying
// brightness with a side-light gradient (optionally a step change of
// gain and gradient part-way through), and given Gaussian sensor noise.
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
  // A step change of the light from lightChangeMs on (negative: none), as a
  // lamp switched on or the daylight moving would give: the whole frame's
  // gain multiplied by lightChangeGain, and a further left-right gradient
  // across the face, fixed in the frame (a lamp to one side): gain 1 - g one
  // interocular distance left of the photo's face centre (about the face's
  // edge), 1 + g one to its right, linear between, flat beyond. Multiplied
  // into the slow variation above (whose gradient spans the whole image).
  double lightChangeMs = -1;
  double lightChangeGain = 1.0;
  double lightChangeGradient = 0.0;
  // How far the lid margins move per pixel of the iris's vertical
  // displacement (at the middle of the opening; nothing at the corners).
  // Upper: real upper lids follow vertical eye movements closely in amplitude
  // (Becker and Fuchs, J Neurophysiol 60:1227, 1988), taken here as 1:1.
  // Lower: it moves a little, in the same direction; 0.25 is an assumption.
  double lidFollowUpper = 1.0;
  double lidFollowLower = 0.25;
  std::uint64_t seed = 3;
};

class EyeRenderer {
 public:
  EyeRenderer(const FacePhoto& photo, const SceneParams& scene, const RenderParams& params);

  // Renders `truth` into `frame` (BGR, the photo's size).
  FaceInFrame render(const FrameTruth& truth, cv::Mat& frame);

  // Eye `e`'s opening as drawn for `truth`, in photo px (before the head's
  // motion): the photo's landmarks 36-41 / 42-47 with the upper lid's two
  // points (1, 2) and the lower lid's (4, 5) moved with the gaze.
  std::array<Point2, 6> opening(int e, const FrameTruth& truth) const;

 private:
  // How far the upper and lower lid margins move (px, + = down) at column x.
  void lidShift(int e, const FrameTruth& truth, double x, double& dUp, double& dLow) const;

  void drawEye(int e, const FrameTruth& truth);

  const FacePhoto& photo_;
  SceneParams scene_;
  RenderParams params_;
  cv::RNG rng_;
  cv::Mat canvas_, warped_, noise_, gainRow_, gainMap_, lit_;
  std::array<cv::Mat, 2> masks_;  // eye openings in the photo, computed once
};

}  // namespace drishti::gen
