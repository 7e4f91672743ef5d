#include "host/core/blink_selector.h"

#include <catch2/catch.hpp>
#include <random>

#include "method_test_helpers.h"

using namespace drishti::host;
using namespace drishti::host::test;

namespace {

AccessParams params() {
  AccessParams p;
  p.blink.minMs = 400;
  p.blink.maxMs = 1000;
  p.dwell.lockOnMs = 150;
  return p;
}

}  // namespace

TEST_CASE("a deliberate blink selects the key looked at before the eyes closed") {
  const auto targets = gridTargets(1, 3);
  BlinkSelector b(params());
  b.setTargets(targets, 0);
  for (int t = 0; t <= 600; t += 33)
    b.input(gaze(t, 150, 50));
  // Eyes close at 600 ms; the gaze point drifts down onto key 2 while they do.
  b.input(gaze(620, 250, 50));
  b.input(simple(640, InputKind::kGazeLost));
  CHECK(b.input(blink(1100, 500)) == 1);
}

TEST_CASE("blinks outside the band, of the wrong eye, or before the gaze settles do nothing") {
  const auto targets = gridTargets(1, 3);
  AccessParams p = params();
  p.blink.eyes = EyeChoice::kLeft;
  BlinkSelector b(p);
  b.setTargets(targets, 0);
  for (int t = 0; t <= 600; t += 33)
    b.input(gaze(t, 50, 50));
  CHECK(b.input(blink(1000, 500, BlinkEyes::kBoth)) == -1);
  CHECK(b.input(blink(2000, 300, BlinkEyes::kLeft)) == -1);   // too short
  CHECK(b.input(blink(4000, 1000, BlinkEyes::kLeft)) == -1);  // max is exclusive
  CHECK(b.input(blink(5000, 500, BlinkEyes::kLeft)) == 0);
  b.input(gaze(5500, 250, 50));  // jump to key 2...
  CHECK(b.input(blink(5600 + 400, 400, BlinkEyes::kLeft)) ==
        -1);  // ...and blink at once: not settled
}

TEST_CASE("property: a closure shorter than the minimum or longer than the maximum never selects") {
  const AccessParams p = params();
  const auto targets = gridTargets(2, 4);
  for (unsigned seed = 1; seed <= 30; ++seed) {
    std::mt19937 rng(seed);
    BlinkSelector b(p);
    b.setTargets(targets, 0);
    std::int64_t t = 0;
    int selections = 0;
    for (int i = 0; i < 3000; ++i) {
      t += std::uniform_int_distribution<int>(10, 80)(rng);
      InputEvent e;
      const int kind = std::uniform_int_distribution<int>(0, 9)(rng);
      if (kind < 7) {
        e = gaze(t, std::uniform_real_distribution<float>(-20, 420)(rng),
                 std::uniform_real_distribution<float>(-20, 220)(rng));
      } else if (kind < 9) {
        const auto d =
            static_cast<std::uint32_t>(std::uniform_int_distribution<int>(30, 3000)(rng));
        t += d;
        e = blink(t, d, static_cast<BlinkEyes>(std::uniform_int_distribution<int>(0, 2)(rng)));
      } else {
        e = simple(t, InputKind::kGazeLost);
      }
      const int s = b.input(e);
      if (s >= 0) {
        ++selections;
        REQUIRE(e.kind == InputKind::kBlink);
        REQUIRE(e.durationMs >= p.blink.minMs);
        REQUIRE(e.durationMs < p.blink.maxMs);
        REQUIRE(e.eyes == BlinkEyes::kBoth);
      }
    }
    CHECK(selections > 0);  // the stream did exercise selection
  }
}
