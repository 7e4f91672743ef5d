#include "host/core/appearance_drift_monitor.h"

#include <algorithm>
#include <cmath>

namespace drishti::host {

AppearanceDriftMonitor::AppearanceDriftMonitor(const Params& params) : params_(params) {
  params_.window = std::clamp(params_.window, 1, kMaxWindow);
}

void AppearanceDriftMonitor::reset() {
  count_ = {};
  next_ = {};
  held_ = {};
  drift_ = {-1, -1};
}

bool AppearanceDriftMonitor::observe(int eye, const AppearanceCells& outside) {
  const std::size_t e = static_cast<std::size_t>(eye & 1);
  if (!std::all_of(outside.begin(), outside.end(), [](double v) { return std::isfinite(v); }))
    return held_[e];
  ring_[e][static_cast<std::size_t>(next_[e])] = outside;
  next_[e] = (next_[e] + 1) % params_.window;
  count_[e] = std::min(count_[e] + 1, params_.window);
  // A full window only: a few samples do not decide.
  if (count_[e] < params_.window)
    return held_[e];
  AppearanceCells mean{};
  for (int i = 0; i < count_[e]; ++i)
    for (std::size_t k = 0; k < mean.size(); ++k)
      mean[k] += ring_[e][static_cast<std::size_t>(i)][k];
  double sq = 0;
  for (double m : mean)
    sq += (m / count_[e]) * (m / count_[e]);
  drift_[e] = std::sqrt(sq);
  if (!held_[e] && drift_[e] > params_.limit)
    held_[e] = true;
  else if (held_[e] && drift_[e] < params_.resume * params_.limit)
    held_[e] = false;
  return held_[e];
}

}  // namespace drishti::host
