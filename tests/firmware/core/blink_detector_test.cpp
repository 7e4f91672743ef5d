// Synthetic openness streams exercise the blink state machine: timestamps in,
// events out.
#include "firmware/core/blink_detector.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

using namespace drishti::core;

namespace {

struct Script {
  // Openness per eye as a function of time; face presence likewise.
  std::function<float(double)> left, right;
  std::function<bool(double)> face = [](double) { return true; };
};

std::vector<BlinkEvent> run(const Script& s, double tEnd, double dt = 33.3,
                            const TrackingParams::Blink& p = {}, double jitter = 0.0) {
  BlinkDetector d(p);
  std::vector<BlinkEvent> ev;
  int i = 0;
  for (double t = 0; t < tEnd; ++i) {
    OpennessSample x;
    x.tMs = t;
    x.faceFound = s.face(t);
    x.left = s.left(t);
    x.right = s.right(t);
    x.leftConfidence = x.rightConfidence = 1.f;
    const BlinkUpdate& u = d.update(x);
    for (int k = 0; k < u.count; ++k)
      ev.push_back(u.events[k]);
    // Deterministic irregular timing.
    t += dt * (1.0 + jitter * std::sin(i * 1.7));
  }
  return ev;
}

// 1 outside closures, 0.1 inside [a, b).
std::function<float(double)> closedDuring(std::vector<std::pair<double, double>> spans) {
  return [spans](double t) {
    for (auto [a, b] : spans)
      if (t >= a && t < b)
        return 0.1f;
    return 1.f;
  };
}

}  // namespace

TEST_CASE("BlinkDetector: spontaneous blink", "[BlinkDetector]") {
  auto both = closedDuring({{3000, 3150}});
  const auto ev = run({both, both}, 6000);
  REQUIRE(ev.size() == 1u);
  CHECK(ev[0].kind == BlinkKind::kSpontaneous);
  CHECK(ev[0].durationMs == Approx(150).margin(40));
  CHECK(ev[0].startMs >= 2990);
  CHECK(ev[0].endMs <= 3200);
}

TEST_CASE("BlinkDetector: long blink and too long", "[BlinkDetector]") {
  auto both = closedDuring({{3000, 4000}, {8000, 15000}});
  const auto ev = run({both, both}, 20000);
  REQUIRE(ev.size() == 1u);  // the 7 s closure is not a blink
  CHECK(ev[0].kind == BlinkKind::kLong);
  CHECK(ev[0].durationMs == Approx(1000).margin(40));
}

TEST_CASE("BlinkDetector: too short is noise", "[BlinkDetector]") {
  TrackingParams::Blink p;
  p.minBlinkMs = 80;
  auto both = closedDuring({{3000, 3030}});  // one frame
  CHECK(run({both, both}, 6000, 33.3, p).empty());
}

TEST_CASE("BlinkDetector: double blink", "[BlinkDetector]") {
  auto both = closedDuring({{3000, 3130}, {3400, 3530}});
  const auto ev = run({both, both}, 6000);
  REQUIRE(ev.size() == 3u);
  CHECK(ev[0].kind == BlinkKind::kSpontaneous);
  CHECK(ev[1].kind == BlinkKind::kSpontaneous);
  CHECK(ev[2].kind == BlinkKind::kDouble);
  CHECK(ev[2].endMs == Approx(ev[1].endMs));
}

TEST_CASE("BlinkDetector: winks left and right", "[BlinkDetector]") {
  auto open = [](double) { return 1.f; };
  const auto evl = run({closedDuring({{3000, 3500}}), open}, 6000);
  REQUIRE(evl.size() == 1u);
  CHECK(evl[0].kind == BlinkKind::kWinkLeft);
  const auto evr = run({open, closedDuring({{3000, 3500}})}, 6000);
  REQUIRE(evr.size() == 1u);
  CHECK(evr[0].kind == BlinkKind::kWinkRight);
}

TEST_CASE("BlinkDetector: short one eye dip is not a wink", "[BlinkDetector]") {
  auto open = [](double) { return 1.f; };
  CHECK(run({closedDuring({{3000, 3070}}), open}, 6000).empty());
}

TEST_CASE("BlinkDetector: face loss abandons blink in progress", "[BlinkDetector]") {
  Script s;
  s.left = s.right = closedDuring({{3000, 3300}});
  s.face = [](double t) { return !(t >= 3100 && t < 3500); };
  CHECK(run(s, 6000).empty());
}

TEST_CASE("BlinkDetector: nothing while lost and no blink at reacquisition with closed eyes",
          "[BlinkDetector]") {
  Script s;
  // Face lost 2000..4000; eyes closed 3500..4200 (seen closed at reacquisition).
  s.left = s.right = closedDuring({{3500, 4200}, {5000, 5150}});
  s.face = [](double t) { return !(t >= 2000 && t < 4000); };
  const auto ev = run(s, 7000);
  REQUIRE(ev.size() == 1u);
  CHECK(ev[0].startMs >= 4990);
}

TEST_CASE("BlinkDetector: long gap acts like loss", "[BlinkDetector]") {
  BlinkDetector d(TrackingParams::Blink{});
  auto feed = [&](double t, float o) {
    OpennessSample x{t, true, o, 1.f, o, 1.f};
    return d.update(x).count;
  };
  int n = 0;
  for (double t = 0; t < 3000; t += 33)
    n += feed(t, 1.f);
  n += feed(3033, 0.1f);
  n += feed(3066, 0.1f);
  // 1 s gap, then open: the closure must not be reported.
  for (double t = 4066; t < 6000; t += 33)
    n += feed(t, 1.f);
  CHECK(n == 0);
}

TEST_CASE("BlinkDetector: irregular timing and noise", "[BlinkDetector]") {
  // 8 blinks of 120..200 ms, noise +-0.12, frame interval 30..55 ms.
  std::vector<std::pair<double, double>> spans;
  for (int k = 0; k < 8; ++k)
    spans.push_back({2000.0 + k * 1500, 2000.0 + k * 1500 + 120 + 10 * k});
  auto base = closedDuring(spans);
  auto noisy = [base](double t) {
    return base(t) + 0.12f * static_cast<float>(std::sin(t * 0.37));
  };
  const auto ev = run({noisy, noisy}, 15000, 42, {}, 0.3);
  int blinks = 0;
  for (const auto& e : ev)
    blinks += e.kind == BlinkKind::kSpontaneous;
  CHECK(blinks == 8);
}

TEST_CASE("BlinkDetector: adapts to droopy baseline", "[BlinkDetector]") {
  // A person whose "open" openness is only 0.55 (e.g. ptosis not captured by
  // the upstream normalisation) and whose blinks go to 0.1.
  auto droopy = [](double t) { return (t >= 5000 && t < 5150) ? 0.1f : 0.55f; };
  const auto ev = run({droopy, droopy}, 8000);
  REQUIRE(ev.size() == 1u);
  CHECK(ev[0].kind == BlinkKind::kSpontaneous);
}
