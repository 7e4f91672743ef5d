#include "firmware/io/frame_ring.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <thread>
#include <vector>

#include "firmware/io/test_pattern.h"

namespace drishti::io {
namespace {

void fill(FrameRing& ring, std::uint64_t index) {
  Frame& f = ring.beginWrite();
  f.index = index;
  f.captureUs = index * 10;
  f.image.setTo(cv::Scalar::all(static_cast<double>(index % 256)));
}

TEST_CASE("frames come out in the order they were committed") {
  FrameRing ring(4, {8, 8}, CV_8UC1);
  for (std::uint64_t i = 0; i < 3; ++i) {
    fill(ring, i);
    REQUIRE_FALSE(ring.commitWrite());
  }
  for (std::uint64_t i = 0; i < 3; ++i) {
    Frame* f = ring.acquire();
    REQUIRE(f != nullptr);
    CHECK(f->index == i);
    CHECK(f->captureUs == i * 10);
    ring.release();
  }
  CHECK(ring.acquire() == nullptr);
  CHECK(ring.dropped() == 0);
}

TEST_CASE("a full ring drops its oldest frame, never the new one") {
  FrameRing ring(3, {8, 8}, CV_8UC1);
  for (std::uint64_t i = 0; i < 10; ++i) {
    fill(ring, i);
    CHECK(ring.commitWrite() == (i >= 3));
  }
  CHECK(ring.dropped() == 7);
  CHECK(ring.committed() == 10);
  std::vector<std::uint64_t> got;
  while (Frame* f = ring.acquire()) {
    got.push_back(f->index);
    ring.release();
  }
  CHECK(got == std::vector<std::uint64_t>{7, 8, 9});
}

TEST_CASE("the frame the consumer holds is never written while it holds it") {
  FrameRing ring(2, {8, 8}, CV_8UC1);
  fill(ring, 1);
  ring.commitWrite();
  Frame* held = ring.acquire();
  REQUIRE(held != nullptr);
  const std::uint8_t* pixels = held->image.data;
  // The producer runs far ahead while the consumer holds its frame.
  for (std::uint64_t i = 2; i < 50; ++i) {
    Frame& slot = ring.beginWrite();
    CHECK(&slot != held);
    CHECK(slot.image.data != pixels);
    fill(ring, i);
    ring.commitWrite();
  }
  CHECK(held->index == 1);
  CHECK(held->image.at<std::uint8_t>(0, 0) == 1);
  ring.release();
}

TEST_CASE("slot images are allocated once and then reused") {
  FrameRing ring(2, {64, 48}, CV_8UC1);
  std::vector<const std::uint8_t*> buffers;
  for (int i = 0; i < 20; ++i) {
    Frame& f = ring.beginWrite();
    f.image.create(48, 64, CV_8UC1);  // what a source does: keeps a fitting buffer
    buffers.push_back(f.image.data);
    ring.commitWrite();
    if (i % 3 == 0) {
      if (ring.acquire() != nullptr)
        ring.release();
    }
  }
  std::sort(buffers.begin(), buffers.end());
  buffers.erase(std::unique(buffers.begin(), buffers.end()), buffers.end());
  CHECK(buffers.size() <= 4);  // capacity + 2 slots
}

// The producer runs flat out while the consumer is slow: frames must be
// dropped (counted), never torn, never delivered twice or out of order.
TEST_CASE("a producer faster than the consumer loses only the oldest frames, whole") {
  const PatternSpec spec{320, 240, false, 30};
  const TestPattern pattern(spec);
  FrameRing ring(3, {spec.width, spec.height}, CV_8UC1);
  constexpr std::uint64_t kFrames = 3000;
  std::atomic<bool> done{false};

  std::thread producer([&] {
    for (std::uint64_t i = 0; i < kFrames; ++i) {
      Frame& f = ring.beginWrite();
      pattern.draw(i, f.image);
      f.index = i;
      ring.commitWrite();
    }
    done = true;
  });

  std::uint64_t received = 0, torn = 0, outOfOrder = 0;
  std::int64_t last = -1;
  std::size_t maxWaiting = 0;
  while (true) {
    Frame* f = ring.acquire();
    if (f == nullptr) {
      if (done.load()) {
        if ((f = ring.acquire()) == nullptr)
          break;
      } else {
        std::this_thread::yield();
        continue;
      }
    }
    ++received;
    if (TestPattern::readIndex(f->image) != static_cast<std::int64_t>(f->index))
      ++torn;
    if (static_cast<std::int64_t>(f->index) <= last)
      ++outOfOrder;
    last = static_cast<std::int64_t>(f->index);
    maxWaiting = std::max<std::size_t>(maxWaiting, ring.committed() - received - ring.dropped());
    // A slow consumer: the producer gets well ahead.
    std::this_thread::sleep_for(std::chrono::microseconds(200));
    ring.release();
  }
  producer.join();

  INFO("received " << received << ", dropped " << ring.dropped());
  CHECK(torn == 0);
  CHECK(outOfOrder == 0);
  CHECK(ring.dropped() > 0);
  CHECK(received + ring.dropped() == kFrames);
  CHECK(last == static_cast<std::int64_t>(kFrames - 1));  // the newest frame always arrives
}

}  // namespace
}  // namespace drishti::io
