// SpscQueue: a fixed-size lock-free queue of values between two threads.
//
// Represents: up to N-1 values of T in order (N a power of two), stored inline.
// Used for messages from the tracking thread to the sender (samples, blinks,
// acks) and for host commands from the sender to the tracking thread.
// Requires: one producer thread calls push(), one consumer thread calls pop();
// T is copyable without allocating (the protocol messages are).
// Ensures: never blocks, never allocates; push() into a full queue fails
// (the caller counts it) rather than waiting.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>

namespace drishti::io {

template <class T, std::size_t N>
class SpscQueue {
  static_assert(N >= 2 && (N & (N - 1)) == 0, "capacity must be a power of two");

 public:
  bool push(const T& value) {
    const std::uint64_t t = tail_.load(std::memory_order_relaxed);
    if (t - head_.load(std::memory_order_acquire) >= N - 1)
      return false;
    items_[t & (N - 1)] = value;
    tail_.store(t + 1, std::memory_order_release);
    return true;
  }

  bool pop(T& out) {
    const std::uint64_t h = head_.load(std::memory_order_relaxed);
    if (h == tail_.load(std::memory_order_acquire))
      return false;
    out = items_[h & (N - 1)];
    head_.store(h + 1, std::memory_order_release);
    return true;
  }

  bool empty() const {
    return head_.load(std::memory_order_acquire) == tail_.load(std::memory_order_acquire);
  }

 private:
  std::array<T, N> items_{};
  alignas(64) std::atomic<std::uint64_t> head_{0};
  alignas(64) std::atomic<std::uint64_t> tail_{0};
};

}  // namespace drishti::io
