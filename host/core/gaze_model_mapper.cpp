#include "host/core/gaze_model_mapper.h"

#include <algorithm>
#include <cmath>

namespace drishti::host {

CalibratedGazeMapper::CalibratedGazeMapper(const GazeMapperParams& params)
    : params_(params),
      refiner_(std::make_unique<GazeRefiner>(params, model_.geometry().pxPerDegree())) {}

void CalibratedGazeMapper::setModel(const GazeModel& model) {
  model_ = model;
  appearanceCheck_.reset();
  refiner_ = std::make_unique<GazeRefiner>(params_, model_.geometry().pxPerDegree());
  refiner_->setPrecision(precisionDeg_);
}

void CalibratedGazeMapper::setGazeSettings(const GazeSettings& settings) {
  GazeMapperParams p = params_;
  settings.applyTo(p);
  if (p == params_)  // every setting, so a new one in GazeSettings is not missed
    return;
  params_ = p;
  refiner_ = std::make_unique<GazeRefiner>(params_, model_.geometry().pxPerDegree());
  refiner_->setPrecision(precisionDeg_);
}

void CalibratedGazeMapper::setPrecision(double deg) {
  if (!std::isfinite(deg) || deg < 0)
    return;
  precisionDeg_ = deg;
  refiner_->setPrecision(deg);
}

bool CalibratedGazeMapper::map(const protocol::EyeSample& sample, GazePoint& out) {
  for (int e = 0; e < 2; ++e)
    if (AppearanceCells outside; model_.appearanceOutsideOf(sample, e, outside))
      appearanceCheck_.observe(e, outside);
  const GazeEstimate est = model_.predict(sample, appearanceCheck_.appearanceEyes());
  if (!est.valid) {
    refiner_->noGaze(sample.captureUs);
    return false;
  }
  double x = est.x, y = est.y;
  if (!refiner_->refine(sample.captureUs, est.x, est.y, x, y))
    return false;
  out.x = static_cast<float>(x);
  out.y = static_cast<float>(y);
  out.confidence = static_cast<float>(std::clamp(est.confidence, 0.0, 1.0));
  out.fixation = refiner_->fixationId();
  return true;
}

}  // namespace drishti::host
