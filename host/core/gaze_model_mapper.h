// CalibratedGazeMapper: the GazeMapper the host uses once a person is calibrated.
//
// Represents: the chain from a tracked EyeSample to the gaze point the
// access methods see: the calibrated GazeModel (both eyes combined, one eye
// when the other is lost), then the One Euro filter (steadiness without lag
// on saccades), then the bounded drift correction learned from confirmed
// selections. Time comes from the samples' capture stamps.
// Before setModel() with a calibrated model, map() gives no point, like
// UncalibratedGazeMapper. setModel() restarts the filter and forgets the
// drift (a new calibration starts clean).
// Ensures: map() allocates nothing and never throws. Not thread-safe: call
// map(), setModel() and observeSelection() from the same thread.
#pragma once

#include "host/core/drift_corrector.h"
#include "host/core/gaze_mapper.h"
#include "host/core/gaze_model.h"
#include "host/core/one_euro_filter.h"

namespace drishti::host {

struct GazeMapperParams {
  OneEuroParams filter;
  DriftParams drift;
  bool driftCorrection = true;
};

class CalibratedGazeMapper final : public GazeMapper {
 public:
  explicit CalibratedGazeMapper(const GazeMapperParams& params = {});

  void setModel(const GazeModel& model);
  const GazeModel& model() const { return model_; }

  bool map(const protocol::EyeSample& sample, GazePoint& out) override;
  bool calibrated() const override { return model_.calibrated(); }

  // A confirmed selection: the fixation centroid as map() reported it (so
  // already corrected) and the selected key's centre, px, at tracker time tUs.
  // Returns whether the drift correction used it.
  bool observeSelection(std::uint64_t tUs, double fixX, double fixY, double keyX, double keyY);

 private:
  GazeMapperParams params_;
  GazeModel model_;
  OneEuroFilter filter_;
  DriftCorrector drift_;
};

}  // namespace drishti::host
