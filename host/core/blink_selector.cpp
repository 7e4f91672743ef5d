#include "host/core/blink_selector.h"

#include <algorithm>

namespace drishti::host {

BlinkMeaning classifyBlink(const InputEvent& e, const AccessParams& params) {
  if (e.kind != InputKind::kBlink)
    return BlinkMeaning::kIgnored;
  switch (params.blink.eyes) {
    case EyeChoice::kBoth:
      if (e.eyes != BlinkEyes::kBoth)
        return BlinkMeaning::kIgnored;
      break;
    case EyeChoice::kLeft:
      if (e.eyes != BlinkEyes::kLeft)
        return BlinkMeaning::kIgnored;
      break;
    case EyeChoice::kRight:
      if (e.eyes != BlinkEyes::kRight)
        return BlinkMeaning::kIgnored;
      break;
    case EyeChoice::kEither:
      break;
  }
  if (e.durationMs >= params.blink.minMs && e.durationMs < params.blink.maxMs)
    return BlinkMeaning::kSelect;
  if (e.durationMs >= params.blink.maxMs && e.durationMs < params.scan.backMaxMs)
    return BlinkMeaning::kLong;
  return BlinkMeaning::kIgnored;
}

void BlinkSelector::setTargets(std::span<const Target> targets, std::int64_t tUs) {
  targets_ = targets;
  nowUs_ = std::max(nowUs_, tUs);
  historyCount_ = 0;
  focus_ = -1;
  setFocus(-1, nowUs_);
}

void BlinkSelector::reset(std::int64_t tUs) {
  setTargets(targets_, tUs);
}

void BlinkSelector::setFocus(int target, std::int64_t tUs) {
  if (historyCount_ > 0 && target == focus_)
    return;
  focus_ = target;
  history_[historyNext_] = {tUs, target};
  historyNext_ = (historyNext_ + 1) % history_.size();
  historyCount_ = std::min(historyCount_ + 1, history_.size());
}

int BlinkSelector::focusAt(std::int64_t tUs) const {
  // Walk back from the newest change to the one in force at tUs, and require
  // that it had started at least the lock-on time before.
  for (std::size_t i = 0; i < historyCount_; ++i) {
    const FocusChange& c = history_[(historyNext_ + history_.size() - 1 - i) % history_.size()];
    if (c.tUs <= tUs) {
      const bool settled = tUs - c.tUs >= static_cast<std::int64_t>(params_.dwell.lockOnMs) * 1000;
      return settled ? c.target : -1;
    }
  }
  return -1;
}

int BlinkSelector::advance(std::int64_t tUs) {
  nowUs_ = std::max(nowUs_, tUs);
  if (lostSinceUs_ >= 0 &&
      nowUs_ - lostSinceUs_ > static_cast<std::int64_t>(params_.blink.maxMs) * 1000) {
    // Gaze gone for longer than any selecting blink: stop pointing (at the time it went).
    const std::int64_t when = lostSinceUs_ + static_cast<std::int64_t>(params_.blink.maxMs) * 1000;
    if (focus_ != -1)
      setFocus(-1, when);
  }
  return -1;
}

int BlinkSelector::input(const InputEvent& e) {
  const std::int64_t t = std::max(nowUs_, e.tUs);
  advance(t);
  switch (e.kind) {
    case InputKind::kGaze: {
      lostSinceUs_ = -1;
      int hit = -1;
      if (focus_ >= 0) {
        const Rect r = targets_[static_cast<std::size_t>(focus_)].rect;
        const float m = params_.dwell.marginPx;
        if (Rect{r.x - m, r.y - m, r.w + 2 * m, r.h + 2 * m}.contains(e.x, e.y))
          hit = focus_;
      }
      for (std::size_t i = 0; hit < 0 && i < targets_.size(); ++i)
        if (targets_[i].rect.contains(e.x, e.y))
          hit = static_cast<int>(i);
      setFocus(hit, t);
      return -1;
    }
    case InputKind::kGazeLost:
    case InputKind::kTrackingLost:
      if (lostSinceUs_ < 0)
        lostSinceUs_ = t;
      return -1;
    case InputKind::kBlink: {
      if (classifyBlink(e, params_) != BlinkMeaning::kSelect)
        return -1;
      const std::int64_t closedAt = t - static_cast<std::int64_t>(e.durationMs) * 1000;
      return focusAt(closedAt - kBeforeClosureUs);
    }
    default:
      return -1;
  }
}

void BlinkSelector::view(MethodView& out) const {
  out = MethodView{};
  out.focus = focus_;
}

}  // namespace drishti::host
