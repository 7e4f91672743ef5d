// The per-frame video pipeline: scale -> face -> eyes (openness, pupil, eye
// state) -> head pose -> blinks, reporting in original image pixels.
#pragma once

#include <memory>
#include <opencv2/core.hpp>

#include "firmware/core/blink_detector.h"
#include "firmware/core/eye_appearance.h"
#include "firmware/core/eye_features.h"
#include "firmware/core/eye_state_classifier.h"
#include "firmware/core/face_tracker.h"
#include "firmware/core/frame_scaler.h"
#include "firmware/core/head_pose_estimator.h"
#include "firmware/core/openness_estimator.h"
#include "firmware/core/pupil_locator.h"
#include "firmware/core/tracking_params.h"

namespace dlib {
class shape_predictor;
}

namespace drishti::core {

// EyeResult
// Represents: one eye in one frame ("left" = the eye on the image's left).
// Ensures: contour and pupil.centre in original-frame pixels; openness.* as
//   documented in EyeOpenness; closedProbability = EyeStateClassifier's
//   P(closed) of the landmark crop (0..1); features = the pupil relative to
//   the eye corners (EyeFeatures). Everything is zero / invalid when the face
//   was not found.
struct EyeResult {
  EyeContour contour{};
  EyeOpenness openness;
  PupilEstimate pupil;
  float closedProbability = 0.f;
  EyeFeatures features;
  // The eye's image between the held corners (EyeAppearanceSampler, frame
  // pixels); sent as EyeMeasurement::appearance (docs/BENCHMARKS.md, "An
  // appearance feature for the vertical gaze").
  EyeAppearance appearance;
};

// FrameResult
// Represents: everything the tracking core knows about one frame.
// Ensures: all pixel coordinates (face box, landmarks, eye contours, pupil
//   centres, eye widths) are in the ORIGINAL frame's pixels; every part
//   carries its own confidence; if !face.found, eyes and head pose have
//   confidence 0 and no blink events are produced.
struct FrameResult {
  double tMs = 0;
  FaceObservation face;
  EyeResult left, right;
  HeadPose head;
  BlinkUpdate blink;
  float workScale = 1.f;  // processed pixels per original pixel
};

// TrackingPipeline
// Represents: the tracking core for one camera stream of one person.
// Requires: the shape predictor (if given) outlives the pipeline; frames CV_8UC1/3/4
//   (BGR order) of constant size; tMs non-decreasing (ms, any origin).
// Ensures: process() allocates nothing in our code once warm (buffers live in
//   the objects; dlib's detector allocates internally when it runs, which is
//   at acquisition and at the periodic re-check only); no clocks, threads or
//   I/O; not thread-safe (one pipeline per tracking thread).
class TrackingPipeline {
 public:
  // `model` (optional) shares one flattened landmark model between
  // pipelines; see FaceTracker.
  TrackingPipeline(const dlib::shape_predictor& predictor, const TrackingParams& params = {},
                   std::shared_ptr<const LandmarkModel> model = nullptr);
  // The flat landmark engine only, without dlib's predictor in memory (the
  // production path); throws std::invalid_argument as FaceTracker does.
  explicit TrackingPipeline(std::shared_ptr<const LandmarkModel> model,
                            const TrackingParams& params = {});

  const FrameResult& process(const cv::Mat& frame, double tMs);
  void reset();  // new person: forget the face and all baselines

  // Replaces the blink and head-pose parameters and face.landmarkLightSlope
  // between frames, keeping the tracking state (the slope switch rebuilds the
  // landmark regressor: allocates); the other groups only take effect in a
  // new pipeline.
  void setParams(const TrackingParams& params);

  const TrackingParams& params() const { return params_; }
  const cv::Mat& workImage() const { return scaler_.work(); }

 private:
  void measureEye(const cv::Mat& frame, const cv::Mat& work, const EyeContour& contour,
                  EyeFrameStabilizer& stabilizer, EyeResult& eye);
  // The grey pixels around `eye` (original-frame coordinates) at the frame's
  // own resolution; `origin` is the frame position of the view's (0, 0).
  // Empty if the eye is not inside the frame.
  cv::Mat fullResolutionEye(const cv::Mat& frame, const EyeContour& eye, cv::Point& origin);

  TrackingParams params_;
  FrameScaler scaler_;
  FaceTracker tracker_;
  OpennessEstimator openness_;
  PupilLocator pupils_;
  EyeAppearanceSampler appearance_;
  EyeStateClassifier eyeState_;
  HeadPoseEstimator headPose_;
  EyeFrameStabilizer leftFrame_, rightFrame_;  // image-left and image-right eye
  BlinkDetector blinks_;
  FrameResult result_;
  cv::Mat eyeGrey_;  // reused buffer for fullResolutionEye (grown, never shrunk)
};

}  // namespace drishti::core
