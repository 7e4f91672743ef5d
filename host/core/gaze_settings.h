// GazeSettings: the profile's settings for how the gaze is refined before the
// access methods see it (section "gaze." of a profile).
//
// Represents: the choices a therapist makes per person; everything else in
// GazeRefinerParams stays the device's defaults. applyTo() writes them into
// the refiner's parameters (the app's CalibratedGazeMapper and the simulated
// user both build their refiner this way). Plain value, no threads.
#pragma once

#include "host/core/gaze_refiner.h"

namespace drishti::host {

struct GazeSettings {
  // After a saccade the filter and the fixation start again where the eyes
  // landed instead of gliding there (GazeRefinerParams::saccadeRestart).
  bool saccadeRestart = true;

  void applyTo(GazeRefinerParams& p) const { p.saccadeRestart = saccadeRestart; }
  bool operator==(const GazeSettings&) const = default;
};

}  // namespace drishti::host
