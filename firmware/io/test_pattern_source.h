// TestPatternSource: a FrameSource that generates the TestPattern clip.
//
// Represents: an endless virtual camera (no hardware), paced at spec.fps or
// as fast as the reader takes frames. Frame stamps are the pace schedule
// (StampOrigin::kPaced). Used by `source = pattern` in a board config, by the
// tests and by the pipeline benchmarks.
// Thread safety: none (one capture thread).
#pragma once

#include "firmware/io/frame_source.h"
#include "firmware/io/pacer.h"
#include "firmware/io/test_pattern.h"

namespace drishti::io {

class TestPatternSource : public FrameSource {
 public:
  TestPatternSource(const PatternSpec& spec, bool paced);

  bool open(std::string& error) override;
  ReadStatus read(Frame& frame) override;
  void close() override;
  std::string describe() const override;
  double nominalFps() const override { return pattern_.spec().fps; }

  const TestPattern& pattern() const { return pattern_; }

 private:
  TestPattern pattern_;
  Pacer pacer_;
  std::uint64_t index_ = 0;
  bool open_ = false;
};

}  // namespace drishti::io
