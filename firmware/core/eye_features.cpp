#include "firmware/core/eye_features.h"

#include <algorithm>
#include <cmath>

#include "firmware/core/head_pose_estimator.h"

namespace drishti::core {

EyeFeatures eyeFeatures(const EyeContour& eye, cv::Point2f pupil, bool pupilFound, float confidence,
                        float lidWeight) {
  EyeFeatures f;
  const cv::Point2f c0 = eye[0], d = eye[3] - eye[0];
  const float w = std::sqrt(d.dot(d));
  if (!pupilFound || !(w >= 2.f) || !std::isfinite(pupil.x) || !std::isfinite(pupil.y))
    return f;
  const cv::Point2f u = d * (1.f / w), v(-u.y, u.x);
  const cv::Point2f p = pupil - c0;
  f.valid = true;
  f.normX = p.dot(u) / w;
  f.pupilNormY = p.dot(v) / w;
  // Landmarks 1 and 2 of the contour are the upper lid (dlib 37/38, 43/44).
  f.lidNormY = 0.5f * ((eye[1] - c0).dot(v) + (eye[2] - c0).dot(v)) / w;
  const float k = std::clamp(lidWeight, 0.f, 1.f);
  f.normY = (1.f - k) * f.pupilNormY + k * f.lidNormY;
  f.confidence = std::clamp(confidence, 0.f, 1.f);
  return f;
}

GazeFeatureVector gazeFeatureVector(const EyeFeatures& left, const EyeFeatures& right,
                                    const HeadPose& head) {
  GazeFeatureVector g;
  const EyeFeatures* eyes[2] = {&left, &right};
  for (int e = 0; e < 2; ++e) {
    if (!eyes[e]->valid)
      continue;
    g.values[static_cast<size_t>(2 * e)] = eyes[e]->normX;
    g.values[static_cast<size_t>(2 * e + 1)] = eyes[e]->normY;
    g.weights[static_cast<size_t>(2 * e)] = g.weights[static_cast<size_t>(2 * e + 1)] =
        eyes[e]->confidence;
  }
  if (head.valid) {
    const float v[6] = {head.yawDeg,        head.pitchDeg,      head.rollDeg,
                        head.positionMm[0], head.positionMm[1], head.positionMm[2]};
    for (size_t k = 0; k < 6; ++k) {
      g.values[4 + k] = v[k];
      g.weights[4 + k] = head.confidence;
    }
  }
  return g;
}

}  // namespace drishti::core
