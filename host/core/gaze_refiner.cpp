#include "host/core/gaze_refiner.h"

#include <algorithm>
#include <cmath>

namespace drishti::host {

GazeRefiner::GazeRefiner(const GazeRefinerParams& params, double pxPerDegree)
    : params_(params),
      pxPerDegree_(std::isfinite(pxPerDegree) && pxPerDegree > 0 ? pxPerDegree : 1.0),
      filter_(params.filter, pxPerDegree),
      drift_(params.drift, pxPerDegree),
      fixations_(params.fixation, pxPerDegree) {}

void GazeRefiner::setPrecision(double deg) {
  if (!std::isfinite(deg) || deg < 0)
    return;
  precisionDeg_ = deg;
  fixations_.setRadiusDeg(
      std::max(params_.fixation.radiusDeg, params_.fixationRadiusPerPrecision * deg));
}

double GazeRefiner::jumpPx() const {
  const int n = std::clamp(params_.saccadeSamples, 1, kMaxSaccadeSamples);
  // precisionDeg_ is the RMS radial error of one point; of a mean of n, /sqrt(n).
  const double noiseDeg = precisionDeg_ / std::sqrt(static_cast<double>(n));
  return std::max(params_.saccadeMinDeg, params_.saccadeNoiseSigmas * noiseDeg) * pxPerDegree_;
}

bool GazeRefiner::saccade(double& mx, double& my, int& count) const {
  const int n = std::clamp(params_.saccadeSamples, 1, kMaxSaccadeSamples);
  if (rawSize_ < n)
    return false;
  const Raw& first = raw_[(rawHead_ + rawSize_ - n) % kMaxSaccadeSamples];
  const double jump = jumpPx();
  double sx = 0, sy = 0;
  double xs[kMaxSaccadeSamples], ys[kMaxSaccadeSamples];
  for (int i = 0; i < n; ++i) {
    const Raw& r = raw_[(rawHead_ + rawSize_ - n + i) % kMaxSaccadeSamples];
    if (std::hypot(r.x - first.fx, r.y - first.fy) <= 0.5 * jump)
      return false;
    sx += r.x;
    sy += r.y;
    xs[i] = r.x;
    ys[i] = r.y;
  }
  if (std::hypot(sx / n - first.fx, sy / n - first.fy) <= jump)
    return false;
  // The mean of the points near the median: a point still on its way
  // (mid-saccade) does not pull it.
  double sorted[kMaxSaccadeSamples], sortedY[kMaxSaccadeSamples];
  std::copy(xs, xs + n, sorted);
  std::copy(ys, ys + n, sortedY);
  std::nth_element(sorted, sorted + n / 2, sorted + n);
  std::nth_element(sortedY, sortedY + n / 2, sortedY + n);
  const double medX = sorted[n / 2], medY = sortedY[n / 2];
  mx = my = 0;
  count = 0;
  for (int i = 0; i < n; ++i) {
    if (std::hypot(xs[i] - medX, ys[i] - medY) > 0.5 * jump)
      continue;
    mx += xs[i];
    my += ys[i];
    ++count;
  }
  if (count == 0) {
    mx = medX;
    my = medY;
    count = 1;
    return true;
  }
  mx /= count;
  my /= count;
  return true;
}

bool GazeRefiner::refine(std::uint64_t tUs, double x, double y, double& outX, double& outY) {
  if (!std::isfinite(x) || !std::isfinite(y))
    return false;
  if (rawSize_ > 0) {
    const Raw& newest = raw_[(rawHead_ + rawSize_ - 1) % kMaxSaccadeSamples];
    if (tUs <= newest.t || static_cast<double>(tUs - newest.t) > params_.filter.maxGapMs * 1000.0) {
      rawSize_ = 0;  // out of order, or after a gap the filter restarts anyway
      landCount_ = 0;
    }
  }
  if (rawSize_ == kMaxSaccadeSamples) {
    rawHead_ = (rawHead_ + 1) % kMaxSaccadeSamples;
    --rawSize_;
  }
  raw_[(rawHead_ + rawSize_) % kMaxSaccadeSamples] = {tUs, x, y, haveFiltered_ ? lastFx_ : x,
                                                      haveFiltered_ ? lastFy_ : y};
  ++rawSize_;
  double fx = x, fy = y;
  double mx = 0, my = 0;
  int count = 0;
  const bool jumped = params_.saccadeRestart && haveFiltered_ && saccade(mx, my, count);
  if (jumped) {
    filter_.restart(tUs, mx, my);
    fx = mx;
    fy = my;
    fixations_.restart();
    rawSize_ = 0;  // the next saccade is measured from where the eyes are now
    ++restarts_;
    landedUs_ = tUs;
    landSumX_ = mx * count;
    landSumY_ = my * count;
    landCount_ = count;
  } else if (!filter_.filter(tUs, x, y, fx, fy)) {
    return false;
  } else if (landCount_ > 0 &&
             static_cast<double>(tUs - landedUs_) <= params_.landingMeanMs * 1000.0) {
    // Just landed: the mean of the points since is steadier than the filter
    // started from a few of them, and as quick.
    landSumX_ += x;
    landSumY_ += y;
    ++landCount_;
    fx = landSumX_ / landCount_;
    fy = landSumY_ / landCount_;
    filter_.restart(tUs, fx, fy);
  } else {
    landCount_ = 0;
  }
  haveFiltered_ = true;
  lastFx_ = fx;
  lastFy_ = fy;
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

void GazeRefiner::holdSelection(std::uint64_t tUs, double keyX, double keyY, double halfW,
                                double halfH, std::size_t textSize) {
  const Fixation& f = fixations_.current();
  if (!params_.driftCorrection || f.samples == 0)
    return;
  // Without the correction in use now, so that what it learns meanwhile does
  // not count twice when this is released.
  double rawX, rawY;
  drift_.uncorrect(tUs, f.x, f.y, rawX, rawY);
  // Only a selection the uncorrected gaze agrees with: a key the correction
  // itself moved the gaze onto says nothing about drift, and learning from it
  // feeds the correction on its own error (the lock-outs of docs/BENCHMARKS.md,
  // "Does any simulated person get locked out?").
  if (std::abs(rawX - keyX) > halfW || std::abs(rawY - keyY) > halfH)
    return;
  held_.hold({tUs, rawX, rawY, keyX, keyY, textSize});
}

int GazeRefiner::settleSelections(std::uint64_t tUs, std::size_t textSize, TextBoundary boundary) {
  int used = 0;
  held_.settle(textSize, boundary, [&](const HeldSelection& s) {
    used += drift_.observe(std::max(tUs, s.tUs), s.rawX, s.rawY, s.keyX, s.keyY) ? 1 : 0;
  });
  return used;
}

void GazeRefiner::reset() {
  held_.clear();
  rawSize_ = 0;
  landCount_ = 0;
  haveFiltered_ = false;
  filter_.reset();
  drift_.reset();
  fixations_.reset();
}

}  // namespace drishti::host
