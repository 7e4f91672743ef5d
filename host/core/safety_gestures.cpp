#include "host/core/safety_gestures.h"

namespace drishti::host {

bool SafetyGestures::isLongBlink(const InputEvent& e) const {
  return e.kind == InputKind::kBlink && e.durationMs >= params_.longBlinkMinMs &&
         e.durationMs <= params_.longBlinkMaxMs;
}

SafetySignal SafetyGestures::settle() {
  const int n = count_;
  count_ = 0;
  return n == static_cast<int>(params_.restBlinks) ? SafetySignal::kRestToggle
                                                   : SafetySignal::kNone;
}

void SafetyGestures::noteEyes(const InputEvent& e) {
  const bool open = (e.kind == InputKind::kEyes && e.eyesOpen) || e.kind == InputKind::kGaze;
  const bool closedOrUnknown = (e.kind == InputKind::kEyes && !e.eyesOpen) ||
                               e.kind == InputKind::kBlink || e.kind == InputKind::kGazeLost ||
                               e.kind == InputKind::kTrackingLost;
  if (open && openSinceUs_ < 0)
    openSinceUs_ = e.tUs;
  else if (closedOrUnknown)
    openSinceUs_ = -1;
}

SafetySignal SafetyGestures::advance(std::int64_t tUs) {
  if (count_ == 0)
    return SafetySignal::kNone;
  const std::int64_t windowEndUs = lastEndUs_ + static_cast<std::int64_t>(params_.gapMs) * 1000;
  // A blink that started before windowEndUs is either reported (it ended
  // before the eyes were seen open) or still shutting the eyes now.
  const bool seenOpen =
      openSinceUs_ >= 0 && tUs >= windowEndUs && tUs - openSinceUs_ >= kOpenProofUs;
  const bool nothingCanCome =
      tUs > windowEndUs + static_cast<std::int64_t>(params_.longBlinkMaxMs) * 1000;
  return seenOpen || nothingCanCome ? settle() : SafetySignal::kNone;
}

SafetySignal SafetyGestures::input(const InputEvent& e) {
  noteEyes(e);
  if (!isLongBlink(e))
    return advance(e.tUs);
  const std::int64_t startUs = e.tUs - static_cast<std::int64_t>(e.durationMs) * 1000;
  // A burst ended before this blink began: settle it first.
  SafetySignal ended = SafetySignal::kNone;
  if (count_ > 0 && startUs - lastEndUs_ > static_cast<std::int64_t>(params_.gapMs) * 1000)
    ended = settle();
  ++count_;
  lastEndUs_ = e.tUs;
  if (count_ >= static_cast<int>(params_.helpBlinks)) {
    count_ = 0;
    return SafetySignal::kHelp;  // help outranks a rest toggle settled in the same call
  }
  return ended;
}

}  // namespace drishti::host
