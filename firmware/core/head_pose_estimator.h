// Head pose from the 68 landmarks: a generic 3-D face model fitted to the
// image points by minimising the reprojection error (perspective-n-point).
#pragma once

#include <array>
#include <opencv2/core.hpp>

#include "firmware/core/face_shape.h"
#include "firmware/core/tracking_params.h"

namespace drishti::core {

// HeadPose
// Represents: the head's orientation and position relative to the camera.
// Units and signs (those of protocol::HeadPose): yawDeg + = face turned
//   towards the image's right; pitchDeg + = face tilted up; rollDeg + =
//   clockwise in the image, as Tait-Bryan angles of
//   rotation = Rz(roll) * Ry(-yaw) * Rx(-pitch) (model to camera); positionMm = the model origin
//   (midpoint of the two outer eye corners) in camera coordinates (x right, y down, z forward), mm,
//   as accurate as the generic model's size and the assumed field of view.
// Ensures: valid == false means no estimate (confidence 0); confidence 0..1
//   from the face confidence and the reprojection error.
struct HeadPose {
  bool valid = false;
  float yawDeg = 0.f, pitchDeg = 0.f, rollDeg = 0.f;
  cv::Vec3f positionMm{0.f, 0.f, 0.f};
  float reprojectionErrorPx = 0.f;  // RMS over the model points, image px
  float confidence = 0.f;
  cv::Matx33f rotation = cv::Matx33f::eye();  // model -> camera
};

// The landmark indices of the generic model and their 3-D positions (mm).
struct HeadModelPoint {
  int landmark;
  cv::Point3f mm;
};
const std::array<HeadModelPoint, 10>& genericHeadModel();

// HeadPoseEstimator
// Represents: a per-stream head-pose fitter. Solves the perspective-n-point
//   problem for genericHeadModel() with a pinhole camera whose focal length
//   follows from the horizontal field of view (TrackingParams::HeadPose), by
//   Levenberg-Marquardt on the reprojection error over a rotation vector and
//   a translation (the method of OpenCV's SOLVEPNP_ITERATIVE). Each frame
//   starts from the previous frame's pose when there was one, otherwise from a
//   weak-perspective guess. Implemented here rather than with cv::solvePnP
//   because calib3d is outside the core's dependencies (OpenCV core/imgproc,
//   which is all the arm64 build has).
// Requires: landmarks in pixels of an image of size `imageSize`.
// Ensures: no allocation; no I/O; not thread-safe (keeps the last pose).
class HeadPoseEstimator {
 public:
  explicit HeadPoseEstimator(const TrackingParams::HeadPose& params = {});

  const HeadPose& estimate(const FaceShape& shape, cv::Size imageSize, float faceConfidence);
  void reset() { havePrevious_ = false; }
  void setParams(const TrackingParams::HeadPose& params) { p_ = params; }

  // Projects a model point (mm, model frame) with `pose` into the image.
  cv::Point2f project(const HeadPose& pose, cv::Point3f modelMm, cv::Size imageSize) const;

 private:
  TrackingParams::HeadPose p_;
  HeadPose pose_;
  cv::Vec6d previous_{};
  bool havePrevious_ = false;
};

}  // namespace drishti::core
