// BlinkSelector: point with the gaze, select with a deliberate blink.
//
// The key under the gaze is highlighted (with the dwell margin against
// jitter). A blink of the chosen eye(s) lasting at least blink.min_ms and less
// than blink.max_ms selects the key the gaze was on just before the eyes began
// to close (the gaze point drifts while the lid falls), provided the gaze had
// settled there for dwell.lock_on_ms. Shorter closures are involuntary and
// longer ones are rests or safety gestures: neither ever selects. Timing from
// event stamps only; see access_method.h for the contract.
#pragma once

#include <array>

#include "host/core/access_method.h"

namespace drishti::host {

class BlinkSelector final : public AccessMethod {
 public:
  explicit BlinkSelector(const AccessParams& params) : params_(params) {}

  MethodKind kind() const override { return MethodKind::kBlink; }
  void setTargets(std::span<const Target> targets, std::int64_t tUs) override;
  int input(const InputEvent& event) override;
  int advance(std::int64_t tUs) override;
  void reset(std::int64_t tUs) override;
  void view(MethodView& out) const override;

  // The gaze is taken from this long before the closure began.
  static constexpr std::int64_t kBeforeClosureUs = 80'000;

 private:
  struct FocusChange {
    std::int64_t tUs = 0;
    int target = -1;
  };
  void setFocus(int target, std::int64_t tUs);
  int focusAt(std::int64_t tUs) const;

  AccessParams params_;
  std::span<const Target> targets_;
  int focus_ = -1;
  std::int64_t lostSinceUs_ = -1;
  std::int64_t nowUs_ = 0;
  // Recent focus changes, oldest overwritten: enough for a few seconds of gaze.
  std::array<FocusChange, 32> history_{};
  std::size_t historyCount_ = 0;
  std::size_t historyNext_ = 0;
};

}  // namespace drishti::host
