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

TEST_CASE("two long blinks toggle rest once the eyes are seen open after the burst") {
  SafetyGestures g(SafetyParams{});
  g.input(blink(3000, 2500));
  g.input(blink(7000, 2500));
  SafetySignal s = SafetySignal::kNone;
  std::int64_t toggledMs = -1;
  for (std::int64_t t = 7033; t < 20'000 && toggledMs < 0; t += 33) {
    s = g.input(lids(t, true));  // a tracker sample every 33 ms, eyes open
    if (s == SafetySignal::kRestToggle)
      toggledMs = t;
    else
      CHECK(s == SafetySignal::kNone);
  }
  // Not before the gap (a third might still start), then at once: the eyes
  // have been open for longer than kOpenProofUs, so no blink is under way.
  CHECK(toggledMs >= 11'000);
  CHECK(toggledMs <= 11'040);
  CHECK(g.advance(30'000'000) == SafetySignal::kNone);
}

TEST_CASE("without the lids' state, rest waits until no long blink can still be under way") {
  SafetyGestures g(SafetyParams{});  // gap 4 s, long blinks up to 8 s
  g.input(blink(3000, 2500));
  g.input(blink(7000, 2500));
  CHECK(g.advance(11'100'000) == SafetySignal::kNone);
  CHECK(g.advance(18'900'000) == SafetySignal::kNone);
  CHECK(g.advance(19'100'000) == SafetySignal::kRestToggle);
}

TEST_CASE("a long blink under way when the gap runs out still joins the burst") {
  // The tracker reports a blink at its end: 3 s closures with 1.5 s between
  // them end 4.5 s apart, more than the 4 s gap, yet each starts 1.5 s after
  // the last one ended. This is how a person calls for help.
  SafetyGestures g(SafetyParams{});
  std::int64_t t = 0;
  int helps = 0;
  for (int i = 0; i < 3; ++i) {
    for (const std::int64_t openUntil = t + 1500; t < openUntil; t += 33)
      CHECK(g.input(lids(t, true)) == SafetySignal::kNone);
    for (const std::int64_t shutUntil = t + 3000; t < shutUntil; t += 33)
      CHECK(g.input(lids(t, false)) == SafetySignal::kNone);
    const SafetySignal s = g.input(blink(t, 3000));
    helps += s == SafetySignal::kHelp ? 1 : 0;
  }
  CHECK(helps == 1);
}

TEST_CASE("closed lids after the gap keep the burst open") {
  SafetyGestures g(SafetyParams{});
  g.input(blink(3000, 2500));
  g.input(blink(7000, 2500));
  // Eyes open for 2 s, then shut from 9 s (within the gap) past its end at 11 s.
  for (std::int64_t t = 7033; t < 9000; t += 33)
    g.input(lids(t, true));
  for (std::int64_t t = 9000; t < 13'000; t += 33)
    CHECK(g.input(lids(t, false)) == SafetySignal::kNone);
  CHECK(g.input(blink(13'000, 4000)) == SafetySignal::kHelp);  // the third long blink
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
