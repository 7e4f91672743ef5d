// CalibratedGazeMapper: the GazeMapper the host uses once a person is calibrated.
//
// Represents: the chain from a tracked EyeSample to the gaze point the
// access methods see: the calibrated GazeModel (both eyes combined, one eye
// when the other is lost), then GazeRefiner: the One Euro filter (steadiness
// without lag on saccades), the bounded drift correction learned from
// confirmed selections, and the fixation centroid while the eyes hold still
// (what dwell should time). Time comes from the samples' capture stamps.
// Before setModel() with a calibrated model, map() gives no point, like
// UncalibratedGazeMapper. setModel() restarts the filter and forgets the
// drift (a new calibration starts clean). An eye whose appearance cells leave
// what calibration saw takes its y from the pupil alone while they do
// (AppearanceDriftMonitor; appearanceHeldOff() says which, for the status).
// Ensures: map() allocates nothing and never throws. Not thread-safe: call
// map(), setModel() and the selection calls from the same thread.
#pragma once

#include <memory>

#include "host/core/appearance_drift_monitor.h"
#include "host/core/gaze_mapper.h"
#include "host/core/gaze_model.h"
#include "host/core/gaze_refiner.h"
#include "host/core/gaze_settings.h"

namespace drishti::host {

using GazeMapperParams = GazeRefinerParams;

class CalibratedGazeMapper final : public GazeMapper {
 public:
  explicit CalibratedGazeMapper(const GazeMapperParams& params = {});

  void setModel(const GazeModel& model);
  // The precision the calibration measured (degrees RMS; GazeRefiner::setPrecision):
  // kept across setModel() until set again.
  void setPrecision(double deg);
  const GazeModel& model() const { return model_; }
  // The profile's gaze settings: when they differ from those in use, the
  // refiner starts again with them (the model and precision are kept).
  void setGazeSettings(const GazeSettings& settings);
  const GazeMapperParams& params() const { return params_; }

  bool map(const protocol::EyeSample& sample, GazePoint& out) override;
  bool calibrated() const override { return model_.calibrated(); }

  // A selected key teaches the drift correction, held until the person keeps the character
  // (GazeRefiner::holdSelection, settleSelections): how the app learns. setModel() drops what is
  // held.
  void holdSelection(std::uint64_t tUs, double keyX, double keyY, double halfW, double halfH,
                     std::size_t textSize) {
    refiner_->holdSelection(tUs, keyX, keyY, halfW, halfH, textSize);
  }
  int settleSelections(std::uint64_t tUs, std::size_t textSize, TextBoundary boundary) {
    return refiner_->settleSelections(tUs, textSize, boundary);
  }
  const GazeRefiner& refiner() const { return *refiner_; }
  // Bit e set: eye e's appearance y is held off (its cells drifted since
  // calibration); 0 when no eye blends the appearance.
  unsigned appearanceHeldOff() const { return 3u & ~appearanceCheck_.appearanceEyes(); }
  const AppearanceDriftMonitor& appearanceDrift() const { return appearanceCheck_; }

 private:
  GazeMapperParams params_;
  GazeModel model_;
  double precisionDeg_ = 0;
  std::unique_ptr<GazeRefiner> refiner_;
  AppearanceDriftMonitor appearanceCheck_;
};

}  // namespace drishti::host
