// WireInbox: decoded wire messages on their way from a receiver thread to the
// app's loop.
//
// Represents: a fixed-size ring of (message, arrival time) that drops the
// oldest entry when full, so a stalled UI never makes a receiver block or the
// memory grow; drops are counted. The ring is allocated once. A mutex guards
// it (held for one copy): receivers are not real-time threads and messages
// come at camera rate (~30-60 per second), far from contention.
//
// Thread safety: push() from any number of receiver threads, drain() from
// the app's thread.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <vector>

#include "firmware/protocol/messages.h"

namespace drishti::app {

struct WireMessage {
  protocol::Message message;
  std::int64_t arrivalUs = 0;  // host monotonic µs when the bytes were read
};

class WireInbox {
 public:
  explicit WireInbox(std::size_t capacity = 1024) : ring_(capacity) {}

  // Called after every push (from the receiver's thread): lets the app's loop
  // wake up at once instead of at its next frame.
  void setWakeUp(std::function<void()> wakeUp) { wakeUp_ = std::move(wakeUp); }

  void push(const protocol::Message& message, std::int64_t arrivalUs);

  // Calls f(const WireMessage&) for every message in arrival order and empties the ring.
  template <class F>
  void drain(F&& f) {
    std::lock_guard lock(mutex_);
    while (count_ > 0) {
      f(ring_[head_]);
      head_ = (head_ + 1) % ring_.size();
      --count_;
    }
  }

  std::uint64_t dropped() const {
    std::lock_guard lock(mutex_);
    return dropped_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<WireMessage> ring_;
  std::size_t head_ = 0;
  std::size_t count_ = 0;
  std::uint64_t dropped_ = 0;
  std::function<void()> wakeUp_;
};

}  // namespace drishti::app
