#include "firmware/io/pacer.h"

#include "firmware/io/monotonic_clock.h"

namespace drishti::io {

Pacer::Pacer(double fps, bool paced, std::uint32_t maxLag)
    : fps_(fps > 0 ? fps : 30), paced_(paced), maxLag_(maxLag < 1 ? 1 : maxLag) {
  restart();
}

void Pacer::restart() {
  startUs_ = monotonicUs();
  next_ = 0;
}

void Pacer::useFrameClock(std::uint64_t originUs) {
  frameClock_ = true;
  startUs_ = originUs;
  next_ = 0;
}

void Pacer::waitUntilBeforeNext(std::uint64_t leadUs) const {
  if (!paced_ || frameClock_)
    return;
  const std::uint64_t due =
      startUs_ + static_cast<std::uint64_t>(static_cast<double>(next_) * 1e6 / fps_);
  if (due > leadUs && due - leadUs > monotonicUs())
    sleepUntilUs(due - leadUs);
}

std::uint64_t Pacer::waitForNext(std::uint64_t* skipped) {
  if (skipped != nullptr)
    *skipped = 0;
  if (!paced_ && !frameClock_)
    return monotonicUs();
  const double periodUs = 1e6 / fps_;
  auto dueOf = [&](std::uint64_t n) {
    return startUs_ + static_cast<std::uint64_t>(static_cast<double>(n) * periodUs);
  };
  if (frameClock_)
    return dueOf(next_++);
  std::uint64_t due = dueOf(next_);
  const std::uint64_t now = monotonicUs();
  if (now > due + static_cast<std::uint64_t>(maxLag_ * periodUs)) {
    const auto late = static_cast<std::uint64_t>(static_cast<double>(now - due) / periodUs);
    if (skipped != nullptr)
      *skipped = late;
    startUs_ = now;
    next_ = 0;
    due = now;
  }
  sleepUntilUs(due);
  ++next_;
  return due;
}

}  // namespace drishti::io
