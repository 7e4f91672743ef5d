#include "host/core/gaze_refiner.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <random>

using namespace drishti::host;

namespace {

constexpr double kPxPerDeg = 44;
constexpr std::uint64_t kFrameUs = 33'333;  // 30 Hz, as the tracker

// A tracker whose single samples scatter around where the eyes are:
// sdXDeg / sdYDeg per axis (the chain measures more vertical scatter).
struct Gaze {
  explicit Gaze(double precisionDeg, bool saccadeRestart = true, double sdXDeg = -1,
                double sdYDeg = -1)
      : refiner(params(saccadeRestart), kPxPerDeg),
        nx(0, (sdXDeg >= 0 ? sdXDeg : precisionDeg / std::sqrt(2.0)) * kPxPerDeg),
        ny(0, (sdYDeg >= 0 ? sdYDeg : precisionDeg / std::sqrt(2.0)) * kPxPerDeg) {
    refiner.setPrecision(precisionDeg);
  }
  static GazeRefinerParams params(bool saccadeRestart) {
    GazeRefinerParams p;
    p.saccadeRestart = saccadeRestart;
    return p;
  }
  // One frame looking at (x, y); the refined point in (ox, oy).
  void frame(double x, double y) {
    t += kFrameUs;
    REQUIRE(refiner.refine(t, x + nx(rng), y + ny(rng), ox, oy));
  }

  GazeRefiner refiner;
  std::mt19937 rng{7};
  std::normal_distribution<double> nx, ny;
  std::uint64_t t = 1'000'000;
  double ox = 0, oy = 0;
};

double deg(double x0, double y0, double x1, double y1) {
  return std::hypot(x1 - x0, y1 - y0) / kPxPerDeg;
}

// Frames after a saccade from (x0, y0) to (x1, y1) until the refined point
// stays within withinDeg of the new spot.
int framesToLand(Gaze& g, double x0, double y0, double x1, double y1, double withinDeg) {
  for (int i = 0; i < 45; ++i)
    g.frame(x0, y0);
  int firstIn = -1;
  for (int i = 0; i < 45; ++i) {
    g.frame(x1, y1);
    const bool in = deg(g.ox, g.oy, x1, y1) <= withinDeg;
    if (in && firstIn < 0)
      firstIn = i + 1;
    else if (!in)
      firstIn = -1;
  }
  return firstIn;
}

}  // namespace

TEST_CASE("after a saccade the refined point is on the new key within about 100 ms") {
  // Keys are about 3.4 degrees wide: within 1 degree of the centre is well on it.
  int withRestart = 0, gliding = 0;
  for (int trial = 0; trial < 10; ++trial) {
    Gaze g(1.0);
    g.rng.seed(100 + trial);
    const int frames = framesToLand(g, 300, 300, 300 + 4 * kPxPerDeg, 300, 1.0);
    REQUIRE(frames > 0);
    withRestart = std::max(withRestart, frames);
    Gaze old(1.0, false);
    old.rng.seed(100 + trial);
    gliding = std::max(gliding, framesToLand(old, 300, 300, 300 + 4 * kPxPerDeg, 300, 1.0));
  }
  CHECK(withRestart <= 5);           // 3 frames to tell a saccade from noise, 100 ms at 30 Hz
  CHECK(gliding > 2 * withRestart);  // what it replaces: the filter's glide
}

TEST_CASE("a held gaze is not mistaken for saccades, and stays on its key") {
  for (const double precision : {0.5, 1.0, 2.0, 3.0}) {
    CAPTURE(precision);
    Gaze g(precision);
    const double x = 640, y = 400;
    for (int i = 0; i < 15; ++i)
      g.frame(x, y);
    double worst = 0;
    for (int i = 0; i < 30 * 60; ++i) {  // a minute
      g.frame(x, y);
      worst = std::max(worst, deg(g.ox, g.oy, x, y));
    }
    CHECK(g.refiner.saccadeRestarts() <= 1);
    CHECK(worst < 1.7);  // inside a 3.4 degree key
  }
}

TEST_CASE("a 2-3 degree tracker holds one fixation on a key") {
  // The real chain through drishti-tracker: about 2.2 degrees of precision,
  // single samples scattering about 2 degrees vertically; the e2e tests run
  // at about 3.2. A fixation must hold, or dwell keeps restarting.
  struct Case {
    double precision, sdX, sdY;
  };
  for (const Case c : {Case{2.2, 0.9, 2.0}, Case{3.2, 2.26, 2.26}, Case{2.0, 1.41, 1.41}}) {
    CAPTURE(c.precision);
    Gaze g(c.precision, true, c.sdX, c.sdY);
    const double x = 640, y = 400;
    for (int i = 0; i < 15; ++i)
      g.frame(x, y);
    std::int32_t id = g.refiner.fixationId();
    int changes = 0, outside = 0;
    for (int i = 0; i < 30 * 20; ++i) {  // 20 s
      g.frame(x, y);
      const std::int32_t now = g.refiner.fixationId();
      changes += now != id;
      id = now;
      outside += deg(g.ox, g.oy, x, y) > 1.7;
    }
    CHECK(changes <= 2);
    CHECK(outside == 0);
    // Without being told the precision, the same noise breaks the fixation.
    Gaze untold(0, true, c.sdX, c.sdY);
    untold.rng.seed(7);
    for (int i = 0; i < 15; ++i)
      untold.frame(x, y);
    id = untold.refiner.fixationId();
    int untoldChanges = 0;
    for (int i = 0; i < 30 * 20; ++i) {
      untold.frame(x, y);
      untoldChanges += untold.refiner.fixationId() != id;
      id = untold.refiner.fixationId();
    }
    CHECK(untoldChanges > changes);
  }
}

TEST_CASE("the refiner ignores bad precision values and non-finite points") {
  GazeRefiner r(GazeRefinerParams{}, kPxPerDeg);
  r.setPrecision(1.0);
  r.setPrecision(-1);
  r.setPrecision(std::nan(""));
  CHECK(r.precisionDeg() == 1.0);
  double x = 0, y = 0;
  CHECK_FALSE(r.refine(1000, std::nan(""), 3, x, y));
  CHECK(r.refine(2000, 10, 20, x, y));
  CHECK(x == 10);
  CHECK(y == 20);
}

TEST_CASE("a typed key teaches the drift correction only once the person keeps it") {
  // The person rests 1 degree right of the key's centre: kept, that is drift
  // to correct; deleted, it was the wrong key and teaches nothing.
  Gaze g(0.3);
  const double keyX = 400, keyY = 300;
  const double kHalfW = 66, kHalfH = 59;  // a key of en-abc: 133 x 118 px
  const auto fixate = [&] {
    for (int i = 0; i < 30; ++i)
      g.frame(keyX + kPxPerDeg, keyY);
  };
  double dx = 0, dy = 0;

  fixate();
  g.refiner.holdSelection(g.t, keyX, keyY, kHalfW, kHalfH, 1);
  CHECK(g.refiner.heldSelections() == 1);
  CHECK(g.refiner.settleSelections(g.t, 0, TextBoundary::kNone) == 0);  // Delete
  CHECK(g.refiner.heldSelections() == 0);
  CHECK(g.refiner.settleSelections(g.t, 1, TextBoundary::kMessage) == 0);  // Speak later
  g.refiner.driftOffset(g.t, dx, dy);
  CHECK(dx == 0);
  CHECK(dy == 0);

  fixate();
  g.refiner.holdSelection(g.t, keyX, keyY, kHalfW, kHalfH, 1);
  CHECK(g.refiner.settleSelections(g.t, 2, TextBoundary::kNone) == 0);  // another letter
  g.refiner.driftOffset(g.t, dx, dy);
  CHECK(dx == 0);                                                          // still held
  CHECK(g.refiner.settleSelections(g.t, 2, TextBoundary::kMessage) == 1);  // Speak: kept
  g.refiner.driftOffset(g.t, dx, dy);
  CHECK(dx < -0.3 * kPxPerDeg);  // pulls the gaze back toward the key
  CHECK(std::abs(dy) < 0.3 * kPxPerDeg);
}

TEST_CASE("a key the drift correction moved the gaze onto teaches it nothing") {
  // The uncorrected gaze rests 2 degrees right of the key's centre, beyond
  // its half width (1.5 degrees): only the correction could have put it on
  // the key, so the selection is the correction's doing, not evidence.
  Gaze g(0.3);
  const double keyX = 400, keyY = 300, halfW = 66, halfH = 59;
  for (int i = 0; i < 30; ++i)
    g.frame(keyX + 2 * kPxPerDeg, keyY);
  g.refiner.holdSelection(g.t, keyX, keyY, halfW, halfH, 1);
  CHECK(g.refiner.heldSelections() == 0);
  CHECK(g.refiner.settleSelections(g.t, 1, TextBoundary::kMessage) == 0);
  double dx = 0, dy = 0;
  g.refiner.driftOffset(g.t, dx, dy);
  CHECK(dx == 0);
  CHECK(dy == 0);

  // The same look 1 degree off the centre is on the key: it is held.
  for (int i = 0; i < 30; ++i)
    g.frame(keyX + kPxPerDeg, keyY + 300);  // a saccade away and back
  for (int i = 0; i < 30; ++i)
    g.frame(keyX + kPxPerDeg, keyY);
  g.refiner.holdSelection(g.t, keyX, keyY, halfW, halfH, 1);
  CHECK(g.refiner.heldSelections() == 1);
}
