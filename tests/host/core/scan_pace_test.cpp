#include "host/core/scan_pace.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "host/core/scan_selector.h"
#include "method_test_helpers.h"

using namespace drishti::host;
using namespace drishti::host::test;

namespace {

ScanParams adaptive(std::uint32_t intervalMs = 1200, std::uint32_t floorMs = 500) {
  ScanParams p;
  p.intervalMs = intervalMs;
  p.adapt = true;
  p.adaptMinMs = floorMs;
  return p;
}

// One kept selection of two picks (row, then key) with these reactions.
void keep(ScanPace& pace, double a, double b) {
  pace.reaction(a);
  pace.reaction(b);
  pace.selected(false);
}

}  // namespace

TEST_CASE("adaptive step: quick reactions shorten it, slowly, down to the floor and no further") {
  ScanPace pace(adaptive(1200, 500));
  CHECK(pace.stepMs() == 1200);  // the therapist's value is the start
  std::uint32_t last = pace.stepMs();
  for (int i = 0; i < 200; ++i) {
    keep(pace, 200 + (i % 7) * 10, 230);  // reactions of 200-260 ms: + margin well under 500
    CHECK(pace.stepMs() <= last);
    CHECK(last - pace.stepMs() <= ScanPace::kSpeedUpMs);  // faster only slowly
    last = pace.stepMs();
  }
  CHECK(pace.stepMs() == 500);
}

TEST_CASE("adaptive step: it settles at a high percentile of the reactions plus the margin") {
  ScanPace pace(adaptive(1200, 300));
  for (int i = 0; i < 200; ++i)
    keep(pace, 380, i % 6 == 0 ? 520 : 400);  // 2 in every 24 reactions at 520 ms
  // The 2nd slowest of the last 24 is 520: 520 + 150 (not 400 + 150).
  CHECK(pace.stepMs() == 520 + ScanPace::kMarginMs);
}

TEST_CASE("adaptive step: trouble makes it slower at once and holds it") {
  ScanPace pace(adaptive(1200, 500));
  for (int i = 0; i < 100; ++i)
    keep(pace, 300, 320);
  const std::uint32_t settled = pace.stepMs();
  REQUIRE(settled < 1000);
  pace.trouble();
  CHECK(pace.stepMs() == settled + ScanPace::kTroubleMs);
  for (std::uint32_t i = 0; i < ScanPace::kHoldSelections; ++i) {
    keep(pace, 300, 320);
    CHECK(pace.stepMs() == settled + ScanPace::kTroubleMs);  // held
  }
  keep(pace, 300, 320);
  CHECK(pace.stepMs() < settled + ScanPace::kTroubleMs);  // then faster again

  SECTION("a Delete after a key is trouble, a run of Deletes is one") {
    const std::uint32_t before = pace.stepMs();
    pace.selected(true);
    CHECK(pace.stepMs() == before + ScanPace::kTroubleMs);
    pace.selected(true);
    pace.selected(true);
    CHECK(pace.stepMs() == before + ScanPace::kTroubleMs);
  }
  SECTION("a blink too soon after the onset to react to it: a late blink, trouble") {
    const std::uint32_t before = pace.stepMs();
    const std::size_t samples = pace.samples();
    pace.reaction(40);
    CHECK(pace.stepMs() == before + ScanPace::kTroubleMs);
    pace.selected(false);
    pace.selected(false);
    CHECK(pace.samples() == samples);  // and not a sample of the person's pace
  }
  SECTION("slower reactions slow it at once") {
    keep(pace, 900, 900);  // held until the next kept selection
    keep(pace, 900, 900);
    CHECK(pace.stepMs() == 900 + ScanPace::kMarginMs);
  }
}

TEST_CASE("adaptive step: never above the profile's interval") {
  ScanPace pace(adaptive(800, 500));
  for (int i = 0; i < 50; ++i) {
    keep(pace, 2000, 3000);
    pace.trouble();
    pace.selected(true);
    CHECK(pace.stepMs() <= 800);
  }
  CHECK(pace.stepMs() == 800);
  SECTION("a floor above the interval: the interval") {
    ScanPace odd(adaptive(600, 900));
    for (int i = 0; i < 50; ++i)
      keep(odd, 200, 200);
    CHECK(odd.stepMs() == 600);
  }
}

TEST_CASE("adaptive step: a wrong selection's reactions do not count") {
  ScanPace pace(adaptive(1200, 300));
  for (int i = 0; i < 50; ++i)
    keep(pace, 300, 300);
  const std::uint32_t settled = pace.stepMs();
  REQUIRE(settled == 300 + ScanPace::kMarginMs);
  // Quick, wrong picks, each taken back: none of their reactions are kept.
  const std::size_t samples = pace.samples();
  for (int i = 0; i < 30; ++i) {
    keep(pace, 130, 130);
    pace.selected(true);
  }
  CHECK(pace.samples() == samples);
}

TEST_CASE("adaptive step: odd reactions are ignored, and off means the profile's value") {
  ScanPace pace(adaptive(1200, 500));
  for (int i = 0; i < 50; ++i) {
    pace.reaction(std::numeric_limits<double>::quiet_NaN());
    pace.reaction(std::numeric_limits<double>::infinity());
    pace.reaction(-std::numeric_limits<double>::infinity());
    pace.reaction(-5);
    pace.reaction(1e9);
    pace.selected(false);
  }
  CHECK(pace.samples() == 0);
  CHECK(pace.stepMs() == 1200);

  ScanParams off = adaptive(1200, 500);
  off.adapt = false;
  ScanPace fixed(off);
  for (int i = 0; i < 100; ++i)
    keep(fixed, 200, 200);
  fixed.trouble();
  CHECK(fixed.stepMs() == 1200);
  CHECK(fixed.samples() == 0);
}

TEST_CASE("row scanning with scan.adapt: quick blinks shorten the step, a step back lengthens it") {
  const auto targets = gridTargets(3, 4);
  AccessParams p;
  p.scan.mode = ScanMode::kRows;
  p.scan.intervalMs = 1000;
  p.scan.firstDelayMs = 0;
  p.scan.adapt = true;
  p.scan.adaptMinMs = 400;
  ScanSelector s(p);
  s.setTargets(targets, 0);
  std::int64_t t = 0;
  // Row 1, key 5, each picked by a blink starting 300 ms after it was lit.
  const auto pickRow1Key5 = [&] {
    const std::int64_t step = s.stepMs();
    const std::int64_t top = t;
    t = top + step + 300 + 500;  // row 1 lit at top + step; blink of 500 ms
    REQUIRE(s.input(blink(t, 500)) == -1);
    const std::int64_t row = t;
    t = row + step + 300 + 500;  // key 5 lit one step after the row was entered
    const int chosen = s.input(blink(t, 500));
    s.selected(false);
    return chosen;
  };
  for (int i = 0; i < 60; ++i)
    REQUIRE(pickRow1Key5() == 5);
  // Reactions of 300 ms: 300 + margin, above the floor.
  CHECK(s.stepMs() == 300 + ScanPace::kMarginMs);
  MethodView v;
  s.view(v);
  CHECK(v.stepMs == s.stepMs());  // shown to the session (status line)
  const std::uint32_t before = s.stepMs();
  const std::int64_t step = before;
  s.input(blink(t + 300, 500));  // into row 0 (the blink began before the restart)
  const std::int64_t wrapMs = t + 300 + 4 * step;  // its 4 keys, then key 0 again
  SECTION("a step back is trouble") {
    s.input(blink(t + 900, 1500));
    CHECK(s.stepMs() == before + ScanPace::kTroubleMs);
  }
  SECTION("a pass through the row with no blink is a miss") {
    s.advance((wrapMs + 1900) * 1000);
    CHECK(s.stepMs() == before);  // a blink begun before the pass ended may still come
    s.advance((wrapMs + 2000) * 1000);
    CHECK(s.stepMs() == before + ScanPace::kTroubleMs);
  }
  SECTION("a long blink begun before the pass ended was in time") {
    CHECK(s.input(blink(wrapMs + 800, 900)) == 3);  // began 100 ms before the wrap: key 3
    s.advance((wrapMs + 5000) * 1000);
    CHECK(s.stepMs() == before);
  }
}
