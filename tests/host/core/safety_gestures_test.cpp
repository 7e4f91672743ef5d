#include "host/core/safety_gestures.h"

#include <catch2/catch.hpp>

#include "method_test_helpers.h"

using namespace drishti::host;
using namespace drishti::host::test;

TEST_CASE("three long blinks call for help at the third") {
  SafetyGestures g(SafetyParams{});
  CHECK(g.input(blink(3000, 2500)) == SafetySignal::kNone);
  CHECK(g.input(blink(1000 + 6000, 2500)) == SafetySignal::kNone);
  CHECK(g.longBlinks() == 2);
  CHECK(g.input(blink(400, 300)) ==
        SafetySignal::kNone);  // an ordinary blink in between is ignored
  CHECK(g.input(blink(7000 + 1000 + 2500, 2500)) == SafetySignal::kHelp);
  CHECK(g.longBlinks() == 0);
  CHECK(g.advance(60'000'000) == SafetySignal::kNone);  // no rest toggle after help
}

TEST_CASE("two long blinks toggle rest once the burst is over") {
  SafetyGestures g(SafetyParams{});
  g.input(blink(3000, 2500));
  g.input(blink(7000, 2500));
  CHECK(g.advance(9000'000) == SafetySignal::kNone);  // a third might still come
  CHECK(g.advance(11'100'000) == SafetySignal::kRestToggle);
  CHECK(g.advance(20'000'000) == SafetySignal::kNone);
}

TEST_CASE("long blinks too far apart, too short or too long do not count") {
  SafetyGestures g(SafetyParams{});
  g.input(blink(3000, 2500));
  g.input(blink(3000 + 5000 + 2500, 2500));  // started 5 s after the last ended: a new burst
  CHECK(g.longBlinks() == 1);
  g.input(blink(20'000, 1500));  // below 2000 ms
  g.input(blink(40'000, 9000));  // above 8000 ms: asleep, not a gesture
  CHECK(g.advance(60'000'000) == SafetySignal::kNone);
}
