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
    p.localRadiusDeg = std::uniform_real_distribution<double>(-1.0, 20.0)(rng);
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
      // The local part too, anywhere on (and off) the screen.
      const double px = value(), py = value();
      d.offsetAt(t, px, py, dx, dy);
      REQUIRE(std::isfinite(dx));
      REQUIRE(std::isfinite(dy));
      REQUIRE(std::hypot(dx, dy) <= capPx * (1 + 1e-12) + 1e-9);
    }
  }
}

TEST_CASE("the correction at a point follows the gaps kept near it, the global one far from them") {
  // The calibration reads 0.8 degrees right at the left of the screen and
  // 0.8 degrees left at its right: one offset for the whole screen cannot
  // serve both (its median sits between them), the local part can.
  DriftCorrector d({}, kPxPerDeg);
  const double leftX = 200, rightX = 1100, rowY = 400, shift = 0.8 * kPxPerDeg;
  std::uint64_t t = kSecond;
  for (int i = 0; i < 16; ++i, t += 3 * kSecond) {
    const double keyX = (i % 2 == 0 ? leftX : rightX) + 10 * (i % 3);
    const double gaze = keyX + (i % 2 == 0 ? shift : -shift);
    d.observe(t, gaze, rowY, keyX, rowY);
  }
  double lx, ly, rx, ry;
  d.offsetAt(t, leftX + shift, rowY, lx, ly);
  d.offsetAt(t, rightX - shift, rowY, rx, ry);
  // At the left the gaze is moved left, at the right to the right, each by
  // most of its gap (the global offset is between them).
  CHECK(lx < -0.5 * shift);
  CHECK(rx > 0.5 * shift);
  CHECK(std::abs(ly) < 0.05 * kPxPerDeg);
  CHECK(std::abs(ry) < 0.05 * kPxPerDeg);

  // Far from everything seen (30 degrees below the row): the global offset.
  double gx, gy, fx, fy;
  d.offset(t, gx, gy);
  d.offsetAt(t, 650, rowY + 30 * kPxPerDeg, fx, fy);
  CHECK(fx == Approx(gx).margin(0.01 * kPxPerDeg));
  CHECK(fy == Approx(gy).margin(0.01 * kPxPerDeg));

  // localRadiusDeg 0: one offset for the whole screen, as before.
  DriftParams one;
  one.localRadiusDeg = 0;
  DriftCorrector g(one, kPxPerDeg);
  t = kSecond;
  for (int i = 0; i < 16; ++i, t += 3 * kSecond) {
    const double keyX = (i % 2 == 0 ? leftX : rightX) + 10 * (i % 3);
    g.observe(t, keyX + (i % 2 == 0 ? shift : -shift), rowY, keyX, rowY);
  }
  g.offsetAt(t, leftX + shift, rowY, lx, ly);
  g.offsetAt(t, rightX - shift, rowY, rx, ry);
  CHECK(lx == rx);
}

TEST_CASE("uncorrect finds the uncorrected point apply() moved") {
  DriftCorrector d({}, kPxPerDeg);
  std::uint64_t t = kSecond;
  // Gaps that differ over the screen, so the correction does too.
  for (int i = 0; i < 20; ++i, t += 2 * kSecond) {
    const double keyX = 100 + 60 * i, keyY = 200 + 25 * i;
    d.observe(t, keyX + (i < 10 ? 1.0 : -0.6) * kPxPerDeg, keyY - 0.5 * kPxPerDeg, keyX, keyY);
  }
  for (double x = 0; x <= 1280; x += 160)
    for (double y = 0; y <= 800; y += 100) {
      double cx = x, cy = y;
      d.apply(t, cx, cy);
      double rx, ry;
      d.uncorrect(t, cx, cy, rx, ry);
      CHECK(rx == Approx(x).margin(0.05 * kPxPerDeg));
      CHECK(ry == Approx(y).margin(0.05 * kPxPerDeg));
    }
}

TEST_CASE("the local part's prior weight sets how far the gaps near a point pull it") {
  // Five gaps far to the right say +1 degree down, then two at one point on
  // the left say 1 degree up: the global offset (median of the last five)
  // stays down, the correction at the left point is pulled up by the two
  // gaps seen there against a pseudo-observation of weight priorWeight at
  // the global offset: G + 2 (gap - G) / (priorWeight + 2).
  const double s = 1.0 * kPxPerDeg;
  const double rightX = 1200, leftX = 0, y = 400;  // 30 degrees apart
  const std::uint64_t t = 10 * kSecond;            // every gap at t: no fading
  auto correctionAtLeft = [&](double priorWeight, double& gy, double& ly) {
    DriftParams p;
    p.priorWeight = priorWeight;
    DriftCorrector d(p, kPxPerDeg);
    for (int i = 0; i < 5; ++i)
      REQUIRE(d.observe(t, rightX, y - s, rightX, y));
    for (int i = 0; i < 2; ++i)
      REQUIRE(d.observe(t, leftX, y + s, leftX, y));
    double gx, lx;
    d.offset(t, gx, gy);
    d.offsetAt(t, leftX, y + s, lx, ly);
    CHECK(gx == 0);
    CHECK(lx == Approx(0).margin(1e-9));
  };
  double gy, ly;
  correctionAtLeft(1, gy, ly);  // the default
  REQUIRE(gy > 0.5 * s);
  CHECK(ly == Approx(gy + 2 * (-s - gy) / 3).margin(1e-6 * s));
  correctionAtLeft(2, gy, ly);
  CHECK(ly == Approx(gy + 2 * (-s - gy) / 4).margin(1e-6 * s));
  correctionAtLeft(0.5, gy, ly);
  CHECK(ly == Approx(gy + 2 * (-s - gy) / 2.5).margin(1e-6 * s));
  // 0 (and anything not a positive number): the kernel mean of the gaps
  // near the point alone.
  for (double w : {0.0, -1.0, std::numeric_limits<double>::quiet_NaN()}) {
    correctionAtLeft(w, gy, ly);
    CHECK(ly == Approx(-s).margin(1e-6 * s));
  }
}
