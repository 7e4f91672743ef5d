#include "host/core/one_euro_filter.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <random>
#include <vector>

using namespace drishti::host;

namespace {

constexpr double kPxPerDeg = 40;
constexpr std::uint64_t kStepUs = 16'667;  // 60 Hz

// RMS distance from the true point over a still, noisy gaze (deg).
double jitter(OneEuroFilter& f, double noiseDeg, int n = 600) {
  std::mt19937 rng(5);
  std::normal_distribution<double> noise(0, noiseDeg * kPxPerDeg);
  double sq = 0;
  int counted = 0;
  for (int i = 0; i < n; ++i) {
    double x, y;
    REQUIRE(f.filter(1'000'000 + i * kStepUs, 500 + noise(rng), 300 + noise(rng), x, y));
    if (i >= 120) {  // after the start-up transient
      sq += (x - 500) * (x - 500) + (y - 300) * (y - 300);
      ++counted;
    }
  }
  return std::sqrt(sq / counted) / kPxPerDeg;
}

// Time for the output to get within 1 degree of a 10-degree step (ms).
double stepLagMs(OneEuroFilter& f) {
  double x, y;
  std::uint64_t t = 1'000'000;
  for (int i = 0; i < 60; ++i, t += kStepUs)
    f.filter(t, 500, 300, x, y);
  const std::uint64_t stepAt = t;
  for (int i = 0; i < 600; ++i, t += kStepUs) {
    f.filter(t, 500 + 10 * kPxPerDeg, 300, x, y);
    if (std::abs(x - (500 + 10 * kPxPerDeg)) <= kPxPerDeg)
      return static_cast<double>(t - stepAt) / 1000.0;
  }
  return 1e9;
}

}  // namespace

TEST_CASE("one euro filter steadies a still gaze") {
  OneEuroFilter f({}, kPxPerDeg);
  const double in = 0.5 * std::sqrt(2.0);  // RMS of the raw noise, 0.5 deg per axis
  const double out = jitter(f, 0.5);
  INFO("jitter " << in << " -> " << out << " deg");
  CHECK(out < 0.3 * in);
}

TEST_CASE("one euro filter follows a saccade quickly") {
  OneEuroFilter f({}, kPxPerDeg);
  const double lag = stepLagMs(f);
  INFO("lag " << lag << " ms");
  CHECK(lag <= 150);
}

TEST_CASE("at equal steadiness, one euro lags far less than a fixed low-pass") {
  OneEuroParams adaptive;
  OneEuroFilter a(adaptive, kPxPerDeg);
  const double ja = jitter(a, 0.5);
  OneEuroFilter a2(adaptive, kPxPerDeg);
  const double la = stepLagMs(a2);
  // A fixed low-pass (beta 0) with its cutoff raised until it is as steady.
  OneEuroParams fixed = adaptive;
  fixed.betaPerDeg = 0;
  double lagFixed = 0;
  for (double hz = 0.2; hz < 20; hz *= 1.1) {
    fixed.minCutoffHz = hz;
    OneEuroFilter f(fixed, kPxPerDeg);
    if (jitter(f, 0.5) > ja)
      break;
    OneEuroFilter f2(fixed, kPxPerDeg);
    lagFixed = stepLagMs(f2);
  }
  INFO("one euro lag " << la << " ms, fixed low-pass lag " << lagFixed << " ms");
  CHECK(la * 3 < lagFixed);
}

TEST_CASE("one euro filter restarts after a gap and ignores bad input") {
  OneEuroFilter f({}, kPxPerDeg);
  double x = 0, y = 0;
  f.filter(1'000'000, 100, 100, x, y);
  f.filter(1'016'000, 100, 100, x, y);
  // After a blink longer than maxGapMs, the first sample is taken as it is.
  REQUIRE(f.filter(1'500'000, 900, 700, x, y));
  CHECK(x == 900);
  CHECK(y == 700);
  CHECK_FALSE(f.filter(1'516'000, NAN, 1, x, y));
  CHECK(x == 900);
  // Same or older time stamp: no time step, no division by zero.
  REQUIRE(f.filter(1'500'000, 100, 100, x, y));
  CHECK(std::isfinite(x));
  CHECK(x == 900);
}
