// ScriptedSource: a FrameSource whose faults a test switches on and off while
// the pipeline runs: frames of the test pattern, then a stall (reads time out),
// an unplug (reads fail and the device cannot be opened), corrupt frames, or
// frames of the wrong size, and back to frames.
// Thread safety: the mode setters may be called from the test thread while
// the capture thread reads.
#pragma once

#include <atomic>
#include <thread>

#include "firmware/io/frame_source.h"
#include "firmware/io/monotonic_clock.h"
#include "firmware/io/pacer.h"
#include "firmware/io/test_pattern.h"

namespace drishti::test {

class ScriptedSource : public io::FrameSource {
 public:
  enum class Mode { kFrames, kStall, kUnplugged, kCorrupt, kWrongSize, kEnd };

  explicit ScriptedSource(double fps = 100, int timeoutMs = 50)
      : pattern_(io::PatternSpec{320, 240, false, fps}), pacer_(fps, true), timeoutMs_(timeoutMs) {}

  void setMode(Mode mode) { mode_.store(mode); }
  int opens() const { return opens_.load(); }
  int failedOpens() const { return failedOpens_.load(); }

  bool open(std::string& error) override {
    if (mode_.load() == Mode::kUnplugged) {
      ++failedOpens_;
      error = "scripted camera: unplugged";
      return false;
    }
    ++opens_;
    pacer_.restart();
    return true;
  }

  io::ReadStatus read(io::Frame& frame) override {
    switch (mode_.load()) {
      case Mode::kStall:
        std::this_thread::sleep_for(std::chrono::milliseconds(timeoutMs_));
        return io::ReadStatus::kTimeout;
      case Mode::kUnplugged:
        return io::ReadStatus::kFailed;
      case Mode::kEnd:
        return io::ReadStatus::kEnd;
      case Mode::kCorrupt:
        pacer_.waitForNext();
        return io::ReadStatus::kCorrupt;
      case Mode::kWrongSize:
        frame.captureUs = pacer_.waitForNext();
        frame.image.create(100, 100, CV_8UC1);  // not the stream's size
        frame.image.setTo(0);
        return io::ReadStatus::kFrame;
      case Mode::kFrames:
        break;
    }
    frame.captureUs = pacer_.waitForNext();
    pattern_.draw(index_, frame.image);
    frame.index = index_++;
    frame.stamp = io::StampOrigin::kPaced;
    return io::ReadStatus::kFrame;
  }

  void close() override {}
  std::string describe() const override { return "scripted camera"; }
  double nominalFps() const override { return pattern_.spec().fps; }

 private:
  io::TestPattern pattern_;
  io::Pacer pacer_;
  int timeoutMs_;
  std::uint64_t index_ = 0;
  std::atomic<Mode> mode_{Mode::kFrames};
  std::atomic<int> opens_{0};
  std::atomic<int> failedOpens_{0};
};

}  // namespace drishti::test
