#include "firmware/io/sender_loop.h"

#include <poll.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <variant>

#include "firmware/io/log.h"
#include "firmware/io/monotonic_clock.h"

namespace drishti::io {

void SenderLoop::send(protocol::Message& message) {
  const std::uint64_t now = monotonicUs();
  std::visit(
      [&](auto& m) {
        m.seq = ++seq_;
        m.sendUs = now;
      },
      message);
  // A drop with the host there before and after the send: the link is full
  // (a drop without a host, or the send that finds it gone, is no news).
  const bool peer = transport_.peerPresent();
  const SendResult r = transport_.send(message);
  if (r == SendResult::kDropped && peer && transport_.peerPresent()) {
    const std::uint64_t total = shared_.health.linkFull();
    // The first, then every thousandth: a too slow link drops several a second.
    if (total % 1000 == 1) {
      const std::string link = transport_.describe();
      logLine(LogLevel::kWarning,
              "%s is full: %llu messages dropped so far, the host sees gaps in the sequence "
              "numbers; lower [camera] fps or give the link more room (serial: a higher baud)",
              link.c_str(), static_cast<unsigned long long>(total));
    }
  }
  if (const auto* sample = std::get_if<protocol::EyeSample>(&message)) {
    if (r == SendResult::kSent)
      shared_.health.sampleSent(now - sample->captureUs);
  }
}

void SenderLoop::sendStatus(std::uint64_t nowUs) {
  protocol::Status status;
  shared_.health.fillStatus(status, nowUs);
  if (thermal_ != nullptr && nowUs >= nextTemperatureUs_) {
    const auto t = thermal_->read();
    temperatureValid_ = t.has_value();
    temperatureC_ = t.value_or(0.0f);
    nextTemperatureUs_ = nowUs + 1'000'000;
  }
  status.temperatureValid = temperatureValid_;
  status.temperatureC = temperatureC_;
  protocol::setText(status.version, shared_.settings.version);
  noteCamera(status.camera);
  scratch_ = status;
  send(scratch_);
}

void SenderLoop::noteCamera(protocol::CameraState state) {
  using protocol::CameraState;
  if (state == lastCamera_)
    return;
  if (state == CameraState::kLost)
    logLine(LogLevel::kWarning, "camera lost: no frames for %d ms; retrying",
            shared_.settings.lostAfterMs);
  else if (state == CameraState::kAbsent)
    logLine(LogLevel::kWarning, "no camera: the device cannot be opened; retrying");
  else if (state == CameraState::kOk)
    logLine(LogLevel::kInfo, "camera ok: frames arriving");
  lastCamera_ = state;
}

void SenderLoop::drainOutbox() {
  while (shared_.outbox.pop(scratch_)) {
    const bool sample = std::holds_alternative<protocol::EyeSample>(scratch_);
    send(scratch_);
    // A deterministic replay's heartbeat counts samples, not wall-clock time.
    if (sample && shared_.settings.lossless) {
      const int hz = shared_.settings.heartbeatHz > 0 ? shared_.settings.heartbeatHz : 10;
      const double framesPerBeat = 1e6 / hz / shared_.framePeriodUs.load(std::memory_order_relaxed);
      const auto every = static_cast<std::uint64_t>(std::max(1.0, std::round(framesPerBeat)));
      if (++samplesSent_ % every == 0)
        sendStatus(monotonicUs());
    }
  }
}

void SenderLoop::onCommand(const protocol::Command& command) {
  if (command.kind == protocol::CommandKind::kRequestStatus) {
    sendStatus(monotonicUs());
    protocol::CommandAck ack;
    ack.commandSeq = command.seq;
    ack.result = protocol::AckResult::kOk;
    protocol::setText(ack.text, "status sent");
    scratch_ = ack;
    send(scratch_);
    return;
  }
  if (!shared_.commands.push(command)) {
    protocol::CommandAck ack;
    ack.commandSeq = command.seq;
    ack.result = protocol::AckResult::kRejected;
    protocol::setText(ack.text, "busy: too many commands at once; send it again");
    scratch_ = ack;
    send(scratch_);
    return;
  }
  shared_.trackingBell.ring();
}

void SenderLoop::onRejected(const protocol::DecodeError& error) {
  // Noise on a serial line can reject many frames: say it for the first and
  // then every thousandth, not every time.
  if (rejected_++ % 1000 == 0) {
    const std::string why = protocol::describe(error);
    logLine(LogLevel::kWarning, "ignored bad input from the host (%llu so far): %s",
            static_cast<unsigned long long>(rejected_), why.c_str());
  }
}

void SenderLoop::run() {
  applyThreadSpec(shared_.settings.threads.sender, "sender");
  const std::uint64_t periodUs =
      1'000'000u / static_cast<std::uint64_t>(
                       shared_.settings.heartbeatHz > 0 ? shared_.settings.heartbeatHz : 10);
  std::uint64_t nextBeat = monotonicUs();
  while (true) {
    const std::uint64_t now = monotonicUs();
    const int timeoutMs = nextBeat > now ? static_cast<int>((nextBeat - now + 999) / 1000) : 0;
    pollfd fds[3] = {{shared_.senderBell.fd(), POLLIN, 0},
                     {shared_.stop.fd(), POLLIN, 0},
                     {transport_.pollFd(), POLLIN, 0}};
    ::poll(fds, fds[2].fd >= 0 ? 3 : 2, timeoutMs);
    if (shared_.stop.isRung()) {
      drainOutbox();
      sendStatus(monotonicUs());  // the totals as they stand, for a host that keeps count
      break;
    }
    shared_.senderBell.drain();
    drainOutbox();
    if (fds[2].fd >= 0 && (fds[2].revents & POLLIN))
      transport_.receive(*this);
    const std::uint64_t t = monotonicUs();
    if (t >= nextBeat) {
      if (!shared_.settings.lossless)
        sendStatus(t);
      transport_.receive(*this);  // some transports need a regular look (accepting clients)
      transport_.tick(t);
      nextBeat += periodUs;
      if (nextBeat < t)
        nextBeat = t + periodUs;  // we were held up; do not send a burst
    }
    if (shared_.trackingEnded.load(std::memory_order_acquire)) {
      drainOutbox();
      sendStatus(monotonicUs());
      break;
    }
  }
  transport_.close();
}

}  // namespace drishti::io
