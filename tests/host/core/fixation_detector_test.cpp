#include "host/core/fixation_detector.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <random>

using namespace drishti::host;

namespace {

constexpr double kPxPerDeg = 40;
constexpr std::uint64_t kStepUs = 16'667;  // 60 Hz

struct Feed {
  FixationDetector det{FixationParams{}, kPxPerDeg};
  std::uint64_t t = 1'000'000;
  std::mt19937 rng{11};
  std::vector<std::pair<FixationEvent, Fixation>> events;

  void hold(double x, double y, double ms, double noiseDeg = 0.15, bool valid = true) {
    std::normal_distribution<double> n(0, noiseDeg * kPxPerDeg);
    for (double e = 0; e < ms; e += kStepUs / 1000.0, t += kStepUs) {
      const FixationEvent ev = det.add(t, x + n(rng), y + n(rng), valid);
      if (ev != FixationEvent::kNone)
        events.push_back({ev, det.current()});
    }
  }
};

}  // namespace

TEST_CASE("fixations between saccades are found with their centroid and duration") {
  Feed f;
  f.hold(200, 200, 400);
  f.hold(800, 300, 300);
  f.hold(400, 600, 500);
  f.hold(1400, 100, 50);  // too short to be a fixation
  f.hold(100, 900, 300);
  int started = 0, ended = 0;
  std::vector<Fixation> done;
  for (const auto& [ev, fix] : f.events) {
    started += ev == FixationEvent::kStarted;
    ended += ev == FixationEvent::kEnded;
    if (ev == FixationEvent::kEnded)
      done.push_back(fix);
  }
  CHECK(started == 4);
  CHECK(ended == 3);
  REQUIRE(done.size() == 3);
  CHECK(done[0].x == Approx(200).margin(0.1 * kPxPerDeg));
  CHECK(done[1].y == Approx(300).margin(0.1 * kPxPerDeg));
  CHECK(done[2].durationMs() == Approx(500).margin(40));
  CHECK(done[1].durationMs() == Approx(300).margin(40));
  CHECK(f.det.current().active);
  CHECK(f.det.current().x == Approx(100).margin(0.1 * kPxPerDeg));
  CHECK(f.det.current().id == 4);
}

TEST_CASE("a single stray sample or a short blink does not break a fixation") {
  Feed f;
  f.hold(500, 500, 300);
  const std::uint32_t id = f.det.current().id;
  REQUIRE(f.det.current().active);
  f.det.add(f.t, 900, 900, true);  // one wild sample
  f.t += kStepUs;
  f.hold(500, 500, 100);
  f.hold(0, 0, 100, 0, false);  // 100 ms blink
  f.hold(500, 500, 200);
  CHECK(f.det.current().active);
  CHECK(f.det.current().id == id);
  CHECK(f.det.current().durationMs() > 650);
  CHECK(f.det.current().x == Approx(500).margin(0.1 * kPxPerDeg));
}

TEST_CASE("a long gap ends a fixation") {
  Feed f;
  f.hold(500, 500, 300);
  f.hold(0, 0, 400, 0, false);
  REQUIRE_FALSE(f.events.empty());
  CHECK(f.events.back().first == FixationEvent::kEnded);
  CHECK_FALSE(f.det.current().active);
}

TEST_CASE("a slow glide across the screen is not one long fixation") {
  Feed f;
  for (int i = 0; i < 60; ++i)
    f.hold(300 + i * 0.1 * kPxPerDeg, 300, 50, 0.02);  // 6 degrees in 3 s
  int started = 0;
  for (const auto& e : f.events)
    started += e.first == FixationEvent::kStarted;
  CHECK(started >= 2);
  // ... but the few hundred ms a filtered point takes to settle after a
  // saccade do not break the fixation that follows.
  Feed g;
  for (int i = 0; i < 20; ++i)  // exponential approach over ~300 ms, 4 degrees
    g.hold(300 + 4 * kPxPerDeg * (1 - std::exp(-i / 5.0)), 300, 17, 0.02);
  g.hold(300 + 4 * kPxPerDeg, 300, 600, 0.05);
  int starts = 0;
  for (const auto& e : g.events)
    starts += e.first == FixationEvent::kStarted;
  CHECK(starts == 1);
  CHECK(g.det.current().active);
}
