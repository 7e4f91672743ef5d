#include "firmware/core/tracking_pipeline.h"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

namespace drishti::core {

TrackingPipeline::TrackingPipeline(const dlib::shape_predictor& predictor,
                                   const TrackingParams& params,
                                   std::shared_ptr<const LandmarkModel> model)
    : params_(params),
      scaler_(params.frame.maxWorkPixels),
      tracker_(predictor, params.face, std::move(model)),
      openness_(params.openness),
      headPose_(params.headPose),
      leftFrame_(params.eyeFrame),
      rightFrame_(params.eyeFrame),
      blinks_(params.blink) {}

TrackingPipeline::TrackingPipeline(std::shared_ptr<const LandmarkModel> model,
                                   const TrackingParams& params)
    : params_(params),
      scaler_(params.frame.maxWorkPixels),
      tracker_(std::move(model), params.face),
      openness_(params.openness),
      headPose_(params.headPose),
      leftFrame_(params.eyeFrame),
      rightFrame_(params.eyeFrame),
      blinks_(params.blink) {}

void TrackingPipeline::reset() {
  tracker_.reset();
  openness_.reset();
  headPose_.reset();
  leftFrame_.reset();
  rightFrame_.reset();
  blinks_.reset();
}

void TrackingPipeline::setParams(const TrackingParams& params) {
  params_.blink = params.blink;
  params_.headPose = params.headPose;
  params_.face.landmarkLightSlope = params.face.landmarkLightSlope;
  blinks_.setParams(params.blink);
  headPose_.setParams(params.headPose);
  tracker_.setLandmarkLightSlope(params.face.landmarkLightSlope);
}

cv::Mat TrackingPipeline::fullResolutionEye(const cv::Mat& frame, const EyeContour& eye,
                                            cv::Point& origin) {
  // The pupil patch spans 1.3 x 0.8 eye widths around the contour plus filter
  // support: a box of the contour's extent widened by one eye width suffices.
  float x0 = eye[0].x, x1 = eye[0].x, y0 = eye[0].y, y1 = eye[0].y;
  for (const cv::Point2f& p : eye) {
    x0 = std::min(x0, p.x);
    x1 = std::max(x1, p.x);
    y0 = std::min(y0, p.y);
    y1 = std::max(y1, p.y);
  }
  const float w = std::hypot(eye[3].x - eye[0].x, eye[3].y - eye[0].y);
  const cv::Rect box(
      cv::Point(static_cast<int>(std::floor(x0 - w)), static_cast<int>(std::floor(y0 - w))),
      cv::Point(static_cast<int>(std::ceil(x1 + w)), static_cast<int>(std::ceil(y1 + w))));
  const cv::Rect roi = box & cv::Rect(0, 0, frame.cols, frame.rows);
  if (roi.area() <= 0)
    return {};
  origin = roi.tl();
  if (frame.type() == CV_8UC1)
    return frame(roi);
  // Grey conversion of the eye box only, into a buffer that only ever grows
  // (a view of the exact size makes cvtColor write in place, no allocation).
  // Room for twice the eye, so that a person leaning closer does not make the
  // warm pipeline allocate.
  if (eyeGrey_.rows < roi.height || eyeGrey_.cols < roi.width)
    eyeGrey_.create(std::max(eyeGrey_.rows, 2 * roi.height), std::max(eyeGrey_.cols, 2 * roi.width),
                    CV_8UC1);
  cv::Mat grey = eyeGrey_(cv::Rect(0, 0, roi.width, roi.height));
  cv::cvtColor(frame(roi), grey, frame.channels() == 4 ? cv::COLOR_BGRA2GRAY : cv::COLOR_BGR2GRAY);
  return grey;
}

void TrackingPipeline::measureEye(const cv::Mat& frame, const cv::Mat& work,
                                  const EyeContour& contour, EyeFrameStabilizer& stabilizer,
                                  EyeResult& eye) {
  const float scale = 1.f / std::max(1e-6f, result_.workScale);
  for (cv::Point2f& p : eye.contour)
    p = scaler_.toOriginal(p);
  // A downscaled frame keeps the face tracking cheap, but the iris moves only
  // a few pixels across the whole screen: locate the pupil in the frame's own
  // pixels when the work image has fewer of them than the locator's patch.
  const float workEyeWidth = std::hypot(contour[3].x - contour[0].x, contour[3].y - contour[0].y);
  cv::Point origin;
  const cv::Mat full = result_.workScale < 1.f && workEyeWidth < pupils_.options().eyeWidthPx
                           ? fullResolutionEye(frame, eye.contour, origin)
                           : cv::Mat();
  if (!full.empty()) {
    EyeContour local = eye.contour;
    for (cv::Point2f& p : local)
      p -= cv::Point2f(static_cast<float>(origin.x), static_cast<float>(origin.y));
    eye.pupil = pupils_.locate(full, local);
    eye.pupil.centre += cv::Point2f(static_cast<float>(origin.x), static_cast<float>(origin.y));
  } else {
    eye.pupil = pupils_.locate(work, contour);
    eye.pupil.centre = scaler_.toOriginal(eye.pupil.centre);
  }
  eye.openness.eyeWidthPx *= scale;
  // The pupil estimate is only as good as the face and as open as the eye.
  // Looking down lowers the lids with the eye, which the eye-state classifier
  // reads as half closed: below closedNoCost its verdict costs nothing, above
  // it the confidence falls to 0 at P(closed) = 1, unless the fused openness
  // says the eye is open (TrackingParams::Gaze::closedCost).
  const float conf = eye.pupil.confidence * result_.face.confidence *
                     params_.gaze.closedCost(eye.closedProbability, eye.openness.openness);
  // The corners are held in the face's frame for the gaze features only; the
  // reported contour stays what the landmarks said on this frame.
  EyeContour reference = eye.contour;
  stabilizer.apply(result_.tMs, result_.face.shape, reference);
  eye.features =
      eyeFeatures(reference, eye.pupil.centre, eye.pupil.found, conf, params_.gaze.lidWeight);
  // The eye's appearance between the held corners, in the frame's own pixels.
  cv::Point at;
  const cv::Mat eyeGrey = fullResolutionEye(frame, reference, at);
  const cv::Point2f o(static_cast<float>(at.x), static_cast<float>(at.y));
  eye.appearance = eyeGrey.empty()
                       ? EyeAppearance{}
                       : appearance_.measure(eyeGrey, reference[0] - o, reference[3] - o);
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
    measureEye(frame, work, workLeft, leftFrame_, r.left);
    measureEye(frame, work, workRight, rightFrame_, r.right);
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
