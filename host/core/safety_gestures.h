// SafetyGestures: long-blink gestures that need no calibration and no screen.
//
// A long blink lasts safety.long_blink_min_ms .. long_blink_max_ms (either or
// both eyes: a drooping lid must not stop a call for help). Long blinks that
// start within safety.gap_ms of the previous one's end form a burst; ordinary
// blinks in between are ignored. The help_blinks-th long blink of a burst
// calls for help at once. A burst that ends with exactly rest_blinks starts or
// ends rest. The tracker reports a blink only when it ends, so a burst is over
// only when no long blink can have started within gap_ms of the last one: the
// eyes were seen open (kEyes open, or a gaze point) for kOpenProofMs after
// that window began, or, when the eyes' state is unknown (drooping lids, no
// samples), once the longest long blink could have ended too. These gestures
// are watched on every screen and in every state, before and independent of
// the access method. Timing from event stamps only. Never allocates. Not
// thread-safe.
#pragma once

#include <cstdint>

#include "host/core/access_params.h"
#include "host/core/input_event.h"

namespace drishti::host {

// What a safety gesture asks for.
enum class SafetySignal : std::uint8_t { kNone, kHelp, kRestToggle };

class SafetyGestures {
 public:
  explicit SafetyGestures(const SafetyParams& params) : params_(params) {}

  SafetySignal input(const InputEvent& event);
  SafetySignal advance(std::int64_t tUs);

  // Long blinks counted in the current burst (for feedback: "2 of 3").
  int longBlinks() const { return count_; }
  bool isLongBlink(const InputEvent& event) const;

  // Eyes seen open without a break this long prove no blink is under way.
  static constexpr std::int64_t kOpenProofUs = 500'000;

 private:
  SafetySignal settle();
  void noteEyes(const InputEvent& e);

  SafetyParams params_;
  int count_ = 0;
  std::int64_t lastEndUs_ = 0;
  std::int64_t openSinceUs_ = -1;  // start of the current run of open-eye evidence, or -1
};

}  // namespace drishti::host
