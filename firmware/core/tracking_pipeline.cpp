#include "firmware/core/tracking_pipeline.h"

#include <algorithm>

namespace drishti::core {

TrackingPipeline::TrackingPipeline(const dlib::shape_predictor& predictor,
                                   const TrackingParams& params,
                                   std::shared_ptr<const LandmarkModel> model)
    : params_(params),
      scaler_(params.frame.maxWorkPixels),
      tracker_(predictor, params.face, std::move(model)),
      openness_(params.openness),
      headPose_(params.headPose),
      blinks_(params.blink) {}

void TrackingPipeline::reset() {
  tracker_.reset();
  openness_.reset();
  headPose_.reset();
  blinks_.reset();
}

void TrackingPipeline::setParams(const TrackingParams& params) {
  params_.blink = params.blink;
  params_.headPose = params.headPose;
  blinks_.setParams(params.blink);
  headPose_.setParams(params.headPose);
}

void TrackingPipeline::measureEye(const cv::Mat& work, const EyeContour& contour, EyeResult& eye) {
  eye.pupil = pupils_.locate(work, contour);
  const float scale = 1.f / std::max(1e-6f, result_.workScale);
  eye.pupil.centre = scaler_.toOriginal(eye.pupil.centre);
  for (cv::Point2f& p : eye.contour)
    p = scaler_.toOriginal(p);
  eye.openness.eyeWidthPx *= scale;
  // The pupil estimate is only as good as the face and as open as the eye.
  const float conf = eye.pupil.confidence * result_.face.confidence * (1.f - eye.closedProbability);
  eye.features = eyeFeatures(eye.contour, eye.pupil.centre, eye.pupil.found, conf);
}

const FrameResult& TrackingPipeline::process(const cv::Mat& frame, double tMs) {
  FrameResult& r = result_;
  r.tMs = tMs;
  const cv::Mat& work = scaler_.process(frame);
  r.workScale = static_cast<float>(scaler_.scale());
  const FaceObservation& face = tracker_.update(work, tMs);
  r.face = face;

  OpennessSample sample;
  sample.tMs = tMs;
  sample.faceFound = face.found;
  if (face.found) {
    r.left.contour = eyeContour(face.shape, kImageLeftEyeFirst);
    r.right.contour = eyeContour(face.shape, kImageRightEyeFirst);
    const EyeContour workLeft = r.left.contour, workRight = r.right.contour;
    // The eye-state classifier sees the image, not the lid landmarks: it is
    // one of the openness cues (and the per-eye confidence uses it).
    r.left.closedProbability = eyeState_.closedProbability(work, workLeft);
    r.right.closedProbability = eyeState_.closedProbability(work, workRight);
    openness_.update(work, scaler_.workColor(), face.shape, face.confidence, tMs, r.left.openness,
                     r.right.openness, r.left.closedProbability, r.right.closedProbability,
                     scaler_.colorScale());
    // Report in original pixels.
    for (cv::Point2f& p : r.face.shape)
      p = scaler_.toOriginal(p);
    r.face.box = scaler_.toOriginal(face.box);
    measureEye(work, workLeft, r.left);
    measureEye(work, workRight, r.right);
    r.head = headPose_.estimate(r.face.shape, frame.size(), face.confidence);
    sample.left = r.left.openness.openness;
    sample.leftConfidence = r.left.openness.confidence;
    sample.right = r.right.openness.openness;
    sample.rightConfidence = r.right.openness.confidence;
    sample.leftLow = r.left.openness.opennessLow;
    sample.rightLow = r.right.openness.opennessLow;
  } else {
    openness_.markLost();
    r.left = EyeResult{};
    r.right = EyeResult{};
    r.head = HeadPose{};
  }
  r.blink = blinks_.update(sample);
  return r;
}

}  // namespace drishti::core
