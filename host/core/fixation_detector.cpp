#include "host/core/fixation_detector.h"

#include <cmath>

namespace drishti::host {

namespace {

constexpr std::size_t kRing = 512;  // > minDurationMs or exitMs at 1 kHz

}  // namespace

FixationDetector::FixationDetector(const FixationParams& params, double pxPerDegree)
    : params_(params),
      radiusPx_(params.radiusDeg *
                (std::isfinite(pxPerDegree) && pxPerDegree > 0 ? pxPerDegree : 1)),
      ring_(kRing) {}

void FixationDetector::reset() {
  head_ = size_ = 0;
  fixation_ = Fixation{};
  sumX_ = sumY_ = 0;
  lastValidUs_ = lastUs_ = 0;
  any_ = false;
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

FixationEvent FixationDetector::add(std::uint64_t tUs, double x, double y, bool valid) {
  if (any_ && tUs < lastUs_)
    return FixationEvent::kNone;
  any_ = true;
  lastUs_ = tUs;
  const double gapUs = params_.maxGapMs * 1000.0;
  FixationEvent event = FixationEvent::kNone;
  const bool gap = lastValidUs_ != 0 && static_cast<double>(tUs - lastValidUs_) > gapUs;
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
    if (std::hypot(x - fixation_.x, y - fixation_.y) <= radiusPx_) {
      sumX_ += x;
      sumY_ += y;
      ++fixation_.samples;
      fixation_.x = sumX_ / fixation_.samples;
      fixation_.y = sumY_ / fixation_.samples;
      fixation_.lastUs = tUs;
      size_ = 0;  // the excursion was noise
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
    sumX_ = sumY_ = 0;
    for (std::size_t i = 0; i < size_; ++i) {
      sumX_ += ring_[(head_ + i) % kRing].x;
      sumY_ += ring_[(head_ + i) % kRing].y;
    }
    f.x = sumX_ / f.samples;
    f.y = sumY_ / f.samples;
    fixation_ = f;
    size_ = 0;
    return FixationEvent::kStarted;
  }
  return event;
}

}  // namespace drishti::host
