// HealthMonitor: the tracker's counters and timings, turned into the 10 Hz
// Status heartbeat.
//
// Represents: totals since start (frames in, dropped, corrupt, deadline
// misses, samples sent), per-frame processing time and capture-to-wire
// latency histograms, and the camera's state. The capture, tracking and
// sender threads each report their own events; the sender builds the Status,
// with rates and percentiles over the last second (from snapshots it keeps,
// one per heartbeat).
// The camera counts as lost when no frame has arrived for lostAfterMs even if
// the capture thread is still waiting inside a driver call, so a silent
// camera is reported within lostAfterMs plus one heartbeat.
// Ensures: no allocation after construction; event methods are a few relaxed
// atomic operations. Thread safety: event methods from the thread named in
// their comment; fillStatus() from one thread (the sender).
#pragma once

#include <atomic>
#include <cstdint>
#include <vector>

#include "firmware/io/latency_histogram.h"
#include "firmware/protocol/messages.h"

namespace drishti::io {

struct HealthTotals {
  std::uint64_t framesIn = 0;
  std::uint64_t framesDropped = 0;
  std::uint64_t framesCorrupt = 0;
  std::uint64_t framesProcessed = 0;
  std::uint64_t deadlineMisses = 0;
  std::uint64_t samplesSent = 0;
  std::uint64_t cameraLosses = 0;
  // Messages the link refused while the host was there: it was full (a serial
  // line slower than the configured frame rate needs, a host not reading).
  std::uint64_t linkFullDrops = 0;
};

class HealthMonitor {
 public:
  HealthMonitor(int heartbeatHz, int lostAfterMs);

  // Between pipelines only (no sender thread running): a new heartbeat rate.
  void setHeartbeatHz(int hz);

  // Capture thread.
  void cameraOpening();
  void cameraOpenFailed();
  void cameraFailed();  // read failed or timed out: it will be reopened
  void frameCaptured(std::uint64_t captureUs);
  void frameCorrupt();
  void frameDropped();
  // Frames the source lost before we saw them: counted in and dropped.
  void framesMissed(std::uint32_t n);
  void setLostAfterMs(int ms) { lostAfterUs_.store(std::uint64_t(ms) * 1000u); }

  // Tracking thread: time the processor took, and the frame period it had.
  void frameProcessed(std::uint64_t processUs, std::uint64_t periodUs);
  void setMode(protocol::TrackerMode mode) { mode_.store(mode, std::memory_order_relaxed); }
  protocol::TrackerMode mode() const { return mode_.load(std::memory_order_relaxed); }

  // Sender thread: a sample went out `latencyUs` after its frame was captured.
  void sampleSent(std::uint64_t latencyUs);
  // Sender thread: the link was full and a message was dropped; returns the total so far.
  std::uint64_t linkFull();

  // The camera's state as the host should see it now.
  protocol::CameraState cameraState(std::uint64_t nowUs) const;

  // Sender thread: fills every Status field except seq, sendUs, temperature
  // and version, and takes this heartbeat's snapshot for the next second.
  void fillStatus(protocol::Status& status, std::uint64_t nowUs);

  HealthTotals totals() const;
  const LatencyHistogram& processing() const { return processing_; }
  const LatencyHistogram& latency() const { return latency_; }

 private:
  struct Snapshot {
    std::uint64_t timeUs = 0;
    std::uint64_t framesIn = 0;
    std::uint64_t samplesSent = 0;
    LatencyHistogram::Counts processing{};
  };

  std::uint64_t startUs_;
  std::atomic<std::uint64_t> lostAfterUs_;
  std::atomic<protocol::CameraState> camera_{protocol::CameraState::kStarting};
  std::atomic<bool> everOk_{false};
  std::atomic<std::uint64_t> lastFrameUs_{0};
  std::atomic<protocol::TrackerMode> mode_{protocol::TrackerMode::kNormal};
  std::atomic<std::uint64_t> framesIn_{0};
  std::atomic<std::uint64_t> framesDropped_{0};
  std::atomic<std::uint64_t> framesCorrupt_{0};
  std::atomic<std::uint64_t> framesProcessed_{0};
  std::atomic<std::uint64_t> deadlineMisses_{0};
  std::atomic<std::uint64_t> samplesSent_{0};
  std::atomic<std::uint64_t> cameraLosses_{0};
  std::atomic<std::uint64_t> linkFullDrops_{0};
  LatencyHistogram processing_;
  LatencyHistogram latency_;
  std::vector<Snapshot> history_;  // ring, one per heartbeat, covering a second
  std::size_t historyNext_ = 0;
  std::size_t historySize_ = 0;
};

}  // namespace drishti::io
