// FrameRing: the hand-over of frames from the capture thread to the tracking
// thread: fixed size, single producer, single consumer, drops the oldest.
//
// Represents: capacity+2 frame slots allocated once and cycled: the producer
// fills one, the consumer works on one, and up to `capacity` wait in order.
// When the producer commits into a full ring the oldest waiting frame is
// dropped (and counted) and its slot is reused, so the camera never waits for
// tracking and the tracker always gets the freshest frames; nothing queues
// without bound.
// Requires: one producer thread (beginWrite/commitWrite) and one consumer
// thread (acquire/release), each with at most one slot out at a time.
// Ensures: lock-free, never blocks, never allocates after construction; a
// frame the consumer holds is never written by the producer; every committed
// frame is either acquired once or counted in dropped().
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <opencv2/core/types.hpp>
#include <vector>

#include "firmware/io/doorbell.h"
#include "firmware/io/frame.h"

namespace drishti::io {

class FrameRing {
 public:
  // `capacity` >= 1 frames may wait. Slot images are allocated here at
  // `size`/`type` (the camera's), so the first frames need no allocation either.
  FrameRing(std::size_t capacity, cv::Size size, int type);

  // Producer: the slot to fill next (the same one until commitWrite()).
  Frame& beginWrite();
  // Producer: publishes the slot filled since beginWrite() and rings
  // readyBell(). Returns true if the oldest waiting frame was dropped for it.
  bool commitWrite();

  // Consumer: the oldest waiting frame, or nullptr if none. Stays the
  // consumer's until release().
  Frame* acquire();
  void release();

  // Rung on every commit; the consumer polls it (and drains it before acquiring).
  Doorbell& readyBell() { return ready_; }

  std::size_t capacity() const { return capacity_; }
  // Producer: true if a commit now would drop the oldest waiting frame.
  bool full() const {
    return tail_.load(std::memory_order_relaxed) - head_.load(std::memory_order_acquire) >=
           capacity_;
  }
  std::uint64_t committed() const { return committed_.load(std::memory_order_relaxed); }
  std::uint64_t dropped() const { return dropped_.load(std::memory_order_relaxed); }

 private:
  static constexpr std::uint32_t kNone = UINT32_MAX;

  bool popOldest(std::uint32_t& slot, bool onlyIfFull);
  void pushFree(std::uint32_t slot);
  std::uint32_t popFree();

  const std::size_t capacity_;
  std::vector<Frame> slots_;
  std::unique_ptr<std::atomic<std::uint32_t>[]> waiting_;  // capacity_ slot numbers
  std::atomic<std::uint64_t> head_{0};                     // next to acquire (or drop)
  std::atomic<std::uint64_t> tail_{0};                     // next to commit
  std::unique_ptr<std::atomic<std::uint32_t>[]> free_;     // released slots, consumer -> producer
  std::atomic<std::uint64_t> freeHead_{0};
  std::atomic<std::uint64_t> freeTail_{0};
  std::uint32_t writing_ = kNone;  // producer's slot
  std::uint32_t spare_ = kNone;    // producer's: slot of the last dropped frame
  std::uint32_t reading_ = kNone;  // consumer's slot
  std::atomic<std::uint64_t> committed_{0};
  std::atomic<std::uint64_t> dropped_{0};
  Doorbell ready_;
};

}  // namespace drishti::io
