// GazeMapper: turns a tracked eye sample into a point on the screen.
//
// Represents: the person's calibration. The real, calibrated implementation
// comes with the calibration work; until then UncalibratedGazeMapper says
// "no point", so gaze from the tracker is unavailable while blinks and
// tracking state still work (and the screen says so).
// Implementations must not block or allocate per sample; called from the
// thread that converts wire messages.
#pragma once

#include "firmware/protocol/messages.h"

namespace drishti::host {

// Where the person looks, with how sure the mapper is of it.
struct GazePoint {
  float x = 0;  // logical screen px (may lie off screen: looks beyond the edge)
  float y = 0;
  float confidence = 0;        // 0..1
  std::int32_t fixation = -1;  // as InputEvent::fixation: id > 0, 0 moving, -1 unknown
};

// Maps eye samples to the screen; implemented by the calibration.
class GazeMapper {
 public:
  virtual ~GazeMapper() = default;
  // True and the point when the sample gives one; false when it cannot
  // (not calibrated, eyes closed, too unsure).
  virtual bool map(const protocol::EyeSample& sample, GazePoint& out) = 0;
  virtual bool calibrated() const = 0;
};

// Before calibration: never a point.
class UncalibratedGazeMapper final : public GazeMapper {
 public:
  bool map(const protocol::EyeSample&, GazePoint&) override { return false; }
  bool calibrated() const override { return false; }
};

}  // namespace drishti::host
