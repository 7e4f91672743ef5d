#include "firmware/core/running_percentile.h"

#include <catch2/catch.hpp>

using drishti::core::RunningPercentile;

TEST_CASE("RunningPercentile: quantiles of uniform stream", "[RunningPercentile]") {
  RunningPercentile rp(0.f, 1.f, 1e9f);
  for (int i = 0; i < 1000; ++i)
    rp.add((i % 100) / 100.f + 0.005f, 10.f);
  CHECK(rp.quantile(0.5f, -1.f) == Approx(0.5f).margin(0.02f));
  CHECK(rp.quantile(0.8f, -1.f) == Approx(0.8f).margin(0.02f));
}

TEST_CASE("RunningPercentile: fallback when empty", "[RunningPercentile]") {
  RunningPercentile rp(0.f, 1.f, 1000.f);
  CHECK(rp.quantile(0.8f, 0.42f) == 0.42f);
}

TEST_CASE("RunningPercentile: forgets with time", "[RunningPercentile]") {
  RunningPercentile rp(0.f, 1.f, 1000.f);
  for (int i = 0; i < 300; ++i)
    rp.add(0.2f, 33.f);  // 10 s at 0.2
  for (int i = 0; i < 300; ++i)
    rp.add(0.8f, 33.f);  // then 10 s at 0.8
  CHECK(rp.quantile(0.5f, -1.f) == Approx(0.8f).margin(0.01f));
  CHECK(rp.massMs() == Approx(1000.f).margin(30.f));
}

TEST_CASE("RunningPercentile: time weighted not sample weighted", "[RunningPercentile]") {
  // 1 s at 0.2 in many short samples and 1 s at 0.8 in few long ones.
  RunningPercentile rp(0.f, 1.f, 1e9f);
  for (int i = 0; i < 100; ++i)
    rp.add(0.2f, 10.f);
  for (int i = 0; i < 10; ++i)
    rp.add(0.8f, 100.f);
  CHECK(rp.quantile(0.25f, -1.f) == Approx(0.2f).margin(0.01f));
  CHECK(rp.quantile(0.75f, -1.f) == Approx(0.8f).margin(0.01f));
}
