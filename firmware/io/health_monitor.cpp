#include "firmware/io/health_monitor.h"

#include <algorithm>

#include "firmware/io/monotonic_clock.h"

namespace drishti::io {

using protocol::CameraState;

HealthMonitor::HealthMonitor(int heartbeatHz, int lostAfterMs)
    : startUs_(monotonicUs()),
      lostAfterUs_(static_cast<std::uint64_t>(std::max(lostAfterMs, 1)) * 1000u),
      history_(static_cast<std::size_t>(std::max(heartbeatHz, 1)) + 1) {}

void HealthMonitor::setHeartbeatHz(int hz) {
  const std::size_t size = static_cast<std::size_t>(std::max(hz, 1)) + 1;
  if (size == history_.size())
    return;
  history_.assign(size, Snapshot{});
  historyNext_ = 0;
  historySize_ = 0;
}

void HealthMonitor::cameraOpening() {
  if (!everOk_.load(std::memory_order_relaxed))
    camera_.store(CameraState::kStarting, std::memory_order_relaxed);
}

void HealthMonitor::cameraOpenFailed() {
  camera_.store(everOk_.load(std::memory_order_relaxed) ? CameraState::kLost : CameraState::kAbsent,
                std::memory_order_relaxed);
}

void HealthMonitor::cameraFailed() {
  if (camera_.exchange(CameraState::kLost, std::memory_order_relaxed) == CameraState::kOk)
    cameraLosses_.fetch_add(1, std::memory_order_relaxed);
}

void HealthMonitor::frameCaptured(std::uint64_t captureUs) {
  framesIn_.fetch_add(1, std::memory_order_relaxed);
  // The arrival time, not the capture stamp: a driver stamp may be older.
  lastFrameUs_.store(std::max(captureUs, monotonicUs()), std::memory_order_relaxed);
  everOk_.store(true, std::memory_order_relaxed);
  camera_.store(CameraState::kOk, std::memory_order_relaxed);
}

void HealthMonitor::frameCorrupt() {
  framesCorrupt_.fetch_add(1, std::memory_order_relaxed);
}

void HealthMonitor::frameDropped() {
  framesDropped_.fetch_add(1, std::memory_order_relaxed);
}

void HealthMonitor::framesMissed(std::uint32_t n) {
  framesIn_.fetch_add(n, std::memory_order_relaxed);
  framesDropped_.fetch_add(n, std::memory_order_relaxed);
}

void HealthMonitor::frameProcessed(std::uint64_t processUs, std::uint64_t periodUs) {
  framesProcessed_.fetch_add(1, std::memory_order_relaxed);
  processing_.record(processUs);
  if (periodUs > 0 && processUs > periodUs)
    deadlineMisses_.fetch_add(1, std::memory_order_relaxed);
}

void HealthMonitor::sampleSent(std::uint64_t latencyUs) {
  samplesSent_.fetch_add(1, std::memory_order_relaxed);
  latency_.record(latencyUs);
}

CameraState HealthMonitor::cameraState(std::uint64_t nowUs) const {
  const CameraState state = camera_.load(std::memory_order_relaxed);
  if (state != CameraState::kOk)
    return state;
  const std::uint64_t last = lastFrameUs_.load(std::memory_order_relaxed);
  return nowUs > last + lostAfterUs_.load(std::memory_order_relaxed) ? CameraState::kLost : state;
}

void HealthMonitor::fillStatus(protocol::Status& status, std::uint64_t nowUs) {
  Snapshot& now = history_[historyNext_];
  now.timeUs = nowUs;
  now.framesIn = framesIn_.load(std::memory_order_relaxed);
  now.samplesSent = samplesSent_.load(std::memory_order_relaxed);
  processing_.snapshot(now.processing);
  // The oldest snapshot kept is about a second old (fewer at start-up).
  const std::size_t oldestIndex =
      historySize_ < history_.size() ? 0 : (historyNext_ + 1) % history_.size();
  const Snapshot& before = historySize_ == 0 ? now : history_[oldestIndex];
  historyNext_ = (historyNext_ + 1) % history_.size();
  historySize_ = std::min(historySize_ + 1, history_.size());

  const double seconds = static_cast<double>(now.timeUs - before.timeUs) / 1e6;
  status.uptimeMs = static_cast<std::uint32_t>((nowUs - startUs_) / 1000u);
  status.fpsIn = seconds > 0 ? static_cast<float>((now.framesIn - before.framesIn) / seconds) : 0;
  status.fpsOut =
      seconds > 0 ? static_cast<float>((now.samplesSent - before.samplesSent) / seconds) : 0;
  status.processP50Us = static_cast<std::uint32_t>(
      LatencyHistogram::percentile(now.processing, before.processing, 0.5));
  status.processP99Us = static_cast<std::uint32_t>(
      LatencyHistogram::percentile(now.processing, before.processing, 0.99));
  status.framesIn = now.framesIn;
  status.framesDropped = framesDropped_.load(std::memory_order_relaxed);
  status.framesCorrupt = framesCorrupt_.load(std::memory_order_relaxed);
  status.deadlineMisses = deadlineMisses_.load(std::memory_order_relaxed);
  status.camera = cameraState(nowUs);
  status.mode = mode_.load(std::memory_order_relaxed);
}

std::uint64_t HealthMonitor::linkFull() {
  return linkFullDrops_.fetch_add(1, std::memory_order_relaxed) + 1;
}

HealthTotals HealthMonitor::totals() const {
  HealthTotals t;
  t.framesIn = framesIn_.load(std::memory_order_relaxed);
  t.framesDropped = framesDropped_.load(std::memory_order_relaxed);
  t.framesCorrupt = framesCorrupt_.load(std::memory_order_relaxed);
  t.framesProcessed = framesProcessed_.load(std::memory_order_relaxed);
  t.deadlineMisses = deadlineMisses_.load(std::memory_order_relaxed);
  t.samplesSent = samplesSent_.load(std::memory_order_relaxed);
  t.cameraLosses = cameraLosses_.load(std::memory_order_relaxed);
  t.linkFullDrops = linkFullDrops_.load(std::memory_order_relaxed);
  return t;
}

}  // namespace drishti::io
