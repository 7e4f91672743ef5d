#include "firmware/io/monotonic_clock.h"

#include <cerrno>
#include <ctime>

namespace drishti::io {

std::uint64_t monotonicUs() {
  timespec ts{};
  ::clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<std::uint64_t>(ts.tv_sec) * 1'000'000u +
         static_cast<std::uint64_t>(ts.tv_nsec) / 1000u;
}

void sleepUntilUs(std::uint64_t deadlineUs) {
  timespec ts{};
  ts.tv_sec = static_cast<time_t>(deadlineUs / 1'000'000u);
  ts.tv_nsec = static_cast<long>((deadlineUs % 1'000'000u) * 1000u);
  // Absolute sleeps do not drift when a signal interrupts them.
  while (::clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, nullptr) == EINTR) {
  }
}

}  // namespace drishti::io
