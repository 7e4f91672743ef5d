// Frame: one camera image and when it was captured.
//
// Represents: a slot of the frame pool. The image buffer is allocated when the
// source first fills the slot and then reused for every later frame of the same
// size and type (cv::Mat::create keeps a buffer that already fits), so the
// steady-state capture path allocates nothing. Sources write into a Frame they
// are lent; the tracking thread reads it; neither keeps a reference afterwards.
// Thread safety: none; the FrameRing hands each slot to one thread at a time.
#pragma once

#include <cstdint>
#include <opencv2/core/mat.hpp>
#include <string_view>

namespace drishti::io {

// Where a frame's capture time came from.
enum class StampOrigin : std::uint8_t {
  kDriver,   // the V4L2 buffer timestamp (CLOCK_MONOTONIC, set by the driver)
  kDequeue,  // the monotonic clock when the frame was dequeued
  kPaced,    // a replayed file or generated pattern: the moment it was due
};

std::string_view name(StampOrigin origin);

struct Frame {
  cv::Mat image;                // CV_8UC1 (grey) or CV_8UC3 (BGR), full camera resolution
  std::uint64_t captureUs = 0;  // monotonic µs (monotonic_clock.h)
  std::uint64_t index = 0;      // the source's frame counter since it was opened
  StampOrigin stamp = StampOrigin::kDequeue;
  // Frames the source lost just before this one because it was read too late
  // (a camera's driver drops them when its buffers are full; a replay or the
  // pattern skips them). Counted as frames in and dropped.
  std::uint32_t missedBefore = 0;
};

}  // namespace drishti::io
