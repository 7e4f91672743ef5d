// Property tests of the blink state machine on random synthetic openness
// streams: random frame timing, noise, closure durations drawn from each class
// (below minimum, spontaneous, long, above maximum), one-eye closures and face
// losses in the middle of a closure. Whatever the draw, every closure must be
// reported as its class says, once, and nothing else.
#include <catch2/catch.hpp>
#include <random>
#include <vector>

#include "firmware/core/blink_detector.h"

namespace drishti::core {
namespace {

enum class Kind { kTooShort, kSpontaneous, kLong, kTooLong, kWinkLeft, kLostMidway };

struct Closure {
  double start, duration;
  Kind kind;
};

struct Outcome {
  std::vector<Closure> closures;
  std::vector<BlinkEvent> events;
};

Outcome simulate(unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  const TrackingParams::Blink p;
  Outcome o;
  double t = 2000;  // open eyes first: the baselines and the "armed" state
  for (int i = 0; i < 12; ++i) {
    const Kind k = static_cast<Kind>(rng() % 6);
    double d = 0;
    switch (k) {
      case Kind::kTooShort:
        d = 5 + 10 * u(rng);
        break;  // shorter than any frame interval
      case Kind::kSpontaneous:
        d = 150 + 300 * u(rng);
        break;
      case Kind::kLong:
        d = 800 + 3200 * u(rng);
        break;
      case Kind::kTooLong:
        d = p.maxBlinkMs + 1000 + 3000 * u(rng);
        break;
      case Kind::kWinkLeft:
        d = 400 + 800 * u(rng);
        break;
      case Kind::kLostMidway:
        d = 300 + 500 * u(rng);
        break;
    }
    o.closures.push_back({t, d, k});
    t += d + 1500 + 1500 * u(rng);  // gaps beyond the double-blink window
  }
  const double end = t + 1000;
  BlinkDetector detector(p);
  std::normal_distribution<double> noise(0, 0.03);
  std::uniform_real_distribution<double> step(25, 45);  // irregular frame timing, ms
  for (double s = 0; s < end; s += step(rng)) {
    OpennessSample x;
    x.tMs = s;
    x.faceFound = true;
    x.left = x.right = 1.f;
    for (const Closure& c : o.closures) {
      if (s < c.start || s >= c.start + c.duration)
        continue;
      if (c.kind == Kind::kLostMidway && s >= c.start + 0.5 * c.duration)
        x.faceFound = false;
      x.left = 0.1f;
      if (c.kind != Kind::kWinkLeft)
        x.right = 0.1f;
    }
    x.left += static_cast<float>(noise(rng));
    x.right += static_cast<float>(noise(rng));
    x.leftConfidence = x.rightConfidence = x.faceFound ? 0.9f : 0.f;
    const BlinkUpdate& up = detector.update(x);
    for (int k = 0; k < up.count; ++k)
      o.events.push_back(up.events[static_cast<size_t>(k)]);
  }
  return o;
}

}  // namespace

TEST_CASE("every random closure is reported as its class says, and nothing else",
          "[BlinkDetector][property]") {
  for (unsigned seed = 1; seed <= 200; ++seed) {
    const Outcome o = simulate(seed);
    std::vector<BlinkKind> expected;
    for (const Closure& c : o.closures) {
      if (c.kind == Kind::kSpontaneous)
        expected.push_back(BlinkKind::kSpontaneous);
      else if (c.kind == Kind::kLong)
        expected.push_back(BlinkKind::kLong);
      else if (c.kind == Kind::kWinkLeft)
        expected.push_back(BlinkKind::kWinkLeft);
    }
    std::vector<BlinkKind> got;
    for (const BlinkEvent& e : o.events)
      got.push_back(e.kind);
    INFO("seed " << seed);
    REQUIRE(got == expected);
    // Each event lies inside its closure, give or take a frame.
    size_t j = 0;
    for (const Closure& c : o.closures) {
      if (c.kind != Kind::kSpontaneous && c.kind != Kind::kLong && c.kind != Kind::kWinkLeft)
        continue;
      const BlinkEvent& e = o.events[j++];
      CHECK(e.startMs >= c.start - 1);
      CHECK(e.endMs <= c.start + c.duration + 1);
      CHECK(e.durationMs == Approx(c.duration).margin(90));
      CHECK(e.confidence > 0.f);
      CHECK(e.confidence <= 1.f);
    }
  }
}

}  // namespace drishti::core
