// PipelineShared: what the capture, tracking and sender threads of one
// Pipeline share: the frame ring, the message queues between them, the
// doorbells that wake them, the stop signal and the health counters.
//
// Ownership: the Pipeline owns it; each loop borrows it for its lifetime.
// Thread safety: every member is either immutable after construction, atomic,
// or a single-producer/single-consumer structure used by the threads its
// comment names.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

#include "firmware/io/doorbell.h"
#include "firmware/io/frame_ring.h"
#include "firmware/io/health_monitor.h"
#include "firmware/io/spsc_queue.h"
#include "firmware/io/thread_table.h"
#include "firmware/protocol/messages.h"

namespace drishti::io {

// Fixed settings of one pipeline run (from the board config).
struct PipelineSettings {
  std::size_t ringFrames = 2;
  cv::Size frameSize{640, 480};  // expected; frames are allocated at this size
  bool grey = true;              // hand the processor grey frames
  int heartbeatHz = 10;
  int lostAfterMs = 300;
  ThreadTable threads;
  std::string version = "0.0.0";  // goes into every Status
  // A deterministic replay (--frame-clock): the capture thread waits for room
  // in the ring and tracking for room in the outbox instead of dropping, and
  // the sender sends a Status after every fps / heartbeatHz samples instead
  // of by the wall clock, so the messages and their seq are the same run to run.
  bool lossless = false;
};

struct PipelineShared {
  PipelineShared(const PipelineSettings& s, HealthMonitor& h)
      : settings(s), health(h), ring(s.ringFrames, s.frameSize, s.grey ? CV_8UC1 : CV_8UC3) {}

  const PipelineSettings settings;
  HealthMonitor& health;

  FrameRing ring;  // capture -> tracking
  // tracking -> sender: samples, blinks, acks (the sender stamps seq and sendUs).
  SpscQueue<protocol::Message, 128> outbox;
  // sender -> tracking: commands for the processor.
  SpscQueue<protocol::Command, 16> commands;

  Doorbell stop;          // rung once by Pipeline::stop(); never drained
  Doorbell trackingBell;  // commands waiting, or the capture side ended
  Doorbell senderBell;    // messages waiting in the outbox, or tracking ended

  std::atomic<bool> resetProcessor{false};  // capture -> tracking: the source was reopened
  std::atomic<bool> captureEnded{false};    // a finite source has no more frames
  std::atomic<bool> trackingEnded{false};   // ... and tracking has processed the last one
  std::atomic<std::uint64_t> outboxOverflows{0};
  std::atomic<std::uint32_t> framePeriodUs{33'333};  // from the source's nominal fps
};

}  // namespace drishti::io
