#include "host/core/drift_corrector.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <random>

using namespace drishti::host;

namespace {

constexpr double kPxPerDeg = 40;
constexpr std::uint64_t kSecond = 1'000'000;

double offsetDeg(const DriftCorrector& d, std::uint64_t t) {
  double dx, dy;
  d.offset(t, dx, dy);
  return std::hypot(dx, dy) / kPxPerDeg;
}

}  // namespace

TEST_CASE("confirmed selections learn a consistent drift") {
  DriftCorrector d({}, kPxPerDeg);
  std::mt19937 rng(2);
  std::normal_distribution<double> n(0, 0.3 * kPxPerDeg);
  // The gaze reads 0.8 deg left and 0.4 deg up of where the person looks.
  const double driftX = -0.8 * kPxPerDeg, driftY = -0.4 * kPxPerDeg;
  std::uint64_t t = kSecond;
  for (int i = 0; i < 12; ++i, t += 5 * kSecond) {
    const double keyX = 200 + 100 * i, keyY = 400;
    CHECK(d.observe(t, keyX + driftX + n(rng), keyY + driftY + n(rng), keyX, keyY));
  }
  double dx, dy;
  d.offset(t, dx, dy);
  CHECK(dx == Approx(-driftX).margin(0.25 * kPxPerDeg));
  CHECK(dy == Approx(-driftY).margin(0.25 * kPxPerDeg));
  double x = 100 + driftX, y = 100 + driftY;
  d.apply(t, x, y);
  CHECK(std::hypot(x - 100, y - 100) < 0.3 * kPxPerDeg);
}

TEST_CASE("selections measured on the corrected gaze converge on the same drift") {
  DriftCorrector d({}, kPxPerDeg);
  const double drift = -0.8 * kPxPerDeg;  // the raw gaze reads 0.8 degrees left
  std::uint64_t t = kSecond;
  for (int i = 0; i < 12; ++i, t += 5 * kSecond) {
    // The detector sees the corrected gaze: raw + current offset.
    double x = 500 + drift, y = 300;
    d.apply(t, x, y);
    d.observeCorrected(t, x, y, 500, 300);
  }
  double dx, dy;
  d.offset(t, dx, dy);
  CHECK(dx == Approx(-drift).margin(0.05 * kPxPerDeg));
  CHECK(dy == Approx(0).margin(0.05 * kPxPerDeg));
}

TEST_CASE("a selection far from the key centre is ignored") {
  DriftCorrector d({}, kPxPerDeg);
  CHECK_FALSE(d.observe(kSecond, 100, 100, 100 + 4 * kPxPerDeg, 100));
  CHECK(offsetDeg(d, kSecond) == 0);
  CHECK(d.observe(kSecond, 100, 100, 100 + 1 * kPxPerDeg, 100));
  CHECK(offsetDeg(d, kSecond) > 0);
}

TEST_CASE("the correction fades without new selections") {
  DriftParams p;
  p.halfLifeS = 60;
  DriftCorrector d(p, kPxPerDeg);
  for (int i = 0; i < 5; ++i)
    d.observe(kSecond * (i + 1), 100, 100, 100 + kPxPerDeg, 100);
  const double now = offsetDeg(d, 5 * kSecond);
  CHECK(now > 0.5);
  CHECK(offsetDeg(d, 65 * kSecond) == Approx(now / 2).epsilon(0.01));
  CHECK(offsetDeg(d, 5 * kSecond + 3600 * kSecond) < 0.01);
}

TEST_CASE("drift correction never exceeds its cap, whatever it is fed") {
  // Property test: random, adversarial and garbage input sequences.
  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::mt19937_64 rng(1234);
  for (int trial = 0; trial < 300; ++trial) {
    DriftParams p;
    p.capDeg = std::uniform_real_distribution<double>(0.0, 3.0)(rng);
    p.outlierDeg = std::uniform_real_distribution<double>(0.0, 20.0)(rng);
    p.gain = std::uniform_real_distribution<double>(-1.0, 3.0)(rng);
    p.window = static_cast<int>(rng() % 40) - 3;
    p.halfLifeS = std::uniform_real_distribution<double>(-10.0, 1000.0)(rng);
    DriftCorrector d(p, kPxPerDeg);
    const double capPx = p.capDeg * kPxPerDeg;
    std::uint64_t t = kSecond;
    for (int i = 0; i < 400; ++i) {
      t += rng() % (20 * kSecond);
      if (rng() % 10 == 0)
        t -= std::min<std::uint64_t>(t, rng() % (60 * kSecond));  // clock jumps back
      auto value = [&]() -> double {
        switch (rng() % 12) {
          case 0:
            return nan;
          case 1:
            return inf;
          case 2:
            return -inf;
          case 3:
            return 1e300;
          default:
            return std::uniform_real_distribution<double>(-3000, 3000)(rng);
        }
      };
      // Half the time a consistent push in one direction, to try to run it away.
      const double fx = value(), fy = value();
      const double kx = rng() % 2 ? fx + p.outlierDeg * kPxPerDeg * 0.99 : value();
      const double ky = rng() % 2 ? fy : value();
      d.observe(t, fx, fy, kx, ky);
      double dx, dy;
      d.offset(t + rng() % (100 * kSecond), dx, dy);
      REQUIRE(std::isfinite(dx));
      REQUIRE(std::isfinite(dy));
      REQUIRE(std::hypot(dx, dy) <= capPx * (1 + 1e-12) + 1e-9);
      double x = 10, y = 10;
      d.apply(t, x, y);
      REQUIRE(std::hypot(x - 10, y - 10) <= capPx * (1 + 1e-12) + 1e-9);
    }
  }
}
