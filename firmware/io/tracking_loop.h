// TrackingLoop: the tracking thread: FrameRing -> FrameProcessor -> outbox.
//
// Represents: the body of the tracking thread. It sleeps until a frame or a
// command arrives, applies host commands between frames (calibration mode,
// parameters; each answered with a CommandAck), and runs the processor on
// every waiting frame, timing it (processing time, deadline misses against
// the frame period) and queueing the sample and any blinks for the sender.
// Ensures: no allocation or lock per frame in this code; a processor failure
// on one frame is counted and the loop goes on.
// Thread safety: run() on one thread; the processor is used only by it.
#pragma once

#include "firmware/io/frame_processor.h"
#include "firmware/io/pipeline_shared.h"

namespace drishti::io {

class TrackingLoop {
 public:
  TrackingLoop(PipelineShared& shared, FrameProcessor& processor)
      : shared_(shared), processor_(processor) {}

  void run();

  // Applies one command to `processor` and fills `ack` (used by the loop, and
  // by the app to apply [parameters] from the board file).
  static void apply(FrameProcessor& processor, HealthMonitor& health,
                    const protocol::Command& command, protocol::CommandAck& ack);

 private:
  void applyCommands();
  void processFrames();
  void queue(const protocol::Message& message);

  PipelineShared& shared_;
  FrameProcessor& processor_;
  protocol::EyeSample sample_;
  BlinkList blinks_;
};

}  // namespace drishti::io
