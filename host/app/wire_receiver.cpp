#include "host/app/wire_receiver.h"

#include <sys/eventfd.h>
#include <unistd.h>

#include <cstdint>

namespace drishti::app {

namespace {
constexpr std::int64_t kLogIntervalUs = 5'000'000;
}

WireReceiver::WireReceiver(std::string name, WireInbox& inbox)
    : name_(std::move(name)), inbox_(inbox), logLimit_(kLogIntervalUs) {
  stopFd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
}

WireReceiver::~WireReceiver() {
  // Subclasses call stop() in their destructors, before their sockets close.
  if (stopFd_ >= 0)
    ::close(stopFd_);
}

void WireReceiver::start() {
  if (!thread_.joinable())
    thread_ = std::thread([this] { serve(stopFd_); });
}

void WireReceiver::stop() {
  if (!thread_.joinable())
    return;
  const std::uint64_t one = 1;
  [[maybe_unused]] const ssize_t n = ::write(stopFd_, &one, sizeof one);
  thread_.join();
}

ReceiverStats WireReceiver::stats() const {
  return {bytes_.load(), messages_.load(), rejected_.load(), connections_.load()};
}

void WireReceiver::logProblem(std::int64_t nowUs, const std::string& what) {
  std::uint64_t held = 0;
  if (!logLimit_.allow(nowUs, held))
    return;
  std::string line = name_ + ": " + what;
  if (held > 0)
    line += " (and " + std::to_string(held) + " more problems not shown)";
  logLine(line);
}

void WireReceiver::deliver(protocol::StreamDecoder& decoder, std::span<const std::uint8_t> bytes,
                           std::int64_t arrivalUs) {
  bytes_.fetch_add(bytes.size(), std::memory_order_relaxed);
  decoder.feed(bytes, [&](protocol::DecodeStatus status, const protocol::Message& message,
                          const protocol::DecodeError& error) {
    if (status == protocol::DecodeStatus::kMessage) {
      messages_.fetch_add(1, std::memory_order_relaxed);
      inbox_.push(message, arrivalUs);
    } else {
      rejected_.fetch_add(1, std::memory_order_relaxed);
      // Decide before describing: a flood of garbage must not cost a string each.
      std::uint64_t held = 0;
      if (logLimit_.allow(arrivalUs, held)) {
        std::string line = name_ + ": rejected a frame: " + protocol::describe(error);
        if (held > 0)
          line += " (and " + std::to_string(held) + " more problems not shown)";
        logLine(line);
      }
    }
  });
}

}  // namespace drishti::app
