#include "firmware/io/health_monitor.h"

#include <catch2/catch.hpp>
#include <thread>

#include "firmware/io/latency_histogram.h"
#include "firmware/io/monotonic_clock.h"

namespace drishti::io {
namespace {

TEST_CASE("histogram buckets hold their values within 1/16") {
  for (std::uint64_t v :
       {0ull, 1ull, 15ull, 16ull, 17ull, 100ull, 999ull, 4096ull, 123456ull, 40'000'000ull}) {
    const std::uint64_t back = LatencyHistogram::valueOf(LatencyHistogram::bucketOf(v));
    CHECK(std::abs(static_cast<double>(back) - static_cast<double>(v)) <=
          static_cast<double>(v) / 16.0 + 0.5);
  }
  // Monotonic: a larger value never lands in an earlier bucket.
  std::size_t last = 0;
  for (std::uint64_t v = 0; v < 100'000; v += 7) {
    const std::size_t b = LatencyHistogram::bucketOf(v);
    CHECK(b >= last);
    last = b;
  }
}

TEST_CASE("percentiles of a window come from the difference of two snapshots") {
  LatencyHistogram h;
  for (int i = 0; i < 1000; ++i)
    h.record(5000);  // an old second of slow frames
  LatencyHistogram::Counts before{}, now{};
  h.snapshot(before);
  for (int i = 1; i <= 100; ++i)
    h.record(static_cast<std::uint64_t>(i) * 10);  // 10 .. 1000 µs
  h.snapshot(now);
  CHECK(LatencyHistogram::total(now, before) == 100);
  CHECK(LatencyHistogram::percentile(now, before, 0.5) == Approx(500).epsilon(0.07));
  CHECK(LatencyHistogram::percentile(now, before, 0.99) == Approx(990).epsilon(0.07));
  CHECK(LatencyHistogram::percentile(before, before, 0.5) == 0);
}

TEST_CASE("the heartbeat counts frames in and out over the last second") {
  HealthMonitor health(10, 300);
  protocol::Status s;
  const std::uint64_t t0 = monotonicUs();
  health.fillStatus(s, t0);
  for (int i = 0; i < 30; ++i) {
    health.frameCaptured(monotonicUs());
    health.frameProcessed(2000, 33'333);
    health.sampleSent(3000);
  }
  health.frameProcessed(40'000, 33'333);  // one over the frame period
  health.frameDropped();
  health.frameCorrupt();
  health.fillStatus(s, t0 + 1'000'000);
  CHECK(s.fpsIn == Approx(30).epsilon(0.01));
  CHECK(s.fpsOut == Approx(30).epsilon(0.01));
  CHECK(s.processP50Us == Approx(2000).epsilon(0.07));
  CHECK(s.processP99Us == Approx(40000).epsilon(0.07));
  CHECK(s.framesIn == 30);
  CHECK(s.framesDropped == 1);
  CHECK(s.framesCorrupt == 1);
  CHECK(s.deadlineMisses == 1);
  CHECK(s.uptimeMs >= 1000);
}

TEST_CASE("a camera that goes silent is reported lost without the capture thread saying so") {
  HealthMonitor health(10, 100);
  CHECK(health.cameraState(monotonicUs()) == protocol::CameraState::kStarting);
  health.frameCaptured(monotonicUs());
  CHECK(health.cameraState(monotonicUs()) == protocol::CameraState::kOk);
  std::this_thread::sleep_for(std::chrono::milliseconds(150));
  CHECK(health.cameraState(monotonicUs()) == protocol::CameraState::kLost);
  health.frameCaptured(monotonicUs());
  CHECK(health.cameraState(monotonicUs()) == protocol::CameraState::kOk);
}

TEST_CASE("a camera that never opened is absent, and one that opened before is lost") {
  HealthMonitor health(10, 300);
  health.cameraOpenFailed();
  CHECK(health.cameraState(monotonicUs()) == protocol::CameraState::kAbsent);
  health.frameCaptured(monotonicUs());
  health.cameraFailed();
  health.cameraOpenFailed();
  CHECK(health.cameraState(monotonicUs()) == protocol::CameraState::kLost);
  CHECK(health.totals().cameraLosses == 1);
}

}  // namespace
}  // namespace drishti::io
