#include "host/core/fixation_detector.h"

#include <cmath>

namespace drishti::host {

namespace {

constexpr std::size_t kRing = 512;  // > minDurationMs, exitMs or centroidMs at 1 kHz

}  // namespace

FixationDetector::FixationDetector(const FixationParams& params, double pxPerDegree)
    : params_(params),
      pxPerDegree_(std::isfinite(pxPerDegree) && pxPerDegree > 0 ? pxPerDegree : 1),
      radiusPx_(params.radiusDeg * pxPerDegree_),
      ring_(kRing),
      recent_(kRing) {}

void FixationDetector::reset() {
  head_ = size_ = 0;
  recentHead_ = recentSize_ = 0;
  fixation_ = Fixation{};
  lastValidUs_ = lastUs_ = 0;
  any_ = false;
}

FixationEvent FixationDetector::restart() {
  head_ = size_ = 0;
  settled_ = false;
  if (!fixation_.active)
    return FixationEvent::kNone;
  fixation_.active = false;
  return FixationEvent::kEnded;
}

void FixationDetector::setRadiusDeg(double radiusDeg) {
  if (!std::isfinite(radiusDeg) || radiusDeg <= 0)
    return;
  radiusPx_ = radiusDeg * pxPerDegree_;
}

void FixationDetector::dropOldestCandidate() {
  head_ = (head_ + 1) % kRing;
  --size_;
}

bool FixationDetector::candidateCompact() const {
  double mx = 0, my = 0;
  for (std::size_t i = 0; i < size_; ++i) {
    mx += ring_[(head_ + i) % kRing].x;
    my += ring_[(head_ + i) % kRing].y;
  }
  mx /= static_cast<double>(size_);
  my /= static_cast<double>(size_);
  for (std::size_t i = 0; i < size_; ++i) {
    const Sample& s = ring_[(head_ + i) % kRing];
    if (std::hypot(s.x - mx, s.y - my) > radiusPx_)
      return false;
  }
  return true;
}

void FixationDetector::pushRecent(const Sample& s) {
  if (recentSize_ == kRing) {
    recentHead_ = (recentHead_ + 1) % kRing;
    --recentSize_;
  }
  recent_[(recentHead_ + recentSize_) % kRing] = s;
  ++recentSize_;
}

void FixationDetector::recentMean(double ms, double& x, double& y) const {
  const Sample& newest = recent_[(recentHead_ + recentSize_ - 1) % kRing];
  double sx = 0, sy = 0;
  int n = 0;
  for (std::size_t i = recentSize_; i-- > 0;) {
    const Sample& s = recent_[(recentHead_ + i) % kRing];
    if (n > 0 && static_cast<double>(newest.t - s.t) > ms * 1000.0)
      break;
    sx += s.x;
    sy += s.y;
    ++n;
  }
  x = sx / n;
  y = sy / n;
}

FixationEvent FixationDetector::add(std::uint64_t tUs, double x, double y, bool valid) {
  if (any_ && tUs < lastUs_)
    return FixationEvent::kNone;
  any_ = true;
  lastUs_ = tUs;
  FixationEvent event = FixationEvent::kNone;
  const bool gap =
      lastValidUs_ != 0 && static_cast<double>(tUs - lastValidUs_) > params_.maxGapMs * 1000.0;
  if (gap) {
    if (fixation_.active) {
      fixation_.active = false;
      event = FixationEvent::kEnded;
    }
    size_ = 0;
  }
  if (!valid || !std::isfinite(x) || !std::isfinite(y))
    return event;
  lastValidUs_ = tUs;

  auto push = [&](const Sample& s) {
    if (size_ == kRing)
      dropOldestCandidate();
    ring_[(head_ + size_) % kRing] = s;
    ++size_;
  };

  if (fixation_.active) {
    double ax, ay;
    recentMean(params_.anchorMs, ax, ay);
    if (std::hypot(x - ax, y - ay) <= radiusPx_) {
      pushRecent({tUs, x, y});
      ++fixation_.samples;
      recentMean(params_.centroidMs, fixation_.x, fixation_.y);
      fixation_.lastUs = tUs;
      size_ = 0;  // the excursion was noise
      if (!settled_ && fixation_.durationMs() >= params_.centroidMs) {
        settled_ = true;
        settledX_ = fixation_.x;
        settledY_ = fixation_.y;
      }
      recentMean(params_.anchorMs, ax, ay);
      if (settled_ && std::hypot(ax - settledX_, ay - settledY_) >
                          params_.maxDriftDeg * radiusPx_ / params_.radiusDeg) {
        fixation_.active = false;  // a glide, not a fixation; the next starts afresh
        return FixationEvent::kEnded;
      }
      return event;
    }
    push({tUs, x, y});
    if (static_cast<double>(tUs - ring_[head_].t) < params_.exitMs * 1000.0)
      return event;
    fixation_.active = false;
    return FixationEvent::kEnded;  // the outside samples stay as the next candidate
  }

  push({tUs, x, y});
  while (size_ > 1 && !candidateCompact())
    dropOldestCandidate();
  const Sample& first = ring_[head_];
  if (event == FixationEvent::kNone && size_ >= 2 &&
      static_cast<double>(tUs - first.t) >= params_.minDurationMs * 1000.0) {
    Fixation f;
    f.active = true;
    f.id = fixation_.id + 1;
    f.startUs = first.t;
    f.lastUs = tUs;
    f.samples = static_cast<int>(size_);
    recentHead_ = recentSize_ = 0;
    for (std::size_t i = 0; i < size_; ++i)
      pushRecent(ring_[(head_ + i) % kRing]);
    recentMean(params_.centroidMs, f.x, f.y);
    fixation_ = f;
    settled_ = false;
    size_ = 0;
    return FixationEvent::kStarted;
  }
  return event;
}

}  // namespace drishti::host
