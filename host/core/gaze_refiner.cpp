#include "host/core/gaze_refiner.h"

#include <cmath>

namespace drishti::host {

GazeRefiner::GazeRefiner(const GazeRefinerParams& params, double pxPerDegree)
    : params_(params),
      filter_(params.filter, pxPerDegree),
      drift_(params.drift, pxPerDegree),
      fixations_(params.fixation, pxPerDegree) {}

bool GazeRefiner::refine(std::uint64_t tUs, double x, double y, double& outX, double& outY) {
  double fx = x, fy = y;
  if (!filter_.filter(tUs, x, y, fx, fy))
    return false;
  if (params_.driftCorrection)
    drift_.apply(tUs, fx, fy);
  fixations_.add(tUs, fx, fy, true);
  const Fixation& f = fixations_.current();
  if (params_.fixationGaze && f.active && std::isfinite(f.x) && std::isfinite(f.y)) {
    outX = f.x;
    outY = f.y;
  } else {
    outX = fx;
    outY = fy;
  }
  return true;
}

std::int32_t GazeRefiner::fixationId() const {
  const Fixation& f = fixations_.current();
  // Ids wrap far beyond any session; keep them positive.
  return f.active ? static_cast<std::int32_t>(f.id % 0x7fffffffU) + 1 : 0;
}

void GazeRefiner::noGaze(std::uint64_t tUs) {
  fixations_.add(tUs, 0, 0, false);
}

bool GazeRefiner::observeSelection(std::uint64_t tUs, double keyX, double keyY) {
  const Fixation& f = fixations_.current();
  if (f.samples == 0)
    return false;
  return observeSelection(tUs, f.x, f.y, keyX, keyY);
}

bool GazeRefiner::observeSelection(std::uint64_t tUs, double fixX, double fixY, double keyX,
                                   double keyY) {
  return params_.driftCorrection && drift_.observeCorrected(tUs, fixX, fixY, keyX, keyY);
}

void GazeRefiner::reset() {
  filter_.reset();
  drift_.reset();
  fixations_.reset();
}

}  // namespace drishti::host
