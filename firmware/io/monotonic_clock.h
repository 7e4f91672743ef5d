// The one clock of the tracker: CLOCK_MONOTONIC in microseconds.
//
// Every timestamp on the wire (capture, send) and every duration the tracker
// measures comes from here, never from wall time, so a clock step (NTP, a user
// setting the date) cannot produce negative or huge durations.
// Thread safety: reentrant; async-signal-safe (clock_gettime is).
#pragma once

#include <cstdint>

namespace drishti::io {

// Microseconds since an arbitrary point (boot on Linux); never goes back.
std::uint64_t monotonicUs();

// Sleeps until monotonicUs() >= deadlineUs (returns at once if it has passed).
void sleepUntilUs(std::uint64_t deadlineUs);

}  // namespace drishti::io
