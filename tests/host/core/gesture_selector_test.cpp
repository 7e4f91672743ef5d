#include "host/core/gesture_selector.h"

#include <catch2/catch.hpp>

#include "method_test_helpers.h"

using namespace drishti::host;
using namespace drishti::host::test;

namespace {

GestureParams params() {
  GestureParams p;
  p.holdMs = 500;
  p.edge = 0.2F;
  return p;
}

// Looks in direction (x, y) for ms at 30 Hz, then back to the centre; returns a selection or -1.
int look(GestureSelector& g, std::int64_t& t, float x, float y, int ms = 600) {
  int s = -1;
  for (const std::int64_t end = t + ms; t < end; t += 33)
    if (const int r = g.input(gaze(t, x, y)); r >= 0)
      s = r;
  for (const std::int64_t end = t + 200; t < end; t += 33)
    if (const int r = g.input(gaze(t, 640, 400)); r >= 0)
      s = r;
  return s;
}

MethodView viewOf(const GestureSelector& g) {
  MethodView v;
  g.view(v);
  return v;
}

}  // namespace

TEST_CASE("looks are read from the screen edges") {
  GestureSelector g(params(), 1280, 800);
  CHECK(g.directionOf(640, 400) == Direction::kNone);
  CHECK(g.directionOf(100, 400) == Direction::kLeft);
  CHECK(g.directionOf(-300, 420) == Direction::kLeft);  // off screen counts
  CHECK(g.directionOf(1200, 400) == Direction::kRight);
  CHECK(g.directionOf(640, 50) == Direction::kUp);
  CHECK(g.directionOf(640, 790) == Direction::kDown);
  CHECK(g.directionOf(10, 700) == Direction::kLeft);  // the larger excursion wins
}

TEST_CASE("halving: left keeps the first half, right the second, up undoes") {
  const auto targets = gridTargets(1, 8);  // positions do not matter for gestures
  GestureSelector g(params(), 1280, 800);
  g.setTargets(targets, 0);
  std::int64_t t = 0;
  CHECK(look(g, t, 50, 400) == -1);  // [0,4)
  CHECK(viewOf(g).candidateEnd == 4);
  CHECK(look(g, t, 1250, 400) == -1);  // [2,4)
  CHECK(viewOf(g).candidateBegin == 2);
  CHECK(look(g, t, 640, 20) == -1);  // up: back to [0,4)
  CHECK(viewOf(g).candidateBegin == 0);
  CHECK(viewOf(g).candidateEnd == 4);
  CHECK(look(g, t, 1250, 400) == -1);  // [2,4)
  CHECK(look(g, t, 1250, 400) == 3);   // [3,4): selected
  CHECK(viewOf(g).candidateEnd == 8);  // and starts over
}

TEST_CASE("a look must be held, and the gaze must come back before the next") {
  const auto targets = gridTargets(1, 4);
  GestureSelector g(params(), 1280, 800);
  g.setTargets(targets, 0);
  std::int64_t t = 0;
  CHECK(look(g, t, 50, 400, 300) == -1);
  CHECK(viewOf(g).candidateEnd == 4);  // too short
  // One long look left is one gesture, not several.
  for (; t < 3000; t += 33)
    g.input(gaze(t, 50, 400));
  CHECK(viewOf(g).candidateEnd == 2);
  g.input(simple(t, InputKind::kGazeLost));
  CHECK(viewOf(g).holding == Direction::kNone);
}

TEST_CASE("keys with their own direction are chosen directly, and down starts halving") {
  auto targets = gridTargets(1, 4);
  targets[0].look = Direction::kLeft;   // "Yes"
  targets[1].look = Direction::kRight;  // "No"
  GestureSelector g(params(), 1280, 800);
  g.setTargets(targets, 0);
  std::int64_t t = 0;
  CHECK(viewOf(g).directLooks);
  CHECK(look(g, t, 1250, 400) == 1);
  CHECK(look(g, t, 640, 790) == -1);  // down: halving over everything
  CHECK(viewOf(g).candidateEnd == 4);
  CHECK(look(g, t, 1250, 400) == -1);  // [2,4)
  CHECK(look(g, t, 50, 400) == 2);     // the first key without a direction
}
