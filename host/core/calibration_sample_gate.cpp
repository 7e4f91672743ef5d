#include "host/core/calibration_sample_gate.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace drishti::host {

namespace {

constexpr std::size_t kHistory = 64;  // > velocity window at 240 fps
constexpr std::size_t kSpeeds = 256;  // about two seconds at 120 fps, eight at 30

bool eyeSeen(const protocol::EyeMeasurement& e, float minConfidence) {
  return e.valid && e.confidence >= minConfidence && std::isfinite(e.normX) &&
         std::isfinite(e.normY) && std::isfinite(e.openness);
}

}  // namespace

CalibrationSampleGate::CalibrationSampleGate(const CalibrationGateParams& params)
    : params_(params),
      normPerDegree_(params.eyeballRadiusMm * std::numbers::pi / 180.0 /
                     std::max(params.eyeWidthMm, 1.0)),
      history_(kHistory),
      speeds_(kSpeeds),
      scratch_(kSpeeds) {}

void CalibrationSampleGate::restartStability() {
  stableRun_ = false;
}

void CalibrationSampleGate::reset() {
  head_ = size_ = 0;
  speedHead_ = speedSize_ = 0;
  stableRun_ = false;
  lastClosedUs_ = lastUs_ = 0;
  speed_ = 0;
}

double CalibrationSampleGate::thresholdDegPerS() const {
  if (speedSize_ < 8)
    return params_.saccadeDegPerS;
  std::copy_n(speeds_.begin(), speedSize_, scratch_.begin());
  const auto mid = scratch_.begin() + static_cast<std::ptrdiff_t>(speedSize_ / 2);
  std::nth_element(scratch_.begin(), mid,
                   scratch_.begin() + static_cast<std::ptrdiff_t>(speedSize_));
  return std::max(params_.saccadeDegPerS, params_.noiseFactor * static_cast<double>(*mid));
}

double CalibrationSampleGate::measureSpeed() const {
  // Least-squares slope per eye over the window ending at the newest sample.
  const Point& newest = history_[(head_ + kHistory - 1) % kHistory];
  const double windowUs = params_.velocityWindowMs * 1000.0;
  double total = 0;
  int eyes = 0;
  for (int e = 0; e < 2; ++e) {
    if (!newest.valid[e])
      continue;
    double st = 0, sx = 0, sy = 0, n = 0;
    for (std::size_t k = 0; k < size_; ++k) {
      const Point& p = history_[(head_ + kHistory - 1 - k) % kHistory];
      if (static_cast<double>(newest.t - p.t) > windowUs)
        break;
      if (!p.valid[e])
        continue;
      st += static_cast<double>(p.t) - static_cast<double>(newest.t);
      sx += p.x[e];
      sy += p.y[e];
      n += 1;
    }
    if (n < 3)
      continue;
    const double mt = st / n, mx = sx / n, my = sy / n;
    double stt = 0, stx = 0, sty = 0;
    for (std::size_t k = 0; k < size_; ++k) {
      const Point& p = history_[(head_ + kHistory - 1 - k) % kHistory];
      if (static_cast<double>(newest.t - p.t) > windowUs)
        break;
      if (!p.valid[e])
        continue;
      const double dt = static_cast<double>(p.t) - static_cast<double>(newest.t) - mt;
      stt += dt * dt;
      stx += dt * (p.x[e] - mx);
      sty += dt * (p.y[e] - my);
    }
    if (stt <= 0)
      continue;
    const double vx = stx / stt * 1e6, vy = sty / stt * 1e6;  // normalised units per second
    total += std::hypot(vx, vy) / normPerDegree_;
    ++eyes;
  }
  return eyes > 0 ? total / eyes : -1;  // -1: not enough history yet
}

GateVerdict CalibrationSampleGate::classify(const protocol::EyeSample& s) {
  if (s.captureUs < lastUs_)
    reset();
  lastUs_ = s.captureUs;
  usable_[0] = usable_[1] = false;
  const bool tracked = s.state == protocol::TrackingState::kTracking;
  bool seen[2], open[2];
  for (std::size_t e = 0; e < 2; ++e) {
    seen[e] = tracked && eyeSeen(s.eyes[e], params_.minConfidence);
    open[e] = seen[e] && s.eyes[e].openness >= params_.minOpenness;
    usable_[e] = open[e];
  }
  if (!seen[0] && !seen[1]) {
    stableRun_ = false;
    return GateVerdict::kNotTracked;
  }
  if (!open[0] && !open[1]) {
    stableRun_ = false;
    lastClosedUs_ = s.captureUs;
    return GateVerdict::kClosed;
  }
  Point& p = history_[head_];
  p.t = s.captureUs;
  for (std::size_t e = 0; e < 2; ++e) {
    p.valid[e] = open[e];
    p.x[e] = s.eyes[e].normX;
    p.y[e] = s.eyes[e].normY;
  }
  head_ = (head_ + 1) % kHistory;
  size_ = std::min(size_ + 1, kHistory);

  speed_ = measureSpeed();
  if (speed_ < 0) {
    stableRun_ = false;
    return GateVerdict::kSettling;
  }
  const double threshold = thresholdDegPerS();
  speeds_[speedHead_] = static_cast<float>(speed_);
  speedHead_ = (speedHead_ + 1) % kSpeeds;
  speedSize_ = std::min(speedSize_ + 1, kSpeeds);
  if (speed_ > threshold) {
    stableRun_ = false;
    return GateVerdict::kMoving;
  }
  if (!stableRun_) {
    stableRun_ = true;
    stableSinceUs_ = s.captureUs;
  }
  const bool afterBlink = lastClosedUs_ != 0 && static_cast<double>(s.captureUs - lastClosedUs_) <
                                                    params_.blinkGuardMs * 1000.0;
  if (afterBlink || static_cast<double>(s.captureUs - stableSinceUs_) < params_.stableMs * 1000.0)
    return GateVerdict::kSettling;
  return GateVerdict::kSteady;
}

}  // namespace drishti::host
