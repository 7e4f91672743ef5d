#include "firmware/io/test_pattern_source.h"

namespace drishti::io {

TestPatternSource::TestPatternSource(const PatternSpec& spec, bool paced)
    : pattern_(spec), pacer_(spec.fps, paced) {}

bool TestPatternSource::open(std::string& /*error*/) {
  index_ = 0;
  pacer_.restart();
  open_ = true;
  return true;
}

ReadStatus TestPatternSource::read(Frame& frame) {
  if (!open_)
    return ReadStatus::kFailed;
  std::uint64_t skipped = 0;
  frame.captureUs = pacer_.waitForNext(&skipped);
  index_ += skipped;  // a late reader misses frames, as with a camera
  frame.missedBefore = static_cast<std::uint32_t>(skipped);
  pattern_.draw(index_, frame.image);
  frame.index = index_++;
  frame.stamp = StampOrigin::kPaced;
  return ReadStatus::kFrame;
}

void TestPatternSource::close() {
  open_ = false;
}

std::string TestPatternSource::describe() const {
  const PatternSpec& s = pattern_.spec();
  return "test pattern " + std::to_string(s.width) + "x" + std::to_string(s.height) +
         (s.colour ? " colour" : " grey") + (pacer_.paced() ? "" : " unpaced");
}

}  // namespace drishti::io
