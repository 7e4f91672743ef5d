#include "host/core/blink_code_selector.h"

#include <algorithm>

namespace drishti::host {

void BlinkCodeSelector::setTargets(std::span<const Target> targets, std::int64_t tUs) {
  targets_ = targets;
  nowUs_ = std::max(nowUs_, tUs);
  hasCodes_ =
      std::any_of(targets.begin(), targets.end(), [](const Target& t) { return t.code != 0; });
  scanning_ = !hasCodes_;
  count_ = 0;
  scan_.setTargets(targets, nowUs_);
}

void BlinkCodeSelector::reset(std::int64_t tUs) {
  setTargets(targets_, tUs);
}

int BlinkCodeSelector::finishCode(std::int64_t tUs) {
  const int code = count_;
  count_ = 0;
  if (!scanning_) {
    for (std::size_t i = 0; i < targets_.size(); ++i)
      if (targets_[i].code == code)
        return static_cast<int>(i);
    return -1;  // no key has this code: nothing happens, the person can try again
  }
  if (code == kYes)
    return scan_.pick(codeStart_, tUs);
  if (code == kNo && !scan_.stepBack(tUs) && hasCodes_) {
    scanning_ = false;
    scan_.reset(tUs);
  }
  return -1;
}

int BlinkCodeSelector::advance(std::int64_t tUs) {
  nowUs_ = std::max(nowUs_, tUs);
  if (count_ > 0 && nowUs_ - lastBlinkUs_ >= static_cast<std::int64_t>(params_.code.gapMs) * 1000) {
    const std::int64_t doneAt = lastBlinkUs_ + static_cast<std::int64_t>(params_.code.gapMs) * 1000;
    if (scanning_)
      scan_.advance(doneAt);
    return finishCode(doneAt);
  }
  if (scanning_)
    scan_.advance(nowUs_);
  return -1;
}

int BlinkCodeSelector::input(const InputEvent& e) {
  const std::int64_t t = std::max(nowUs_, e.tUs);
  const int due = advance(t);  // a code completed before this event
  const int now = handleEvent(e, t);
  return due >= 0 ? due : now;
}

int BlinkCodeSelector::handleEvent(const InputEvent& e, std::int64_t t) {
  if (e.kind == InputKind::kSwitchDown || e.kind == InputKind::kSwitchUp) {
    // A switch user on a blink-code profile: the switch works as in scanning.
    if (!scanning_ && e.kind == InputKind::kSwitchDown) {
      scanning_ = true;
      scan_.reset(t);
      return -1;
    }
    return scanning_ ? scan_.input(e) : -1;
  }
  if (e.kind != InputKind::kBlink)
    return -1;
  switch (classifyBlink(e, params_)) {
    case BlinkMeaning::kSelect:
      if (count_ == 0)
        codeStart_ = scan_.position();
      ++count_;
      lastBlinkUs_ = t;
      return -1;
    case BlinkMeaning::kLong:
      count_ = 0;
      if (!scanning_) {
        scanning_ = true;
        scan_.reset(t);
      } else if (!scan_.stepBack(t) && hasCodes_) {
        scanning_ = false;
      }
      return -1;
    case BlinkMeaning::kIgnored:
      return -1;
  }
  return -1;
}

void BlinkCodeSelector::view(MethodView& out) const {
  if (scanning_)
    scan_.view(out);
  else
    out = MethodView{};
  out.scanning = scanning_;
  out.blinkCount = static_cast<std::uint8_t>(std::min(count_, 255));
}

}  // namespace drishti::host
