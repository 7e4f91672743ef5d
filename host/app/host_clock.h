// The host's one monotonic clock, in µs (CLOCK_MONOTONIC through steady_clock).
//
// Every InputEvent is stamped on it: mouse and key events, wire messages at
// arrival, script events (offset from the script's start). Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>

namespace drishti::app {

inline std::int64_t hostNowUs() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace drishti::app
