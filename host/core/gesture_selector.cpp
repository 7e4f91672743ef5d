#include "host/core/gesture_selector.h"

#include <algorithm>

namespace drishti::host {

Direction GestureSelector::directionOf(float x, float y) const {
  if (width_ <= 0 || height_ <= 0)
    return Direction::kNone;
  const float fx = x / width_;
  const float fy = y / height_;
  const float e = params_.edge;
  // How far beyond each edge band the point is; the largest wins.
  const std::array<std::pair<float, Direction>, 4> reach{{
      {e - fx, Direction::kLeft},
      {fx - (1 - e), Direction::kRight},
      {e - fy, Direction::kUp},
      {fy - (1 - e), Direction::kDown},
  }};
  float best = 0;
  Direction d = Direction::kNone;
  for (const auto& [amount, dir] : reach) {
    if (amount > best) {
      best = amount;
      d = dir;
    }
  }
  return d;
}

void GestureSelector::startOver() {
  hasDirect_ = std::any_of(targets_.begin(), targets_.end(),
                           [](const Target& t) { return t.look != Direction::kNone; });
  narrowing_ = !hasDirect_;
  range_ = {0, static_cast<int>(targets_.size())};
  undoCount_ = 0;
}

void GestureSelector::setTargets(std::span<const Target> targets, std::int64_t tUs) {
  targets_ = targets;
  nowUs_ = std::max(nowUs_, tUs);
  holding_ = Direction::kNone;
  startOver();
}

void GestureSelector::reset(std::int64_t tUs) {
  setTargets(targets_, tUs);
  waitForCentre_ = false;
}

int GestureSelector::gesture(Direction d) {
  waitForCentre_ = true;
  holding_ = Direction::kNone;
  if (!narrowing_) {
    for (std::size_t i = 0; i < targets_.size(); ++i) {
      if (targets_[i].look == d) {
        startOver();
        return static_cast<int>(i);
      }
    }
    if (d == Direction::kDown) {
      narrowing_ = true;
      range_ = {0, static_cast<int>(targets_.size())};
      undoCount_ = 0;
    }
    return -1;
  }
  if (d == Direction::kUp) {
    if (undoCount_ > 0)
      range_ = undo_[--undoCount_];
    else if (hasDirect_)
      narrowing_ = false;
    return -1;
  }
  if (d != Direction::kLeft && d != Direction::kRight)
    return -1;
  if (range_.end - range_.begin <= 0)
    return -1;
  if (range_.end - range_.begin == 1) {
    const int only = range_.begin;
    startOver();
    return only;
  }
  const int split = range_.begin + (range_.end - range_.begin + 1) / 2;
  if (undoCount_ < undo_.size())
    undo_[undoCount_++] = range_;
  if (d == Direction::kLeft)
    range_.end = split;
  else
    range_.begin = split;
  if (range_.end - range_.begin == 1) {
    const int chosen = range_.begin;
    startOver();
    return chosen;
  }
  return -1;
}

int GestureSelector::advance(std::int64_t tUs) {
  nowUs_ = std::max(nowUs_, tUs);
  if (holding_ != Direction::kNone &&
      nowUs_ - holdSinceUs_ >= static_cast<std::int64_t>(params_.holdMs) * 1000)
    return gesture(holding_);
  return -1;
}

int GestureSelector::input(const InputEvent& e) {
  const std::int64_t t = std::max(nowUs_, e.tUs);
  const int due = advance(t);  // a look held long enough before this event
  switch (e.kind) {
    case InputKind::kGaze: {
      const Direction d = directionOf(e.x, e.y);
      if (waitForCentre_) {
        if (d == Direction::kNone)
          waitForCentre_ = false;
        return due;
      }
      if (d != holding_) {
        holding_ = d;
        holdSinceUs_ = t;
      }
      const int now = advance(t);
      return due >= 0 ? due : now;
    }
    case InputKind::kGazeLost:
    case InputKind::kTrackingLost:
      holding_ = Direction::kNone;
      return due;
    default:
      return due;
  }
}

void GestureSelector::view(MethodView& out) const {
  out = MethodView{};
  out.directLooks = hasDirect_ && !narrowing_;
  if (narrowing_) {
    out.candidateBegin = range_.begin;
    out.candidateEnd = range_.end;
    out.candidateSplit = range_.begin + (range_.end - range_.begin + 1) / 2;
  }
  out.holding = holding_;
  out.waitingForCentre = waitForCentre_;
  if (holding_ != Direction::kNone && params_.holdMs > 0)
    out.holdProgress = std::clamp(
        static_cast<float>(nowUs_ - holdSinceUs_) / (static_cast<float>(params_.holdMs) * 1000.0F),
        0.0F, 1.0F);
}

}  // namespace drishti::host
