#include "firmware/io/tracking_loop.h"

#include <poll.h>

#include <cstdio>

#include "firmware/io/log.h"
#include "firmware/io/monotonic_clock.h"

namespace drishti::io {

void TrackingLoop::queue(const protocol::Message& message) {
  // A deterministic replay loses no message: wait for the sender to make room.
  while (shared_.settings.lossless && !shared_.outbox.push(message)) {
    shared_.senderBell.ring();
    if (shared_.stop.wait(1)) {
      shared_.outboxOverflows.fetch_add(1, std::memory_order_relaxed);
      return;
    }
  }
  if (!shared_.settings.lossless && !shared_.outbox.push(message))
    shared_.outboxOverflows.fetch_add(1, std::memory_order_relaxed);
}

void TrackingLoop::apply(FrameProcessor& processor, HealthMonitor& health,
                         const protocol::Command& command, protocol::CommandAck& ack) {
  using protocol::AckResult;
  using protocol::CommandKind;
  ack = {};
  ack.commandSeq = command.seq;
  char text[protocol::kAckTextSize];
  switch (command.kind) {
    case CommandKind::kEnterCalibration:
    case CommandKind::kLeaveCalibration: {
      const bool on = command.kind == CommandKind::kEnterCalibration;
      processor.setCalibrationMode(on);
      health.setMode(on ? protocol::TrackerMode::kCalibration : protocol::TrackerMode::kNormal);
      ack.result = AckResult::kOk;
      protocol::setText(ack.text, on ? "calibration mode on" : "calibration mode off");
      return;
    }
    case CommandKind::kSetParameter: {
      const std::string_view name = protocol::textOf(command.name);
      ack.result = processor.setParameter(name, command.value);
      const char* what = ack.result == AckResult::kOk                 ? "set to"
                         : ack.result == AckResult::kUnknownParameter ? "unknown; not set to"
                         : ack.result == AckResult::kOutOfRange       ? "out of range; not set to"
                                                                      : "rejected:";
      std::snprintf(text, sizeof text, "%.*s %s %g", static_cast<int>(name.size()), name.data(),
                    what, command.value);
      protocol::setText(ack.text, text);
      return;
    }
    case CommandKind::kRequestStatus:
      ack.result = AckResult::kOk;  // the sender answers these itself
      return;
  }
  ack.result = AckResult::kRejected;
  protocol::setText(ack.text, "unknown command");
}

void TrackingLoop::applyCommands() {
  protocol::Command command;
  while (shared_.commands.pop(command)) {
    protocol::CommandAck ack;
    apply(processor_, shared_.health, command, ack);
    queue(ack);
  }
  shared_.senderBell.ring();
}

void TrackingLoop::processFrames() {
  bool any = false;
  while (Frame* frame = shared_.ring.acquire()) {
    blinks_.clear();
    const std::uint64_t t0 = monotonicUs();
    const ProcessStatus status =
        processor_.process(frame->image, frame->captureUs, sample_, blinks_);
    const std::uint64_t t1 = monotonicUs();
    shared_.ring.release();
    shared_.health.frameProcessed(t1 - t0, shared_.framePeriodUs.load(std::memory_order_relaxed));
    if (status == ProcessStatus::kOk) {
      queue(sample_);
      for (const protocol::BlinkEvent& blink : blinks_.items())
        queue(blink);
      any = true;
    } else {
      shared_.health.frameCorrupt();
      static OnceFlag warned;
      if (warned.first())
        logLine(LogLevel::kWarning,
                "the %.*s processor could not use a frame (%s); skipping such frames",
                static_cast<int>(processor_.name().size()), processor_.name().data(),
                status == ProcessStatus::kBadFrame ? "bad frame" : "internal error");
    }
    // Hand each sample over at once: the sender runs while we take the next frame.
    if (any)
      shared_.senderBell.ring();
    any = false;
    if (shared_.stop.isRung())
      return;
  }
}

void TrackingLoop::run() {
  applyThreadSpec(shared_.settings.threads.tracking, "tracking");
  pollfd fds[3] = {{shared_.ring.readyBell().fd(), POLLIN, 0},
                   {shared_.trackingBell.fd(), POLLIN, 0},
                   {shared_.stop.fd(), POLLIN, 0}};
  while (true) {
    ::poll(fds, 3, 100);
    if (shared_.stop.isRung())
      break;
    shared_.ring.readyBell().drain();
    shared_.trackingBell.drain();
    if (!shared_.commands.empty())
      applyCommands();
    if (shared_.resetProcessor.exchange(false, std::memory_order_relaxed))
      processor_.reset();
    processFrames();
    // A finished source: once its last frame is processed, say so and stop.
    if (shared_.captureEnded.load(std::memory_order_acquire)) {
      processFrames();
      shared_.trackingEnded.store(true, std::memory_order_release);
      shared_.senderBell.ring();
      break;
    }
  }
}

}  // namespace drishti::io
