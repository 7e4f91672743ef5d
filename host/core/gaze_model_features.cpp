#include "host/core/gaze_model_features.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace drishti::host {

double linearisedFeature(double norm, double mean, double sphereRatio) {
  const double d = norm - mean;
  if (!(sphereRatio > 0))
    return d;
  const double s = std::clamp(d / sphereRatio, -0.9, 0.9);
  return sphereRatio * s / std::sqrt(1.0 - s * s);
}

void derollNorm(const GazeFeatureFrame& frame, double rollDeg, bool rollValid, double& normX,
                double& normY) {
  if (!frame.rollTerm || !rollValid || !std::isfinite(rollDeg))
    return;
  // The corner frame turned clockwise (image, y down) by d: an offset fixed in
  // the image reads turned by -d in it, so turning it by +d restores it.
  const double d = std::clamp(rollDeg - frame.rollMean, -30.0, 30.0) * std::numbers::pi / 180.0;
  const double c = std::cos(d), s = std::sin(d);
  const double x = normX - frame.rollCentreX, y = normY - frame.rollCentreY;
  normX = frame.rollCentreX + c * x - s * y;
  normY = frame.rollCentreY + s * x + c * y;
}

void gazeFeatureUV(const GazeFeatureFrame& frame, double normX, double normY, double& u,
                   double& v) {
  u = linearisedFeature(normX, frame.meanU, frame.sphereRatio) / frame.scaleU;
  v = linearisedFeature(normY, frame.meanV, frame.sphereRatio) / frame.scaleV;
}

void gazeDesignRowUV(const GazeFeatureFrame& frame, double u, double v, bool headValid,
                     const HeadVector& head, GazeRow& row) {
  row[0] = 1;
  row[1] = u;
  row[2] = v;
  row[3] = u * u;
  row[4] = u * v;
  row[5] = v * v;
  for (std::size_t k = 0; k < kHeadDims; ++k) {
    row[kGazeFirstHeadTerm + k] =
        (frame.headTerms && headValid) ? (head[k] - frame.headMean[k]) / kHeadScale[k] : 0.0;
  }
}

void gazeDesignRow(const GazeFeatureFrame& frame, double normX, double normY, bool headValid,
                   const HeadVector& head, GazeRow& row) {
  double u = 0, v = 0;
  gazeFeatureUV(frame, normX, normY, u, v);
  gazeDesignRowUV(frame, u, v, headValid, head, row);
}

}  // namespace drishti::host
