// Pipeline: drishti-tracker's real-time loop, camera to wire.
//
//   capture thread ──FrameRing (drops oldest)──► tracking thread ──outbox──► sender thread
//     FrameSource                                  FrameProcessor              Transport
//                                                      ▲ commands ◄────────────── host
//
// Represents: one run of the three threads over one source, processor and
// transport (a config reload builds a new Pipeline around the same processor
// and health counters). Thread priorities and CPUs come from the board's
// thread table, applied by each thread to itself.
// Ownership: owns the source, transport and thermal sensor; borrows the
// processor and health monitor, which must outlive it.
// Requires: the transport is open; start() once; stop() from any thread.
// Ensures: the camera never waits for tracking and tracking never waits for
// the host; stop() returns within `timeoutMs` unless a thread is stuck in a
// driver call (then it says so and the caller may exit the process).
// After warm-up the three threads allocate nothing per frame, provided OpenCV
// runs single-threaded (`cv::setNumThreads(0)`, as drishti-tracker sets): a
// thread's first OpenCV call allocates its thread-local data (10 `new`s,
// measured), and a worker of OpenCV's own pool may take its first share of a
// parallel cvtColor at any later time.
#pragma once

#include <atomic>
#include <memory>
#include <thread>

#include "firmware/io/frame_processor.h"
#include "firmware/io/frame_source.h"
#include "firmware/io/pipeline_shared.h"
#include "firmware/io/thermal_sensor.h"
#include "firmware/io/transport.h"

namespace drishti::io {

class Pipeline {
 public:
  Pipeline(const PipelineSettings& settings, std::unique_ptr<FrameSource> source,
           FrameProcessor& processor, std::unique_ptr<Transport> transport,
           std::unique_ptr<ThermalSensor> thermal, HealthMonitor& health);
  ~Pipeline();  // stops and joins (waiting as long as it takes)
  Pipeline(const Pipeline&) = delete;
  Pipeline& operator=(const Pipeline&) = delete;

  void start();

  // Asks the threads to stop and waits up to `timeoutMs` for them; true if
  // all have ended.
  bool stop(int timeoutMs);

  // True once a finite source has been played to the end and sent.
  bool finished() const { return finished_.load(std::memory_order_acquire); }
  // Rung when finished() becomes true (for the main thread to poll).
  const Doorbell& finishedBell() const { return finishedBell_; }

  std::uint64_t outboxOverflows() const { return shared_.outboxOverflows.load(); }
  const Transport& transport() const { return *transport_; }
  const FrameRing& ring() const { return shared_.ring; }

 private:
  // Runs `body` as a thread that marks itself ended.
  void launch(std::thread& thread, std::atomic<bool>& ended, void (Pipeline::*body)());
  void runCapture();
  void runTracking();
  void runSender();

  PipelineShared shared_;
  std::unique_ptr<FrameSource> source_;
  FrameProcessor& processor_;
  std::unique_ptr<Transport> transport_;
  std::unique_ptr<ThermalSensor> thermal_;
  std::thread capture_, tracking_, sender_;
  std::atomic<bool> captureDone_{false}, trackingDone_{false}, senderDone_{false};
  Doorbell endedBell_;  // rung by each thread as it ends
  Doorbell finishedBell_;
  std::atomic<bool> finished_{false};
  bool started_ = false;
};

}  // namespace drishti::io
