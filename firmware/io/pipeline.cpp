#include "firmware/io/pipeline.h"

#include "firmware/io/capture_loop.h"
#include "firmware/io/log.h"
#include "firmware/io/monotonic_clock.h"
#include "firmware/io/sender_loop.h"
#include "firmware/io/tracking_loop.h"

namespace drishti::io {

Pipeline::Pipeline(const PipelineSettings& settings, std::unique_ptr<FrameSource> source,
                   FrameProcessor& processor, std::unique_ptr<Transport> transport,
                   std::unique_ptr<ThermalSensor> thermal, HealthMonitor& health)
    : shared_(settings, health),
      source_(std::move(source)),
      processor_(processor),
      transport_(std::move(transport)),
      thermal_(std::move(thermal)) {
  health.setLostAfterMs(settings.lostAfterMs);
}

Pipeline::~Pipeline() {
  stop(-1);
}

void Pipeline::launch(std::thread& thread, std::atomic<bool>& ended, void (Pipeline::*body)()) {
  thread = std::thread([this, &ended, body] {
    (this->*body)();
    ended.store(true, std::memory_order_release);
    endedBell_.ring();
  });
}

void Pipeline::runCapture() {
  CaptureLoop(shared_, *source_).run();
}

void Pipeline::runTracking() {
  TrackingLoop(shared_, processor_).run();
}

void Pipeline::runSender() {
  SenderLoop(shared_, *transport_, thermal_ && thermal_->available() ? thermal_.get() : nullptr)
      .run();
  if (shared_.trackingEnded.load(std::memory_order_acquire)) {
    finished_.store(true, std::memory_order_release);
    finishedBell_.ring();
  }
}

void Pipeline::start() {
  if (started_)
    return;
  started_ = true;
  // Started back to front, so every consumer is waiting before its producer runs.
  launch(sender_, senderDone_, &Pipeline::runSender);
  launch(tracking_, trackingDone_, &Pipeline::runTracking);
  launch(capture_, captureDone_, &Pipeline::runCapture);
}

bool Pipeline::stop(int timeoutMs) {
  shared_.stop.ring();
  if (!started_)
    return true;
  const std::uint64_t deadline =
      timeoutMs < 0 ? UINT64_MAX : monotonicUs() + static_cast<std::uint64_t>(timeoutMs) * 1000u;
  auto allEnded = [&] {
    return captureDone_.load(std::memory_order_acquire) &&
           trackingDone_.load(std::memory_order_acquire) &&
           senderDone_.load(std::memory_order_acquire);
  };
  while (!allEnded()) {
    const std::uint64_t now = monotonicUs();
    if (now >= deadline)
      break;
    const std::uint64_t leftMs = (deadline - now + 999) / 1000;
    endedBell_.wait(static_cast<int>(std::min<std::uint64_t>(leftMs, 100)));
    endedBell_.drain();
  }
  for (auto* t : {&sender_, &tracking_, &capture_}) {
    // Join only threads that have ended (or all, when waiting without limit).
    const bool ended = t == &sender_     ? senderDone_.load()
                       : t == &tracking_ ? trackingDone_.load()
                                         : captureDone_.load();
    if (t->joinable() && (ended || timeoutMs < 0))
      t->join();
  }
  if (!allEnded()) {
    logLine(LogLevel::kWarning, "%s did not stop within %d ms (stuck in the driver?)",
            !captureDone_.load() ? "the capture thread" : "a pipeline thread", timeoutMs);
    return false;
  }
  return true;
}

}  // namespace drishti::io
