#include "firmware/io/pacer.h"

#include <catch2/catch.hpp>
#include <thread>

#include "firmware/io/monotonic_clock.h"

namespace drishti::io {
namespace {

TEST_CASE("paced frames are stamped exactly one period apart") {
  Pacer pacer(100, true);
  const std::uint64_t first = pacer.waitForNext();
  for (int i = 1; i <= 5; ++i) {
    std::uint64_t missed = 99;
    const std::uint64_t due = pacer.waitForNext(&missed);
    CHECK(due - first == static_cast<std::uint64_t>(i) * 10'000);
    CHECK(missed == 0);
    CHECK(monotonicUs() >= due);  // it waited until the frame was due
  }
}

TEST_CASE("a reader later than the driver's buffers misses frames instead of getting old ones") {
  Pacer pacer(100, true, 2);
  pacer.waitForNext();
  std::this_thread::sleep_for(std::chrono::milliseconds(60));  // six periods late
  std::uint64_t missed = 0;
  const std::uint64_t due = pacer.waitForNext(&missed);
  CHECK(missed >= 4);
  CHECK(monotonicUs() - due < 10'000);  // a fresh frame, not a stale one
  // And the schedule goes on from there.
  CHECK(pacer.waitForNext(&missed) - due == 10'000);
  CHECK(missed == 0);
}

TEST_CASE("work for the next frame can wait until just before it is due") {
  Pacer pacer(50, true);
  const std::uint64_t first = pacer.waitForNext();
  pacer.waitUntilBeforeNext(5'000);
  // Not earlier than 5 ms before the frame due 20 ms after the first.
  CHECK(monotonicUs() >= first + 15'000);
  CHECK(pacer.waitForNext() == first + 20'000);
  // A lead longer than the time left, or unpaced: no wait at all.
  pacer.waitUntilBeforeNext(1'000'000);
  Pacer unpaced(1, false);
  const std::uint64_t before = monotonicUs();
  unpaced.waitUntilBeforeNext(0);
  CHECK(monotonicUs() - before < 500'000);
}

TEST_CASE("on the frame clock frames are stamped by their number, and a late reader misses none") {
  Pacer pacer(25, true);
  pacer.useFrameClock(kFrameClockOriginUs);
  CHECK(pacer.waitForNext() == 1'000'000);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // 2.5 periods late
  std::uint64_t missed = 99;
  CHECK(pacer.waitForNext(&missed) == 1'040'000);
  CHECK(missed == 0);
  CHECK(pacer.waitForNext() == 1'080'000);
}

TEST_CASE("unpaced, frames come at once, stamped when taken") {
  Pacer pacer(1, false);
  const std::uint64_t before = monotonicUs();
  pacer.waitForNext();
  const std::uint64_t due = pacer.waitForNext();
  CHECK(due >= before);
  CHECK(monotonicUs() - before < 500'000);  // not a second per frame
}

}  // namespace
}  // namespace drishti::io
