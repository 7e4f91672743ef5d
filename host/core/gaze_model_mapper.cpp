#include "host/core/gaze_model_mapper.h"

#include <algorithm>

namespace drishti::host {

CalibratedGazeMapper::CalibratedGazeMapper(const GazeMapperParams& params)
    : params_(params),
      filter_(params.filter, model_.geometry().pxPerDegree()),
      drift_(params.drift, model_.geometry().pxPerDegree()) {}

void CalibratedGazeMapper::setModel(const GazeModel& model) {
  model_ = model;
  const double pxPerDegree = model_.geometry().pxPerDegree();
  filter_ = OneEuroFilter(params_.filter, pxPerDegree);
  drift_ = DriftCorrector(params_.drift, pxPerDegree);
}

bool CalibratedGazeMapper::map(const protocol::EyeSample& sample, GazePoint& out) {
  const GazeEstimate est = model_.predict(sample);
  if (!est.valid)
    return false;
  double x = est.x, y = est.y;
  if (!filter_.filter(sample.captureUs, est.x, est.y, x, y))
    return false;
  if (params_.driftCorrection)
    drift_.apply(sample.captureUs, x, y);
  out.x = static_cast<float>(x);
  out.y = static_cast<float>(y);
  out.confidence = static_cast<float>(std::clamp(est.confidence, 0.0, 1.0));
  return true;
}

bool CalibratedGazeMapper::observeSelection(std::uint64_t tUs, double fixX, double fixY,
                                            double keyX, double keyY) {
  return params_.driftCorrection && drift_.observeCorrected(tUs, fixX, fixY, keyX, keyY);
}

}  // namespace drishti::host
