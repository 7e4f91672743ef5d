#include "host/core/safety_gestures.h"

namespace drishti::host {

bool SafetyGestures::isLongBlink(const InputEvent& e) const {
  return e.kind == InputKind::kBlink && e.durationMs >= params_.longBlinkMinMs &&
         e.durationMs <= params_.longBlinkMaxMs;
}

SafetySignal SafetyGestures::advance(std::int64_t tUs) {
  if (count_ > 0 && tUs - lastEndUs_ > static_cast<std::int64_t>(params_.gapMs) * 1000) {
    const int n = count_;
    count_ = 0;
    if (n == static_cast<int>(params_.restBlinks))
      return SafetySignal::kRestToggle;
  }
  return SafetySignal::kNone;
}

SafetySignal SafetyGestures::input(const InputEvent& e) {
  if (!isLongBlink(e))
    return advance(e.tUs);
  const std::int64_t startUs = e.tUs - static_cast<std::int64_t>(e.durationMs) * 1000;
  // A burst ended before this blink began: settle it first.
  SafetySignal ended = SafetySignal::kNone;
  if (count_ > 0 && startUs - lastEndUs_ > static_cast<std::int64_t>(params_.gapMs) * 1000) {
    ended = count_ == static_cast<int>(params_.restBlinks) ? SafetySignal::kRestToggle
                                                           : SafetySignal::kNone;
    count_ = 0;
  }
  ++count_;
  lastEndUs_ = e.tUs;
  if (count_ >= static_cast<int>(params_.helpBlinks)) {
    count_ = 0;
    return SafetySignal::kHelp;  // help outranks a rest toggle settled in the same call
  }
  return ended;
}

}  // namespace drishti::host
