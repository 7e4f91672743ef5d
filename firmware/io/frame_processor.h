// FrameProcessor: the narrow interface between drishti-tracker's real-time
// loop and whatever measures the eyes (the tracking core, or PatternProcessor
// in tests and benchmarks).
//
// Represents: a stateful per-video tracker fed frames in capture order.
// Requires: one thread (the tracking thread) calls every method; frames come
// with non-decreasing capture times (µs, monotonic); the image is CV_8UC1 or
// CV_8UC3 and stays valid only for the duration of the call.
// Ensures: process() never throws, never blocks on I/O, and after warm-up
// allocates a bounded amount (ideally nothing); it fills `sample` (all fields
// except seq and sendUs, which the sender sets) and appends at most
// kMaxBlinksPerFrame blink events to `blinks`. Parameter and calibration hooks
// are called between frames, never during process() (checkParameter excepted).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <opencv2/core/mat.hpp>
#include <span>
#include <string_view>

#include "firmware/protocol/messages.h"

namespace drishti::io {

enum class ProcessStatus : std::uint8_t {
  kOk,            // sample filled; its state says whether a face was tracked
  kBadFrame,      // the image cannot be used (wrong type or size); sample not filled
  kInternalError  // the processor failed on this frame; sample not filled
};

inline constexpr std::size_t kMaxBlinksPerFrame = 2;

// Blink events a processor emits on one frame (fixed capacity: no allocation).
class BlinkList {
 public:
  bool push(const protocol::BlinkEvent& blink) {
    if (size_ == items_.size())
      return false;
    items_[size_++] = blink;
    return true;
  }
  void clear() { size_ = 0; }
  std::span<const protocol::BlinkEvent> items() const { return {items_.data(), size_}; }
  std::size_t size() const { return size_; }

 private:
  std::array<protocol::BlinkEvent, kMaxBlinksPerFrame> items_{};
  std::size_t size_ = 0;
};

class FrameProcessor {
 public:
  virtual ~FrameProcessor() = default;

  virtual ProcessStatus process(const cv::Mat& image, std::uint64_t captureUs,
                                protocol::EyeSample& sample, BlinkList& blinks) = 0;

  // Sets one tunable, by name, in the unit the name says (e.g. "long_blink_ms").
  // Returns kOk, kUnknownParameter or kOutOfRange; a rejected value changes nothing.
  virtual protocol::AckResult setParameter(std::string_view name, double value) = 0;

  // What setParameter() would answer, without changing anything. Reads no
  // state that process() changes, so any thread may call it (the main thread
  // checks a reloaded board file's [parameters] while tracking runs).
  virtual protocol::AckResult checkParameter(std::string_view name, double value) const = 0;

  // Calibration: the host shows targets and wants every sample, unfiltered.
  virtual void setCalibrationMode(bool on) = 0;

  // Forgets tracking state (after the camera was lost and came back, or the
  // source was replaced): the next frame starts a fresh search.
  virtual void reset() = 0;

  // Short name for logs and the status line, e.g. "pattern" or "core".
  virtual std::string_view name() const = 0;
};

}  // namespace drishti::io
