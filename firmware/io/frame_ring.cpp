#include "firmware/io/frame_ring.h"

#include <cassert>

namespace drishti::io {

FrameRing::FrameRing(std::size_t capacity, cv::Size size, int type)
    : capacity_(capacity < 1 ? 1 : capacity),
      slots_(capacity_ + 2),
      waiting_(new std::atomic<std::uint32_t>[capacity_]),
      free_(new std::atomic<std::uint32_t>[capacity_ + 2]) {
  for (auto& slot : slots_) {
    if (size.area() > 0)
      slot.image.create(size, type);
  }
  for (std::uint32_t i = 0; i < slots_.size(); ++i)
    pushFree(i);
}

void FrameRing::pushFree(std::uint32_t slot) {
  const std::uint64_t t = freeTail_.load(std::memory_order_relaxed);
  free_[t % slots_.size()].store(slot, std::memory_order_relaxed);
  freeTail_.store(t + 1, std::memory_order_release);
}

std::uint32_t FrameRing::popFree() {
  const std::uint64_t h = freeHead_.load(std::memory_order_relaxed);
  if (h == freeTail_.load(std::memory_order_acquire))
    return kNone;
  const std::uint32_t slot = free_[h % slots_.size()].load(std::memory_order_relaxed);
  freeHead_.store(h + 1, std::memory_order_release);
  return slot;
}

Frame& FrameRing::beginWrite() {
  if (writing_ == kNone) {
    if (spare_ != kNone) {
      writing_ = spare_;
      spare_ = kNone;
    } else {
      writing_ = popFree();
    }
  }
  // capacity+2 slots: at most capacity wait and one is the consumer's, so one
  // is always free or spare when the producer holds none.
  assert(writing_ != kNone);
  return slots_[writing_];
}

// Both threads pop from the head: the consumer to take a frame, the producer to
// drop one. The compare-exchange decides who gets it; the loser sees the head
// moved and tries again (or, for a drop, finds the ring no longer full).
bool FrameRing::popOldest(std::uint32_t& slot, bool onlyIfFull) {
  std::uint64_t h = head_.load(std::memory_order_acquire);
  while (true) {
    const std::uint64_t t = tail_.load(std::memory_order_acquire);
    if (h == t || (onlyIfFull && t - h < capacity_))
      return false;
    slot = waiting_[h % capacity_].load(std::memory_order_relaxed);
    if (head_.compare_exchange_weak(h, h + 1, std::memory_order_acq_rel, std::memory_order_acquire))
      return true;
  }
}

bool FrameRing::commitWrite() {
  assert(writing_ != kNone);
  bool dropped = false;
  std::uint32_t oldest = kNone;
  if (popOldest(oldest, /*onlyIfFull=*/true)) {
    spare_ = oldest;
    dropped = true;
    dropped_.fetch_add(1, std::memory_order_relaxed);
  }
  const std::uint64_t t = tail_.load(std::memory_order_relaxed);
  waiting_[t % capacity_].store(writing_, std::memory_order_relaxed);
  tail_.store(t + 1, std::memory_order_release);
  writing_ = kNone;
  committed_.fetch_add(1, std::memory_order_relaxed);
  ready_.ring();
  return dropped;
}

Frame* FrameRing::acquire() {
  assert(reading_ == kNone);
  std::uint32_t slot = kNone;
  if (!popOldest(slot, /*onlyIfFull=*/false))
    return nullptr;
  reading_ = slot;
  return &slots_[slot];
}

void FrameRing::release() {
  if (reading_ == kNone)
    return;
  pushFree(reading_);
  reading_ = kNone;
}

}  // namespace drishti::io
